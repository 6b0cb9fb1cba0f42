import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import { ALICE, BOB_OTHER_ACCOUNT, BUCKET, DEV_ROLE, DEV_SESSION, OBJECT, allow, deny, policy, req } from './helpers.js';

const bucketPolicyFor = (principalValue: unknown): ReturnType<typeof policy> =>
  policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'Grant', Principal: principalValue }));
const narrowBoundary = policy('Boundary', 'permissions-boundary', allow('ec2:Describe*'));
const sessionPolicy = policy('SessionPolicy', 'session', allow('ec2:Describe*'));

describe('How AWS enforcement code logic evaluates requests — resource-based policies and implicit denies in other policy types (same account)', () => {
  it('a resource policy naming the IAM user ARN grants without any identity policy', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: ALICE }) });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-resource');
  });
  it('IAM user ARN: the grant is not limited by an implicit deny in the permissions boundary', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: ALICE }), permissionsBoundary: narrowBoundary });
    expect(result.decision).toBe('allowed');
  });
  it('role session ARN: the grant is not limited by implicit denies in identity, boundary or session policies', () => {
    const set: PolicySet = { identity: [], resource: bucketPolicyFor({ AWS: DEV_SESSION }), permissionsBoundary: narrowBoundary, session: [sessionPolicy] };
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), set).decision).toBe('allowed');
  });
  it('role ARN: the grant is limited by an implicit deny in the permissions boundary', () => {
    const set: PolicySet = { identity: [], resource: bucketPolicyFor({ AWS: DEV_ROLE }), permissionsBoundary: narrowBoundary };
    const result = evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), set);
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['permissions_boundary']);
    expect(result.reason).toBe('gate-denies');
  });
  it('role ARN: the grant is limited by an implicit deny in a session policy', () => {
    const set: PolicySet = { identity: [], resource: bucketPolicyFor({ AWS: DEV_ROLE }), session: [sessionPolicy] };
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), set).blockedBy).toEqual(['session_policy']);
  });
  it('role ARN without boundary or session policy: the resource policy alone grants (identity OR resource)', () => {
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: DEV_ROLE }) }).decision).toBe('allowed');
  });
  it('federated user ARN: treated like a role session — not limited', () => {
    const fed = 'arn:aws:sts::111111111111:federated-user/carol';
    const set: PolicySet = { identity: [], resource: bucketPolicyFor({ AWS: fed }), session: [sessionPolicy] };
    expect(evaluate(req(fed, 's3:GetObject', OBJECT), set).decision).toBe('allowed');
  });
  it('an explicit deny in the resource policy applies whatever the identity policies allow', () => {
    const denying = policy('BucketPolicy', 'resource', deny('s3:*', `${BUCKET}/*`, { Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:SecureTransport': 'false' } }), { identity: [policy('S3', 'identity', allow('s3:*'))], resource: denying });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['resource']);
  });
  it('a resource policy naming only the account delegates to identity policies', () => {
    const set: PolicySet = { identity: [], resource: bucketPolicyFor({ AWS: 'arn:aws:iam::111111111111:root' }) };
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), set).decision).toBe('implicitDeny');
  });
});

describe('Cross-account policy evaluation logic', () => {
  const bobCanRead = policy('BobRead', 'identity', allow('s3:GetObject', `${BUCKET}/*`));
  it('an identity policy alone is not enough: the resource policy must allow too', () => {
    const result = evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [bobCanRead] });
    expect(result.request.crossAccount).toBe(true);
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['resource']);
    expect(result.reason).toBe('cross-account-resource-missing');
  });
  it('a resource policy alone is not enough: the principal’s identity policy must allow too', () => {
    const result = evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: BOB_OTHER_ACCOUNT }) });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['identity']);
    expect(result.reason).toBe('cross-account-identity-missing');
  });
  it('both sides allowing grants', () => {
    const result = evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [bobCanRead], resource: bucketPolicyFor({ AWS: BOB_OTHER_ACCOUNT }) });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-both');
  });
  it('a resource policy naming the other account (root or bare id) delegates to that account’s identity policies', () => {
    for (const named of ['arn:aws:iam::222222222222:root', '222222222222']) {
      expect(evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [bobCanRead], resource: bucketPolicyFor({ AWS: named }) }).decision).toBe('allowed');
      expect(evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: named }) }).decision).toBe('implicitDeny');
    }
  });
  it('the caller’s permissions boundary still limits cross-account access', () => {
    const result = evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [bobCanRead], resource: bucketPolicyFor({ AWS: BOB_OTHER_ACCOUNT }), permissionsBoundary: narrowBoundary });
    expect(result.blockedBy).toEqual(['permissions_boundary']);
  });
});

