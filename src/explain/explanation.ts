/**
 * The explanation of one result: everything a renderer shows, in words and
 * structure, read off the engine's result (never re-evaluated).
 * CAUTION: publicly exported.
 */
import type { ConditionEvaluation } from '../language/conditions/evaluate.js';
import type { Finding } from '../language/findings.js';
import type { PolicyKind } from '../language/policy-kind.js';
import type { Decision, EvaluationResult, LayerName, LayerResult, MissingContextKey, StatementEvaluation, Unknown } from '../engine/result.js';
import { causeOf, type Cause } from './cause.js';
import { levelLabel, nearMisses, resourcePolicyKindOf, statementsOfLayer } from './near-misses.js';
import { planFixes, type ActionFacts, type FixCombination, type Suggestion } from './suggestions.js';
import { uncertaintyClause } from './uncertainty.js';
import { policyMistakes } from './policy-mistakes.js';
import { nextSteps, type BucketEncryption } from './next-steps.js';
import { KIND_NOUNS, LAYER_NOUNS, LAYER_TITLES } from './words.js';

/** `not-needed`: the layer applies but neither allows nor blocks (another layer granted). */
export type StepMark = 'allow' | 'deny' | 'not-needed' | 'not-applicable';

export interface PathStep {
  layer: LayerName;
  title: string;
  mark: StepMark;
  /** Short words: "allowed by AllowS3Read", "explicit deny in DenyOutsideRegions", or why the layer does not apply. */
  detail: string;
}

export interface StatementPanel {
  layer: LayerName;
  policyId: string;
  /** e.g. "identity-based policy (managed, via group devs)". */
  policyDescription: string;
  statementLabel: string;
  effect: 'Allow' | 'Deny';
  /** `partial-deny`: a Deny that covers part of a requested resource pattern, so it did not decide. */
  role: 'decided' | 'near-miss' | 'partial-deny';
  /** What to highlight: the element or condition that decided (or failed). */
  decidingPart: string;
  evaluation: StatementEvaluation;
}

export interface BreakdownRow {
  layer: LayerName;
  policyId: string;
  /** In words, e.g. "service control policy". */
  kind: string;
  policyKind: PolicyKind;
  /** SCP and RCP rows: the organization level the policy is attached at. */
  level?: { id: string; name?: string; type: 'root' | 'ou' | 'account' };
  verdict: 'allow' | 'explicitDeny' | 'implicitDeny';
}

/** Another evaluator's verdict on the same request (in live mode, AWS's policy simulator), shown beside iamwhy's; it never replaces it. */
export interface CrossCheck {
  /** Who answered, e.g. `iam:SimulatePrincipalPolicy`. */
  source: string;
  /** Its decision; undefined when it could not be asked. */
  decision: Decision | undefined;
  agrees: boolean | undefined;
  /** Where they differ: the other evaluator's documented blind spots that apply to this request. */
  blindSpots: string[];
  /** One sentence. */
  detail: string;
}

export interface Explanation {
  result: EvaluationResult;
  verdict: 'ALLOWED' | 'DENIED';
  denialType: 'explicit deny' | 'implicit deny' | undefined;
  /**
   * For a requested resource pattern (read existentially): "for some resources matching
   * arn:aws:s3:::b/*, e.g. arn:aws:s3:::b/photo.jpg — not necessarily all", or
   * "for every resource matching …" when denied.
   */
  scope: string | undefined;
  cause: Cause | null;
  reason: string;
  /** The AccessDenied message AWS would show, in its documented form. */
  awsMessage: string | undefined;
  path: PathStep[];
  panels: StatementPanel[];
  breakdown: BreakdownRow[];
  missingContext: MissingContextKey[];
  /** True when nothing iamwhy lacked could change the verdict. */
  certain: boolean;
  /** What iamwhy lacked that could change the verdict: the engine's, then the sources'. */
  unknowns: Unknown[];
  /** The unknowns in a few words for the verdict line ("depends on aws:RequestedRegion, which the request did not give"), when not certain. */
  uncertainty: string | undefined;
  suggestions: Suggestion[];
  /** How the suggestions combine: one fix, alternatives (any one would allow it), or all needed. */
  fixCombination: FixCombination;
  /** How to check another case (`--context KEY=VALUE`): not fixes. */
  checks: string[];
  /** What the same task commonly also needs, once allowed ("also needs kms:Decrypt on the key"). */
  nextSteps: string[];
  findings: Finding[];
  notes: string[];
  /** AWS's policy simulator's verdict, when it was asked (live mode). */
  crossCheck: CrossCheck | undefined;
}

