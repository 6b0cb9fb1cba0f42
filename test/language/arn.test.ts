import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatArn, matchArnPattern, parseArn } from '../../src/language/arn.js';
import { matchWildcard } from '../../src/language/wildcard.js';

describe('Amazon Resource Names (ARNs) — parseArn', () => {
  it('splits the six parts', () => {
    expect(parseArn('arn:aws:iam::123456789012:role/path/Name')).toEqual({
      partition: 'aws',
      service: 'iam',
      region: '',
      account: '123456789012',
      resource: 'role/path/Name',
    });
  });
  it('keeps colons and slashes in the resource part', () => {
    expect(parseArn('arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1')?.resource).toBe('log-group:app:log-stream:s1');
    expect(parseArn('arn:aws:s3:::bucket/key/with:colon')?.resource).toBe('bucket/key/with:colon');
  });
  it('accepts empty region, account and resource', () => {
    expect(parseArn('arn:aws:s3:::')).toEqual({ partition: 'aws', service: 's3', region: '', account: '', resource: '' });
  });
  it.each(['', '*', 'arn:aws:s3', 'arn:aws:s3::', 'ARN:aws:s3:::b', 'arn::s3:::b', 'arn:aws::::b', 'urn:aws:s3:::b'])('rejects %j', (text) => {
    expect(parseArn(text)).toBeUndefined();
  });
  it('formatArn is the inverse of parseArn', () => {
    const part = fc.array(fc.constantFrom('a', '1', '-', '/'), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
    const optional = fc.array(fc.constantFrom('a', '1', '-'), { maxLength: 6 }).map((chars) => chars.join(''));
    const resource = fc.array(fc.constantFrom('a', ':', '/', '*'), { maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(part, part, optional, optional, resource, (partition, service, region, account, res) => {
        const arn = { partition: partition.replace(/\//g, ''), service: service.replace(/\//g, ''), region, account, resource: res };
        fc.pre(arn.partition !== '' && arn.service !== '');
        expect(parseArn(formatArn(arn))).toEqual(arn);
      }),
    );
  });
});

describe('IAM JSON policy elements: Resource — matchArnPattern checks each component separately', () => {
  it.each([
    ['*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/key/deep', true],
    ['arn:aws:s3:::B', 'arn:aws:s3:::b', false],
    ['arn:aws:iam::*:role/*', 'arn:aws:iam::123456789012:role/Admin', true],
    ['arn:aws:iam::123456789012:user/*', 'arn:aws:iam::123456789012:role/Admin', false],
    ['arn:aws:*:us-east-1:*:*', 'arn:aws:sqs:us-east-1:123456789012:q', true],
    ['arn:aws:*:us-east-1:*:*', 'arn:aws:sqs:eu-west-1:123456789012:q', false],
    // A * in the region cannot swallow the colon that ends it, as a whole-string match would.
    ['arn:aws:sns:us-*:123456789012:t', 'arn:aws:sns:us-east-1:x:123456789012:t', false],
    ['arn:aws:logs:*:*:log-group:app:*', 'arn:aws:logs:us-east-1:1:log-group:app:log-stream:s', true],
    ['arn:aws:logs:*:*:log-group:*:log-stream:s', 'arn:aws:logs:us-east-1:1:log-group:app:log-stream:s', true],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b1', true],
    ['arn:aws:s3:::b?', 'arn:aws:s3:::b', false],
    ['arn:aws:s3:::*', 'arn:aws:s3:::', true],
    // Not ARN-shaped: matched as whole strings.
    ['arn:aws:s3*', 'arn:aws:s3:::b', true],
    ['arn:aws:s3:::b', 'not-an-arn', false],
  ] as const)('%s against %s is %s', (pattern, arn, expected) => {
    expect(matchArnPattern(pattern, arn)).toBe(expected);
  });
  it('is never looser than a whole-string glob (property test)', () => {
    const text = fc.array(fc.constantFrom('a', ':', '*', '?'), { maxLength: 14 }).map((chars) => chars.join(''));
    const arn = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 14 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(text, arn, (pattern, value) => {
        if (matchArnPattern(pattern, value)) expect(matchWildcard(pattern, value)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
