/**
 * Properties of the decision flow that hold for every policy set
 * ("Policy evaluation logic"), checked on random small policies with fast-check.
 * A failure names fast-check's seed; IAMWHY_PROPERTY_SEED replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import type { Policy } from '../../src/language/policy.js';
import type { PolicyKind } from '../../src/language/policy-kind.js';
import { ALICE, DEV_SESSION, policy, principal } from './helpers.js';
import { propertyRuns } from '../support/properties.js';

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

/**
 * The same flow on raw documents, so they can be changed before they are built:
 * identity, resource-based (with a Principal), boundary, session and SCP
 * policies, for a user and for a role session.
 */
type RawStatement = { Effect: string; Action: string[]; Resource: string[]; Condition?: object; Principal?: unknown };
interface RawSet {
  identity: RawStatement[][];
  resource: RawStatement[] | undefined;
  boundary: RawStatement[] | undefined;
  session: RawStatement[] | undefined;
  scp: RawStatement[] | undefined;
}
const RESOURCE_PRINCIPALS = [{ AWS: ALICE }, { AWS: DEV_SESSION }, { AWS: 'arn:aws:iam::111111111111:role/Dev' }, { AWS: '111111111111' }, '*', { AWS: 'arn:aws:iam::222222222222:root' }];
const rawStatement = statement.map(({ Condition, ...rest }): RawStatement => (Condition ? { ...rest, Condition } : rest));
const rawDocument = fc.array(rawStatement, { minLength: 1, maxLength: 4 });
const rawResourceDocument = fc.array(fc.tuple(rawStatement, fc.constantFrom(...RESOURCE_PRINCIPALS)).map(([raw, who]) => ({ ...raw, Principal: who })), { minLength: 1, maxLength: 3 });
const rawSet = fc.record({
  identity: fc.array(rawDocument, { maxLength: 3 }),
  resource: fc.option(rawResourceDocument, { nil: undefined }),
  boundary: fc.option(rawDocument, { nil: undefined }),
  session: fc.option(rawDocument, { nil: undefined }),
  scp: fc.option(rawDocument, { nil: undefined }),
});
const who = fc.constantFrom(ALICE, DEV_SESSION);

function buildRaw(raw: RawSet): PolicySet {
  const set: PolicySet = { identity: raw.identity.map((document, index) => policy(`I${index}`, 'identity', document)) };
  if (raw.resource) set.resource = policy('R', 'resource', raw.resource);
  if (raw.boundary) set.permissionsBoundary = policy('B', 'permissions-boundary', raw.boundary);
  if (raw.session) set.session = [policy('S', 'session', raw.session)];
  if (raw.scp) set.scpLevels = [{ id: 'r-root', type: 'root', policies: [policy('SCP', 'scp', raw.scp)] }];
  return set;
}
function rawRequest(generated: { action: string; resource: string; context: Record<string, string>; team: string }, principalArn: string): Request {
  return { ...toRequest(generated), principal: principal(principalArn, { tags: { team: generated.team } }) };
}
/** Every document of the set, with a way to put a changed copy back. */
function documentsOf(raw: RawSet): Array<{ statements: RawStatement[]; replace: (statements: RawStatement[]) => RawSet }> {
  const places: Array<{ statements: RawStatement[]; replace: (statements: RawStatement[]) => RawSet }> = raw.identity.map((statements, index) => ({
    statements,
    replace: (next) => ({ ...raw, identity: raw.identity.map((document, at) => (at === index ? next : document)) }),
  }));
  for (const key of ['resource', 'boundary', 'session', 'scp'] as const) {
    const statements = raw[key];
    if (statements) places.push({ statements, replace: (next) => ({ ...raw, [key]: next }) });
  }
  return places;
}
const shuffled = <T>(items: readonly T[], seed: number): T[] => {
  const out = [...items];
  let state = seed || 1;
  for (let index = out.length - 1; index > 0; index--) {
    state = (state * 48271) % 2147483647;
    const other = state % (index + 1);
    [out[index], out[other]] = [out[other] as T, out[index] as T];
  }
  return out;
};
const isDenied = (set: PolicySet, request: Request): boolean => evaluate(request, set).decision !== 'allowed';

