/**
 * "How to fix": what would change a denial, concretely and minimally, as
 * suggestions for a person to review. Read off the engine's result only.
 */
import type { ConditionEvaluation } from '../language/conditions/evaluate.js';
import type { EvaluationResult, LayerName, LayerResult, StatementEvaluation } from '../engine/result.js';
import { levelLabel, nearMisses, resourcePolicyKindOf, statementsOfLayer } from './near-misses.js';
import { KIND_NOUNS, LAYER_NOUNS } from './words.js';

export type SuggestionKind =
  | 'meet-condition'
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
  /** A policy statement to add, when the fix is one. */
  statement?: Record<string, unknown>;
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

const NO_HELP = 'Changing identity-based policies will not help: this gate only limits, it never grants.';

/** "role trust policy arn:…:role/DeployRole, Sid "TrustPlatformEngineers"". */
function where(statement: StatementEvaluation, result: EvaluationResult): string {
  const label = statement.ref.sid ? `Sid "${statement.ref.sid}"` : `statement ${statement.ref.statementIndex}`;
  const layer = result.layers.find((candidate) => candidate.layer === statement.ref.layer);
  const policies = layer ? (layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies) : [];
  const kind = policies.find((policy) => policy.policyId === statement.ref.policyId)?.kind;
  return `${kind ? KIND_NOUNS[kind] : LAYER_NOUNS[statement.ref.layer]} ${statement.ref.policyId}, ${label}`;
}

function valueList(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? '') : `one of ${values.join(', ')}`;
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

function grantStatement(result: EvaluationResult, withPrincipal: boolean, facts: ActionFacts = {}): Record<string, unknown> {
  const statement: Record<string, unknown> = { Effect: 'Allow' };
  if (withPrincipal) statement.Principal = { AWS: principalToName(result) };
  statement.Action = result.request.action;
  // A role trust policy takes no Resource: the role is the resource ("IAM JSON policy elements: Resource").
  if (!(withPrincipal && resourcePolicyKindOf(result) === 'trust')) statement.Resource = resourceToName(result, facts);
  return statement;
}

/** What the request would need for a failed condition to hold, in words. */
function conditionNeed(condition: ConditionEvaluation): string {
  const has = condition.keyMissing ? 'the request does not give it' : `the request has ${condition.contextValues.join(', ')}`;
  return `${condition.key} must satisfy ${condition.operator} ${valueList(condition.policyValues)} (${has})`;
}

/** A near miss turned into "this statement would allow it if…". */
function nearMissSuggestion(statement: StatementEvaluation, result: EvaluationResult): Suggestion {
  const details: string[] = [];
  if (statement.resource && !statement.resource.matched) {
    details.push(`It covers ${statement.resource.element === 'NotResource' ? 'everything except' : ''} ${statement.statement.resource?.values.join(', ')}, not ${result.request.resource}.`.replace('  ', ' '));
  }
  if (statement.principal && !statement.principal.matched) {
    details.push(`Its ${statement.principal.element} does not name ${statement.principal.against}.`);
  }
  const failed = statement.conditions.filter((condition) => !condition.matched);
  for (const condition of failed) details.push(`${conditionNeed(condition)}.`);
  const onlyConditions = statement.elementsMatched && failed.length > 0;
  return {
    kind: 'meet-condition',
    layer: statement.ref.layer,
    title: onlyConditions
      ? `${where(statement, result)} allows ${result.request.action} when its condition holds: meet it rather than adding a broader Allow.`
      : `${where(statement, result)} allows ${result.request.action}, but not for this request.`,
    details,
  };
}

