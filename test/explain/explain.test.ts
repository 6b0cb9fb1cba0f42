import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import { explain } from '../../src/explain/explanation.js';
import { ALICE, BOB_OTHER_ACCOUNT, BUCKET, DEV_SESSION, FULL_ACCESS_SCP, OBJECT, allow, deny, level, policy, req } from '../engine/helpers.js';

const run = (request: Request, set: PolicySet, facts = {}) => explain(evaluate(request, set), { actionFacts: facts });
const s3All = policy('S3All', 'identity', allow('s3:*'));

describe('Explanation — cause, in the vocabulary of the JSON schema', () => {
  it.each([
    ['scp_block', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [policy('Ec2Only', 'scp', allow('ec2:*'))])] }],
    ['rcp_block', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], rcpLevels: [level('r-1', 'root', [policy('NoS3', 'rcp', { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' })])] }],
    ['vpc_endpoint_block', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], vpcEndpoint: [policy('Endpoint', 'vpc-endpoint', allow('ec2:*', '*', { Principal: '*' }))] }],
    ['permissions_boundary', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], permissionsBoundary: policy('Boundary', 'permissions-boundary', allow('ec2:*')) }],
    ['session_policy', req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [s3All], session: [policy('Session', 'session', allow('ec2:*'))] }],
    ['explicit_deny', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All, policy('No', 'identity', deny('s3:GetObject'))] }],
    ['implicit_deny', req(ALICE, 's3:GetObject', OBJECT), { identity: [] }],
    ['combined', req(ALICE, 's3:GetObject', OBJECT), { identity: [], permissionsBoundary: policy('Boundary', 'permissions-boundary', allow('ec2:*')) }],
    ['missing_context', req(ALICE, 's3:GetObject', OBJECT), { identity: [policy('Mfa', 'identity', allow('s3:*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }))] }],
  ] as Array<[string, Request, PolicySet]>)('%s', (cause, request, set) => {
    expect(run(request, set).cause).toBe(cause);
  });
  it('is null when allowed', () => {
    expect(run(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All] }).cause).toBeNull();
  });
});

