/**
 * Properties of the decision flow that hold for every policy set
 * ("Policy evaluation logic"), checked on random small policies with fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import type { Policy } from '../../src/language/policy.js';
import type { PolicyKind } from '../../src/language/policy-kind.js';
import { ALICE, policy, principal } from './helpers.js';

const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:*', 's3:Get*', '*', 'ec2:RunInstances'];
const RESOURCES = ['*', 'arn:aws:s3:::data/*', 'arn:aws:s3:::data/reports/*', 'arn:aws:s3:::other/*'];
const CONDITIONS: Array<object | undefined> = [
  undefined,
  { Bool: { 'aws:SecureTransport': 'true' } },
  { StringEquals: { 'aws:PrincipalTag/team': 'data' } },
  { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
  { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } },
];

const statement = fc.record({
  Effect: fc.constantFrom('Allow', 'Deny'),
  Action: fc.subarray(ACTIONS, { minLength: 1 }),
  Resource: fc.subarray(RESOURCES, { minLength: 1 }),
  Condition: fc.constantFrom(...CONDITIONS),
});
const document = fc.array(statement, { minLength: 1, maxLength: 4 });
let counter = 0;
const toPolicy = (kind: PolicyKind) => (statements: Array<{ Condition: object | undefined }>): Policy =>
  policy(`P${counter++}`, kind, statements.map(({ Condition, ...rest }) => (Condition ? { ...rest, Condition } : rest)));

const policySet = fc.record({
  identity: fc.array(document.map(toPolicy('identity')), { maxLength: 3 }),
  permissionsBoundary: fc.option(document.map(toPolicy('permissions-boundary')), { nil: undefined }),
  scp: fc.option(document.map(toPolicy('scp')), { nil: undefined }),
});
const request = fc.record({
  action: fc.constantFrom('s3:GetObject', 's3:PutObject', 'ec2:RunInstances'),
  resource: fc.constantFrom('arn:aws:s3:::data/reports/q1.csv', 'arn:aws:s3:::other/x', '*'),
  context: fc.record({ 'aws:SourceIp': fc.constantFrom('10.1.2.3', '192.0.2.1'), 'aws:RequestedRegion': fc.constantFrom('eu-west-1', 'us-east-1') }),
  team: fc.constantFrom('data', 'web'),
});

function build(generated: { identity: Policy[]; permissionsBoundary: Policy | undefined; scp: Policy | undefined }): PolicySet {
  const set: PolicySet = { identity: generated.identity };
  if (generated.permissionsBoundary) set.permissionsBoundary = generated.permissionsBoundary;
  if (generated.scp) set.scpLevels = [{ id: 'r-root', type: 'root', policies: [generated.scp] }];
  return set;
}
function toRequest(generated: { action: string; resource: string; context: Record<string, string>; team: string }): Request {
  return {
    principal: principal(ALICE, { tags: { team: generated.team } }),
    action: generated.action,
    resource: { arn: generated.resource, account: '111111111111' },
    context: generated.context,
    time: new Date('2026-01-01T00:00:00Z'),
  };
}

const denyEverything = (): Policy => policy('DenyEverything', 'identity', { Effect: 'Deny', Action: '*', Resource: '*' });

describe('Policy evaluation logic — properties over random policy sets', () => {
  it('is deterministic: the same input gives the same result', () => {
    fc.assert(
      fc.property(policySet, request, (set, req) => {
        expect(evaluate(toRequest(req), build(set))).toEqual(evaluate(toRequest(req), build(set)));
      }),
      { numRuns: 150 },
    );
  });

  it('an explicit deny that matches always wins, whatever else allows', () => {
    fc.assert(
      fc.property(policySet, request, (set, req) => {
        const built = build(set);
        built.identity = [...built.identity, denyEverything()];
        expect(evaluate(toRequest(req), built).decision).toBe('explicitDeny');
      }),
      { numRuns: 150 },
    );
  });

  it('allowed means no layer denies and none blocks; denied means at least one layer blocks', () => {
    fc.assert(
      fc.property(policySet, request, (set, req) => {
        const result = evaluate(toRequest(req), build(set));
        if (result.decision === 'allowed') {
          expect(result.blockedBy).toEqual([]);
          expect(result.layers.every((layer) => layer.verdict !== 'explicitDeny')).toBe(true);
        } else {
          expect(result.blockedBy.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('gates only limit: removing the boundary or the SCPs never turns an allow into a deny', () => {
    fc.assert(
      fc.property(policySet, request, (set, req) => {
        if (evaluate(toRequest(req), build(set)).decision !== 'allowed') return;
        expect(evaluate(toRequest(req), build({ ...set, permissionsBoundary: undefined })).decision).toBe('allowed');
        expect(evaluate(toRequest(req), build({ ...set, scp: undefined })).decision).toBe('allowed');
      }),
      { numRuns: 200 },
    );
  });

  it('without any identity policy, a same-account user with no resource policy is never allowed', () => {
    fc.assert(
      fc.property(policySet, request, (set, req) => {
        expect(evaluate(toRequest(req), build({ ...set, identity: [] })).decision).not.toBe('allowed');
      }),
      { numRuns: 100 },
    );
  });
});
