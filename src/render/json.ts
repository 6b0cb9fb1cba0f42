/**
 * The JSON output: the fields of the iamwhy JSON schema (principal, decision,
 * cause, blocking_policies, …), the evaluation path per layer, and the engine's
 * full result as `trace`. `schema/iamwhy-output.schema.json` describes it; keep
 * the two in step. Keys are snake_case, except inside `trace` (the engine's own
 * value, unchanged) and inside policy statements (AWS's element names).
 * CAUTION: publicly exported — scripts read this.
 */
import type { Effect, PrincipalBlock, Statement } from '../language/policy.js';
import type { PolicyKind } from '../language/policy-kind.js';
import type { Finding, Severity } from '../language/findings.js';
import { formatFinding } from '../language/findings.js';
import type {
  Decision,
  EvaluationResult,
  LayerName,
  LayerResult,
  LayerVerdict,
  LevelEvaluation,
  PolicyEvaluation,
  StatementRef,
  UnknownKind,
} from '../engine/result.js';
import type { PrincipalKind } from '../engine/principal.js';
import type { AwsRuleKind } from '../engine/aws-rules.js';
import type { Cause } from '../explain/cause.js';
import type { Explanation, StepMark } from '../explain/explanation.js';
import type { FixCombination, Suggestion, SuggestionKind } from '../explain/suggestions.js';
import type { RenderOptions } from './options.js';
import { stringifyForTerminal } from '../text/printable.js';

/** Policy and layer outcomes in the same words as `decision`. */
export type JsonVerdict = Decision;

export interface JsonStatementRef {
  layer: LayerName;
  policy_id: string;
  statement_index: number;
  sid: string | null;
}

export type JsonPrincipal = '*' | Partial<Record<'AWS' | 'Service' | 'Federated' | 'CanonicalUser', string[]>>;

/** A statement as written in its policy (lists always as arrays), with its place. */
export interface JsonPolicyStatement {
  sid: string | null;
  index: number;
  effect: Effect;
  /** JSON path of the statement in its policy, e.g. `Statement[1]`. */
  path: string;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: JsonPrincipal;
  NotPrincipal?: JsonPrincipal;
  Condition?: Record<string, Record<string, string[]>>;
}

export interface JsonLevelRef {
  id: string;
  name: string | null;
  type: LevelEvaluation['type'];
}

export interface JsonBlockingPolicy {
  policy_id: string;
  layer: LayerName;
  kind: PolicyKind;
  decision: Exclude<JsonVerdict, 'allowed'>;
  /** The organization level (SCP and RCP layers), else null. */
  level: JsonLevelRef | null;
  /** The Deny statement that matched; null for an implicit deny (no statement decides it). */
  statement: JsonPolicyStatement | null;
}

export interface JsonNearMiss {
  policy_id: string;
  layer: LayerName;
  /** The element or condition that did not match, e.g. `Resource` or `Condition StringEquals aws:SourceVpc`. */
  did_not_match: string;
  statement: JsonPolicyStatement;
}

export interface JsonBreakdownRow {
  policy_id: string;
  layer: LayerName;
  kind: PolicyKind;
  decision: JsonVerdict;
  level: JsonLevelRef | null;
}

export interface JsonLayerPolicy {
  policy_id: string;
  kind: PolicyKind;
  decision: JsonVerdict;
}

export interface JsonLevel extends JsonLevelRef {
  decision: JsonVerdict;
  policies: JsonLayerPolicy[];
}

export interface JsonLayer {
  layer: LayerName;
  title: string;
  applies: boolean;
  not_applicable_reason: { code: string; message: string } | null;
  verdict: JsonVerdict | 'notApplicable';
  blocks: boolean;
  /** The evaluation path's mark and words for this layer, as the text output shows them. */
  mark: StepMark;
  detail: string;
  deciding: JsonStatementRef[];
  policies: JsonLayerPolicy[];
  levels?: JsonLevel[];
  notes: string[];
}

export interface JsonMissingContext {
  key: string;
  could_change_decision: boolean;
  statements: JsonStatementRef[];
}

export interface JsonUnknown {
  kind: UnknownKind;
  detail: string;
  could_lead_to: Decision;
  layer: LayerName | null;
  key: string | null;
}

export interface JsonSuggestion {
  kind: SuggestionKind;
  layer: LayerName | null;
  title: string;
  /** Who can make the change. */
  who: string | null;
  details: string[];
  statement: Record<string, unknown> | null;
}

export interface JsonFinding {
  severity: Severity;
  code: string;
  message: string;
  location: { file: string | null; line: number | null; column: number | null; path: string };
  suggestion: string | null;
  /** The one-line form the CLI prints. */
  text: string;
}

