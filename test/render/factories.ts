/**
 * Hand-built engine results for renderer tests: each helper builds one piece
 * of an EvaluationResult from a compact description, with the flags an engine
 * would have set. Nothing here evaluates a policy.
 */
import type { ConditionEvaluation, ConditionReason } from '../../src/language/conditions/index.js';
import { parseOperatorName } from '../../src/language/conditions/index.js';
import type { Effect, NameList, PrincipalBlock, Statement } from '../../src/language/policy.js';
import type { PolicyKind } from '../../src/language/policy-kind.js';
import type {
  EvaluationResult,
  LayerName,
  LayerResult,
  LevelEvaluation,
  MissingContextKey,
  PolicyEvaluation,
  ReasonCode,
  StatementEvaluation,
  StatementRef,
  Unknown,
} from '../../src/engine/result.js';
import { LAYER_ORDER } from '../../src/engine/result.js';

export const ALICE = 'arn:aws:iam::123456789012:user/alice';
export const OBJECT = 'arn:aws:s3:::my-bucket/data.csv';

export interface ConditionSpec {
  operator: string;
  key: string;
  values: string[];
  /** The request's values; omitted or empty = the key is missing. */
  context?: string[];
  matched: boolean;
  reason: ConditionReason;
  matchedPolicyValue?: string;
}

export interface StatementSpec {
  layer: LayerName;
  policyId: string;
  index?: number;
  sid?: string;
  effect: Effect;
  action: string[];
  notAction?: boolean;
  resource: string[];
  notResource?: boolean;
  principal?: Partial<PrincipalBlock>;
  conditions?: ConditionSpec[];
  /** The request the statement was compared with. */
  request: { action: string; resource: string; principal?: string };
  actionMatched?: boolean;
  resourceMatched?: boolean;
  principalMatched?: boolean;
}

function nameList(values: string[], negated: boolean, path: string): NameList {
  return { negated, values, path };
}

function conditionTrace(spec: ConditionSpec, path: string): ConditionEvaluation {
  const operator = parseOperatorName(spec.operator);
  const contextValues = spec.context ?? [];
  const trace: ConditionEvaluation = {
    operator: spec.operator,
    base: operator.base,
    setOperator: operator.setOperator,
    ifExists: operator.ifExists,
    negated: operator.base.includes('Not'),
    key: spec.key,
    path,
    keyMissing: contextValues.length === 0,
    contextValues,
    policyValues: spec.values,
    policyValueDetails: spec.values.map((value) => ({ written: value, value, variables: [] })),
    unresolvedVariables: [],
    matched: spec.matched,
    reason: spec.reason,
    valueResults: [],
    invalidValues: [],
  };
  if (spec.matchedPolicyValue !== undefined) trace.matchedPolicyValue = spec.matchedPolicyValue;
  return trace;
}

export function statement(spec: StatementSpec): StatementEvaluation {
  const index = spec.index ?? 0;
  const path = `Statement[${index}]`;
  const parsed: Statement = {
    index,
    sid: spec.sid,
    effect: spec.effect,
    action: nameList(spec.action, spec.notAction ?? false, `${path}.${spec.notAction ? 'NotAction' : 'Action'}`),
    resource: nameList(spec.resource, spec.notResource ?? false, `${path}.${spec.notResource ? 'NotResource' : 'Resource'}`),
    principal: spec.principal
      ? { negated: false, wildcard: false, aws: [], service: [], federated: [], canonicalUser: [], path: `${path}.Principal`, ...spec.principal }
      : undefined,
    conditions: (spec.conditions ?? []).map((condition) => ({
      operator: parseOperatorName(condition.operator),
      key: condition.key,
      values: condition.values,
      path: `${path}.Condition.${condition.operator}.${condition.key}`,
    })),
    path,
  };
  const actionMatched = spec.actionMatched ?? true;
  const resourceMatched = spec.resourceMatched ?? true;
  const principalMatched = spec.principalMatched ?? true;
  const elementsMatched = actionMatched && resourceMatched && (spec.principal === undefined || principalMatched);
  // As the engine does: conditions are evaluated only once every element applies.
  const conditions = elementsMatched ? parsed.conditions.map((clause, position) => conditionTrace((spec.conditions ?? [])[position]!, clause.path)) : [];
  const conditionsMatched = conditions.every((condition) => condition.matched);
  return {
    ref: { layer: spec.layer, policyId: spec.policyId, statementIndex: index, sid: spec.sid },
    statement: parsed,
    effect: spec.effect,
    path,
    matched: elementsMatched && conditionsMatched,
    elementsMatched,
    action: { element: spec.notAction ? 'NotAction' : 'Action', matched: actionMatched, against: spec.request.action },
    resource: { element: spec.notResource ? 'NotResource' : 'Resource', matched: resourceMatched, against: spec.request.resource },
    principal:
      spec.principal === undefined
        ? undefined
        : { element: 'Principal', matched: principalMatched, against: spec.request.principal ?? ALICE, via: principalMatched ? 'principal' : undefined },
    conditions,
    conditionsMatched,
  };
}

