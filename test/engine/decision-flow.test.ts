import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Request } from '../../src/engine/request.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import {
  ALICE,
  BOB_OTHER_ACCOUNT,
  BUCKET,
  DEV_SESSION,
  FULL_ACCESS_SCP,
  OBJECT,
  allow,
  deny,
  level,
  policy,
  principal,
} from './helpers.js';

function request(principalText: string, action: string, resource: string, extra: Partial<Request> = {}): Request {
  return { principal: principal(principalText), action, resource: { arn: resource }, ...extra };
}

const s3Read = policy('S3Read', 'identity', allow('s3:GetObject', `${BUCKET}/*`));

describe('Policy evaluation logic — default deny and explicit deny', () => {
  it('denies implicitly when no policy allows (default deny)', () => {
    const result = evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['identity']);
    expect(result.reason).toBe('no-allow');
  });

  it('allows when an identity-based policy allows', () => {
    const result = evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [s3Read] });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-identity');
    expect(result.deciding).toEqual([{ layer: 'identity', policyId: 'S3Read', statementIndex: 0, sid: undefined }]);
  });

  it('an explicit deny overrides an allow in the same or another policy', () => {
    const denyAll = policy('DenyS3', 'identity', deny('s3:*', '*', { Sid: 'NoS3' }));
    const result = evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [s3Read, denyAll] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.deciding.map((ref) => ref.sid)).toEqual(['NoS3']);
    expect(result.blockedBy).toEqual(['identity']);
  });

  it('actions match case-insensitively, resources case-sensitively', () => {
    const mixed = policy('Mixed', 'identity', allow('S3:getobject', `${BUCKET}/*`));
    expect(evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [mixed] }).decision).toBe('allowed');
    expect(evaluate(request(ALICE, 's3:GetObject', OBJECT.toUpperCase().replace('ARN:AWS:S3', 'arn:aws:s3')), { identity: [mixed] }).decision).toBe('implicitDeny');
  });

  it('NotAction and NotResource apply to everything not listed', () => {
    const notAction = policy('AllButIam', 'identity', { Effect: 'Allow', NotAction: 'iam:*', NotResource: `${BUCKET}/secret/*` });
    expect(evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [notAction] }).decision).toBe('allowed');
    expect(evaluate(request(ALICE, 'iam:CreateUser', '*'), { identity: [notAction] }).decision).toBe('implicitDeny');
    expect(evaluate(request(ALICE, 's3:GetObject', `${BUCKET}/secret/x`), { identity: [notAction] }).decision).toBe('implicitDeny');
  });
});

describe('Policy evaluation logic — permissions boundaries', () => {
  const boundary = policy('DevBoundary', 'permissions-boundary', allow(['s3:List*', 'ec2:Describe*']));
  it('a boundary that does not allow the action denies implicitly, even when identity policies allow', () => {
    const result = evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [s3Read], permissionsBoundary: boundary });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['permissions_boundary']);
    expect(result.reason).toBe('gate-denies');
  });
  it('a boundary never grants on its own', () => {
    const result = evaluate(request(ALICE, 's3:ListBucket', BUCKET), { identity: [], permissionsBoundary: boundary });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['identity']);
  });
  it('allows when both the identity policy and the boundary allow', () => {
    const list = policy('List', 'identity', allow('s3:ListBucket', BUCKET));
    expect(evaluate(request(ALICE, 's3:ListBucket', BUCKET), { identity: [list], permissionsBoundary: boundary }).decision).toBe('allowed');
  });
  it('an explicit deny in a boundary denies explicitly', () => {
    const denyBoundary = policy('DenyBoundary', 'permissions-boundary', [allow('*'), deny('s3:GetObject')]);
    const result = evaluate(request(ALICE, 's3:GetObject', OBJECT), { identity: [s3Read], permissionsBoundary: denyBoundary });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['permissions_boundary']);
  });
});

