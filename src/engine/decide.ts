/**
 * AWS's decision flow over evaluated statements ("Policy evaluation logic",
 * "How AWS enforcement code logic evaluates requests to allow or deny access",
 * "Cross-account policy evaluation logic"). Statements are first sorted into
 * matched Allows and Denies; this module turns those buckets into per-layer
 * verdicts and one decision. It takes `isMatched` as a parameter so the
 * missing-context analysis can ask "what if this condition came out the other way?"
 * without evaluating anything again.
 */
import type { Policy } from '../language/policy.js';
import type { OrganizationLevel } from './policy-set.js';
import type { Principal } from './principal.js';
import type { Applicability } from './applicability.js';
import type { RequiredResourcePolicy } from './required-resource-policy.js';
import {
  LAYER_ORDER,
  type Decision,
  type LayerName,
  type LayerVerdict,
  type ReasonCode,
  type StatementEvaluation,
  type StatementRef,
} from './result.js';

export interface EvaluatedPolicy {
  policy: Policy;
  statements: StatementEvaluation[];
}

export interface EvaluatedLevel {
  level: OrganizationLevel;
  policies: EvaluatedPolicy[];
}

export interface EvaluatedLayer {
  layer: LayerName;
  applicability: Applicability;
  policies: EvaluatedPolicy[];
  /** SCP and RCP layers only. */
  levels?: EvaluatedLevel[];
  /** The S3 Block Public Access step only: whether its settings refuse the request. */
  blockPublicAccessRefuses?: boolean;
}

export interface DecisionSetup {
  principal: Principal;
  /** The resource carries a policy that must name the principal (role trust or KMS key policy), supplied or not. */
  requiredResourcePolicy: RequiredResourcePolicy | undefined;
  crossAccount: boolean;
  /** The principal's identity side is unknown: assumed to allow (resource-side evaluation). */
  identitySideAssumed: boolean;
  /** Special verdict for a GetFederationToken session with no session policy. */
  federationWithoutSessionPolicy: boolean;
  layers: Record<LayerName, EvaluatedLayer>;
}

export type StatementPredicate = (statement: StatementEvaluation) => boolean;

export interface LayerOutcome {
  verdict: LayerVerdict;
  deciding: StatementRef[];
  /** Per level (SCP/RCP): its verdict and the statements that decided it. */
  levels?: Array<{ verdict: Exclude<LayerVerdict, 'notApplicable'>; deciding: StatementRef[] }>;
}

export interface Decided {
  decision: Decision;
  reason: ReasonCode;
  blockedBy: LayerName[];
  deciding: StatementRef[];
  layers: Record<LayerName, LayerOutcome>;
  notes: string[];
}

interface Buckets {
  allows: StatementEvaluation[];
  denies: StatementEvaluation[];
}

function bucket(policies: readonly EvaluatedPolicy[], isMatched: StatementPredicate): Buckets {
  const allows: StatementEvaluation[] = [];
  const denies: StatementEvaluation[] = [];
  for (const { statements } of policies) {
    for (const statement of statements) {
      if (!isMatched(statement)) continue;
      (statement.effect === 'Deny' ? denies : allows).push(statement);
    }
  }
  return { allows, denies };
}

const refs = (statements: readonly StatementEvaluation[]): StatementRef[] => statements.map((statement) => statement.ref);

/** Explicit deny wins; otherwise any Allow allows; otherwise the default deny. */
function plainVerdict({ allows, denies }: Buckets): Exclude<LayerVerdict, 'notApplicable'> {
  if (denies.length > 0) return 'explicitDeny';
  return allows.length > 0 ? 'allow' : 'implicitDeny';
}