function findStatement(result: EvaluationResult, layer: LayerName, policyId: string, index: number): StatementEvaluation | undefined {
  const found = result.layers.find((candidate) => candidate.layer === layer);
  return found ? statementsOfLayer(found).find((statement) => statement.ref.policyId === policyId && statement.ref.statementIndex === index) : undefined;
}

function label(statement: StatementEvaluation): string {
  return statement.ref.sid ? `Sid "${statement.ref.sid}"` : `Statement[${statement.ref.statementIndex}]`;
}

function describePolicy(result: EvaluationResult, layer: LayerName, policyId: string): string {
  const found = result.layers.find((candidate) => candidate.layer === layer);
  const policies = found ? (found.levels ? found.levels.flatMap((level) => level.policies) : found.policies) : [];
  const policy = policies.find((candidate) => candidate.policyId === policyId);
  if (!policy) return LAYER_NOUNS[layer];
  const via = policy.origin.via ? ` (${policy.origin.via}${policy.origin.group ? `, via group ${policy.origin.group}` : ''})` : '';
  return `${KIND_NOUNS[policy.kind]}${via}`;
}

function failedCondition(statement: StatementEvaluation): ConditionEvaluation | undefined {
  return statement.conditions.find((condition) => !condition.matched);
}

function decidingPart(statement: StatementEvaluation): string {
  if (statement.matched) {
    const matchedConditions = statement.conditions.filter((condition) => condition.matched);
    if (statement.principal?.via === 'not-principal-boundary') return 'NotPrincipal (the principal has a permissions boundary)';
    if (statement.principal?.via === 'not-principal') return 'NotPrincipal (the principal is not listed)';
    return matchedConditions.length > 0 ? `Condition ${matchedConditions.map((condition) => condition.key).join(', ')}` : 'Action and Resource';
  }
  if (statement.action && !statement.action.matched) return statement.action.element;
  if (statement.resource?.partial) return `${statement.resource.element} (denies part of this pattern: ${statement.resource.matchedValue ?? ''})`;
  if (statement.resource && !statement.resource.matched) return statement.resource.element;
  if (statement.principal && !statement.principal.matched) return statement.principal.element;
  const condition = failedCondition(statement);
  return condition ? `Condition ${condition.operator} ${condition.key}` : 'Condition';
}

/** Every matched Allow of a resource policy names the account (root or id), none the principal itself. */
function delegatesOnly(layer: LayerResult): boolean {
  const allows = statementsOfLayer(layer).filter((statement) => statement.matched && statement.effect === 'Allow');
  return allows.length > 0 && allows.every((statement) => statement.principal?.via === 'account');
}

/** "Role trust policy" / "KMS key policy" for the resource layer when that is what it holds. */
function layerTitle(layer: LayerResult, result: EvaluationResult): string {
  if (layer.layer !== 'resource') return LAYER_TITLES[layer.layer];
  const kind = resourcePolicyKindOf(result);
  return kind === 'trust' ? 'Role trust policy' : kind === 'kms-key' ? 'KMS key policy' : LAYER_TITLES.resource;
}

function stepFor(layer: LayerResult, result: EvaluationResult): PathStep {
  const title = layerTitle(layer, result);
  if (!layer.applies) return { layer: layer.layer, title, mark: 'not-applicable', detail: layer.notApplicable?.message ?? 'not applicable' };
  // Block Public Access is no policy: its step says what its settings did.
  if (layer.layer === 's3_block_public_access') {
    return { layer: layer.layer, title, mark: layer.verdict === 'explicitDeny' ? 'deny' : 'allow', detail: layer.notes[0] ?? (layer.verdict === 'explicitDeny' ? 'refuses it' : 'nothing blocked') };
  }
  const names = (refs: typeof layer.deciding): string => [...new Set(refs.map((ref) => ref.policyId))].join(', ');
  switch (layer.verdict) {
    case 'explicitDeny':
      return { layer: layer.layer, title, mark: 'deny', detail: `explicit deny in ${names(layer.deciding)}` };
    case 'allow':
      if (layer.layer === 'rcp' && layer.deciding.length === 0) return { layer: layer.layer, title, mark: 'allow', detail: 'no RCP denies (RCPFullAWSAccess allows the rest)' };
      if (layer.layer === 'identity' && layer.deciding.length === 0) return { layer: layer.layer, title, mark: 'allow', detail: 'the account root user has full access by default' };
      if (layer.layer === 'resource' && delegatesOnly(layer)) {
        // Naming the account grants nothing by itself: it lets that account's IAM policies decide.
        return { layer: layer.layer, title, mark: 'allow', detail: `delegates to the account's identity-based policies (${names(layer.deciding)})` };
      }
      return { layer: layer.layer, title, mark: 'allow', detail: `allowed by ${names(layer.deciding)}` };
    default: {
      if (layer.layer === 'scp') {
        const failing = (layer.levels ?? []).filter((level) => level.verdict === 'implicitDeny').map(levelLabel);
        return { layer: layer.layer, title, mark: 'deny', detail: `no SCP allows it at ${failing.join(', ')}` };
      }
      const mark: StepMark = layer.blocks ? 'deny' : 'not-needed';
      if (layer.notes[0]) return { layer: layer.layer, title, mark, detail: layer.notes[0] };
      return {
        layer: layer.layer,
        title,
        mark,
        detail: layer.blocks ? 'no statement allows it (implicit deny)' : 'no statement allows it (not needed: another policy grants)',
      };
    }
  }
}