describe('Policy evaluation logic — session policies', () => {
  const roleS3 = policy('RoleS3', 'identity', allow(['s3:GetObject', 's3:PutObject'], `${BUCKET}/*`));
  const sessionRead = policy('SessionReadOnly', 'session', allow('s3:GetObject', '*'));
  it('the session policy limits the role’s permissions (intersection)', () => {
    const set: PolicySet = { identity: [roleS3], session: [sessionRead] };
    expect(evaluate(request(DEV_SESSION, 's3:GetObject', OBJECT), set).decision).toBe('allowed');
    const put = evaluate(request(DEV_SESSION, 's3:PutObject', OBJECT), set);
    expect(put.decision).toBe('implicitDeny');
    expect(put.blockedBy).toEqual(['session_policy']);
  });
  it('a role session without a session policy is not limited', () => {
    expect(evaluate(request(DEV_SESSION, 's3:PutObject', OBJECT), { identity: [roleS3] }).decision).toBe('allowed');
  });
  it('"GetFederationToken": a session created without a session policy has no permissions', () => {
    const fed = 'arn:aws:sts::111111111111:federated-user/carol';
    const result = evaluate(
      request(fed, 's3:GetObject', OBJECT),
      { identity: [roleS3] },
    );
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toContain('session_policy');
    expect(result.reason).toBe('federation-token-without-session-policy');
  });
  it('an explicit deny in a session policy denies explicitly', () => {
    const sessionDeny = policy('SessionDeny', 'session', [allow('*'), deny('s3:PutObject')]);
    expect(evaluate(request(DEV_SESSION, 's3:PutObject', OBJECT), { identity: [roleS3], session: [sessionDeny] }).decision).toBe('explicitDeny');
  });
});

describe('Service control policies (SCPs) — inheritance and exemptions', () => {
  const denyOutsideEu = policy('DenyOutsideEU', 'scp', {
    Sid: 'RegionLock',
    Effect: 'Deny',
    NotAction: ['iam:*', 'sts:*'],
    Resource: '*',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } },
  });
  const ec2 = policy('Ec2', 'identity', allow('ec2:RunInstances'));
  const instance = 'arn:aws:ec2:us-east-1:111111111111:instance/*';

  it('every level must allow: a level with no allowing SCP denies implicitly', () => {
    const set: PolicySet = {
      identity: [ec2],
      scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP()]), level('ou-dev', 'ou', [policy('OnlyS3', 'scp', allow('s3:*'))]), level('111111111111', 'account', [FULL_ACCESS_SCP()])],
    };
    const result = evaluate(request(ALICE, 'ec2:RunInstances', instance), set);
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['scp']);
    const scp = result.layers.find((layer) => layer.layer === 'scp');
    expect(scp?.levels?.map((entry) => entry.verdict)).toEqual(['allow', 'implicitDeny', 'allow']);
  });

  it('any policy at a level may allow (OR within a level)', () => {
    const set: PolicySet = {
      identity: [ec2],
      scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP()]), level('ou-dev', 'ou', [policy('OnlyS3', 'scp', allow('s3:*')), policy('Ec2Too', 'scp', allow('ec2:*'))])],
    };
    expect(evaluate(request(ALICE, 'ec2:RunInstances', instance), set).decision).toBe('allowed');
  });

  it('a region-restricting SCP denies explicitly outside the allowed region', () => {
    const set: PolicySet = { identity: [ec2], scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP(), denyOutsideEu])] };
    const result = evaluate(request(ALICE, 'ec2:RunInstances', instance), set);
    expect(result.decision).toBe('explicitDeny');
    expect(result.deciding.map((ref) => ref.sid)).toEqual(['RegionLock']);
    expect(evaluate(request(ALICE, 'ec2:RunInstances', 'arn:aws:ec2:eu-west-1:111111111111:instance/*'), set).decision).toBe('allowed');
  });

  it('conditional SCP allows are evaluated (SCPs support the full IAM language)', () => {
    const conditionalAllow = policy('AllowEuOnly', 'scp', allow('*', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
    const set: PolicySet = { identity: [ec2], scpLevels: [level('r-root', 'root', [conditionalAllow])] };
    expect(evaluate(request(ALICE, 'ec2:RunInstances', 'arn:aws:ec2:eu-west-1:111111111111:instance/*'), set).decision).toBe('allowed');
    const outside = evaluate(request(ALICE, 'ec2:RunInstances', instance), set);
    expect(outside.decision).toBe('implicitDeny');
    expect(outside.blockedBy).toEqual(['scp']);
  });

  it('SCPs do not apply to the management account', () => {
    const set: PolicySet = { identity: [ec2], scpLevels: [level('r-root', 'root', [denyOutsideEu])] };
    const result = evaluate({ ...request(ALICE, 'ec2:RunInstances', instance), organization: { principalIsManagementAccount: true } }, set);
    expect(result.decision).toBe('allowed');
    const scp = result.layers.find((layer) => layer.layer === 'scp');
    expect(scp?.applies).toBe(false);
    expect(scp?.notApplicable?.code).toBe('SCP_MANAGEMENT_ACCOUNT');
  });

  it('SCPs do not apply to service-linked roles', () => {
    const slr = 'arn:aws:iam::111111111111:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS';
    const set: PolicySet = { identity: [ec2], scpLevels: [level('r-root', 'root', [denyOutsideEu])] };
    const result = evaluate(request(slr, 'ec2:RunInstances', instance), set);
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'scp')?.notApplicable?.code).toBe('SCP_SERVICE_LINKED_ROLE');
  });

  it('SCPs restrict the root user of a member account', () => {
    const set: PolicySet = { identity: [], scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP(), denyOutsideEu])] };
    expect(evaluate(request('111111111111', 'ec2:RunInstances', instance), set).decision).toBe('explicitDeny');
  });
});