describe('Role trust policies and KMS key policies must allow the principal (How AWS enforcement code logic evaluates requests)', () => {
  const target = 'arn:aws:iam::111111111111:role/Deployer';
  const assume = policy('AssumeDeployer', 'identity', allow('sts:AssumeRole', target));
  const trust = (principalValue: unknown): ReturnType<typeof policy> =>
    policy('Deployer-trust', 'trust', { Effect: 'Allow', Principal: principalValue, Action: 'sts:AssumeRole' });

  it('same account: a trust policy naming the principal allows AssumeRole without an identity policy', () => {
    expect(evaluate(req(ALICE, 'sts:AssumeRole', target), { identity: [], resource: trust({ AWS: ALICE }) }).decision).toBe('allowed');
  });
  it('same account: a trust policy trusting the account needs an identity policy that allows sts:AssumeRole', () => {
    const trustsAccount = trust({ AWS: 'arn:aws:iam::111111111111:root' });
    expect(evaluate(req(ALICE, 'sts:AssumeRole', target), { identity: [assume], resource: trustsAccount }).decision).toBe('allowed');
    const without = evaluate(req(ALICE, 'sts:AssumeRole', target), { identity: [], resource: trustsAccount });
    expect(without.decision).toBe('implicitDeny');
    expect(without.blockedBy).toEqual(['identity']);
  });
  it('same account: an identity policy alone never suffices when the trust policy does not allow the principal', () => {
    const result = evaluate(req(ALICE, 'sts:AssumeRole', target), { identity: [assume], resource: trust({ Service: 'ec2.amazonaws.com' }) });
    expect(result.decision).toBe('implicitDeny');
    expect(result.reason).toBe('trust-policy-missing');
    expect(result.blockedBy).toEqual(['resource']);
  });
  it('a service principal assumes a role its trust policy names', () => {
    expect(evaluate(req('ec2.amazonaws.com', 'sts:AssumeRole', target), { identity: [], resource: trust({ Service: 'ec2.amazonaws.com' }) }).decision).toBe('allowed');
  });
  it('KMS: an identity policy takes effect only when the key policy delegates to the account', () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const use = policy('KmsUse', 'identity', allow('kms:Decrypt', key));
    const delegating = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Principal: { AWS: 'arn:aws:iam::111111111111:root' } }));
    const adminOnly = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Principal: { AWS: 'arn:aws:iam::111111111111:role/KeyAdmin' } }));
    expect(evaluate(req(ALICE, 'kms:Decrypt', key), { identity: [use], resource: delegating }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 'kms:Decrypt', key), { identity: [use], resource: adminOnly }).reason).toBe('trust-policy-missing');
  });
});

describe('AWS JSON policy elements: NotPrincipal', () => {
  const notPrincipalDeny = (listed: string[]): ReturnType<typeof policy> =>
    policy('BucketPolicy', 'resource', [
      allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }),
      deny('s3:*', `${BUCKET}/*`, { Sid: 'OnlyListed', NotPrincipal: { AWS: listed } }),
    ]);
  it('Deny with NotPrincipal denies every principal not listed', () => {
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: notPrincipalDeny(['arn:aws:iam::111111111111:user/admin', 'arn:aws:iam::111111111111:root']) }).decision).toBe('explicitDeny');
  });
  it('a listed user is exempt when the account is listed too', () => {
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: notPrincipalDeny([ALICE, 'arn:aws:iam::111111111111:root']) }).decision).toBe('allowed');
  });
  it('a session is exempt only when the account, the role and the session are all listed', () => {
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [], resource: notPrincipalDeny([DEV_SESSION, 'arn:aws:iam::111111111111:root']) }).decision).toBe('explicitDeny');
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [], resource: notPrincipalDeny([DEV_SESSION, DEV_ROLE, 'arn:aws:iam::111111111111:root']) }).decision).toBe('allowed');
  });
  it('Deny with NotPrincipal always denies a principal that has a permissions boundary', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), {
      identity: [policy('S3', 'identity', allow('s3:*'))],
      resource: notPrincipalDeny([ALICE, 'arn:aws:iam::111111111111:root']),
      permissionsBoundary: policy('Boundary', 'permissions-boundary', allow('s3:*')),
    });
    expect(result.decision).toBe('explicitDeny');
    const statement = result.layers.find((layer) => layer.layer === 'resource')?.policies[0]?.statements[1];
    expect(statement?.principal?.via).toBe('not-principal-boundary');
  });
});