/** What in the request would lift a matched Deny, or that nothing can. */
function denySuggestion(statement: StatementEvaluation, layer: LayerName, result: EvaluationResult): Suggestion {
  if (statement.principal?.via === 'not-principal-boundary') {
    return {
      kind: 'exempt-from-deny',
      layer,
      title: `Explicit deny in ${where(statement, result)}: Deny with NotPrincipal applies to every principal that has a permissions boundary, whatever it lists.`,
      details: ['Write the exception as Principal "*" with a condition such as ArnNotEquals aws:PrincipalArn instead of NotPrincipal, or remove the boundary.'],
    };
  }
  const conditions = statement.conditions.filter((condition) => condition.matched);
  if (conditions.length === 0 && statement.principal?.via !== 'not-principal') {
    return {
      kind: 'exempt-from-deny',
      layer,
      title: `Explicit deny in ${where(statement, result)}, with no condition: nothing in the request can exempt it.`,
      details: ['Change or remove that statement (or use another action, resource or principal).'],
    };
  }
  const details = conditions.map((condition) => {
    if (condition.keyMissing) {
      return `${condition.key} is absent, and ${condition.operator} counts an absent key as a match: give ${condition.key} a value that fails ${valueList(condition.policyValues)}.`;
    }
    const now = `${condition.key} is ${condition.contextValues.join(', ')}`;
    if (condition.negated || condition.base === 'NotIpAddress') {
      return `${now}; with ${condition.key} ${valueList(condition.policyValues)} this deny would not apply.`;
    }
    if (condition.base === 'Bool') {
      return `${now}; with ${condition.key}=${condition.policyValues[0] === 'true' ? 'false' : 'true'} this deny would not apply.`;
    }
    return `${now}, which satisfies ${condition.operator} ${valueList(condition.policyValues)}; any other value would not be denied by this statement.`;
  });
  if (statement.principal?.via === 'not-principal') {
    details.push(`NotPrincipal does not exempt ${statement.principal.against}: list it together with its account${statement.principal.against.includes(':assumed-role/') ? ' and its role' : ''} ARN.`);
  }
  return { kind: 'exempt-from-deny', layer, title: `Explicit deny in ${where(statement, result)}.`, details };
}

function gateSuggestion(layer: LayerResult, result: EvaluationResult): Suggestion {
  const action = result.request.action;
  switch (layer.layer) {
    case 'scp': {
      const levels = (layer.levels ?? []).filter((level) => level.verdict === 'implicitDeny').map(levelLabel);
      return {
        kind: 'change-gate',
        layer: 'scp',
        title: `No SCP attached at ${levels.join(', ') || 'some level'} allows ${action}: an SCP there must allow it.`,
        details: ['Every level of the organization (root, each OU, the account) needs an SCP that allows the action.', NO_HELP],
        statement: { Effect: 'Allow', Action: action, Resource: '*' },
      };
    }
    case 'vpc_endpoint':
      return {
        kind: 'change-gate',
        layer: 'vpc_endpoint',
        title: `The VPC endpoint policy does not allow ${action}: add an Allow to it, or make the request without the endpoint.`,
        details: [NO_HELP],
        statement: { Effect: 'Allow', Principal: '*', Action: action, Resource: result.request.resource },
      };
    case 'permissions_boundary':
      return {
        kind: 'change-gate',
        layer: 'permissions_boundary',
        title: `The permissions boundary ${layer.policies[0]?.policyId ?? ''} does not allow ${action}: add it to the boundary.`,
        details: ['Effective permissions are the intersection of identity-based policies and the boundary.', NO_HELP],
        statement: { Effect: 'Allow', Action: action, Resource: result.request.resource },
      };
    case 'session_policy':
      return {
        kind: 'change-gate',
        layer: 'session_policy',
        title: layer.notes[0] ?? `The session policy does not allow ${action}: create the session with a session policy that allows it.`,
        details: ['Session permissions are the intersection of the identity-based policies and the session policy.', NO_HELP],
        statement: { Effect: 'Allow', Action: action, Resource: result.request.resource },
      };
    default:
      return { kind: 'change-gate', layer: layer.layer, title: `The ${LAYER_NOUNS[layer.layer]} blocks the request.`, details: [] };
  }
}