describe('Resource control policies (RCPs)', () => {
  const denyOutsiders = policy('DenyOutsideOrg', 'rcp', {
    Sid: 'OrgOnly',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-acme' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
  });
  const bucketPolicy = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: BOB_OTHER_ACCOUNT } }));
  const bobRead = policy('BobRead', 'identity', allow('s3:GetObject', '*'));
  const crossAccount = (organization = {}): Request => ({
    principal: principal(BOB_OTHER_ACCOUNT),
    action: 's3:GetObject',
    resource: { arn: OBJECT, account: '111111111111' },
    organization,
  });

  it('an RCP deny applies to principals from outside the organization', () => {
    const result = evaluate(crossAccount({ principalOrgId: 'o-other' }), { identity: [bobRead], resource: bucketPolicy, rcpLevels: [level('r-root', 'root', [denyOutsiders])] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['rcp']);
  });
  it('RCPs never need an allow: RCPFullAWSAccess is implicit at every level', () => {
    const result = evaluate(crossAccount({ principalOrgId: 'o-acme' }), { identity: [bobRead], resource: bucketPolicy, rcpLevels: [level('r-root', 'root', [denyOutsiders])] });
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'rcp')?.verdict).toBe('allow');
  });
  it('RCPs do not apply to resources in the management account', () => {
    const result = evaluate(crossAccount({ principalOrgId: 'o-other', resourceIsManagementAccount: true }), { identity: [bobRead], resource: bucketPolicy, rcpLevels: [level('r-root', 'root', [denyOutsiders])] });
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'rcp')?.notApplicable?.code).toBe('RCP_MANAGEMENT_ACCOUNT');
  });
  it('RCPs do not apply to AWS managed KMS keys nor to service-linked roles', () => {
    const kmsDeny = policy('DenyKms', 'rcp', { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' });
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyPolicy = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Principal: { AWS: 'arn:aws:iam::111111111111:root' } }));
    const kmsUse = policy('KmsUse', 'identity', allow('kms:Decrypt'));
    const base = { principal: principal(ALICE), action: 'kms:Decrypt' };
    const set: PolicySet = { identity: [kmsUse], resource: keyPolicy, rcpLevels: [level('r-root', 'root', [kmsDeny])] };
    expect(evaluate({ ...base, resource: { arn: key } }, set).decision).toBe('explicitDeny');
    expect(evaluate({ ...base, resource: { arn: key, awsManagedKmsKey: true } }, set).decision).toBe('allowed');
    const slr = principal('arn:aws:iam::111111111111:role/aws-service-role/kms.amazonaws.com/AWSServiceRoleForKMS');
    expect(evaluate({ ...base, principal: slr, resource: { arn: key } }, set).decision).toBe('allowed');
  });
});

describe('VPC endpoint policies', () => {
  const endpointPolicy = policy('EndpointPolicy', 'vpc-endpoint', allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }));
  it('a request through an endpoint must be allowed by the endpoint policy', () => {
    const set: PolicySet = { identity: [policy('S3All', 'identity', allow('s3:*'))], vpcEndpoint: [endpointPolicy] };
    expect(evaluate(request(ALICE, 's3:GetObject', OBJECT), set).decision).toBe('allowed');
    const put = evaluate(request(ALICE, 's3:PutObject', OBJECT), set);
    expect(put.decision).toBe('implicitDeny');
    expect(put.blockedBy).toEqual(['vpc_endpoint']);
  });
  it('endpoint policies do not apply to requests that do not pass through the endpoint', () => {
    const set: PolicySet = { identity: [policy('S3All', 'identity', allow('s3:*'))], vpcEndpoint: [endpointPolicy] };
    const result = evaluate({ ...request(ALICE, 's3:PutObject', OBJECT), viaVpcEndpoint: false }, set);
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'vpc_endpoint')?.notApplicable?.code).toBe('NOT_VIA_VPC_ENDPOINT');
  });
  it('an explicit deny in an endpoint policy denies explicitly', () => {
    const denying = policy('EndpointDeny', 'vpc-endpoint', [allow('*', '*', { Principal: '*' }), deny('s3:DeleteObject', '*', { Principal: '*' })]);
    expect(evaluate(request(ALICE, 's3:DeleteObject', OBJECT), { identity: [policy('S3All', 'identity', allow('s3:*'))], vpcEndpoint: [denying] }).decision).toBe('explicitDeny');
  });
});