function layerOutcome(layer: EvaluatedLayer, setup: DecisionSetup, isMatched: StatementPredicate): LayerOutcome & { buckets: Buckets } {
  const empty: Buckets = { allows: [], denies: [] };
  if (!layer.applicability.applies) return { verdict: 'notApplicable', deciding: [], buckets: empty };
  // S3 Block Public Access refuses explicitly, or lets the request on; it never grants.
  if (layer.layer === 's3_block_public_access') return { verdict: layer.blockPublicAccessRefuses ? 'explicitDeny' : 'allow', deciding: [], buckets: empty };

  if (layer.layer === 'scp' || layer.layer === 'rcp') {
    // SCPs: every level root → OU → account must allow, any policy at a level may.
    // RCPs: RCPFullAWSAccess is attached at every level, so only denies matter.
    const levels = (layer.levels ?? []).map((level) => {
      const levelBuckets = bucket(level.policies, isMatched);
      let verdict = plainVerdict(levelBuckets);
      if (layer.layer === 'rcp' && verdict === 'implicitDeny') verdict = 'allow';
      const deciding = verdict === 'explicitDeny' ? refs(levelBuckets.denies) : refs(levelBuckets.allows);
      return { verdict, deciding, levelBuckets };
    });
    const all = {
      allows: levels.flatMap((level) => level.levelBuckets.allows),
      denies: levels.flatMap((level) => level.levelBuckets.denies),
    };
    const verdict = levels.some((level) => level.verdict === 'explicitDeny')
      ? 'explicitDeny'
      : levels.some((level) => level.verdict === 'implicitDeny')
        ? 'implicitDeny'
        : 'allow';
    return {
      verdict,
      deciding: verdict === 'explicitDeny' ? refs(all.denies) : verdict === 'allow' ? refs(all.allows) : [],
      levels: levels.map(({ verdict: levelVerdict, deciding }) => ({ verdict: levelVerdict, deciding })),
      buckets: all,
    };
  }

  const buckets = bucket(layer.policies, isMatched);
  let verdict = plainVerdict(buckets);
  // The account root user has full access to its own account by default ("Policy evaluation logic").
  if (layer.layer === 'identity' && setup.principal.kind === 'root' && verdict === 'implicitDeny') verdict = 'allow';
  if (layer.layer === 'session_policy' && setup.federationWithoutSessionPolicy) verdict = 'implicitDeny';
  const deciding = verdict === 'explicitDeny' ? refs(buckets.denies) : refs(buckets.allows);
  return { verdict, deciding, buckets };
}

/** How a resource policy's Allow names the requester decides which gates still limit it. */
function resourceGrantKinds(allows: readonly StatementEvaluation[]): { unlimited: boolean; roleNamed: boolean; accountNamed: boolean } {
  let unlimited = false;
  let roleNamed = false;
  let accountNamed = false;
  for (const statement of allows) {
    switch (statement.principal?.via) {
      case 'principal':
      case 'wildcard':
      case 'not-principal':
        unlimited = true;
        break;
      case 'role':
        roleNamed = true;
        break;
      case 'account':
        accountNamed = true;
        break;
      default:
        break;
    }
  }
  return { unlimited, roleNamed, accountNamed };
}

export function decide(setup: DecisionSetup, isMatched: StatementPredicate): Decided {
  const outcomes = {} as Record<LayerName, LayerOutcome & { buckets: Buckets }>;
  for (const name of LAYER_ORDER) outcomes[name] = layerOutcome(setup.layers[name], setup, isMatched);
  const verdictOf = (name: LayerName): LayerVerdict => outcomes[name].verdict;
  const notes: string[] = [];
  const blocked = new Set<LayerName>();

  // 1. An explicit deny in any applicable policy wins.
  const denying = LAYER_ORDER.filter((name) => verdictOf(name) === 'explicitDeny');
  for (const name of denying) blocked.add(name);

  // 2. Gates: SCPs and VPC endpoint policies must allow (RCPs only deny).
  for (const gate of ['scp', 'vpc_endpoint'] as const) {
    if (verdictOf(gate) === 'implicitDeny') blocked.add(gate);
  }

  // 3. Grants: identity-based and resource-based policies.
  const grant = decideGrant(setup, outcomes);
  for (const name of grant.blocking) blocked.add(name);
  notes.push(...grant.notes);
  const { granted, grantingLayers } = grant;
  let reason: ReasonCode = grant.reason;
  const { principal } = setup;

  if (setup.federationWithoutSessionPolicy && !granted) {
    blocked.add('session_policy');
    reason = 'federation-token-without-session-policy';
  }

  const gatesOk = !blocked.has('scp') && !blocked.has('vpc_endpoint');
  let decision: Decision;
  let deciding: StatementRef[];
  if (denying.length > 0) {
    decision = 'explicitDeny';
    reason = denying.length === 1 && denying[0] === 's3_block_public_access' ? 'block-public-access' : 'explicit-deny';
    deciding = denying.flatMap((name) => outcomes[name].deciding);
  } else if (granted && gatesOk) {
    decision = 'allowed';
    reason = principal.kind === 'root' && !setup.crossAccount && grantingLayers.includes('identity') && outcomes.identity.buckets.allows.length === 0
      ? 'allowed-as-root'
      : grantingLayers.includes('identity') && grantingLayers.includes('resource')
        ? 'allowed-by-both'
        : grantingLayers.includes('resource')
          ? 'allowed-by-resource'
          : 'allowed-by-identity';
    deciding = grantingLayers.flatMap((name) => outcomes[name].deciding);
  } else {
    decision = 'implicitDeny';
    // Something grants, but a gate (SCP level, VPC endpoint) stops it.
    if (granted && reason === 'no-allow') reason = 'gate-denies';
    deciding = [];
  }
  if (decision === 'allowed') blocked.clear();

  const layers = {} as Record<LayerName, LayerOutcome>;
  for (const name of LAYER_ORDER) {
    const { verdict, deciding: layerDeciding, levels } = outcomes[name];
    layers[name] = levels ? { verdict, deciding: layerDeciding, levels } : { verdict, deciding: layerDeciding };
  }
  return {
    decision,
    reason,
    blockedBy: LAYER_ORDER.filter((name) => blocked.has(name)),
    deciding,
    layers,
    notes,
  };
}