function grantSuggestion(name: 'identity' | 'resource', result: EvaluationResult, facts: ActionFacts): Suggestion {
  if (name === 'identity') {
    const who = result.request.principalKind === 'assumed-role' ? `the role ${principalToName(result)}` : result.request.principal;
    const resourceAlsoBlocks = result.blockedBy.includes('resource');
    return {
      kind: 'add-statement',
      layer: 'identity',
      title: `Add an Allow for ${result.request.action} to an identity-based policy of ${who}.`,
      details: result.request.crossAccount
        ? [resourceAlsoBlocks ? 'Cross-account access needs the resource’s policy to allow it too (see below).' : 'The resource’s policy already allows this principal; its own account must allow it too.']
        : [],
      statement: grantStatement(result, false, facts),
    };
  }
  const kind = resourcePolicyKindOf(result);
  const target = kind === 'trust' ? 'the role trust policy' : kind === 'kms-key' ? 'the KMS key policy' : 'the resource-based policy';
  const why =
    kind === 'trust' || kind === 'kms-key'
      ? `${target[0]?.toUpperCase()}${target.slice(1)} must allow the principal (or its account, with an identity-based policy that allows it), even in the same account.`
      : result.request.crossAccount
        ? 'Cross-account access needs both the principal’s identity-based policy and the resource’s policy to allow it.'
        : 'Within one account an Allow in either the identity-based or the resource-based policy is enough.';
  const supplied = result.layers.find((layer) => layer.layer === 'resource')?.policies.length ?? 0;
  return {
    kind: 'add-statement',
    layer: 'resource',
    title: `Add an Allow naming ${principalToName(result)} to ${target}${supplied > 0 ? '' : ' (none was supplied)'}.`,
    details: [why],
    statement: grantStatement(result, true, facts),
  };
}

export function suggestFixes(result: EvaluationResult, facts: ActionFacts = {}): Suggestion[] {
  if (result.decision === 'allowed') return [];
  // AWS refuses it whatever the policies say: no policy change helps, only the path that works.
  if (result.decision === 'implicitDeny' && result.awsRule) {
    return [{ kind: 'use-supported-path', title: result.awsRule.remedy, details: [`No policy change can allow it (${result.awsRule.source}).`] }];
  }
  const suggestions: Suggestion[] = [];

  if (facts.resourceFitsNoType) {
    suggestions.push({
      kind: 'check-resource-type',
      title: `${result.request.resource} is not a resource ${result.request.action} acts on: no policy can allow this pair.`,
      details: facts.expectedResourceFormats?.length ? [`Expected: ${facts.expectedResourceFormats.join(' or ')}.`] : [],
    });
  }
  if (facts.actionTakesNoResource) {
    suggestions.push({
      kind: 'check-resource-type',
      title: `${result.request.action} does not act on a specific resource: policies must allow it on "*".`,
      details: [],
    });
  }

  // The closest Allows first: meeting a condition beats writing a broader grant.
  const misses = result.decision === 'implicitDeny' ? nearMisses(result).filter((statement) => statement.elementsMatched) : [];
  for (const statement of misses) suggestions.push(nearMissSuggestion(statement, result));
  const covered = new Set(misses.map((statement) => statement.ref.layer));

  for (const name of result.blockedBy) {
    const blocking = result.layers.find((layer) => layer.layer === name) as LayerResult;
    if (blocking.verdict === 'explicitDeny') {
      for (const statement of statementsOfLayer(blocking).filter((candidate) => candidate.matched && candidate.effect === 'Deny')) {
        suggestions.push(denySuggestion(statement, name, result));
      }
    } else if (covered.has(name)) {
      continue;
    } else if (name === 'identity' || name === 'resource') {
      // No Allow can help when the ARN is not a resource the action acts on.
      if (!facts.resourceFitsNoType) suggestions.push(grantSuggestion(name, result, facts));
    } else {
      suggestions.push(gateSuggestion(blocking, result));
    }
  }

  for (const missing of result.missingContext.filter((key) => key.couldChangeDecision)) {
    suggestions.push({
      kind: 'pass-context',
      title: `Pass --context ${missing.key}=VALUE: a condition on ${missing.key} was evaluated without it, and its value could change the decision.`,
      details: [],
    });
  }
  return suggestions;
}