describe('Policy evaluation logic — anonymous requests, AWS service principals and the root user', () => {
  const publicRead = policy('PublicRead', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }));
  it('an anonymous request is allowed only by a resource policy with Principal "*"', () => {
    const result = evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: publicRead });
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'identity')?.notApplicable?.code).toBe('ANONYMOUS');
  });
  it('an anonymous request is not allowed by a policy naming an account', () => {
    const result = evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: 'arn:aws:iam::111111111111:root' }) });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['resource']);
  });
  it('an AWS service principal is allowed by a resource policy naming the service', () => {
    const logs = policy('BucketPolicy', 'resource', allow('s3:PutObject', `${BUCKET}/*`, { Principal: { Service: 'cloudtrail.amazonaws.com' } }));
    expect(evaluate(req('cloudtrail.amazonaws.com', 's3:PutObject', OBJECT), { identity: [], resource: logs }).decision).toBe('allowed');
    expect(evaluate(req('config.amazonaws.com', 's3:PutObject', OBJECT), { identity: [], resource: logs }).decision).toBe('implicitDeny');
  });
  it('the account root user has full access to its own account by default', () => {
    const result = evaluate(req('arn:aws:iam::111111111111:root', 's3:GetObject', OBJECT), { identity: [] });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-as-root');
  });
  it('a resource policy can deny the root user', () => {
    const denyAll = policy('BucketPolicy', 'resource', deny('s3:*', '*', { Principal: '*' }));
    expect(evaluate(req('111111111111', 's3:GetObject', OBJECT), { identity: [], resource: denyAll }).decision).toBe('explicitDeny');
  });
});

describe('IAM JSON policy elements: Resource — resource-based policies without a Resource element', () => {
  it('an ECR repository policy without Resource covers the repository it is attached to', () => {
    const repo = 'arn:aws:ecr:us-east-1:111111111111:repository/app';
    const repoPolicy = policy('RepoPolicy', 'resource', { Sid: 'Pull', Effect: 'Allow', Principal: { AWS: BOB_OTHER_ACCOUNT }, Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'] });
    const pull = policy('Pull', 'identity', allow('ecr:BatchGetImage', repo));
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 'ecr:BatchGetImage', repo), { identity: [pull], resource: repoPolicy }).decision).toBe('allowed');
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 'ecr:PutImage', repo), { identity: [pull], resource: repoPolicy }).decision).toBe('implicitDeny');
  });
});

describe('How AWS enforcement code logic evaluates requests — a role always has a trust policy, a KMS key a key policy', () => {
  it('sts:AssumeRole with an identity policy but no trust policy supplied is implicitly denied', () => {
    const target = 'arn:aws:iam::111111111111:role/Deployer';
    const result = evaluate(req(ALICE, 'sts:AssumeRole', target), { identity: [policy('Assume', 'identity', allow('sts:AssumeRole', target))] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.reason).toBe('trust-policy-missing');
    expect(result.blockedBy).toEqual(['resource']);
    expect(result.layers.find((layer) => layer.layer === 'resource')?.notes[0]).toMatch(/No role trust policy was supplied/);
  });
  it('kms:Decrypt with an identity policy but no key policy supplied is implicitly denied', () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const result = evaluate(req(ALICE, 'kms:Decrypt', key), { identity: [policy('Kms', 'identity', allow('kms:Decrypt', key))] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.reason).toBe('trust-policy-missing');
  });
});

describe('GetFederationToken — federated-user sessions have only what a session policy passes', () => {
  const fed = 'arn:aws:sts::111111111111:federated-user/kim';
  it('a federated-user session without a session policy has no permissions from identity policies', () => {
    const result = evaluate(req(fed, 's3:GetObject', OBJECT), { identity: [policy('S3', 'identity', allow('s3:*'))] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['session_policy']);
    expect(result.reason).toBe('federation-token-without-session-policy');
  });
  it('a resource policy naming the federated-user session still grants it (not limited by the session)', () => {
    const result = evaluate(req(fed, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicyFor({ AWS: fed }) });
    expect(result.decision).toBe('allowed');
  });
});

describe('Cross-account policy evaluation logic — a principal whose own account is unknown', () => {
  const outsider = 'arn:aws:iam::444444444444:role/auditor';
  it('evaluates the resource side only, assuming the principal’s account allows', () => {
    const request = { ...req(outsider, 's3:GetObject', OBJECT), identitySideUnknown: true };
    const granted = evaluate(request, { identity: [], resource: bucketPolicyFor({ AWS: outsider }) });
    expect(granted.decision).toBe('allowed');
    expect(granted.layers.find((layer) => layer.layer === 'identity')?.notApplicable?.code).toBe('IDENTITY_UNKNOWN');
    const refused = evaluate(request, { identity: [], resource: bucketPolicyFor({ AWS: BOB_OTHER_ACCOUNT }) });
    expect(refused.decision).toBe('implicitDeny');
    expect(refused.blockedBy).toEqual(['resource']);
  });
  it('identity policies given explicitly are evaluated as usual', () => {
    const request = { ...req(outsider, 's3:GetObject', OBJECT), identitySideUnknown: true };
    const result = evaluate(request, { identity: [policy('Nothing', 'identity', allow('ec2:*'))], resource: bucketPolicyFor({ AWS: outsider }) });
    expect(result.blockedBy).toEqual(['identity']);
  });
});
