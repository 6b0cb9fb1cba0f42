/**
 * What the engine returns: the decision and everything that led to it. Renderers
 * and explanations read this and never re-evaluate.
 * CAUTION: publicly exported.
 */
import type { ConditionEvaluation } from '../language/conditions/evaluate.js';
import type { ContextValueOrigin } from '../language/context.js';
import type { Effect, PolicyOrigin, Statement } from '../language/policy.js';
import type { PolicyKind } from '../language/policy-kind.js';
import type { PrincipalKind } from './principal.js';
import type { AwsRuleOutcome } from './aws-rules.js';

/** AWS's own words, as its policy simulator returns them. */
export type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';

/** The policy layers, in the order AWS's evaluation flow meets them. */
export const LAYER_ORDER = [
  'rcp',
  'scp',
  'vpc_endpoint',
  'resource',
  /** S3 Block Public Access: a step of its own that can only refuse (never a policy). */
  's3_block_public_access',
  'identity',
  'permissions_boundary',
  'session_policy',
] as const;
export type LayerName = (typeof LAYER_ORDER)[number];

export type LayerVerdict = 'allow' | 'explicitDeny' | 'implicitDeny' | 'notApplicable';

/** Points at one statement of one policy. */
export interface StatementRef {
  layer: LayerName;
  policyId: string;
  statementIndex: number;
  sid: string | undefined;
}

/** How one of Action/NotAction, Resource/NotResource matched. */
export interface ElementMatch {
  element: 'Action' | 'NotAction' | 'Resource' | 'NotResource';
  /** The element applies to the request (for Not* elements: the request is NOT in the list). */
  matched: boolean;
  /** The request value it was compared with. */
  against: string;
  /** The policy value (after variable substitution) that matched the request value, if any. */
  matchedValue?: string;
  /** Policy variables that had no value (the value containing them matched nothing). */
  unresolvedVariables?: string[];
  /** Requested resource patterns only: a Deny covers part of the pattern, not all of it, so it does not apply. */
  partial?: boolean;
  /** Requested resource patterns only: part of what both name, as an example (`arn:aws:s3:::bucket/photo.jpg`). */
  example?: string;
  /** The policy variables of the element's values and what they stood for (no `value`: it had none). */
  variables?: Array<{ name: string; value?: string }>;
}

/**
 * How the principal was matched by Principal/NotPrincipal:
 * - `wildcard`: `"*"` or `{"AWS": "*"}`
 * - `principal`: the principal's own ARN (user, session, federated user, service)
 * - `role`: the ARN of the role a session belongs to
 * - `account`: the principal's account (root ARN or account id): delegates to that account's identity policies
 * - `not-principal`: NotPrincipal that does not list the principal
 * - `not-principal-boundary`: Deny + NotPrincipal applies to any principal with a permissions boundary
 */
export type PrincipalMatchKind = 'wildcard' | 'principal' | 'role' | 'account' | 'not-principal' | 'not-principal-boundary';

export interface PrincipalMatch {
  element: 'Principal' | 'NotPrincipal';
  matched: boolean;
  against: string;
  via?: PrincipalMatchKind;
  matchedValue?: string;
}

export interface StatementEvaluation {
  ref: StatementRef;
  /** The statement as parsed (its Action, Resource, Condition values), so explanations can show it. */
  statement: Statement;
  effect: Effect;
  /** JSON path of the statement in its policy. */
  path: string;
  /** True when every element and every condition applies: the statement takes effect for this request. */
  matched: boolean;
  /** Action, Resource and Principal all apply; only the conditions remain (they were evaluated only then). */
  elementsMatched: boolean;
  action: ElementMatch | undefined;
  /**
   * Undefined when the statement has no Resource (trust policies, ECR repository
   * policies), or when its Action did not match: then the statement cannot apply and
   * its Resource is not evaluated (likewise the conditions below stay empty, except
   * when the Resource failed only for a policy variable without a value: then the
   * conditions are evaluated, so the trace shows what else the statement needs).
   */
  resource: ElementMatch | undefined;
  /** Resource-based kinds only. */
  principal: PrincipalMatch | undefined;
  conditions: ConditionEvaluation[];
  conditionsMatched: boolean;
}

export interface PolicyEvaluation {
  policyId: string;
  kind: PolicyKind;
  origin: PolicyOrigin;
  /** The policy's Version: without `2012-10-17`, `${…}` is literal text. */
  version: string | undefined;
  layer: LayerName;
  /** `allow` when a statement allows and none denies; `implicitDeny` when nothing matched. */
  verdict: Exclude<LayerVerdict, 'notApplicable'>;
  statements: StatementEvaluation[];
}

export interface LevelEvaluation {
  id: string;
  name?: string;
  type: 'root' | 'ou' | 'account';
  verdict: Exclude<LayerVerdict, 'notApplicable'>;
  policies: PolicyEvaluation[];
}

