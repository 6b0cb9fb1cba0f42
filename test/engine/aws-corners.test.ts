/**
 * Corners where AWS's answer is not the plain decision flow: calls AWS answers
 * the same whatever the policies say, NotPrincipal with Allow, the management
 * account and RCPs, trust policies and boundaries, ARNs that name no other
 * account, and which layers block. Each test names the AWS page it pins.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { explain } from '../../src/explain/explanation.js';
import { ALICE, allow, BUCKET, deny, DEV_ROLE, DEV_SESSION, level, OBJECT, policy, principal, req } from './helpers.js';

const ADMIN = policy('Admin', 'identity', allow('*'));
const DENY_ALL = policy('DenyAll', 'identity', deny('*'));
const ROOT = 'arn:aws:iam::111111111111:root';

describe('"GetCallerIdentity" (AWS STS API Reference): no permission is required, an explicit deny included', () => {
  it('allowed under a deny-all identity policy', () => {
    const result = evaluate(req(ALICE, 'sts:GetCallerIdentity', '*'), { identity: [DENY_ALL] });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('no-permission-required');
    expect(result.awsRule).toMatchObject({ id: 'get-caller-identity', kind: 'no_permission_required' });
    expect(result.blockedBy).toEqual([]);
    expect(result.certain).toBe(true);
  });

  it('allowed with no policy at all, and under an SCP that denies everything', () => {
    expect(evaluate(req(ALICE, 'sts:GetCallerIdentity', '*'), { identity: [] }).decision).toBe('allowed');
    const scpLevels = [level('r-root', 'root', [policy('DenyAll', 'scp', deny('*'))])];
    expect(evaluate(req(DEV_SESSION, 'sts:GetCallerIdentity', '*'), { identity: [], scpLevels }).decision).toBe('allowed');
  });

  it('the explanation says why, and suggests nothing', () => {
    const explanation = explain(evaluate(req(ALICE, 'sts:GetCallerIdentity', '*'), { identity: [DENY_ALL] }));
    expect(explanation.reason).toMatch(/needs no permission/);
    expect(explanation.cause).toBeNull();
    expect(explanation.suggestions).toEqual([]);
  });
});

describe('"IAM JSON Policy Elements: NotPrincipal" (archived, "NotPrincipal With Allow"): every principal except those listed', () => {
  const bucketPolicy = (listed: string[]) =>
    policy('Bucket', 'resource', { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, NotPrincipal: { AWS: listed } });

  it('the listed user is not granted by it (no other grant: implicitly denied)', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy([ALICE]) });
    expect(result.decision).toBe('implicitDeny');
    const statement = result.layers.find((layer) => layer.layer === 'resource')?.policies[0]?.statements[0];
    expect(statement?.principal).toMatchObject({ element: 'NotPrincipal', matched: false });
  });

  it('an unlisted user is granted as if named with Principal "*"', () => {
    const result = evaluate(req('arn:aws:iam::111111111111:user/bob', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy([ALICE]) });
    expect(result.decision).toBe('allowed');
  });

  it('an anonymous caller is granted too ("you might grant access to anonymous users")', () => {
    const result = evaluate({ principal: principal('anonymous'), action: 's3:GetObject', resource: { arn: OBJECT, account: '111111111111' } }, { identity: [], resource: bucketPolicy([ALICE]) });
    expect(result.decision).toBe('allowed');
  });

  it('listing the role keeps its sessions out; listing the account keeps its principals out (iamwhy’s reading of "the one named")', () => {
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy([DEV_ROLE]) }).decision).toBe('implicitDeny');
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy([ROOT]) }).decision).toBe('implicitDeny');
  });

  it('a listed user can still be allowed by its own identity policies', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [ADMIN], resource: bucketPolicy([ALICE]) });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-identity');
  });
});

describe('"Resource control policies (RCPs)": RCPs do not affect resources in the management account', () => {
  const rcpLevels = [level('r-root', 'root', [policy('DenyAll', 'rcp', { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' })])];
  it('the management account’s principal on a resource of its own account: RCPs do not apply', () => {
    const request = { ...req(ALICE, 's3:GetObject', OBJECT), organization: { principalIsManagementAccount: true } };
    const result = evaluate(request, { identity: [ADMIN], rcpLevels });
    expect(result.decision).toBe('allowed');
    expect(result.layers.find((layer) => layer.layer === 'rcp')?.notApplicable?.code).toBe('RCP_MANAGEMENT_ACCOUNT');
  });

  it('the management account’s principal on a member account’s resource: the member’s RCPs apply', () => {
    const request = { ...req(ALICE, 's3:GetObject', OBJECT), resource: { arn: OBJECT, account: '222222222222' }, organization: { principalIsManagementAccount: true } };
    const result = evaluate(request, { identity: [ADMIN], rcpLevels });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toContain('rcp');
  });
});

describe('"Update a role trust policy": a user named in the trust policy still needs a boundary that allows sts:AssumeRole', () => {
  const DEPLOY = 'arn:aws:iam::111111111111:role/Deploy';
  const trustNaming = (who: string) => policy('Trust', 'trust', { Effect: 'Allow', Principal: { AWS: who }, Action: 'sts:AssumeRole' });
  const boundaryWithout = policy('Boundary', 'permissions-boundary', allow('s3:*'));
  const boundaryWith = policy('Boundary', 'permissions-boundary', allow(['s3:*', 'sts:AssumeRole']));

  it('the boundary does not allow sts:AssumeRole: denied, by the boundary', () => {
    const result = evaluate(req(ALICE, 'sts:AssumeRole', DEPLOY), { identity: [], resource: trustNaming(ALICE), permissionsBoundary: boundaryWithout });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['permissions_boundary']);
    expect(explain(result).awsMessage).toMatch(/because no permissions boundary allows the sts:AssumeRole action$/);
  });

  it('the boundary allows it: allowed, with no identity policy needed', () => {
    const result = evaluate(req(ALICE, 'sts:AssumeRole', DEPLOY), { identity: [], resource: trustNaming(ALICE), permissionsBoundary: boundaryWith });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-resource');
  });

  it('a session named in the trust policy (role chaining) is limited by its session policy the same way', () => {
    const session = [policy('Session', 'session', allow('s3:*'))];
    const result = evaluate(req(DEV_SESSION, 'sts:AssumeRole', DEPLOY), { identity: [ADMIN], resource: trustNaming(DEV_SESSION), session });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['session_policy']);
  });

  it('"How AWS enforcement code logic evaluates requests to allow or deny access": a KMS key policy naming the user is not limited by the boundary (same-account table)', () => {
    const KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyPolicy = policy('Key', 'kms-key', { Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'kms:Decrypt', Resource: '*' });
    const result = evaluate(req(ALICE, 'kms:Decrypt', KEY), { identity: [], resource: keyPolicy, permissionsBoundary: boundaryWithout });
    expect(result.decision).toBe('allowed');
  });

  it('a trust policy that trusts the account delegates to the identity policies, which the boundary limits', () => {
    const trustAccount = policy('Trust', 'trust', { Effect: 'Allow', Principal: { AWS: ROOT }, Action: 'sts:AssumeRole' });
    const identity = [policy('Assume', 'identity', allow('sts:AssumeRole', DEPLOY))];
    expect(evaluate(req(ALICE, 'sts:AssumeRole', DEPLOY), { identity, resource: trustAccount, permissionsBoundary: boundaryWith }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 'sts:AssumeRole', DEPLOY), { identity, resource: trustAccount, permissionsBoundary: boundaryWithout }).blockedBy).toEqual(['permissions_boundary']);
  });
});

describe('"Managed policies and inline policies": the account field `aws` is AWS’s namespace, not another account', () => {
  it('iam:GetPolicy on an AWS managed policy is not cross-account: identity policies decide', () => {
    const result = evaluate({ principal: principal(ALICE), action: 'iam:GetPolicy', resource: { arn: 'arn:aws:iam::aws:policy/AdministratorAccess' } }, { identity: [ADMIN] });
    expect(result.request.crossAccount).toBe(false);
    expect(result.request.resourceAccountAssumed).toBe(false);
    expect(result.decision).toBe('allowed');
    expect(result.context.find((entry) => entry.key === 'aws:ResourceAccount')).toBeUndefined();
  });

  it('a wildcard or empty account in the requested resource is not "another account"', () => {
    const wildcard = evaluate({ principal: principal(ALICE), action: 'ec2:StartInstances', resource: { arn: 'arn:aws:ec2:*:*:instance/*' } }, { identity: [ADMIN] });
    expect(wildcard.request.crossAccount).toBe(false);
    expect(wildcard.decision).toBe('allowed');
    expect(explain(wildcard).notes.join(' ')).not.toMatch(/taken to be the principal/);
  });
});

describe('Calls AWS refuses whatever the policies say: implicitDeny with no layer to blame', () => {
  const cases: Array<[string, string, string, string, string]> = [
    ['"Managed policies and inline policies": an AWS managed policy cannot be changed', ALICE, 'iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws-managed-policy'],
    ['"Managed policies and inline policies": nor its default version set', ALICE, 'iam:SetDefaultPolicyVersion', 'arn:aws:iam::aws:policy/ReadOnlyAccess', 'aws-managed-policy'],
    ['"Managed policies and inline policies": nor deleted or tagged', ALICE, 'iam:TagPolicy', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess', 'aws-managed-policy'],
    [
      '"Cannot perform the operation on the protected role AWSReservedSSO" (AWS Knowledge Center): an Identity Center role',
      ALICE,
      'iam:PutRolePolicy',
      'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123456789abcdef',
      'identity-center-role',
    ],
    [
      '"Update a role trust policy": the trust policy of a service-linked role',
      ALICE,
      'iam:UpdateAssumeRolePolicy',
      'arn:aws:iam::111111111111:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
      'service-linked-role',
    ],
    [
      '"UnmodifiableEntity" (IAM API Reference): attaching a policy to a service-linked role',
      ALICE,
      'iam:AttachRolePolicy',
      'arn:aws:iam::111111111111:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport',
      'service-linked-role',
    ],
    ['"Create aliases" (AWS KMS Developer Guide): an alias under alias/aws/', ALICE, 'kms:CreateAlias', 'arn:aws:kms:us-east-1:111111111111:alias/aws/s3', 'aws-kms-alias'],
    ['"AssumeRole" (AWS STS API Reference): root credentials', ROOT, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy', 'root-assume-role'],
    ['"AssumeRoleWithWebIdentity" (AWS STS API Reference): called with a provider token, not IAM credentials', ALICE, 'sts:AssumeRoleWithWebIdentity', 'arn:aws:iam::111111111111:role/Deploy', 'federation-with-iam-credentials'],
    ['"AssumeRoleWithSAML" (AWS STS API Reference): likewise', DEV_SESSION, 'sts:AssumeRoleWithSAML', 'arn:aws:iam::111111111111:role/Deploy', 'federation-with-iam-credentials'],
  ];
  it.each(cases)('%s', (_title, who, action, resource, id) => {
    const trust = action.startsWith('sts:') ? policy('Trust', 'trust', { Effect: 'Allow', Principal: '*', Action: action }) : undefined;
    const result = evaluate(req(who, action, resource), { identity: [ADMIN], ...(trust ? { resource: trust } : {}) });
    expect(result.decision).toBe('implicitDeny');
    expect(result.awsRule?.id).toBe(id);
    expect(result.blockedBy).toEqual([]);
    expect(result.certain).toBe(true);
    const explanation = explain(result);
    expect(explanation.cause).toBe(result.awsRule?.kind);
    expect(explanation.suggestions).toEqual([expect.objectContaining({ kind: 'use-supported-path', title: result.awsRule?.remedy })]);
  });

  it('an explicit Deny still answers explicitDeny', () => {
    const result = evaluate(req(ALICE, 'iam:CreatePolicyVersion', 'arn:aws:iam::aws:policy/ReadOnlyAccess'), { identity: [ADMIN, DENY_ALL] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['identity']);
  });

  it('AWS’s documented error is the message: the Identity Center role names itself', () => {
    const result = evaluate(req(ALICE, 'iam:DeleteRole', 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef'), { identity: [ADMIN] });
    expect(explain(result).awsMessage).toBe("Cannot perform the operation on the protected role 'AWSReservedSSO_Admin_0123456789abcdef' - this role is only modifiable by AWS");
  });

  it('"AWSSSOServiceRolePolicy": Identity Center’s own service-linked role may change its roles', () => {
    const sso = 'arn:aws:sts::111111111111:assumed-role/AWSServiceRoleForSSO/sso';
    const result = evaluate(
      { ...req(sso, 'iam:PutRolePolicy', 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef'), principal: principal(sso, { serviceLinked: true }) },
      { identity: [ADMIN] },
    );
    expect(result.awsRule).toBeUndefined();
    expect(result.decision).toBe('allowed');
  });

  it('tagging a service-linked role and changing a customer role are ordinary requests', () => {
    expect(evaluate(req(ALICE, 'iam:TagRole', 'arn:aws:iam::111111111111:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport'), { identity: [ADMIN] }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 'iam:PutRolePolicy', DEV_ROLE), { identity: [ADMIN] }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 'kms:CreateAlias', 'arn:aws:kms:us-east-1:111111111111:alias/my-key'), { identity: [ADMIN] }).decision).toBe('allowed');
  });
});

describe('"How AWS enforcement code logic evaluates requests to allow or deny access": which layers block within one account', () => {
  it('a resource policy that neither denies nor is required is no blocker: the boundary is what is missing', () => {
    const bucketPolicy = policy('Bucket', 'resource', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const boundary = policy('Boundary', 'permissions-boundary', allow('ec2:*'));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [ADMIN], resource: bucketPolicy, permissionsBoundary: boundary });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['permissions_boundary']);
    expect(explain(result).awsMessage).toMatch(/because no permissions boundary allows the s3:GetObject action$/);
  });

  it('with neither an identity grant nor a resource grant, identity policies are what is missing', () => {
    const bucketPolicy = policy('Bucket', 'resource', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' }, Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy });
    expect(result.blockedBy).toEqual(['identity']);
  });
});
