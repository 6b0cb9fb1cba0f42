/**
 * "How to fix": what would change a denial, concretely and minimally, for a
 * person to review. Each fix says what to change, where, and who can change it;
 * the plan says whether the fixes are alternatives (any one would allow it) or
 * all needed (each blocking layer needs its own). Conditions are turned into what
 * the *request* must look like; proposed statements are whole, valid JSON and
 * least-privilege. What only checks another case (`--context …`) is kept apart
 * from the fixes. Read off the engine's result only.
 */
import type { ConditionEvaluation } from '../language/conditions/evaluate.js';
import type { Finding } from '../language/findings.js';
import type { EvaluationResult, LayerName, LayerResult, StatementEvaluation } from '../engine/result.js';
import { levelLabel, nearMisses, resourcePolicyKindOf, statementsOfLayer } from './near-misses.js';
import { whoChanges } from './owners.js';
import { policyMistakes, type PolicyMistake } from './policy-mistakes.js';
import { requestNeed } from './request-words.js';
import { KIND_NOUNS, LAYER_NOUNS } from './words.js';

export type SuggestionKind =
  | 'meet-condition'
  | 'fix-policy-mistake'
  | 'add-statement'
  | 'exempt-from-deny'
  | 'change-gate'
  | 'pass-context'
  | 'check-resource-type'
  | 'use-supported-path';

export interface Suggestion {
  kind: SuggestionKind;
  layer?: LayerName;
  /** One sentence saying what to do. */
  title: string;
  /** Further sentences, e.g. why an identity-policy change will not help. */
  details: string[];
  /** Who can make the change ("An IAM administrator of account 111111111111"). */
  who?: string;
  /** A policy statement to add (or the statement as it should read), when the fix is one. */
  statement?: Record<string, unknown>;
}

/**
 * How the fixes combine: `single` (one fix), `any` (alternatives: any one of these
 * would allow it), `all` (each is needed: several layers block on their own).
 */
export type FixCombination = 'single' | 'any' | 'all';

export interface FixPlan {
  combination: FixCombination;
  fixes: Suggestion[];
  /** How to check another case (`--context KEY=VALUE` for an absent key): not fixes. */
  checks: string[];
}

/** Facts from the service data that sharpen suggestions (optional: the engine doesn't need them). */
export interface ActionFacts {
  /** The resource ARN fits none of the action's resource types. */
  resourceFitsNoType?: boolean;
  /** ARN formats the action expects, for the message. */
  expectedResourceFormats?: string[];
  /** The action takes only `*` as its resource. */
  actionTakesNoResource?: boolean;
  /** ARN formats of the action's resource types (`arn:${Partition}:s3:::${BucketName}/${ObjectName}`), for proposing a Resource. */
  resourceFormats?: string[];
}

const NO_HELP = 'Changing identity-based policies will not help: this layer only limits, it never grants.';

