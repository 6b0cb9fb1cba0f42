import { describe, expect, it } from 'vitest';
import { parseContextAssignments } from '../../../src/sources/files/context-assignments.js';
import { checkValue, isDate, isIpOrCidr } from '../../../src/sources/files/context-values.js';

describe('parseContextAssignments', () => {
  it('reads KEY=VALUE pairs, typed by the global key table', () => {
    const result = parseContextAssignments([
      'aws:SourceIp=10.0.0.1',
      'aws:MultiFactorAuthAge=3600',
      'aws:MultiFactorAuthPresent=TRUE',
      'aws:CurrentTime=2025-03-01T10:00:00Z',
      'aws:EpochTime=1700000000',
      'aws:PrincipalTag/team=red',
      's3:prefix=home/alice/',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.context).toEqual({
      'aws:SourceIp': '10.0.0.1',
      'aws:MultiFactorAuthAge': '3600',
      'aws:MultiFactorAuthPresent': 'true',
      'aws:CurrentTime': '2025-03-01T10:00:00Z',
      'aws:EpochTime': '1700000000',
      'aws:PrincipalTag/team': 'red',
      's3:prefix': 'home/alice/',
    });
  });

  it('makes a key given twice multivalued, matching keys case-insensitively', () => {
    const result = parseContextAssignments(['aws:TagKeys=a', 'aws:tagkeys=b', 's3:prefix=x', 'S3:Prefix=y', 'aws:SourceVpc=vpc-1']);
    expect(result.errors).toEqual([]);
    expect(result.context).toEqual({ 'aws:TagKeys': ['a', 'b'], 's3:prefix': ['x', 'y'], 'aws:SourceVpc': 'vpc-1' });
  });

  it('gives ArrayOf keys a list even with one value', () => {
    expect(parseContextAssignments(['aws:CalledVia=athena.amazonaws.com']).context).toEqual({ 'aws:CalledVia': ['athena.amazonaws.com'] });
  });

  it('splits at the first "=" and allows an empty value', () => {
    expect(parseContextAssignments(['aws:RequestTag/expr=a=b', 'aws:referer=']).context).toEqual({
      'aws:RequestTag/expr': 'a=b',
      'aws:referer': '',
    });
  });

  it('reports values that do not fit the key type, naming key and type', () => {
    const result = parseContextAssignments([
      'aws:MultiFactorAuthAge=abc',
      'aws:SecureTransport=yes',
      'aws:SourceIp=10.0.0.300',
      'aws:TokenIssueTime=2025-02-30',
      'aws:SourceArn=bucket',
      'aws:TagKeys=ok',
    ]);
    expect(result.errors).toEqual([
      '--context aws:MultiFactorAuthAge=abc: aws:MultiFactorAuthAge is Numeric; "abc" is not a number',
      '--context aws:SecureTransport=yes: aws:SecureTransport is Bool; "yes" is not true or false',
      '--context aws:SourceIp=10.0.0.300: aws:SourceIp is IPAddress; "10.0.0.300" is not an IPv4 or IPv6 address or CIDR block',
      '--context aws:TokenIssueTime=2025-02-30: aws:TokenIssueTime is Date; "2025-02-30" is not an ISO 8601 date (2024-05-01T12:00:00Z) or epoch seconds',
      '--context aws:SourceArn=bucket: aws:SourceArn is ARN; "bucket" is not an ARN (arn:partition:service:region:account:resource)',
    ]);
    expect(result.context).toEqual({ 'aws:TagKeys': ['ok'] });
  });

  it('reports KEY without "=", an empty key and a key that is no condition key', () => {
    const result = parseContextAssignments(['aws:SourceIp', '=x', 'SourceIp=1.2.3.4'], { flag: '-c' });
    expect(result.errors).toEqual([
      '-c aws:SourceIp: expected KEY=VALUE, e.g. -c aws:SourceIp=203.0.113.7',
      '-c =x: the key before "=" is empty',
      '-c SourceIp=1.2.3.4: "SourceIp" is not a condition key (expected prefix:Name, e.g. aws:SourceIp or s3:prefix)',
    ]);
    expect(result.context).toEqual({});
  });

  it('uses a given key type lookup (e.g. service keys)', () => {
    const result = parseContextAssignments(['s3:max-keys=ten'], {
      keyTypes: (key) => (key.toLowerCase() === 's3:max-keys' ? { type: 'Numeric', multivalued: false } : undefined),
    });
    expect(result.errors).toEqual(['--context s3:max-keys=ten: s3:max-keys is Numeric; "ten" is not a number']);
  });
});

describe('value checks', () => {
  it.each([
    ['2025-01-15', true],
    ['2025-01-15T12:00Z', true],
    ['2025-01-15T12:00:00.123+02:00', true],
    ['2024-02-29T00:00:00Z', true],
    ['1700000000', true],
    ['2023-02-29', false],
    ['2025-13-01', false],
    ['2025-01-15T25:00:00Z', false],
    ['15/01/2025', false],
    ['-5', false],
  ])('date %s → %s', (value, expected) => {
    expect(isDate(value)).toBe(expected);
  });

  it.each([
    ['10.0.0.1', true],
    ['10.0.0.0/8', true],
    ['2001:db8::1', true],
    ['2001:db8::/32', true],
    ['10.0.0.0/33', false],
    ['2001:db8::/129', false],
    ['10.0.0', false],
    ['10.0.0.1/', false],
    ['host.example.com', false],
  ])('IP %s → %s', (value, expected) => {
    expect(isIpOrCidr(value)).toBe(expected);
  });

  it('checks numbers, booleans and leaves strings alone', () => {
    expect(checkValue('-1.5e3', 'Numeric')).toEqual({ ok: true, value: '-1.5e3' });
    expect(checkValue('0x10', 'Numeric').ok).toBe(false);
    expect(checkValue('False', 'ArrayOfBool')).toEqual({ ok: true, value: 'false' });
    expect(checkValue('anything at all', 'String')).toEqual({ ok: true, value: 'anything at all' });
    expect(checkValue('x', 'Unknown')).toEqual({ ok: true, value: 'x' });
  });
});

describe('lax --context values are refused with one line', () => {
  it('"IAM JSON policy elements: Condition operators": a number that reads as Infinity (1e999) is no number to compare', () => {
    const typed = parseContextAssignments(['s3:max-keys=1e999', 's3:max-keys=-1e400', 's3:max-keys=1e3'], {
      keyTypes: (key) => (key === 's3:max-keys' ? { type: 'Numeric', multivalued: false } : undefined),
    });
    expect(typed.errors).toEqual([
      '--context s3:max-keys=1e999: s3:max-keys is Numeric; "1e999" is too large to be a number',
      '--context s3:max-keys=-1e400: s3:max-keys is Numeric; "-1e400" is too large to be a number',
    ]);
    expect(typed.context).toEqual({ 's3:max-keys': '1e3' });
  });

  it('a tag key is required after aws:PrincipalTag/ (a tag key may itself end in "/")', () => {
    const result = parseContextAssignments(['aws:PrincipalTag/=x', 'aws:PrincipalTag/team/=y']);
    expect(result.errors).toEqual(['--context aws:PrincipalTag/=x: "aws:PrincipalTag/" names no tag key after the "/" (e.g. aws:PrincipalTag/team=data)']);
    expect(result.context).toEqual({ 'aws:PrincipalTag/team/': 'y' });
  });

  it('echoes a 200,000-character assignment cut to 200 characters', () => {
    const [error] = parseContextAssignments([`aws:SourceIp=${'9'.repeat(200_000)}`]).errors;
    expect(error!.length).toBeLessThan(500);
    expect(error).toMatch(/^--context aws:SourceIp=9+… \(200,013 characters\): aws:SourceIp is IPAddress; "9{60}…" \(200,000 characters\) is not an IPv4/);
  });
});