describe('Troubleshoot access denied error messages — the message AWS would show', () => {
  it('names the first blocking policy type, for an implicit deny', () => {
    const explanation = run(req(ALICE, 'ec2:RunInstances', 'arn:aws:ec2:us-east-1:111111111111:instance/*'), { identity: [] });
    expect(explanation.awsMessage).toBe(
      'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:111111111111:instance/* because no identity-based policy allows the ec2:RunInstances action',
    );
  });
  it('adds the policy ARN of a denying SCP (same account)', () => {
    const scp = policy('DenyEc2', 'scp', [allow('*'), deny('ec2:*')]);
    scp.origin = { arn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-123' };
    const explanation = run(req(ALICE, 'ec2:RunInstances', '*'), { identity: [policy('Ec2', 'identity', allow('ec2:*'))], scpLevels: [level('r-1', 'root', [scp])] });
    expect(explanation.awsMessage).toBe(
      'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: ec2:RunInstances with an explicit deny in a service control policy: arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-123',
    );
  });
  it('says "the role trust policy" for AssumeRole', () => {
    const explanation = run(req(ALICE, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'), { identity: [policy('Assume', 'identity', allow('sts:AssumeRole'))] });
    expect(explanation.awsMessage).toMatch(/because no role trust policy allows the sts:AssumeRole action$/);
  });
  it('Troubleshoot access denied (403 Forbidden) errors in Amazon S3: a caller from another account gets a bare "Access Denied"', () => {
    expect(run(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [s3All] }).awsMessage).toBe('Access Denied');
  });
  it('KMS says "on this resource"', () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(run(req(ALICE, 'kms:Decrypt', key), { identity: [] }).awsMessage).toMatch(/perform: kms:Decrypt on this resource because/);
  });
});

describe('How to fix — suggestions read off the result', () => {
  it('an Allow that failed only on a condition comes first: meet it rather than grant more', () => {
    const regional = policy('Regional', 'identity', allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'EuOnly', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }));
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:RequestedRegion': 'us-east-1' } }), { identity: [regional] });
    expect(explanation.suggestions[0]?.kind).toBe('meet-condition');
    // What the request must look like, in words: the region to call it in.
    expect(explanation.suggestions[0]?.title).toBe('Make the request so that identity-based policy Regional, Sid "EuOnly" applies: call it in eu-west-1.');
    expect(explanation.suggestions[0]?.details).toContain('Its condition: StringEquals aws:RequestedRegion eu-west-1 (the request has us-east-1).');
    expect(explanation.suggestions[0]?.who).toBe('Whoever makes the request');
    expect(explanation.suggestions.some((suggestion) => suggestion.kind === 'add-statement')).toBe(false);
  });
  it('a matched Deny on a negated operator names the values that would lift it', () => {
    const regionLock = policy('RegionLock', 'identity', [allow('s3:*'), deny('s3:*', '*', { Sid: 'Lock', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } })]);
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:RequestedRegion': 'us-east-1' } }), { identity: [regionLock] });
    expect(explanation.suggestions[0]?.title).toBe('Make the request so the Deny in identity-based policy RegionLock, Sid "Lock" does not apply: call it in eu-west-1 or eu-central-1.');
  });
  it('a Deny without condition cannot be lifted by the request', () => {
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All, policy('No', 'identity', deny('s3:GetObject', '*', { Sid: 'Never' }))] });
    expect(explanation.suggestions[0]?.title).toContain('it has no condition, so nothing in the request can exempt it');
    expect(explanation.suggestions[0]?.who).toBe('An IAM administrator of account 111111111111');
  });
  it('AWS JSON policy elements: NotPrincipal — advises against NotPrincipal with a boundary', () => {
    const bucket = policy('BucketPolicy', 'resource', [allow('s3:*', '*', { Principal: '*' }), deny('s3:*', '*', { NotPrincipal: { AWS: [ALICE, 'arn:aws:iam::111111111111:root'] } })]);
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucket, permissionsBoundary: policy('B', 'permissions-boundary', allow('s3:*')) });
    expect(explanation.suggestions[0]?.details[0]).toContain('ArnNotLike aws:PrincipalArn');
  });
  it('a trust-policy statement to add has no Resource (IAM JSON policy elements: Resource)', () => {
    const trust = policy('Deploy-trust', 'trust', { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
    const explanation = run(req(ALICE, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'), { identity: [], resource: trust });
    const statement = explanation.suggestions.find((suggestion) => suggestion.layer === 'resource')?.statement;
    expect(statement).toEqual({ Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' });
  });
  it('gates say that identity-policy changes will not help', () => {
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [FULL_ACCESS_SCP()]), level('ou-1', 'ou', [policy('Ec2Only', 'scp', allow('ec2:*'))])] });
    expect(explanation.suggestions[0]?.title).toBe('Attach or extend an SCP at OU ou-1 so that it allows s3:GetObject.');
    expect(explanation.suggestions[0]?.details).toContain('Changing identity-based policies will not help: this layer only limits, it never grants.');
    expect(explanation.suggestions[0]?.who).toBe('The organization’s management account, or a delegated administrator for AWS Organizations policies');
  });
  it('suggests no Allow when the ARN is no resource the action acts on', () => {
    const explanation = run(req(ALICE, 's3:ListBucket', OBJECT), { identity: [] }, { resourceFitsNoType: true, expectedResourceFormats: ['arn:${Partition}:s3:::${BucketName}'] });
    expect(explanation.suggestions.map((suggestion) => suggestion.kind)).toEqual(['check-resource-type']);
  });
  it('a role session is told to change the role’s identity policy', () => {
    const explanation = run(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [] });
    expect(explanation.suggestions[0]?.title).toBe('Add this Allow to an identity-based policy of the role arn:aws:iam::111111111111:role/Dev.');
  });
});

describe('Explanation — the evaluation path', () => {
  it('a key policy that names only the account is shown as delegating, not as granting (Key policies in AWS KMS)', () => {
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const keyPolicy = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Sid: 'EnableIAMUserPermissions', Principal: { AWS: 'arn:aws:iam::111111111111:root' } }));
    const explanation = run(req(ALICE, 'kms:Decrypt', key), { identity: [policy('Use', 'identity', allow('kms:Decrypt'))], resource: keyPolicy });
    expect(explanation.path.find((step) => step.layer === 'resource')?.detail).toBe("delegates to the account's identity-based policies (KeyPolicy)");
  });
  it('a layer that applies but is not needed is marked so, not as "does not apply"', () => {
    const bucket = policy('BucketPolicy', 'resource', allow('s3:GetObject', '*', { Principal: { AWS: ALICE } }));
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucket });
    expect(explanation.path.find((step) => step.layer === 'identity')?.mark).toBe('not-needed');
  });
});

describe('Explanation — layer titles name what the resource layer holds', () => {
  it('a role trust policy and a KMS key policy are called so in the path', () => {
    const trust = policy('Deploy-trust', 'trust', { Effect: 'Allow', Principal: { AWS: ALICE }, Action: 'sts:AssumeRole' });
    expect(run(req(ALICE, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'), { identity: [], resource: trust }).path.find((step) => step.layer === 'resource')?.title).toBe('Role trust policy');
    const key = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(run(req(ALICE, 'kms:Decrypt', key), { identity: [] }).path.find((step) => step.layer === 'resource')?.title).toBe('KMS key policy');
  });
});