export interface JsonOutput {
  principal: string;
  principal_type: PrincipalKind;
  action: string;
  resource: string;
  decision: Decision;
  /** True when nothing iamwhy lacked could change the decision. */
  certain: boolean;
  /** What iamwhy lacked that could change the decision. */
  unknowns: JsonUnknown[];
  /** AWS answers this request the same whatever the policies say. */
  aws_rule: { id: string; kind: AwsRuleKind; source: string; message: string; aws_error: string | null; remedy: string } | null;
  cause: Cause | null;
  /** A requested resource pattern, read existentially: what the verdict covers ("for some resources matching …, e.g. …"); null for one resource. */
  scope: string | null;
  summary: string;
  orgs_blocked: boolean;
  boundary_blocked: boolean;
  missing_context: JsonMissingContext[];
  blocking_policies: JsonBlockingPolicy[];
  all_breakdown: JsonBreakdownRow[];
  blocked_by: LayerName[];
  layers: JsonLayer[];
  near_misses: JsonNearMiss[];
  suggestions: JsonSuggestion[];
  /** How the suggestions combine: `single`, `any` (any one would allow it), `all` (each is needed). */
  fix_combination: FixCombination;
  /** How to check another case (`--context KEY=VALUE`): not fixes. */
  checks: string[];
  /** What the same task commonly also needs, once allowed. */
  next_steps: string[];
  findings: JsonFinding[];
  aws_message: string | null;
  notes: string[];
  /** AWS's policy simulator's verdict on the same request (live mode, when asked). */
  simulator?: JsonCrossCheck;
  trace: EvaluationResult;
}

export interface JsonCrossCheck {
  source: string;
  decision: Decision | null;
  agrees: boolean | null;
  blind_spots: string[];
  detail: string;
}

export interface JsonError {
  error: { message: string; code: string };
}

function verdictWord(verdict: LayerVerdict): JsonVerdict | 'notApplicable' {
  return verdict === 'allow' ? 'allowed' : verdict;
}

function policyVerdict(verdict: PolicyEvaluation['verdict']): JsonVerdict {
  return verdict === 'allow' ? 'allowed' : verdict;
}

function refJson(ref: StatementRef): JsonStatementRef {
  return { layer: ref.layer, policy_id: ref.policyId, statement_index: ref.statementIndex, sid: ref.sid ?? null };
}

function levelRef(level: LevelEvaluation | undefined): JsonLevelRef | null {
  return level ? { id: level.id, name: level.name ?? null, type: level.type } : null;
}

function principalJson(block: PrincipalBlock): JsonPrincipal {
  if (block.wildcard) return '*';
  const principal: Exclude<JsonPrincipal, '*'> = {};
  if (block.aws.length > 0) principal.AWS = [...block.aws];
  if (block.service.length > 0) principal.Service = [...block.service];
  if (block.federated.length > 0) principal.Federated = [...block.federated];
  if (block.canonicalUser.length > 0) principal.CanonicalUser = [...block.canonicalUser];
  return principal;
}

export function statementJson(statement: Statement): JsonPolicyStatement {
  const json: JsonPolicyStatement = { sid: statement.sid ?? null, index: statement.index, effect: statement.effect, path: statement.path };
  if (statement.action) json[statement.action.negated ? 'NotAction' : 'Action'] = [...statement.action.values];
  if (statement.resource) json[statement.resource.negated ? 'NotResource' : 'Resource'] = [...statement.resource.values];
  if (statement.principal) json[statement.principal.negated ? 'NotPrincipal' : 'Principal'] = principalJson(statement.principal);
  if (statement.conditions.length > 0) {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const clause of statement.conditions) {
      const keys = condition[clause.operator.name] ?? {};
      keys[clause.key] = [...clause.values];
      condition[clause.operator.name] = keys;
    }
    json.Condition = condition;
  }
  return json;
}

/** Each policy of a layer with the organization level it is attached at (none outside SCPs and RCPs). */
function policiesWithLevels(layer: LayerResult): Array<{ policy: PolicyEvaluation; level: LevelEvaluation | undefined }> {
  if (layer.levels) return layer.levels.flatMap((level) => level.policies.map((policy) => ({ policy, level })));
  return layer.policies.map((policy) => ({ policy, level: undefined }));
}

function blockingPolicies(result: EvaluationResult): JsonBlockingPolicy[] {
  const blocking: JsonBlockingPolicy[] = [];
  for (const name of result.blockedBy) {
    const layer = result.layers.find((candidate) => candidate.layer === name);
    if (!layer) continue;
    const placed = policiesWithLevels(layer);
    if (layer.verdict === 'explicitDeny') {
      for (const ref of layer.deciding) {
        for (const { policy, level } of placed) {
          if (policy.policyId !== ref.policyId) continue;
          const statement = policy.statements.find((candidate) => candidate.ref.statementIndex === ref.statementIndex);
          if (!statement?.matched) continue;
          blocking.push({ policy_id: policy.policyId, layer: name, kind: policy.kind, decision: 'explicitDeny', level: levelRef(level), statement: statementJson(statement.statement) });
        }
      }
      continue;
    }
    // An implicit deny: no statement decides it, so every policy that did not allow is listed.
    for (const { policy, level } of placed) {
      if (policy.verdict !== 'implicitDeny' || (level && level.verdict !== 'implicitDeny')) continue;
      blocking.push({ policy_id: policy.policyId, layer: name, kind: policy.kind, decision: 'implicitDeny', level: levelRef(level), statement: null });
    }
  }
  return blocking;
}

