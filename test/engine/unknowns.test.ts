/**
 * `certain` and `unknowns`: what iamwhy did not have that could change the
 * decision, and only that. Each case is a real request through the real engine.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet, UnseenLayer } from '../../src/engine/policy-set.js';
import { ALICE, allow, BOB_OTHER_ACCOUNT, deny, FULL_ACCESS_SCP, level, OBJECT, policy, principal, req } from './helpers.js';

const READ = policy('Read', 'identity', allow('s3:GetObject', 'arn:aws:s3:::data-bucket/*'));
const NO_SCPS: UnseenLayer = { layer: 'scp', kind: 'policy_not_supplied', couldHold: 'Deny', detail: 'No organization data was given, so SCPs were not evaluated.' };
const NO_RCPS: UnseenLayer = { layer: 'rcp', kind: 'policy_not_supplied', couldHold: 'Deny', detail: 'No organization data was given, so RCPs were not evaluated.' };
const NO_BUCKET_POLICY: UnseenLayer = { layer: 'resource', kind: 'policy_not_supplied', couldHold: 'Allow', detail: 'No resource-based policy of the bucket was given.' };

describe('certain and unknowns — "Policy evaluation logic": gates only take away, grants only add', () => {
  it('nothing lacking: certain, no unknowns', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ] });
    expect(result.certain).toBe(true);
    expect(result.unknowns).toEqual([]);
  });

  it('"Service control policies (SCPs)": SCPs not given while the answer is allowed — an SCP could deny', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ], unseen: [NO_SCPS, NO_RCPS] });
    expect(result.decision).toBe('allowed');
    expect(result.certain).toBe(false);
    expect(result.unknowns).toEqual([
      { kind: 'policy_not_supplied', detail: NO_SCPS.detail, couldLeadTo: 'explicitDeny', layer: 'scp' },
      { kind: 'policy_not_supplied', detail: NO_RCPS.detail, couldLeadTo: 'explicitDeny', layer: 'rcp' },
    ]);
  });

  it('"Service control policies (SCPs)": SCPs not given while the answer is denied — never listed, they only take away', () => {
    const result = evaluate(req(ALICE, 's3:PutObject', OBJECT), { identity: [READ], unseen: [NO_SCPS, NO_RCPS] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.certain).toBe(true);
    expect(result.unknowns).toEqual([]);
  });

  it('"Service control policies (SCPs)": SCPs do not apply to the management account, so their absence changes nothing', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT, { organization: { principalIsManagementAccount: true, resourceIsManagementAccount: true } }), {
      identity: [READ],
      unseen: [NO_SCPS, NO_RCPS],
    });
    expect(result.unknowns).toEqual([]);
  });

  it('"Resource control policies (RCPs)": RCPs not given for a service RCPs do not cover (Lambda) are no unknown', () => {
    const lambda = policy('Invoke', 'identity', allow('lambda:InvokeFunction'));
    const result = evaluate(
      { ...req(ALICE, 'lambda:InvokeFunction', 'arn:aws:lambda:us-east-1:111111111111:function:f'), rcpSupported: false },
      { identity: [lambda], unseen: [NO_RCPS] },
    );
    expect(result.decision).toBe('allowed');
    expect(result.unknowns).toEqual([]);
  });

  it('"Cross-account policy evaluation logic": a cross-account resource without its resource policy — it could allow', () => {
    const request = req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT);
    const result = evaluate(request, { identity: [READ], unseen: [NO_BUCKET_POLICY] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.unknowns).toEqual([{ kind: 'policy_not_supplied', detail: NO_BUCKET_POLICY.detail, couldLeadTo: 'allowed', layer: 'resource' }]);
  });

  it('"Policy evaluation logic": same account, implicitly denied, no resource policy given — a bucket policy naming the principal could allow', () => {
    const result = evaluate(req(ALICE, 's3:PutObject', OBJECT), { identity: [READ], unseen: [NO_BUCKET_POLICY] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.unknowns.map((unknown) => unknown.couldLeadTo)).toEqual(['allowed']);
  });

  it('"Policy evaluation logic": a resource policy not given is not assumed to deny an allowed request', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ], unseen: [NO_BUCKET_POLICY] });
    expect(result.decision).toBe('allowed');
    expect(result.certain).toBe(true);
  });

  it('"Policy evaluation logic": an explicit deny stands whatever an unseen policy holds', () => {
    const denyAll = policy('DenyAll', 'identity', deny('*'));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ, denyAll], unseen: [NO_BUCKET_POLICY, NO_SCPS] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.unknowns).toEqual([]);
  });

  it('"Service control policies (SCPs)": a missing resource policy cannot lift a denial an SCP makes', () => {
    const scpLevels = [level('r-root', 'root', [policy('OnlyEc2', 'scp', allow('ec2:*'))])];
    const result = evaluate(req(ALICE, 's3:PutObject', OBJECT), { identity: [READ], scpLevels, unseen: [NO_BUCKET_POLICY] });
    expect(result.blockedBy).toContain('scp');
    expect(result.unknowns).toEqual([]);
  });

  it('"How AWS enforcement code logic evaluates requests to allow or deny access": a role trust policy not given — it could trust the user', () => {
    const assume = policy('Assume', 'identity', allow('sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'));
    const trust: UnseenLayer = { layer: 'resource', kind: 'policy_not_supplied', couldHold: 'Allow', detail: 'The trust policy was not given.' };
    const result = evaluate(req(ALICE, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'), { identity: [assume], unseen: [trust] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.unknowns).toEqual([{ kind: 'policy_not_supplied', detail: trust.detail, couldLeadTo: 'allowed', layer: 'resource' }]);
  });

  it('a partly unseen identity layer (a managed policy missing from GAAD) could allow a denial or deny an allow', () => {
    const missing: UnseenLayer = { layer: 'identity', kind: 'policy_not_supplied', detail: 'AWS managed policy ReadOnlyAccess is not in the snapshot.' };
    const denied = evaluate(req(ALICE, 's3:PutObject', OBJECT), { identity: [READ], unseen: [missing] });
    expect(denied.unknowns.map((unknown) => unknown.couldLeadTo)).toEqual(['allowed']);
    const allowed = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ], unseen: [missing] });
    expect(allowed.unknowns.map((unknown) => unknown.couldLeadTo)).toEqual(['explicitDeny']);
  });

  it('a read that failed keeps its kind and words', () => {
    const unread: UnseenLayer = { layer: 'scp', kind: 'read_denied', detail: 'Not read: organizations:ListPoliciesForTarget (AccessDenied) — SCPs not evaluated.' };
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ], unseen: [unread] });
    expect(result.unknowns).toEqual([{ kind: 'read_denied', detail: unread.detail, couldLeadTo: 'explicitDeny', layer: 'scp' }]);
  });

  it('a principal outside every source: its identity side was assumed to allow, so an allow is not certain', () => {
    const bucketPolicy = policy('Bucket', 'resource', allow('s3:GetObject', 'arn:aws:s3:::data-bucket/*', { Principal: { AWS: BOB_OTHER_ACCOUNT } }));
    const result = evaluate({ ...req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), identitySideUnknown: true }, { identity: [], resource: bucketPolicy });
    expect(result.decision).toBe('allowed');
    expect(result.unknowns).toHaveLength(1);
    expect(result.unknowns[0]).toMatchObject({ kind: 'policy_not_supplied', layer: 'identity', couldLeadTo: 'implicitDeny' });
  });
});

describe('certain and unknowns — absent condition keys ("IAM JSON policy elements: Condition operators": a missing key does not match)', () => {
  const mfaDeny = policy('DenyWithoutMfa', 'identity', [
    allow('s3:GetObject', 'arn:aws:s3:::data-bucket/*'),
    deny('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }),
  ]);

  it('"AWS global condition context keys": aws:MultiFactorAuthPresent is absent for long-term access keys — a deny that depends on it is not certain', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [mfaDeny] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.certain).toBe(false);
    expect(result.unknowns).toEqual([
      {
        kind: 'context_key',
        key: 'aws:MultiFactorAuthPresent',
        couldLeadTo: 'allowed',
        detail: 'Depends on aws:MultiFactorAuthPresent, which the request did not give (AWS sends it only with temporary credentials, and it is absent for long-term access keys).',
      },
    ]);
  });

  it('a key given settles it: certain', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:MultiFactorAuthPresent': 'true' } }), { identity: [mfaDeny] });
    expect(result.decision).toBe('allowed');
    expect(result.certain).toBe(true);
  });

  it('an absent key that cannot change the decision is not an unknown', () => {
    const both = policy('Both', 'identity', [allow('s3:GetObject', 'arn:aws:s3:::data-bucket/*'), allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })]);
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [both] });
    expect(result.missingContext.map((key) => [key.key, key.couldChangeDecision])).toEqual([['aws:SourceVpce', false]]);
    expect(result.certain).toBe(true);
  });

  it('"AWS global condition context keys": aws:RequestedRegion for a region-less ARN without a region is an unknown', () => {
    const regionLock = policy('RegionLock', 'identity', [allow('s3:*'), deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } })]);
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [regionLock] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.unknowns).toEqual([
      expect.objectContaining({ kind: 'context_key', key: 'aws:RequestedRegion', couldLeadTo: 'allowed', detail: expect.stringContaining('no --region was given') }),
    ]);
  });

  it('keys whose absence a source knows to be a fact (the principal’s tags from a snapshot) are absent, not unknown', () => {
    const abac = policy('Abac', 'identity', allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'analytics' } } }));
    const unknownTags = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [abac] });
    expect(unknownTags.unknowns.map((unknown) => unknown.key)).toEqual(['aws:PrincipalTag/team']);
    expect(unknownTags.unknowns[0]?.detail).toContain('the principal has no tag team in what was given');
    const knownTags = evaluate(req(ALICE, 's3:GetObject', OBJECT, { completeContextKeys: ['aws:PrincipalTag/'] }), { identity: [abac] });
    expect(knownTags.missingContext).toEqual([]);
    expect(knownTags.certain).toBe(true);
  });

  it('a key a source failed to read carries that source’s kind and words', () => {
    const tagged = policy('Tagged', 'identity', allow('s3:GetObject', '*', { Condition: { StringEquals: { 'aws:ResourceTag/stage': 'prod' } } }));
    const result = evaluate(
      req(ALICE, 's3:GetObject', OBJECT, { contextGaps: [{ keys: ['aws:ResourceTag/'], kind: 'read_denied', detail: 'Not read: s3:GetBucketTagging (AccessDenied)' }] }),
      { identity: [tagged] },
    );
    expect(result.unknowns).toEqual([
      { kind: 'read_denied', key: 'aws:ResourceTag/stage', couldLeadTo: 'allowed', detail: 'Depends on aws:ResourceTag/stage: Not read: s3:GetBucketTagging (AccessDenied).' },
    ]);
  });

  it('"IAM policy elements: Variables and tags": a Resource whose variable has no value waits on that key — an unknown, with the conditions still evaluated', () => {
    const home = policy('Home', 'identity', allow('s3:GetObject', 'arn:aws:s3:::data-bucket/${aws:PrincipalTag/team}/*', { Condition: { Bool: { 'aws:SecureTransport': 'true' } } }));
    const result = evaluate(req(ALICE, 's3:GetObject', 'arn:aws:s3:::data-bucket/analytics/a.csv'), { identity: [home] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.missingContext).toEqual([expect.objectContaining({ key: 'aws:PrincipalTag/team', couldChangeDecision: true, couldLeadTo: 'allowed' })]);
    const statement = result.layers.find((layer) => layer.layer === 'identity')?.policies[0]?.statements[0];
    expect(statement?.resource?.unresolvedVariables).toEqual(['aws:PrincipalTag/team']);
    expect(statement?.conditions.map((condition) => condition.matched)).toEqual([true]);
    // With the condition failing, knowing the tag could not help.
    const insecure = evaluate(req(ALICE, 's3:GetObject', 'arn:aws:s3:::data-bucket/analytics/a.csv', { context: { 'aws:SecureTransport': 'false' } }), { identity: [home] });
    expect(insecure.missingContext).toEqual([expect.objectContaining({ key: 'aws:PrincipalTag/team', couldChangeDecision: false })]);
    expect(insecure.certain).toBe(true);
  });

  it('an Allow that needs two absent keys: neither alone changes the decision, both together could — each is an unknown', () => {
    const office = policy('Office', 'identity', allow('s3:GetObject', '*', { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [office] });
    expect(result.missingContext.map((key) => [key.key, key.couldChangeDecision, key.couldLeadTo])).toEqual([
      ['aws:MultiFactorAuthPresent', true, 'allowed'],
      ['aws:SourceIp', true, 'allowed'],
    ]);
    expect(result.unknowns.map((unknown) => unknown.key)).toEqual(['aws:MultiFactorAuthPresent', 'aws:SourceIp']);
  });

  it('the result stays deterministic with unknowns', () => {
    const set: PolicySet = { identity: [READ], unseen: [NO_SCPS] };
    const request = req(ALICE, 's3:GetObject', OBJECT);
    expect(evaluate(request, set)).toEqual(evaluate(request, set));
  });
});

// The principal helper is used for a service principal: an allowed service call's SCP gap is irrelevant (SCPs do not restrict services).
describe('certain and unknowns — who SCPs restrict ("Service control policies (SCPs)")', () => {
  it('an AWS service principal allowed by a bucket policy: missing SCPs could not deny it', () => {
    const bucketPolicy = policy('Bucket', 'resource', allow('s3:PutObject', 'arn:aws:s3:::data-bucket/*', { Principal: { Service: 'cloudtrail.amazonaws.com' } }));
    const result = evaluate({ principal: principal('cloudtrail.amazonaws.com'), action: 's3:PutObject', resource: { arn: OBJECT, account: '111111111111' } }, {
      identity: [],
      resource: bucketPolicy,
      unseen: [NO_SCPS],
    });
    expect(result.decision).toBe('allowed');
    expect(result.unknowns).toEqual([]);
  });
});

// Referenced so FULL_ACCESS_SCP stays a shared helper; an SCP layer that is known silences the gap.
describe('certain and unknowns — a known layer is no unknown', () => {
  it('SCPs given: no unknown for them', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [READ], scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP()])] });
    expect(result.certain).toBe(true);
  });
});