function reasonSentence(result: EvaluationResult, cause: Cause | null): string {
  const first = result.deciding[0];
  const action = result.request.action;
  switch (result.reason) {
    case 'allowed-by-identity':
      return `An identity-based policy allows ${action}, and no policy denies it.`;
    case 'allowed-by-resource':
      return `The resource-based policy allows ${action} for this principal, and no policy denies it.`;
    case 'allowed-by-both':
      return `Both the identity-based and the resource-based policy allow ${action}, and no policy denies it.`;
    case 'allowed-as-root':
      return `The account root user has full access to its own account, and no policy denies it.`;
    case 'block-public-access':
      return `S3 Block Public Access refuses it: ${result.layers.find((layer) => layer.layer === 's3_block_public_access')?.notes[0] ?? 'a setting blocks this request.'}`;
    case 'explicit-deny':
      return first
        ? `An explicit Deny in the ${LAYER_NOUNS[first.layer]} "${first.policyId}" overrides any Allow.`
        : 'An explicit Deny overrides any Allow.';
    case 'cross-account-resource-missing':
      return `Cross-account access needs the resource's policy to allow the principal, and it does not.`;
    case 'cross-account-identity-missing':
      return `Cross-account access needs an identity-based policy of the principal to allow ${action}, and none does.`;
    case 'trust-policy-missing':
      return `The ${result.layers.find((layer) => layer.layer === 'resource')?.policies[0]?.kind === 'kms-key' ? 'KMS key policy' : 'role trust policy'} does not allow this principal; an identity-based policy alone is never enough.`;
    case 'federation-token-without-session-policy':
      return 'A GetFederationToken session created without a session policy has no permissions.';
    case 'no-permission-required':
      return result.awsRule?.message ?? `${action} needs no permission.`;
    case 'protected-resource':
    case 'aws-precondition':
      return `${(result.awsRule?.message ?? 'AWS refuses this call').replace(/\.$/, '')}, whatever the policies allow.`;
    case 'gate-denies': {
      const gates = result.blockedBy.filter((layer) => layer !== 'identity' && layer !== 'resource').map((layer) => LAYER_NOUNS[layer]);
      return `A policy allows ${action}, but the ${gates.join(' and ')} does not, so the request is implicitly denied.`;
    }
    case 'no-allow': {
      if (cause === 'missing_context') return `No policy allows ${action} with the context given; a missing condition key could change that.`;
      const gates = result.blockedBy.filter((layer) => layer !== 'identity' && layer !== 'resource').map((layer) => LAYER_NOUNS[layer]);
      const base = `No policy allows ${action} on ${result.request.resource}, so it is implicitly denied`;
      return gates.length > 0 ? `${base}; the ${gates.join(' and ')} would block it as well.` : `${base}.`;
    }
  }
}

/**
 * The message AWS's documented AccessDenied format would carry ("Troubleshoot
 * access denied error messages"): one policy type only, the first that blocks in
 * AWS's order; the policy ARN where AWS adds it (same account, for SCPs, RCPs,
 * boundaries, session and identity policies). S3 quotes the resource, and answers
 * a bare "Access Denied" to callers from another account; KMS says "this resource".
 */