/** A policy's verdict from its statements, as the engine computes it: any matched Deny, else any matched Allow. */
export function policy(policyId: string, kind: PolicyKind, layer: LayerName, statements: StatementEvaluation[], via = 'managed'): PolicyEvaluation {
  const verdict = statements.some((s) => s.matched && s.effect === 'Deny')
    ? 'explicitDeny'
    : statements.some((s) => s.matched && s.effect === 'Allow')
      ? 'allow'
      : 'implicitDeny';
  return { policyId, kind, origin: { via }, version: '2012-10-17', layer, verdict, statements };
}

export function refOf(statementEvaluation: StatementEvaluation): StatementRef {
  return statementEvaluation.ref;
}

const NOT_APPLICABLE: Record<LayerName, { code: string; message: string }> = {
  rcp: { code: 'NO_RCPS', message: 'No customer RCPs were supplied for the resource’s account (RCPFullAWSAccess allows everything).' },
  scp: { code: 'NO_SCPS', message: 'No SCPs were supplied for the principal’s account.' },
  vpc_endpoint: { code: 'NOT_VIA_VPC_ENDPOINT', message: 'The request does not pass through a VPC endpoint.' },
  resource: { code: 'NO_RESOURCE_POLICY', message: 'No resource-based policy was supplied for the resource.' },
  s3_block_public_access: { code: 'BPA_NOT_S3', message: 'S3 Block Public Access applies only to S3 buckets and objects.' },
  identity: { code: 'ANONYMOUS', message: 'Anonymous requests carry no identity-based policies.' },
  permissions_boundary: { code: 'NO_BOUNDARY', message: 'The principal has no permissions boundary.' },
  session_policy: { code: 'NOT_A_SESSION', message: 'Session policies apply only to role and federated-user sessions.' },
};

export function notApplicable(layer: LayerName): LayerResult {
  return { layer, applies: false, notApplicable: NOT_APPLICABLE[layer], verdict: 'notApplicable', policies: [], deciding: [], blocks: false, notes: [] };
}

/** An applied layer; its verdict follows from its policies (or levels), `blocks` when it does not allow. */
export function appliedLayer(layer: LayerName, policies: PolicyEvaluation[], options: { levels?: LevelEvaluation[]; blocks?: boolean } = {}): LayerResult {
  const all = options.levels ? options.levels.flatMap((level) => level.policies) : policies;
  const statements = all.flatMap((p) => p.statements);
  const denies = statements.filter((s) => s.matched && s.effect === 'Deny');
  const allows = statements.filter((s) => s.matched && s.effect === 'Allow');
  const levelsAllow = options.levels ? options.levels.every((level) => level.verdict === 'allow') : allows.length > 0;
  const verdict = denies.length > 0 ? 'explicitDeny' : levelsAllow ? 'allow' : 'implicitDeny';
  const result: LayerResult = {
    layer,
    applies: true,
    verdict,
    policies: options.levels ? [] : policies,
    deciding: (denies.length > 0 ? denies : verdict === 'allow' ? allows : []).map(refOf),
    blocks: options.blocks ?? verdict !== 'allow',
    notes: [],
  };
  if (options.levels) result.levels = options.levels;
  return result;
}

export function level(id: string, name: string, type: LevelEvaluation['type'], policies: PolicyEvaluation[]): LevelEvaluation {
  const verdict = policies.some((p) => p.verdict === 'explicitDeny') ? 'explicitDeny' : policies.some((p) => p.verdict === 'allow') ? 'allow' : 'implicitDeny';
  return { id, name, type, verdict, policies };
}

export interface ResultSpec {
  layers: Partial<Record<LayerName, LayerResult>>;
  reason: ReasonCode;
  resource?: string;
  action?: string;
  missingContext?: MissingContextKey[];
  notes?: string[];
  unknowns?: Unknown[];
}

/** The whole result: every layer in AWS's order, decision and blockedBy read off the layers. */
export function result(spec: ResultSpec): EvaluationResult {
  const layers = LAYER_ORDER.map((name) => spec.layers[name] ?? notApplicable(name));
  const blockedBy = layers.filter((layer) => layer.blocks).map((layer) => layer.layer);
  const explicit = layers.some((layer) => layer.verdict === 'explicitDeny');
  const decision = explicit ? 'explicitDeny' : blockedBy.length > 0 ? 'implicitDeny' : 'allowed';
  const deciding = explicit
    ? layers.filter((layer) => layer.verdict === 'explicitDeny').flatMap((layer) => layer.deciding)
    : decision === 'allowed'
      ? layers.filter((layer) => layer.layer === 'identity' || layer.layer === 'resource').flatMap((layer) => layer.deciding)
      : [];
  return {
    decision,
    reason: spec.reason,
    request: {
      principal: ALICE,
      principalKind: 'user',
      principalAccount: '123456789012',
      action: spec.action ?? 's3:GetObject',
      resource: spec.resource ?? OBJECT,
      resourceAccount: undefined,
      resourceAccountAssumed: true,
      crossAccount: false,
      resourcePolicyKind: undefined,
      resourceIsPattern: false,
    },
    layers,
    blockedBy,
    deciding,
    context: [],
    missingContext: spec.missingContext ?? [],
    certain: (spec.unknowns ?? []).length === 0,
    unknowns: spec.unknowns ?? [],
    notes: spec.notes ?? [],
  };
}
