/**
 * "Who can do this?": evaluates one action on one resource for every user and
 * role of a snapshot. The evaluator is injected (the engine's `evaluate`), so this
 * module does not depend on it. The resource side and each account's SCP side are
 * built once; per principal only the list of pre-parsed policies is assembled.
 * CAUTION: publicly exported.
 */
import type { PolicySet } from '../../engine/policy-set.js';
import type { ContextInput, Request } from '../../engine/request.js';
import type { Snapshot, SnapshotRole, SnapshotUser } from './model.js';
import type { OrganizationSide } from './organization.js';
import { organizationFacts } from './organization.js';
import { principalSide, resourceSide, scpSide, type PrincipalSide, type ResourceSide } from './contribution.js';
import type { ResolvedPrincipal } from './resolve-principal.js';

export type WhoCanDecision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** What who-can reads from an evaluation; the engine's `EvaluationResult` fits. */
export interface WhoCanVerdict {
  decision: WhoCanDecision;
  blockedBy: readonly string[];
  /** What the evaluation lacked that could change it (the engine's `unknowns`). */
  unknowns?: readonly { detail: string }[];
}

export type EvaluateFunction = (request: Request, policySet: PolicySet) => WhoCanVerdict;

export interface WhoCanOptions {
  action: string;
  /** The resource ARN, or `*`. */
  resourceArn: string;
  evaluate: EvaluateFunction;
  context?: Readonly<Record<string, ContextInput>>;
  /** Which principals to try (default: users and roles). */
  principals?: 'all' | 'users' | 'roles';
  /** The resource ARN is a pattern read existentially (see `Request.resourceIsPattern`). */
  resourceIsPattern?: boolean;
  /** Only principals of these accounts (default: every account). */
  accounts?: readonly string[];
}

export interface WhoCanEntry {
  arn: string;
  kind: 'user' | 'role';
  account: string;
  decision: WhoCanDecision;
  blockedBy: readonly string[];
  /** Something this principal's evaluation needed is not in the snapshot (see `WhoCanResult.gaps`). */
  incomplete: boolean;
}

export interface WhoCanResult {
  action: string;
  resourceArn: string;
  /** Every principal tried, sorted by ARN. */
  entries: WhoCanEntry[];
  counts: Record<WhoCanDecision, number>;
  /** What the snapshot lacked, once each. */
  gaps: string[];
}

export function whoCan(snapshot: Snapshot, options: WhoCanOptions): WhoCanResult {
  const which = options.principals ?? 'all';
  const accounts = options.accounts === undefined ? undefined : new Set(options.accounts);
  const candidates: (SnapshotUser | SnapshotRole)[] = [];
  if (which !== 'roles') for (const user of snapshot.users.values()) candidates.push(user);
  if (which !== 'users') for (const role of snapshot.roles.values()) candidates.push(role);

  const scpByAccount = new Map<string, OrganizationSide>();
  const resourceByAccount = new Map<string, ResourceSide>();
  const gaps = new Set<string>();
  const entries: WhoCanEntry[] = [];
  const counts: Record<WhoCanDecision, number> = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };

  for (const entity of candidates) {
    if (accounts !== undefined && !accounts.has(entity.account)) continue;
    let scp = scpByAccount.get(entity.account);
    if (scp === undefined) {
      scp = scpSide(snapshot, entity.account);
      scpByAccount.set(entity.account, scp);
    }
    // The resource side depends on the principal only through its account (for an S3 bucket of unknown owner).
    let resource = resourceByAccount.get(entity.account);
    if (resource === undefined) {
      resource = resourceSide(snapshot, options, entity.account);
      resourceByAccount.set(entity.account, resource);
    }
    const resolved: ResolvedPrincipal =
      entity.kind === 'user' ? { match: 'user', principal: entity.principal, user: entity } : { match: 'role', principal: entity.principal, role: entity };
    const principal = principalSide(snapshot, resolved, scp);
    const { request, policySet } = buildRequest(options, principal, resource);
    const verdict = options.evaluate(request, policySet);
    // What the snapshot lacks that could change this principal's answer (the engine judges which do).
    const entityGaps = [...principal.gaps, ...resource.gaps, ...(verdict.unknowns ?? []).map((unknown) => unknown.detail)];
    for (const gap of entityGaps) gaps.add(gap);
    counts[verdict.decision]++;
    entries.push({
      arn: entity.arn,
      kind: entity.kind,
      account: entity.account,
      decision: verdict.decision,
      blockedBy: verdict.blockedBy,
      incomplete: entityGaps.length > 0,
    });
  }
  entries.sort((left, right) => (left.arn < right.arn ? -1 : left.arn > right.arn ? 1 : 0));
  return { action: options.action, resourceArn: options.resourceArn, entries, counts, gaps: [...gaps] };
}

function buildRequest(options: WhoCanOptions, principal: PrincipalSide, resource: ResourceSide): { request: Request; policySet: PolicySet } {
  const policySet: PolicySet = { identity: principal.identity };
  if (principal.permissionsBoundary) policySet.permissionsBoundary = principal.permissionsBoundary;
  if (principal.scp?.levels) policySet.scpLevels = principal.scp.levels;
  if (resource.resourcePolicy) policySet.resource = resource.resourcePolicy;
  if (resource.rcp?.levels) policySet.rcpLevels = resource.rcp.levels;
  if (resource.vpcEndpoint) policySet.vpcEndpoint = resource.vpcEndpoint;
  const unseen = [...principal.unseen, ...resource.unseen];
  if (unseen.length > 0) policySet.unseen = unseen;
  const request: Request = {
    principal: principal.principal,
    action: options.action,
    resource: { ...resource.resource, arn: resource.resource.arn ?? options.resourceArn },
    organization: organizationFacts(principal.scp, resource.rcp),
  };
  if (options.context !== undefined) request.context = options.context;
  if (options.resourceIsPattern) request.resourceIsPattern = true;
  const principalTagsKnown = principal.principal.kind === 'user' || principal.principal.kind === 'role';
  const complete = [...(principalTagsKnown ? ['aws:PrincipalTag/'] : []), ...(resource.tagsKnown ? ['aws:ResourceTag/'] : [])];
  if (complete.length > 0) request.completeContextKeys = complete;
  if (resource.contextGaps.length > 0) request.contextGaps = resource.contextGaps;
  return { request, policySet };
}