describe('Policy evaluation logic — properties over changed documents', () => {
  it('is deterministic with resource, boundary, session and SCP policies, for a user and a role session', () => {
    fc.assert(
      fc.property(rawSet, request, who, (raw, req, arn) => {
        expect(evaluate(rawRequest(req, arn), buildRaw(raw))).toEqual(evaluate(rawRequest(req, arn), buildRaw(raw)));
      }),
      propertyRuns(150),
    );
  });

  it('an added Deny statement, in any policy, never turns a denial into an allow', () => {
    const denyStatement = rawStatement.map((raw) => ({ ...raw, Effect: 'Deny' }));
    fc.assert(
      fc.property(rawSet, request, who, denyStatement, fc.nat(), fc.constantFrom(...RESOURCE_PRINCIPALS), (raw, req, arn, added, where, resourcePrincipal) => {
        const request = rawRequest(req, arn);
        if (!isDenied(buildRaw(raw), request)) return;
        const places = documentsOf(raw);
        const changed =
          places.length === 0 || where % (places.length + 1) === places.length
            ? { ...raw, identity: [...raw.identity, [added]] }
            : (() => {
                const place = places[where % places.length]!;
                const statement = place.statements[0]?.Principal !== undefined ? { ...added, Principal: resourcePrincipal } : added;
                return place.replace([...place.statements, statement]);
              })();
        expect(isDenied(buildRaw(changed), request)).toBe(true);
      }),
      propertyRuns(300),
    );
  });

  it('removing an Allow statement, from any policy, never turns a denial into an allow', () => {
    fc.assert(
      fc.property(rawSet, request, who, fc.nat(), fc.nat(), (raw, req, arn, which, at) => {
        const request = rawRequest(req, arn);
        if (!isDenied(buildRaw(raw), request)) return;
        const withAllow = documentsOf(raw).filter((place) => place.statements.some((statement) => statement.Effect === 'Allow'));
        if (withAllow.length === 0) return;
        const place = withAllow[which % withAllow.length]!;
        const allows = place.statements.map((statement, index) => ({ statement, index })).filter((entry) => entry.statement.Effect === 'Allow');
        const removed = allows[at % allows.length]!.index;
        const remaining = place.statements.filter((_, index) => index !== removed);
        // A policy needs a statement: an emptied one becomes a statement that matches nothing.
        const filler: RawStatement = { Effect: 'Allow', Action: ['none:Nothing'], Resource: ['arn:aws:s3:::nothing'] };
        const principalOf = place.statements[removed]?.Principal;
        const next = remaining.length > 0 ? remaining : [principalOf === undefined ? filler : { ...filler, Principal: principalOf }];
        expect(isDenied(buildRaw(place.replace(next)), request)).toBe(true);
      }),
      propertyRuns(300),
    );
  });

  it('the order of statements in a policy and of identity policies never changes the decision or what blocks', () => {
    fc.assert(
      fc.property(rawSet, request, who, fc.integer({ min: 1, max: 2_000_000_000 }), (raw, req, arn, seed) => {
        const request = rawRequest(req, arn);
        const reordered: RawSet = {
          identity: shuffled(raw.identity.map((document, index) => shuffled(document, seed + index)), seed),
          resource: raw.resource && shuffled(raw.resource, seed + 11),
          boundary: raw.boundary && shuffled(raw.boundary, seed + 13),
          session: raw.session && shuffled(raw.session, seed + 17),
          scp: raw.scp && shuffled(raw.scp, seed + 19),
        };
        const before = evaluate(request, buildRaw(raw));
        const after = evaluate(request, buildRaw(reordered));
        expect(after.decision).toBe(before.decision);
        expect([...after.blockedBy].sort()).toEqual([...before.blockedBy].sort());
      }),
      propertyRuns(300),
    );
  });
});