interface GrantOutcome {
  granted: boolean;
  reason: ReasonCode;
  grantingLayers: LayerName[];
  /** Layers that, on their own, keep the request from being granted. */
  blocking: LayerName[];
  notes: string[];
}

/** What the grant decision reads from the layer outcomes. */
interface GrantFacts {
  identityAllows: boolean;
  boundaryOk: boolean;
  sessionOk: boolean;
  /** Identity policies allow and the boundary and session policies let them. */
  identityPath: boolean;
  resourceAllows: StatementEvaluation[];
  grantKinds: ReturnType<typeof resourceGrantKinds>;
  resourceApplies: boolean;
}

/**
 * Whether identity-based and resource-based policies grant the request, by the
 * case AWS documents: no identity side (anonymous, service principals), cross
 * account, a resource that must name the principal (role trust, KMS key), or
 * one account.
 */
function decideGrant(setup: DecisionSetup, outcomes: Record<LayerName, LayerOutcome & { buckets: Buckets }>): GrantOutcome {
  const applies = (name: LayerName): boolean => outcomes[name].verdict !== 'notApplicable';
  const allows = (name: LayerName): boolean => outcomes[name].verdict === 'allow';
  const hasIdentitySide = applies('identity') || setup.identitySideAssumed;
  const identityAllows = allows('identity') || setup.identitySideAssumed;
  const boundaryOk = !applies('permissions_boundary') || allows('permissions_boundary');
  const sessionOk = !applies('session_policy') || allows('session_policy');
  const resourceAllows = applies('resource') ? outcomes.resource.buckets.allows : [];
  const facts: GrantFacts = {
    identityAllows,
    boundaryOk,
    sessionOk,
    identityPath: hasIdentitySide && identityAllows && boundaryOk && sessionOk,
    resourceAllows,
    grantKinds: resourceGrantKinds(resourceAllows),
    resourceApplies: applies('resource'),
  };
  const resourceKind = setup.layers.resource.policies[0]?.policy.kind;
  if (!hasIdentitySide) return grantWithoutIdentity(facts);
  if (setup.crossAccount) return grantAcrossAccounts(facts);
  const namingKind = resourceKind === 'trust' || resourceKind === 'kms-key' ? resourceKind : setup.requiredResourcePolicy;
  if (namingKind !== undefined) return grantNamingPrincipal(facts, namingKind);
  return grantWithinAccount(facts);
}

/** The boundary and session policy block the identity path when they do not allow. */
function identityPathGates(facts: GrantFacts): LayerName[] {
  return [...(facts.boundaryOk ? [] : ['permissions_boundary' as const]), ...(facts.sessionOk ? [] : ['session_policy' as const])];
}

/** Anonymous requests and AWS service principals: only a resource-based policy can grant. */
function grantWithoutIdentity(facts: GrantFacts): GrantOutcome {
  const granted = facts.grantKinds.unlimited;
  return { granted, reason: 'no-allow', grantingLayers: granted ? ['resource'] : [], blocking: granted ? [] : ['resource'], notes: [] };
}