/** Why a layer was not applied, as a code and a sentence. */
export interface NotApplicable {
  code: string;
  message: string;
}

export interface LayerResult {
  layer: LayerName;
  applies: boolean;
  notApplicable?: NotApplicable;
  verdict: LayerVerdict;
  policies: PolicyEvaluation[];
  /** SCP and RCP layers: one entry per level, root → account. */
  levels?: LevelEvaluation[];
  /** The statements that decided this layer's verdict (matched denies, or matched allows). */
  deciding: StatementRef[];
  /** On its own, this layer would deny the request. */
  blocks: boolean;
  /** Further facts about the layer (e.g. which principal ARN a resource policy named). */
  notes: string[];
}

export interface ContextValueReport {
  key: string;
  values: readonly string[];
  origin: ContextValueOrigin;
}

export interface MissingContextKey {
  key: string;
  /** Statements with a condition (or a Resource variable) on this key that evaluated without it. */
  statements: StatementRef[];
  /** Supplying the key (with a fitting value) could change the decision. */
  couldChangeDecision: boolean;
  /** The decision it could lead to, when it could change the decision. */
  couldLeadTo?: Decision;
}

/**
 * What iamwhy did not have when it decided:
 * - `context_key`: a condition key absent from the request that a deciding or near-deciding condition reads;
 * - `policy_not_supplied`: a policy layer (or part of one) that was not part of the input;
 * - `read_denied`: a read of a policy or fact that failed (live mode);
 * - `unsupported`: something iamwhy does not model;
 * - `source_disagrees`: what AWS itself said about the request (its AccessDenied message, a
 *   CloudTrail event) does not match iamwhy's evaluation: the policies given may be out of date.
 */
export type UnknownKind = 'context_key' | 'policy_not_supplied' | 'read_denied' | 'unsupported' | 'source_disagrees';

/** One thing iamwhy did not have that could change this decision. Only such things are listed. */
export interface Unknown {
  kind: UnknownKind;
  /** One sentence, for a person. */
  detail: string;
  /** The decision the request could get if this were known. */
  couldLeadTo: Decision;
  /** The policy layer it concerns, when it concerns one. */
  layer?: LayerName;
  /** `context_key`: the key. */
  key?: string;
}

export interface RequestSummary {
  principal: string;
  principalKind: PrincipalKind;
  principalAccount: string | undefined;
  action: string;
  resource: string;
  resourceAccount: string | undefined;
  /** The resource account was not known and was taken to be the principal's. */
  resourceAccountAssumed: boolean;
  crossAccount: boolean;
  /** The resource always carries a policy that must name the principal: a role's trust policy, a KMS key's key policy. */
  resourcePolicyKind: 'trust' | 'kms-key' | undefined;
  /** The resource is a pattern, read existentially: allowed means allowed for some resource matching it. */
  resourceIsPattern: boolean;
}

/** Codes for the one-sentence reason; `explain` turns them into words. */
export type ReasonCode =
  | 'allowed-by-identity'
  | 'allowed-by-resource'
  | 'allowed-by-both'
  | 'allowed-as-root'
  | 'explicit-deny'
  | 'no-allow'
  | 'gate-denies'
  | 'cross-account-identity-missing'
  | 'cross-account-resource-missing'
  | 'trust-policy-missing'
  | 'federation-token-without-session-policy'
  /** S3 Block Public Access refuses it (RestrictPublicBuckets, BlockPublicAcls). */
  | 'block-public-access'
  /** `sts:GetCallerIdentity`: allowed whatever the policies say (see `awsRule`). */
  | 'no-permission-required'
  /** AWS refuses changes to a resource it owns (see `awsRule`). */
  | 'protected-resource'
  /** AWS refuses the call from this kind of caller (see `awsRule`). */
  | 'aws-precondition';

export interface EvaluationResult {
  decision: Decision;
  reason: ReasonCode;
  request: RequestSummary;
  /** Every layer, in AWS's order, applied or not. */
  layers: LayerResult[];
  /** Every layer that on its own would deny the request, in AWS's order. */
  blockedBy: LayerName[];
  /** The statements that decided the outcome: every matching Deny for an explicit deny, the granting Allows when allowed. */
  deciding: StatementRef[];
  context: ContextValueReport[];
  missingContext: MissingContextKey[];
  /** True when nothing iamwhy lacked could change the decision (`unknowns` is empty). */
  certain: boolean;
  /** Everything iamwhy did not have that could change the decision, and what it could lead to. */
  unknowns: Unknown[];
  /** Set when AWS answers this request the same whatever the policies say (GetCallerIdentity, protected resources, preconditions). */
  awsRule?: AwsRuleOutcome;
  /** How the grant was reached, e.g. "resource policy names the session ARN: not limited by the permissions boundary". */
  notes: string[];
}