function awsMessageFor(result: EvaluationResult): string | undefined {
  if (result.decision === 'allowed') return undefined;
  // A refusal AWS makes whatever the policies say has its own error, where AWS documents it.
  if (result.decision === 'implicitDeny' && result.awsRule) return result.awsRule.awsError;
  const { request } = result;
  const service = request.action.split(':')[0]?.toLowerCase();
  if (service === 's3' && request.crossAccount) return 'Access Denied';
  const who = request.principalKind === 'anonymous' ? 'Anonymous' : request.principal;
  const resource = service === 's3' ? `"${request.resource}"` : service === 'kms' ? 'this resource' : request.resource;
  const on = request.resource === '*' ? '' : service === 'kms' ? ` on ${resource}` : ` on resource: ${resource}`;
  const head = `User: ${who} is not authorized to perform: ${request.action}${on}`;
  const noun = (layer: LayerResult): string => (layer.layer === 'resource' && resourcePolicyKindOf(result) === 'trust' ? 'role trust policy' : LAYER_NOUNS[layer.layer]);
  if (result.decision === 'explicitDeny') {
    const denying = result.layers.find((candidate) => candidate.verdict === 'explicitDeny');
    if (!denying) return `${head} with an explicit deny`;
    // "Troubleshoot access denied (403 Forbidden) errors in Amazon S3": the two Block Public Access forms.
    if (denying.layer === 's3_block_public_access') {
      return denying.notes[0]?.startsWith('BlockPublicAcls')
        ? `${head} because public ACLs are prevented by the BlockPublicAcls setting in S3 Block Public Access`
        : `${head} with an explicit deny in a resource-based policy`;
    }
    const denyNoun = noun(denying) === 'role trust policy' ? 'the role trust policy' : `${article(noun(denying))} ${noun(denying)}`;
    const arn = request.crossAccount ? undefined : policyArnOf(result, denying);
    return `${head} with an explicit deny in ${denyNoun}${arn ? `: ${arn}` : ''}`;
  }
  const first = result.layers.find((candidate) => candidate.layer === result.blockedBy[0]);
  if (!first) return `${head} because no policy allows the ${request.action} action`;
  return `${head} because no ${noun(first)} allows the ${request.action} action`;
}