/** Cross account: both accounts must allow — the principal's identity side and the resource's policy. */
function grantAcrossAccounts(facts: GrantFacts): GrantOutcome {
  const resourceSide = facts.resourceAllows.length > 0;
  const granted = facts.identityPath && resourceSide;
  const blocking: LayerName[] = [];
  if (!facts.identityAllows) blocking.push('identity');
  else blocking.push(...identityPathGates(facts));
  if (!resourceSide) blocking.push('resource');
  const reason: ReasonCode = granted
    ? 'no-allow'
    : !resourceSide
      ? 'cross-account-resource-missing'
      : !facts.identityAllows
        ? 'cross-account-identity-missing'
        : 'gate-denies';
  return { granted, reason, grantingLayers: granted ? ['identity', 'resource'] : [], blocking, notes: [] };
}

/**
 * Role trust and KMS key policies must allow the principal even in the same
 * account: naming it directly grants; trusting the account delegates to its IAM policies.
 * A trust policy that names the user (or session) directly still needs the caller's
 * permissions boundary to allow sts:AssumeRole ("Update a role trust policy": "If a
 * permissions boundary is set for the user, then it must allow the sts:AssumeRole
 * action"); iamwhy reads the session policy of a session caller the same way. A key
 * policy naming the principal follows the same-account table ("How AWS enforcement
 * code logic evaluates requests to allow or deny access"): not limited.
 */
function grantNamingPrincipal(facts: GrantFacts, kind: RequiredResourcePolicy): GrantOutcome {
  const { grantKinds } = facts;
  const gatesOk = facts.boundaryOk && facts.sessionOk;
  const unlimitedDirect = kind === 'trust' ? grantKinds.unlimited && gatesOk : grantKinds.unlimited;
  const direct = unlimitedDirect || (grantKinds.roleNamed && gatesOk);
  const delegated = grantKinds.accountNamed && facts.identityPath;
  if (direct || delegated) return { granted: true, reason: 'no-allow', grantingLayers: direct ? ['resource'] : ['resource', 'identity'], blocking: [], notes: [] };
  if (facts.resourceAllows.length === 0) return { granted: false, reason: 'trust-policy-missing', grantingLayers: [], blocking: ['resource'], notes: [] };
  if (grantKinds.roleNamed || (kind === 'trust' && grantKinds.unlimited)) {
    return { granted: false, reason: 'gate-denies', grantingLayers: [], blocking: identityPathGates(facts), notes: [] };
  }
  return { granted: false, reason: 'no-allow', grantingLayers: [], blocking: facts.identityAllows ? identityPathGates(facts) : ['identity'], notes: [] };
}

/**
 * One account: an identity-based OR a resource-based policy grants. Which ARN the
 * resource policy names decides whether boundaries and session policies still limit it.
 */
function grantWithinAccount(facts: GrantFacts): GrantOutcome {
  const { grantKinds } = facts;
  const resourcePath = grantKinds.unlimited || (grantKinds.roleNamed && facts.boundaryOk && facts.sessionOk);
  const granted = facts.identityPath || resourcePath;
  const grantingLayers: LayerName[] = [...(facts.identityPath ? ['identity' as const] : []), ...(resourcePath ? ['resource' as const] : [])];
  const blocking: LayerName[] = [];
  let reason: ReasonCode = 'no-allow';
  if (!granted) {
    const anyGrant = facts.identityAllows || grantKinds.roleNamed;
    // Identity policies block on their own only when no resource-policy grant could stand in for them.
    if (!facts.identityAllows && !grantKinds.roleNamed) blocking.push('identity');
    // A resource policy that neither denies nor must allow (unlike a trust or key policy) blocks nothing:
    // identity-based policies alone could have allowed.
    if (anyGrant || !facts.boundaryOk || !facts.sessionOk) blocking.push(...identityPathGates(facts));
    if (anyGrant) reason = 'gate-denies';
  }
  const notes: string[] = [];
  if (grantKinds.unlimited && (!facts.boundaryOk || !facts.sessionOk || !facts.identityAllows)) {
    notes.push('The resource-based policy names this principal directly (user or session ARN, or "*"): within one account that grant is not limited by implicit denies in identity policies, permissions boundaries or session policies.');
  }
  if (grantKinds.roleNamed && (!facts.boundaryOk || !facts.sessionOk)) {
    notes.push('The resource-based policy names the role ARN, not the session: that grant is still limited by the permissions boundary and session policies.');
  }
  return { granted, reason, grantingLayers, blocking, notes };
}