/** "role trust policy arn:…:role/DeployRole, Sid "TrustPlatformEngineers"". */
function where(statement: StatementEvaluation, result: EvaluationResult): string {
  const label = statement.ref.sid ? `Sid "${statement.ref.sid}"` : `Statement[${statement.ref.statementIndex}]`;
  const layer = result.layers.find((candidate) => candidate.layer === statement.ref.layer);
  const policies = layer ? (layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies) : [];
  const kind = policies.find((policy) => policy.policyId === statement.ref.policyId)?.kind;
  return `${kind ? KIND_NOUNS[kind] : LAYER_NOUNS[statement.ref.layer]} ${statement.ref.policyId}, ${label}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The ARN a policy should name: the role for a session (stable across sessions), else the principal. */
function principalToName(result: EvaluationResult): string {
  const { principal } = result.request;
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : principal;
}

/**
 * The Resource a proposed statement names: the requested resource, never a bare `*`
 * for an action that acts on resources — for a `*` request, the ARN format of the
 * action's resource type with its placeholders spelled out (`arn:aws:s3:::BUCKET_NAME/OBJECT_NAME`).
 */
function resourceToName(result: EvaluationResult, facts: ActionFacts): string {
  const { resource } = result.request;
  if (!(result.request.resourceIsPattern && resource === '*')) return resource;
  // The plainest format (an S3 object rather than an access-point object) reads best.
  const format = [...(facts.resourceFormats ?? [])].sort((left, right) => left.length - right.length)[0];
  if (format === undefined) return resource;
  const account = result.request.principalAccount ?? 'ACCOUNT_ID';
  return format.replace(/\$\{([A-Za-z]+)\}/g, (_whole, name: string) =>
    name === 'Partition' ? 'aws' : name === 'Account' ? account : name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase(),
  );
}

function contextValue(result: EvaluationResult, key: string): string | undefined {
  return result.context.find((entry) => entry.key.toLowerCase() === key.toLowerCase())?.values[0];
}

function grantStatement(result: EvaluationResult, withPrincipal: boolean, facts: ActionFacts): Record<string, unknown> {
  const statement: Record<string, unknown> = { Effect: 'Allow' };
  if (withPrincipal) statement.Principal = { AWS: principalToName(result) };
  statement.Action = result.request.action;
  // A role trust policy takes no Resource: the role is the resource ("IAM JSON policy elements: Resource").
  if (!(withPrincipal && resourcePolicyKindOf(result) === 'trust')) statement.Resource = resourceToName(result, facts);
  // "Granting a user permissions to pass a role to an AWS service": name the service the role may go to.
  if (result.request.action.toLowerCase() === 'iam:passrole') {
    statement.Condition = { StringEquals: { 'iam:PassedToService': contextValue(result, 'iam:PassedToService') ?? 'SERVICE.amazonaws.com' } };
  }
  return statement;
}

/** Roles no one should widen by hand: IAM Identity Center roles, service-linked roles, break-glass roles. */
function reservedRole(arn: string): string | undefined {
  if (/:role\/aws-reserved\/sso\.amazonaws\.com\//.test(arn) || /:(?:assumed-)?role\/(?:[^/]+\/)*AWSReservedSSO_/.test(arn)) {
    return 'It is an IAM Identity Center role: change the permission set it was provisioned from, in IAM Identity Center, not the role.';
  }
  if (/:role\/aws-service-role\//.test(arn) || /:assumed-role\/AWSServiceRoleFor/.test(arn)) {
    return 'It is a service-linked role: its permissions belong to the service that owns it and cannot be changed.';
  }
  if (/break[-_ ]?glass|emergency[-_ ]?access/i.test(arn)) {
    return 'It looks like a break-glass role: follow your emergency-access procedure rather than widening it.';
  }
  return undefined;
}

/** A near miss: the Allow that would grant it if the request met its conditions. */
function nearMissFix(statement: StatementEvaluation, result: EvaluationResult): Suggestion {
  const failed = statement.conditions.filter((condition) => !condition.matched);
  const needs = failed.map((condition) => requestNeed(condition, 'satisfy'));
  return {
    kind: 'meet-condition',
    layer: statement.ref.layer,
    title: `Make the request so that ${where(statement, result)} applies: ${needs.join('; and ')}.`,
    details: [
      `That statement already allows ${result.request.action} on this resource; meeting its condition is better than a broader Allow.`,
      ...failed.map((condition) => `Its condition: ${conditionText(condition)} (${condition.keyMissing ? 'the request does not give it' : `the request has ${condition.contextValues.join(', ')}`}).`),
    ],
    who: 'Whoever makes the request',
  };
}

function conditionText(condition: ConditionEvaluation): string {
  return `${condition.operator} ${condition.key} ${condition.policyValues.join(', ')}`;
}

function mistakeFix(mistake: PolicyMistake, result: EvaluationResult): Suggestion {
  return {
    kind: 'fix-policy-mistake',
    layer: mistake.statement.ref.layer,
    title: `${mistake.correction} in ${where(mistake.statement, result)}.`,
    details: [`${mistake.problem}: it was meant to allow ${result.request.action}, so fixing it beats adding a new Allow.`],
    who: whoChanges(mistake.statement.ref.layer, result),
  };
}

/**
 * An SCP or RCP Deny: offer the documented exception pattern — a condition on
 * aws:PrincipalArn (or a tag) that exempts the principal — rather than removing it.
 */
function organizationDenyFix(statement: StatementEvaluation, layer: 'scp' | 'rcp', result: EvaluationResult): Suggestion {
  const exempt = principalToName(result);
  const written = statement.statement;
  const condition: Record<string, Record<string, string[]>> = {};
  for (const clause of written.conditions) {
    const operator = (condition[clause.operator.name] ??= {});
    operator[clause.key] = [...clause.values];
  }
  const existing = Object.entries(condition).find(([operator, keys]) => /^ArnNotLike|^StringNotLike|^ArnNotEquals|^StringNotEquals/.test(operator) && Object.keys(keys).some((key) => key.toLowerCase() === 'aws:principalarn'));
  if (existing) {
    const [, keys] = existing;
    const key = Object.keys(keys).find((candidate) => candidate.toLowerCase() === 'aws:principalarn') as string;
    keys[key] = [...(keys[key] ?? []), exempt];
  } else {
    condition.ArnNotLike = { ...(condition.ArnNotLike ?? {}), 'aws:PrincipalArn': [exempt] };
  }
  const revised: Record<string, unknown> = { ...(written.sid !== undefined ? { Sid: written.sid } : {}), Effect: 'Deny' };
  if (written.principal?.wildcard) revised.Principal = '*';
  if (written.action) revised[written.action.negated ? 'NotAction' : 'Action'] = written.action.values.length === 1 ? written.action.values[0] : written.action.values;
  if (written.resource) revised[written.resource.negated ? 'NotResource' : 'Resource'] = written.resource.values.length === 1 ? written.resource.values[0] : written.resource.values;
  revised.Condition = condition;
  const needs = statement.conditions.filter((clause) => clause.matched).map((clause) => requestNeed(clause, 'fail'));
  return {
    kind: 'exempt-from-deny',
    layer,
    title: `${needs.length > 0 ? `Make the request so the Deny in ${where(statement, result)} does not apply (${needs.join('; or ')}), or exempt` : `Exempt`} ${exempt} from it with the documented exception pattern — a condition on aws:PrincipalArn (or on a principal tag) — rather than removing the Deny.`,
    details: [`The ${LAYER_NOUNS[layer]} then reads as below.`, NO_HELP],
    who: whoChanges(layer, result),
    statement: revised,
  };
}

/** What in the request would lift a matched Deny, or that nothing in it can. */
function denyFix(statement: StatementEvaluation, layer: LayerName, result: EvaluationResult): Suggestion {
  if (statement.principal?.via === 'not-principal-boundary') {
    return {
      kind: 'exempt-from-deny',
      layer,
      title: `Rewrite the Deny in ${where(statement, result)}: Deny with NotPrincipal applies to every principal that has a permissions boundary, whatever it lists.`,
      details: ['Write the exception as "Principal": "*" with a condition such as ArnNotLike aws:PrincipalArn instead of NotPrincipal, or remove the boundary.'],
      who: whoChanges(layer, result),
    };
  }
  if (layer === 'scp' || layer === 'rcp') return organizationDenyFix(statement, layer, result);
  const conditions = statement.conditions.filter((condition) => condition.matched);
  if (conditions.length === 0 && statement.principal?.via !== 'not-principal') {
    return {
      kind: 'exempt-from-deny',
      layer,
      title: `Remove or narrow the Deny in ${where(statement, result)}: it has no condition, so nothing in the request can exempt it.`,
      details: ['Or make the request with another action, resource or principal.'],
      who: whoChanges(layer, result),
    };
  }
  const needs = conditions.map((condition) => requestNeed(condition, 'fail'));
  const details = conditions.map((condition) => `Its condition ${conditionText(condition)} matches (${condition.keyMissing ? 'the key is absent' : `the request has ${condition.contextValues.join(', ')}`}).`);
  if (statement.principal?.via === 'not-principal') {
    details.push(`NotPrincipal does not exempt ${statement.principal.against}: list it together with its account${statement.principal.against.includes(':assumed-role/') ? ' and its role' : ''} ARN.`);
  }
  return {
    kind: 'exempt-from-deny',
    layer,
    title: needs.length > 0 ? `Make the request so the Deny in ${where(statement, result)} does not apply: ${needs.join('; or ')}.` : `The Deny in ${where(statement, result)} applies.`,
    details,
    who: needs.length > 0 ? 'Whoever makes the request' : whoChanges(layer, result),
  };
}

function gateFix(layer: LayerResult, result: EvaluationResult, facts: ActionFacts): Suggestion {
  const action = result.request.action;
  const resource = resourceToName(result, facts);
  switch (layer.layer) {
    case 'scp': {
      const levels = (layer.levels ?? []).filter((level) => level.verdict === 'implicitDeny').map(levelLabel);
      return {
        kind: 'change-gate',
        layer: 'scp',
        title: `Attach or extend an SCP at ${levels.join(', ') || 'the level that lacks one'} so that it allows ${action}.`,
        details: ['Every level of the organization on the path (the root, each OU, the account) needs an SCP that allows the action.', NO_HELP],
        who: whoChanges('scp', result),
        statement: { Effect: 'Allow', Action: action, Resource: '*' },
      };
    }
    case 'vpc_endpoint':
      return {
        kind: 'change-gate',
        layer: 'vpc_endpoint',
        title: `Add an Allow for ${action} on ${resource} to the VPC endpoint policy, or make the request through another network path.`,
        details: [NO_HELP],
        who: whoChanges('vpc_endpoint', result),
        statement: { Effect: 'Allow', Principal: '*', Action: action, Resource: resource },
      };
    case 'permissions_boundary':
      return {
        kind: 'change-gate',
        layer: 'permissions_boundary',
        title: `Add ${action} on ${resource} to the permissions boundary ${layer.policies[0]?.policyId ?? ''}.`.replace(/ \./, '.'),
        details: ['Effective permissions are the intersection of the identity-based policies and the boundary.', NO_HELP],
        who: whoChanges('permissions_boundary', result),
        statement: { Effect: 'Allow', Action: action, Resource: resource },
      };
    case 'session_policy':
      return {
        kind: 'change-gate',
        layer: 'session_policy',
        title: layer.notes[0] ?? `Create the session with a session policy that allows ${action} on ${resource} (or with none).`,
        details: ['Session permissions are the intersection of the identity-based policies and the session policy.', NO_HELP],
        who: whoChanges('session_policy', result),
        statement: { Effect: 'Allow', Action: action, Resource: resource },
      };
    default:
      return { kind: 'change-gate', layer: layer.layer, title: `The ${LAYER_NOUNS[layer.layer]} blocks the request.`, details: [], who: whoChanges(layer.layer, result) };
  }
}

function grantFix(name: 'identity' | 'resource', result: EvaluationResult, facts: ActionFacts): Suggestion {
  const { crossAccount } = result.request;
  if (name === 'identity') {
    const target = principalToName(result);
    const reserved = reservedRole(target);
    const who = result.request.principalKind === 'assumed-role' ? `the role ${target}` : target;
    if (reserved !== undefined) {
      return { kind: 'add-statement', layer: 'identity', title: `No identity-based policy of ${who} allows ${result.request.action}.`, details: [reserved], who: whoChanges('identity', result) };
    }
    return {
      kind: 'add-statement',
      layer: 'identity',
      title: `Add this Allow to an identity-based policy of ${who}${crossAccount ? ' (the principal’s side)' : ''}.`,
      details: crossAccount ? ['Across accounts both sides must allow: the principal’s identity-based policy and the resource’s policy.'] : [],
      who: whoChanges('identity', result),
      statement: grantStatement(result, false, facts),
    };
  }
  const kind = resourcePolicyKindOf(result);
  const target = kind === 'trust' ? 'the role’s trust policy' : kind === 'kms-key' ? 'the key policy' : 'the resource’s policy';
  const why =
    kind === 'trust' || kind === 'kms-key'
      ? `${capitalized(target)} must allow the principal (or its account, with an identity-based policy that allows it), even in the same account.`
      : crossAccount
        ? 'Across accounts both sides must allow: the principal’s identity-based policy and the resource’s policy.'
        : 'Within one account an Allow in either the identity-based or the resource-based policy is enough.';
  const reserved = kind === 'trust' ? reservedRole(result.request.resource) : undefined;
  if (reserved !== undefined) return { kind: 'add-statement', layer: 'resource', title: `${capitalized(target)} does not trust ${principalToName(result)}.`, details: [reserved], who: whoChanges('resource', result) };
  const supplied = result.layers.find((layer) => layer.layer === 'resource')?.policies.length ?? 0;
  return {
    kind: 'add-statement',
    layer: 'resource',
    title: `Add this Allow naming ${principalToName(result)} to ${target}${crossAccount ? ' (the resource’s side)' : ''}${supplied > 0 ? '' : ' (none was given)'}.`,
    details: [why],
    who: whoChanges('resource', result),
    statement: grantStatement(result, true, facts),
  };
}

/** The fixes for one blocking layer of an implicit deny, best first: they are alternatives. */
function layerAlternatives(layer: LayerResult, result: EvaluationResult, facts: ActionFacts, mistakes: readonly PolicyMistake[], misses: readonly StatementEvaluation[]): Suggestion[] {
  if (layer.layer !== 'identity' && layer.layer !== 'resource') return [gateFix(layer, result, facts)];
  const fixes = [
    ...mistakes.filter((mistake) => mistake.statement.ref.layer === layer.layer).map((mistake) => mistakeFix(mistake, result)),
    ...misses.filter((statement) => statement.ref.layer === layer.layer).map((statement) => nearMissFix(statement, result)),
  ];
  // Fixing a mistake or meeting a condition beats writing a broader grant; no Allow
  // can help when the ARN is not a resource the action acts on.
  if (fixes.length === 0 && !facts.resourceFitsNoType) fixes.push(grantFix(layer.layer, result, facts));
  return fixes;
}

export function planFixes(result: EvaluationResult, facts: ActionFacts = {}, findings: readonly Finding[] = []): FixPlan {
  const checks = result.missingContext
    .filter((key) => key.couldChangeDecision)
    .map((key) => `--context ${key.key}=VALUE: the answer with ${key.key} given (it was evaluated without it).`);
  if (result.decision === 'allowed') return { combination: 'single', fixes: [], checks: [] };
  // AWS refuses it whatever the policies say: no policy change helps, only the path that works.
  if (result.decision === 'implicitDeny' && result.awsRule) {
    return { combination: 'single', fixes: [{ kind: 'use-supported-path', title: result.awsRule.remedy, details: [`No policy change can allow it (${result.awsRule.source}).`] }], checks: [] };
  }
  const leading: Suggestion[] = [];
  if (facts.resourceFitsNoType) {
    leading.push({
      kind: 'check-resource-type',
      title: `Name a resource ${result.request.action} acts on: ${result.request.resource} is not one, so no policy can allow this pair.`,
      details: facts.expectedResourceFormats?.length ? [`Expected: ${facts.expectedResourceFormats.join(' or ')}.`] : [],
    });
  }
  if (facts.actionTakesNoResource) {
    leading.push({ kind: 'check-resource-type', title: `Allow ${result.request.action} on "*": it does not act on a specific resource.`, details: [] });
  }

  if (result.decision === 'explicitDeny') {
    const fixes = result.layers
      .filter((layer) => layer.verdict === 'explicitDeny')
      .flatMap((layer) =>
        layer.layer === 's3_block_public_access'
          ? [{ kind: 'change-gate' as const, layer: layer.layer, title: `S3 Block Public Access refuses it: ${layer.notes[0] ?? ''}`, details: ['Turn the setting off for the bucket (and account), or make the bucket policy non-public.'], who: whoChanges(layer.layer, result) }]
          : statementsOfLayer(layer).filter((statement) => statement.matched && statement.effect === 'Deny').map((statement) => denyFix(statement, layer.layer, result)),
      );
    const all = [...leading, ...fixes];
    return { combination: all.length > 1 ? 'all' : 'single', fixes: all, checks };
  }

  const mistakes = policyMistakes(result, findings);
  const misses = nearMisses(result).filter((statement) => statement.elementsMatched && !mistakes.some((mistake) => mistake.statement === statement));
  const blocking = result.blockedBy.map((name) => result.layers.find((layer) => layer.layer === name) as LayerResult);
  const perLayer = blocking.map((layer) => layerAlternatives(layer, result, facts, mistakes, misses)).filter((alternatives) => alternatives.length > 0);
  if (perLayer.length > 1) {
    // Several layers block on their own: each needs its fix (the best of its alternatives).
    const fixes = perLayer.map((alternatives) => alternatives[0] as Suggestion);
    return { combination: 'all', fixes: [...leading, ...fixes], checks };
  }
  const fixes = [...leading, ...(perLayer[0] ?? [])];
  return { combination: fixes.length > 1 ? 'any' : 'single', fixes, checks };
}

/** The fixes alone (see `planFixes` for how they combine). */
export function suggestFixes(result: EvaluationResult, facts: ActionFacts = {}, findings: readonly Finding[] = []): Suggestion[] {
  return planFixes(result, facts, findings).fixes;
}
