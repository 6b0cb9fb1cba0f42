/** `--context KEY=VALUE`: repeatable, multi-valued keys, values checked against the key's documented type. */
import { describe, expect, it } from 'vitest';
import { ALICE, expectJsonError, expectUsageError, fixture, iamwhy } from './helpers.js';

const TAG_KEYS = fixture('tag-keys.json');
const SOURCE_IP = fixture('source-ip.json');

const createTags = (...context: string[]) =>
  iamwhy([ALICE, 'ec2:CreateTags', '-i', TAG_KEYS, '-o', 'quiet', ...context.flatMap((value) => ['--context', value])]);

describe('--context', () => {
  it('the same key twice makes a multi-valued key (ForAllValues + ForAnyValue on aws:TagKeys)', () => {
    // Both keys in the allowed set, and Owner among them: allowed.
    expect(createTags('aws:TagKeys=Owner', 'aws:TagKeys=Project')).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
    // "Secret" is outside the ForAllValues set: denied.
    expect(createTags('aws:TagKeys=Owner', 'aws:TagKeys=Secret')).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n' });
    // Only Project: ForAnyValue needs Owner among the values: denied.
    expect(createTags('aws:TagKeys=Project')).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n' });
  });

  it('the values of a multi-valued key reach the explanation as a list', () => {
    const run = iamwhy([ALICE, 'ec2:CreateTags', '-i', TAG_KEYS, '-o', 'json', '--context', 'aws:TagKeys=Owner', '--context', 'aws:TagKeys=Project']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as { trace: { context: Array<{ key: string; values: string[]; origin: string }> } };
    const tagKeys = output.trace.context.find((entry) => entry.key.toLowerCase() === 'aws:tagkeys');
    expect(tagKeys?.values).toEqual(['Owner', 'Project']);
  });

  it('keys are matched case-insensitively and typed values are accepted', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', 'arn:aws:s3:::bucket/key', '-i', SOURCE_IP, '-o', 'quiet', '--context', 'aws:sourceip=10.1.2.3', '--context', 'aws:MultiFactorAuthPresent=TRUE']);
    expect(run).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
    const outside = iamwhy([ALICE, 's3:GetObject', '-i', SOURCE_IP, '-o', 'quiet', '--context', 'aws:SourceIp=192.0.2.1', '--context', 'aws:MultiFactorAuthPresent=true']);
    expect(outside).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n' });
  });

  it.each([
    ['aws:CurrentTime=yesterday', /--context aws:CurrentTime=yesterday: aws:CurrentTime is Date; "yesterday" is not an ISO 8601 date/],
    ['aws:SecureTransport=yes', /--context aws:SecureTransport=yes: aws:SecureTransport is Bool; "yes" is not true or false/],
    ['aws:SourceIp=10.0.0.300', /--context aws:SourceIp=10\.0\.0\.300: aws:SourceIp is IPAddress; "10\.0\.0\.300" is not an IPv4 or IPv6 address/],
    ['aws:MultiFactorAuthAge=abc', /--context aws:MultiFactorAuthAge=abc: aws:MultiFactorAuthAge is Numeric; "abc" is not a number/],
    ['aws:SourceArn=bucket', /aws:SourceArn is ARN; "bucket" is not an ARN/],
    ['aws:SourceIp', /--context aws:SourceIp: expected KEY=VALUE/],
    ['=value', /the key before "=" is empty/],
    ['SourceIp=1.2.3.4', /"SourceIp" is not a condition key \(expected prefix:Name/],
  ])('%s is a usage error naming the key and its type', (assignment, pattern) => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', SOURCE_IP, '--context', assignment]), pattern);
  });

  it('a wrong value is also reported as JSON with -o json', () => {
    expectJsonError(iamwhy([ALICE, 's3:GetObject', '-i', SOURCE_IP, '--context', 'aws:SecureTransport=maybe', '-o', 'json']), /aws:SecureTransport is Bool/, 'CONTEXT');
  });

  it('several wrong values: one line each, nothing else', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-i', SOURCE_IP, '--context', 'aws:SecureTransport=maybe', '--context', 'aws:MultiFactorAuthAge=x']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      'iamwhy: --context aws:SecureTransport=maybe: aws:SecureTransport is Bool; "maybe" is not true or false',
      'iamwhy: --context aws:MultiFactorAuthAge=x: aws:MultiFactorAuthAge is Numeric; "x" is not a number',
    ]);
  });

  it('service keys are taken as strings', () => {
    const run = iamwhy([ALICE, 's3:ListBucket', '-r', 'arn:aws:s3:::bucket', '-i', fixture('allow-all.json'), '--context', 's3:prefix=home/', '-o', 'quiet']);
    expect(run).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
  });
});

describe('--region: the region the request goes to, for ARNs without one (AWS global condition context keys: aws:RequestedRegion)', () => {
  const args = [ALICE, 's3:GetObject', '-r', 'arn:aws:s3:::bucket/k', '-i', fixture('allow-all.json'), '--organization-config', fixture('org/org.yaml'), '-o', 'json'];
  it('without it, a region-restricting SCP cannot tell, and the key is reported missing', () => {
    const run = iamwhy(args);
    const output = JSON.parse(run.stdout) as { decision: string; missing_context: Array<{ key: string; could_change_decision: boolean }> };
    expect(output.missing_context.map((entry) => entry.key)).toContain('aws:RequestedRegion');
    expect(output.decision).not.toBe('allowed');
  });
  it('with it, aws:RequestedRegion is set and the SCP decides', () => {
    const inside = JSON.parse(iamwhy([...args, '--region', 'eu-west-1']).stdout) as { decision: string };
    expect(inside.decision).toBe('allowed');
    const outside = JSON.parse(iamwhy([...args, '--region', 'us-east-2']).stdout) as { decision: string; blocked_by: string[] };
    expect(outside.decision).not.toBe('allowed');
    expect(outside.blocked_by).toEqual(['scp']);
  });
  it('a value that is not a region name is a usage error', () => {
    expectUsageError(iamwhy([...args.slice(0, -2), '--region', 'Ireland']), /--region Ireland: not a region name such as eu-west-1/);
  });
});
