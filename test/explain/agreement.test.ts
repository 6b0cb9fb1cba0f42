/**
 * "Troubleshoot access denied error messages": AWS names one policy type, even
 * when several deny. iamwhy says whether its evaluation finds that layer blocking
 * as AWS said, lists the others, and turns a disagreement into an unknown.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import { compareWithAws, type AwsNamed } from '../../src/explain/agreement.js';
import { explain } from '../../src/explain/explanation.js';
import { deniedRequestFromMessage, parseDenialMessage } from '../../src/sources/error-text/index.js';
import { ALICE, DEV_SESSION, OBJECT, allow, deny, level, policy, req } from '../engine/helpers.js';

const s3All = policy('S3All', 'identity', allow('s3:*'));
const named = (extra: Partial<AwsNamed>): AwsNamed => ({ layer: undefined, explicit: undefined, trust: false, viaLayer: undefined, policyArn: undefined, ...extra });

const DENIALS: Array<[string, Request, PolicySet]> = [
  ['an SCP level allows nothing', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [policy('Ec2Only', 'scp', allow('ec2:*'))])] }],
  ['an SCP denies', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [policy('All', 'scp', [allow('*'), deny('s3:*')])])] }],
  ['an RCP denies', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], rcpLevels: [level('r-1', 'root', [policy('NoS3', 'rcp', { Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: '*' })])] }],
  ['the VPC endpoint policy allows nothing', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], vpcEndpoint: [policy('Endpoint', 'vpc-endpoint', allow('ec2:*', '*', { Principal: '*' }))] }],
  ['the boundary allows nothing', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], permissionsBoundary: policy('Boundary', 'permissions-boundary', allow('ec2:*')) }],
  ['the boundary denies', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], permissionsBoundary: policy('Boundary', 'permissions-boundary', [allow('*'), deny('s3:GetObject')]) }],
  ['the session policy allows nothing', req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [s3All], session: [policy('Session', 'session', allow('ec2:*'))] }],
  ['an identity policy denies', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All, policy('No', 'identity', deny('s3:GetObject'))] }],
  ['nothing allows', req(ALICE, 's3:GetObject', OBJECT), { identity: [] }],
  ['the bucket policy denies', req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], resource: policy('Bucket', 'resource', { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }) }],
  [
    'the trust policy does not allow',
    req(ALICE, 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/Deploy'),
    { identity: [policy('Assume', 'identity', allow('sts:AssumeRole'))], resource: policy('Trust', 'trust', { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:user/bob' }, Action: 'sts:AssumeRole' }) },
  ],
];

describe('iamwhy reads back the message AWS would show, and agrees with it', () => {
  it.each(DENIALS)('%s', (_name, request, set) => {
    const result = evaluate(request, set);
    const message = explain(result).awsMessage as string;
    const parsed = parseDenialMessage(message);
    if (!parsed.ok) throw new Error(`not parsed: ${message}`);
    const denied = deniedRequestFromMessage(parsed.message, 'm');
    expect([denied.principal, denied.action]).toEqual([request.principal.arn, request.action]);
    const agreement = compareWithAws(result, named({ layer: denied.policyType, explicit: denied.explicit, trust: denied.trustPolicy }), [], 'the policies');
    expect(agreement.agrees, agreement.summary).toBe(true);
    expect(agreement.unknown).toBeUndefined();
    expect(agreement.alsoBlocking).toEqual(result.blockedBy.filter((layer) => layer !== denied.policyType));
  });
});

describe('a disagreement is an unknown of kind source_disagrees', () => {
  const boundaryAndIdentity = (): PolicySet => ({ identity: [], permissionsBoundary: policy('Boundary', 'permissions-boundary', allow('ec2:*')) });

  it('AWS names one blocking layer; iamwhy lists the other that blocks too', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), boundaryAndIdentity());
    const agreement = compareWithAws(result, named({ layer: 'permissions_boundary', explicit: false }), [], 'the policies');
    expect(agreement).toMatchObject({ agrees: true, alsoBlocking: ['identity'] });
    expect(agreement.summary).toContain("Also blocking, which AWS's message does not say: the identity-based policy (nothing allows it).");
  });

  it('AWS names a layer that allows in iamwhy’s evaluation', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), boundaryAndIdentity());
    const agreement = compareWithAws(result, named({ layer: 'scp', explicit: true }), [], 'the snapshot');
    expect(agreement.agrees).toBe(false);
    expect(agreement.unknown).toEqual({ kind: 'source_disagrees', detail: expect.stringContaining('names a service control policy (an explicit deny)'), couldLeadTo: 'explicitDeny', layer: 'scp' });
  });

  it('AWS says explicit, iamwhy finds only no Allow in that layer', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), boundaryAndIdentity());
    const agreement = compareWithAws(result, named({ layer: 'permissions_boundary', explicit: true }), [], 'the snapshot');
    expect(agreement.unknown?.detail).toContain('but iamwhy finds no Deny that matches, only no Allow in the snapshot');
  });

  it('the layer was not supplied: iamwhy could not check it, and says how to add it', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [] });
    const agreement = compareWithAws(result, named({ layer: 'rcp', explicit: true }), [], 'the policy files');
    expect(agreement.unknown?.detail).toBe(
      "AWS's message names a resource control policy (an explicit deny); the policy files had none of it, so iamwhy could not check it (add a snapshot with the organization, or --organization-config with rcp_hierarchy).",
    );
  });

  it('AWS named the denying policy’s ARN, and iamwhy finds another policy denying', () => {
    const scp = policy('DenyS3', 'scp', [allow('*'), deny('s3:*')]);
    scp.origin = { arn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-111' };
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [scp])] });
    const same = compareWithAws(result, named({ layer: 'scp', explicit: true, policyArn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-111' }), [], 'the snapshot');
    const other = compareWithAws(result, named({ layer: 'scp', explicit: true, policyArn: 'arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-222' }), [], 'the snapshot');
    expect(same.agrees).toBe(true);
    expect(other.agrees).toBe(false);
    expect(other.unknown?.detail).toContain('iamwhy finds arn:aws:organizations::999999999999:policy/o-abc/service_control_policy/p-111 denying');
  });

  it('AWS named no type: nothing to disagree with while iamwhy denies too; an allow is a disagreement', () => {
    const denied = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [] });
    expect(compareWithAws(denied, named({}), [], 'the snapshot')).toMatchObject({ agrees: undefined, unknown: undefined, alsoBlocking: ['identity'] });
    const allowed = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All] });
    expect(compareWithAws(allowed, named({}), [], 'the snapshot').unknown).toMatchObject({ kind: 'source_disagrees', couldLeadTo: 'implicitDeny' });
  });

  it('"transitively through a service control policy": either named layer blocking agrees', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], scpLevels: [level('r-1', 'root', [policy('All', 'scp', [allow('*'), deny('s3:*')])])] });
    expect(compareWithAws(result, named({ layer: 'vpc_endpoint', viaLayer: 'scp', explicit: true }), [], 'the snapshot').agrees).toBe(true);
  });

  it('the explanation carries the disagreement among its unknowns and is not certain', () => {
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All] });
    const agreement = compareWithAws(result, named({ layer: 'scp', explicit: true }), [], 'the snapshot');
    const explanation = explain(result, { unknowns: agreement.unknown ? [agreement.unknown] : [] });
    expect(explanation.certain).toBe(false);
    expect(explanation.uncertainty).toBe('AWS names a service control policy, which iamwhy does not find blocking as AWS says');
  });
});