/** The ARN AWS names for the denying policy, when iamwhy knows it. */
function policyArnOf(result: EvaluationResult, layer: LayerResult): string | undefined {
  if (layer.layer === 'resource' || layer.layer === 'vpc_endpoint') return undefined;
  const ref = result.deciding.find((candidate) => candidate.layer === layer.layer);
  if (!ref) return undefined;
  const policies = layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies;
  const policy = policies.find((candidate) => candidate.policyId === ref.policyId);
  const arn = policy?.origin.arn ?? ref.policyId;
  return arn.startsWith('arn:') && arn.includes(':policy/') ? arn : undefined;
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

/** Deny statements that cover part of a requested resource pattern, in applicable layers. */
function partialDenies(result: EvaluationResult): StatementEvaluation[] {
  if (!result.request.resourceIsPattern) return [];
  return result.layers.filter((layer) => layer.applies).flatMap((layer) => statementsOfLayer(layer).filter((statement) => statement.effect === 'Deny' && statement.resource?.partial === true));
}

/** The existential reading in words, with an example of an allowed resource. */
function patternScope(result: EvaluationResult): string | undefined {
  if (!result.request.resourceIsPattern) return undefined;
  const pattern = result.request.resource;
  if (result.decision !== 'allowed') return `for every resource matching ${pattern}`;
  const example = result.deciding
    .map((ref) => findStatement(result, ref.layer, ref.policyId, ref.statementIndex)?.resource?.example)
    .find((candidate): candidate is string => candidate !== undefined && candidate !== pattern);
  return `for some resources matching ${pattern}${example ? `, e.g. ${example}` : ''} — not necessarily all`;
}

function fixPlan(result: EvaluationResult, options: ExplainOptions): Pick<Explanation, 'suggestions' | 'fixCombination' | 'checks'> {
  const plan = planFixes(result, options.actionFacts, options.findings ?? []);
  return { suggestions: plan.fixes, fixCombination: plan.combination, checks: plan.checks };
}

export interface ExplainOptions {
  findings?: Finding[];
  actionFacts?: ActionFacts;
  /** Extra notes from sources (e.g. AWS managed policies missing from a snapshot). */
  notes?: string[];
  /** Unknowns a source found beside the engine's (e.g. AWS's message names a layer iamwhy finds allowing). */
  unknowns?: Unknown[];
  /** The bucket's default encryption, when a source knows it. */
  bucketEncryption?: BucketEncryption;
  /** Another evaluator's verdict (AWS's policy simulator), to show beside iamwhy's. */
  crossCheck?: CrossCheck;
}

export function explain(result: EvaluationResult, options: ExplainOptions = {}): Explanation {
  const cause = causeOf(result);
  const unknowns = [...result.unknowns, ...(options.unknowns ?? [])];
  const panels: StatementPanel[] = [];
  for (const ref of result.deciding) {
    const statement = findStatement(result, ref.layer, ref.policyId, ref.statementIndex);
    if (!statement) continue;
    panels.push({
      layer: ref.layer,
      policyId: ref.policyId,
      policyDescription: describePolicy(result, ref.layer, ref.policyId),
      statementLabel: label(statement),
      effect: statement.effect,
      role: 'decided',
      decidingPart: decidingPart(statement),
      evaluation: statement,
    });
  }
  // Allows meant to grant it that a mistake in the policy keeps from matching: shown, with the mistake.
  const mistakes = policyMistakes(result, options.findings ?? []);
  for (const mistake of mistakes) {
    const statement = mistake.statement;
    panels.push({
      layer: statement.ref.layer,
      policyId: statement.ref.policyId,
      policyDescription: describePolicy(result, statement.ref.layer, statement.ref.policyId),
      statementLabel: label(statement),
      effect: statement.effect,
      role: 'near-miss',
      decidingPart: `${decidingPart(statement)} — ${mistake.problem}`,
      evaluation: statement,
    });
  }
  if (result.decision === 'implicitDeny') {
    for (const statement of nearMisses(result).filter((candidate) => !mistakes.some((mistake) => mistake.statement === candidate))) {
      panels.push({
        layer: statement.ref.layer,
        policyId: statement.ref.policyId,
        policyDescription: describePolicy(result, statement.ref.layer, statement.ref.policyId),
        statementLabel: label(statement),
        effect: statement.effect,
        role: 'near-miss',
        decidingPart: decidingPart(statement),
        evaluation: statement,
      });
    }
  }
  for (const statement of partialDenies(result)) {
    panels.push({
      layer: statement.ref.layer,
      policyId: statement.ref.policyId,
      policyDescription: describePolicy(result, statement.ref.layer, statement.ref.policyId),
      statementLabel: label(statement),
      effect: statement.effect,
      role: 'partial-deny',
      decidingPart: decidingPart(statement),
      evaluation: statement,
    });
  }
  const row = (layer: LayerName, policy: LayerResult['policies'][number], level?: BreakdownRow['level']): BreakdownRow => ({
    layer,
    policyId: policy.policyId,
    kind: KIND_NOUNS[policy.kind],
    policyKind: policy.kind,
    ...(level ? { level } : {}),
    verdict: policy.verdict,
  });
  const breakdown: BreakdownRow[] = result.layers.flatMap((layer) =>
    layer.levels
      ? layer.levels.flatMap((level) =>
          level.policies.map((policy) => row(layer.layer, policy, { id: level.id, ...(level.name !== undefined ? { name: level.name } : {}), type: level.type })),
        )
      : layer.policies.map((policy) => row(layer.layer, policy)),
  );
  return {
    result,
    verdict: result.decision === 'allowed' ? 'ALLOWED' : 'DENIED',
    denialType: result.decision === 'explicitDeny' ? 'explicit deny' : result.decision === 'implicitDeny' ? 'implicit deny' : undefined,
    scope: patternScope(result),
    cause,
    reason:
      options.actionFacts?.resourceFitsNoType && result.decision !== 'allowed'
        ? `${result.request.resource} is not a resource ${result.request.action} acts on, so no policy can allow this request.`
        : mistakes[0] !== undefined
          ? `${reasonSentence(result, cause)} ${label(mistakes[0].statement)} of ${mistakes[0].statement.ref.policyId} was meant to: ${mistakes[0].problem.charAt(0).toLowerCase()}${mistakes[0].problem.slice(1)}.`
          : reasonSentence(result, cause),
    awsMessage: awsMessageFor(result),
    // Block Public Access is a step only for S3 requests.
    path: result.layers.filter((layer) => layer.notApplicable?.code !== 'BPA_NOT_S3').map((layer) => stepFor(layer, result)),
    panels,
    breakdown,
    missingContext: result.missingContext,
    certain: unknowns.length === 0,
    unknowns,
    uncertainty: uncertaintyClause(unknowns),
    ...fixPlan(result, options),
    nextSteps: nextSteps(result, options.bucketEncryption),
    findings: options.findings ?? [],
    notes: [...result.notes, ...(options.notes ?? [])],
    crossCheck: options.crossCheck,
  };
}
