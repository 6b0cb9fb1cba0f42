/**
 * "Blocking public access to your Amazon S3 storage" (S3 User Guide): which
 * bucket policies are public, and what RestrictPublicBuckets and BlockPublicAcls
 * do at request time; BlockPublicPolicy affects only PutBucketPolicy.
 */
import { describe, expect, it } from 'vitest';
import { isPublicBucketPolicy } from '../../src/engine/block-public-access.js';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Request, S3BlockPublicAccess } from '../../src/engine/request.js';
import { explain } from '../../src/explain/explanation.js';
import { effectiveBlockPublicAccess } from '../../src/sources/snapshot/contribution.js';
import { allow, policy, principal } from './helpers.js';

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OBJECT = `${BUCKET}/object-name`;
const statement = (extra: object) => ({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...extra });
const bucketPolicy = (...statements: object[]) => policy('BucketPolicy', 'resource', statements);
const ALL_ON: S3BlockPublicAccess = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const request = (who: string, settings?: S3BlockPublicAccess, extra: Partial<Request> = {}): Request => ({
  principal: principal(who),
  action: 's3:GetObject',
  resource: { arn: OBJECT, account: '111111111111', ...(settings ? { s3BlockPublicAccess: settings } : {}) },
  ...extra,
});

describe('"Blocking public access to your Amazon S3 storage": what "public" means', () => {
  it.each([
    ['Principal "*" with no condition', statement({ Principal: '*' }), true],
    ['{"AWS": "*"} with no condition', statement({ Principal: { AWS: '*' } }), true],
    ['"*" with StringLike aws:SourceVpc vpc-* (a wildcard is not a fixed value)', statement({ Principal: '*', Condition: { StringLike: { 'aws:SourceVpc': 'vpc-*' } } }), true],
    ['"*" with StringEquals aws:SourceVpc vpc-91237329', statement({ Principal: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-91237329' } } }), false],
    ['"*" with aws:PrincipalOrgID fixed', statement({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }), false],
    ['"*" with aws:SourceIp 203.0.113.0/24', statement({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }), false],
    ['"*" with aws:SourceIp 0.0.0.0/1 (broader than /8)', statement({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '0.0.0.0/1' } } }), true],
    ['"*" with aws:SourceIp 10.0.0.0/8 (RFC 1918)', statement({ Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), false],
    ['"*" with a variable in aws:SourceArn', statement({ Principal: '*', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::${aws:username}' } } }), true],
    ['"*" with a condition on another key (aws:SecureTransport)', statement({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }), true],
    ['an AWS account principal', statement({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } }), false],
    ['a service principal', statement({ Principal: { Service: 'cloudtrail.amazonaws.com' } }), false],
  ])('%s → public: %s', (_name, written, expected) => {
    expect(isPublicBucketPolicy(bucketPolicy(written))).toBe(expected);
  });

  it('a Deny never makes a policy public', () => {
    expect(isPublicBucketPolicy(bucketPolicy({ ...statement({ Principal: '*' }), Effect: 'Deny' }))).toBe(false);
  });
});

describe('"Blocking public access to your Amazon S3 storage": RestrictPublicBuckets at request time', () => {
  const publicPolicy = bucketPolicy(statement({ Sid: 'Public', Principal: '*' }));

  it('a caller from another account let in by a public policy is refused, explicitly (AWS names a resource-based policy)', () => {
    const result = evaluate(request('arn:aws:iam::222222222222:user/outsider', ALL_ON), { identity: [policy('Read', 'identity', allow('s3:GetObject'))], resource: publicPolicy });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['s3_block_public_access']);
    expect(result.reason).toBe('block-public-access');
    const explanation = explain(result);
    expect(explanation.cause).toBe('s3_block_public_access');
    // "Troubleshoot access denied (403 Forbidden) errors in Amazon S3": callers from another account get no detail.
    expect(explanation.awsMessage).toBe('Access Denied');
    expect(explanation.path.find((step) => step.layer === 's3_block_public_access')).toMatchObject({ mark: 'deny', detail: expect.stringContaining('RestrictPublicBuckets') });
  });

  it('"This setting also rejects all anonymous (or unsigned) calls" to a bucket with a public policy', () => {
    const anonymous = evaluate(request('anonymous', ALL_ON), { identity: [], resource: publicPolicy });
    expect(anonymous.decision).toBe('explicitDeny');
    // "Any denial resulting from the RestrictPublicBuckets setting is explicit" and names the resource-based policy.
    expect(explain(anonymous).awsMessage).toMatch(/on resource: "arn:aws:s3:::amzn-s3-demo-bucket\/object-name" with an explicit deny in a resource-based policy$/);
    expect(evaluate(request('anonymous', { restrictPublicBuckets: false }), { identity: [], resource: publicPolicy }).decision).toBe('allowed');
  });

  it('principals of the bucket owner’s account still get in', () => {
    expect(evaluate(request('arn:aws:iam::111111111111:user/alice', ALL_ON), { identity: [], resource: publicPolicy }).decision).toBe('allowed');
  });

  it('AWS’s worked example: CloudTrail, Account-2 and a public statement — only CloudTrail gets in; without the public statement Account-2 regains access', () => {
    const cloudTrail = statement({ Sid: 'CloudTrail', Principal: { Service: 'cloudtrail.amazonaws.com' } });
    const account2 = statement({ Sid: 'Account2', Principal: { AWS: 'arn:aws:iam::222222222222:root' } });
    const everyone = statement({ Sid: 'Everyone', Principal: '*' });
    const identity = [policy('Read', 'identity', allow('s3:GetObject'))];
    const withPublic = bucketPolicy(cloudTrail, account2, everyone);
    const service = { ...request('cloudtrail.amazonaws.com', ALL_ON) };
    expect(evaluate(service, { identity: [], resource: withPublic }).decision).toBe('allowed');
    expect(evaluate(request('arn:aws:iam::222222222222:user/bob', ALL_ON), { identity, resource: withPublic }).decision).toBe('explicitDeny');
    expect(evaluate(request('arn:aws:iam::222222222222:user/bob', ALL_ON), { identity, resource: bucketPolicy(cloudTrail, account2) }).decision).toBe('allowed');
  });

  it('a policy that is not public is untouched by RestrictPublicBuckets', () => {
    const pinned = bucketPolicy(statement({ Principal: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }));
    const result = evaluate(request('arn:aws:iam::222222222222:user/bob', ALL_ON, { organization: { principalOrgId: 'o-a1b2c3d4e5' } }), { identity: [policy('Read', 'identity', allow('s3:GetObject'))], resource: pinned });
    expect(result.decision).toBe('allowed');
  });
});

describe('"Blocking public access to your Amazon S3 storage": BlockPublicAcls and BlockPublicPolicy', () => {
  const writer = [policy('Write', 'identity', allow(['s3:PutObject', 's3:PutBucketPolicy']))];
  it('a PutObject that sets a public canned ACL is refused; a private one is not', () => {
    const put = (acl: string) => ({ ...request('arn:aws:iam::111111111111:user/alice', ALL_ON), action: 's3:PutObject', context: { 's3:x-amz-acl': acl } });
    const refused = evaluate(put('public-read'), { identity: writer });
    expect(refused.decision).toBe('explicitDeny');
    expect(explain(refused).awsMessage).toMatch(/because public ACLs are prevented by the BlockPublicAcls setting in S3 Block Public Access$/);
    expect(evaluate(put('private'), { identity: writer }).decision).toBe('allowed');
  });

  it('BlockPublicPolicy on: a PutBucketPolicy is refused if its new policy is public, which the request does not show — an unknown', () => {
    const result = evaluate({ ...request('arn:aws:iam::111111111111:user/alice', ALL_ON), action: 's3:PutBucketPolicy', resource: { arn: BUCKET, account: '111111111111', s3BlockPublicAccess: ALL_ON } }, { identity: writer });
    expect(result.decision).toBe('allowed');
    expect(result.unknowns).toEqual([expect.objectContaining({ layer: 's3_block_public_access', couldLeadTo: 'explicitDeny', detail: expect.stringContaining('BlockPublicPolicy is on') })]);
  });
});

describe('"Blocking public access to your Amazon S3 storage": settings iamwhy does not know', () => {
  it('unknown settings while a public bucket policy lets an outside caller in: an unknown that could deny', () => {
    const result = evaluate(request('anonymous'), { identity: [], resource: bucketPolicy(statement({ Principal: '*' })) });
    expect(result.decision).toBe('allowed');
    expect(result.unknowns).toEqual([expect.objectContaining({ kind: 'policy_not_supplied', layer: 's3_block_public_access', couldLeadTo: 'explicitDeny' })]);
  });

  it('no unknown for a caller of the owner’s account, or a policy that is not public', () => {
    expect(evaluate(request('arn:aws:iam::111111111111:user/alice'), { identity: [], resource: bucketPolicy(statement({ Principal: '*' })) }).unknowns).toEqual([]);
    const named = bucketPolicy(statement({ Principal: { AWS: 'arn:aws:iam::222222222222:root' } }));
    expect(evaluate(request('arn:aws:iam::222222222222:user/bob'), { identity: [policy('Read', 'identity', allow('s3:GetObject'))], resource: named }).unknowns).toEqual([]);
  });

  it('"If the block public access settings for the access point, bucket, or account differ, then Amazon S3 applies the most restrictive combination"', () => {
    expect(effectiveBlockPublicAccess({ RestrictPublicBuckets: false, BlockPublicAcls: true }, { RestrictPublicBuckets: true, BlockPublicAcls: false })).toEqual({
      restrictPublicBuckets: true,
      blockPublicAcls: true,
    });
    expect(effectiveBlockPublicAccess({ RestrictPublicBuckets: false }, { RestrictPublicBuckets: false })).toEqual({ restrictPublicBuckets: false });
    expect(effectiveBlockPublicAccess(undefined, { IgnorePublicAcls: false })).toEqual({});
  });
});