function layerJson(layer: LayerResult, explanation: Explanation): JsonLayer {
  const step = explanation.path.find((candidate) => candidate.layer === layer.layer);
  const policyRow = (policy: PolicyEvaluation): JsonLayerPolicy => ({ policy_id: policy.policyId, kind: policy.kind, decision: policyVerdict(policy.verdict) });
  const json: JsonLayer = {
    layer: layer.layer,
    title: step?.title ?? layer.layer,
    applies: layer.applies,
    not_applicable_reason: layer.notApplicable ? { code: layer.notApplicable.code, message: layer.notApplicable.message } : null,
    verdict: verdictWord(layer.verdict),
    blocks: layer.blocks,
    mark: step?.mark ?? (layer.applies ? (layer.blocks ? 'deny' : 'allow') : 'not-applicable'),
    detail: step?.detail ?? '',
    deciding: layer.deciding.map(refJson),
    policies: policiesWithLevels(layer).map(({ policy }) => policyRow(policy)),
    notes: [...layer.notes],
  };
  if (layer.levels) {
    json.levels = layer.levels.map((level) => ({ ...(levelRef(level) as JsonLevelRef), decision: policyVerdict(level.verdict), policies: level.policies.map(policyRow) }));
  }
  return json;
}

function suggestionJson(suggestion: Suggestion): JsonSuggestion {
  return {
    kind: suggestion.kind,
    layer: suggestion.layer ?? null,
    title: suggestion.title,
    who: suggestion.who ?? null,
    details: [...suggestion.details],
    statement: suggestion.statement ?? null,
  };
}

function findingJson(finding: Finding): JsonFinding {
  const { file, line, column, path } = finding.location;
  return {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    location: { file: file ?? null, line: line ?? null, column: column ?? null, path },
    suggestion: finding.suggestion ?? null,
    text: formatFinding(finding),
  };
}

export function toJsonOutput(explanation: Explanation): JsonOutput {
  const { result } = explanation;
  const { request } = result;
  return {
    principal: request.principal,
    principal_type: request.principalKind,
    action: request.action,
    resource: request.resource,
    decision: result.decision,
    certain: explanation.certain,
    unknowns: explanation.unknowns.map((unknown) => ({
      kind: unknown.kind,
      detail: unknown.detail,
      could_lead_to: unknown.couldLeadTo,
      layer: unknown.layer ?? null,
      key: unknown.key ?? null,
    })),
    aws_rule: result.awsRule
      ? { id: result.awsRule.id, kind: result.awsRule.kind, source: result.awsRule.source, message: result.awsRule.message, aws_error: result.awsRule.awsError ?? null, remedy: result.awsRule.remedy }
      : null,
    cause: explanation.cause,
    scope: explanation.scope ?? null,
    summary: explanation.reason,
    orgs_blocked: result.blockedBy.includes('scp') || result.blockedBy.includes('rcp'),
    boundary_blocked: result.blockedBy.includes('permissions_boundary'),
    missing_context: explanation.missingContext.map((key) => ({ key: key.key, could_change_decision: key.couldChangeDecision, statements: key.statements.map(refJson) })),
    blocking_policies: blockingPolicies(result),
    all_breakdown: result.layers.flatMap((layer) =>
      policiesWithLevels(layer).map(({ policy, level }) => ({ policy_id: policy.policyId, layer: layer.layer, kind: policy.kind, decision: policyVerdict(policy.verdict), level: levelRef(level) })),
    ),
    blocked_by: [...result.blockedBy],
    layers: result.layers.map((layer) => layerJson(layer, explanation)),
    near_misses: explanation.panels
      .filter((panel) => panel.role === 'near-miss')
      .map((panel) => ({ policy_id: panel.policyId, layer: panel.layer, did_not_match: panel.decidingPart, statement: statementJson(panel.evaluation.statement) })),
    suggestions: explanation.suggestions.map(suggestionJson),
    fix_combination: explanation.fixCombination,
    checks: [...explanation.checks],
    next_steps: [...explanation.nextSteps],
    findings: explanation.findings.map(findingJson),
    aws_message: explanation.awsMessage ?? null,
    notes: [...explanation.notes],
    ...(explanation.crossCheck
      ? {
          simulator: {
            source: explanation.crossCheck.source,
            decision: explanation.crossCheck.decision ?? null,
            agrees: explanation.crossCheck.agrees ?? null,
            blind_spots: [...explanation.crossCheck.blindSpots],
            detail: explanation.crossCheck.detail,
          },
        }
      : {}),
    trace: result,
  };
}

/** Pretty-printed JSON and a newline. Colour and width do not apply. */
export function renderJson(explanation: Explanation, _options?: RenderOptions): string {
  // C1 controls and bidi overrides in policy text stay escaped (JSON.stringify leaves them raw).
  return `${stringifyForTerminal(toJsonOutput(explanation))}\n`;
}

/** What `--output json` prints when there is no explanation to show: still valid JSON. */
export function renderJsonError(message: string, code: string): string {
  const error: JsonError = { error: { message, code } };
  return `${stringifyForTerminal(error)}\n`;
}
