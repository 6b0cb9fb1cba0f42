/**
 * "How to fix": what would change a denial, concretely and minimally, as
 * suggestions for a person to review. Read off the engine's result only.
 */
import type { EvaluationResult, LayerName, LayerResult, StatementEvaluation } from '../engine/result.js';
import { LAYER_NOUNS } from './words.js';

export type SuggestionKind = 'add-statement' | 'exempt-from-deny' | 'change-gate' | 'pass-context' | 'check-resource-type';

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
}

function statementsOf(layer: LayerResult): StatementEvaluation[] {
  const policies = layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies;
  return policies.flatMap((policy) => policy.statements);
}

function grantStatement(result: EvaluationResult, withPrincipal: boolean): Record<string, unknown> {
  const statement: Record<string, unknown> = { Effect: 'Allow' };
  if (withPrincipal) statement.Principal = { AWS: principalToName(result) };
  statement.Action = result.request.action;
  if (result.request.resource !== '*' || !withPrincipal) statement.Resource = result.request.resource;
  return statement;
}

/** The ARN a resource policy should name: the role for a session (stable across sessions), else the principal. */
function principalToName(result: EvaluationResult): string {
  const { principal } = result.request;
  const match = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(principal);
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : principal;
}

function denySuggestion(statement: StatementEvaluation, layer: LayerName): Suggestion {
  const where = `${LAYER_NOUNS[layer]} ${statement.ref.policyId}, ${statement.ref.sid ? `Sid "${statement.ref.sid}"` : `statement ${statement.ref.statementIndex}`}`;
  const conditions = statement.conditions.filter((condition) => condition.matched);
  if (conditions.length === 0 && statement.principal?.via !== 'not-principal') {
    return {
      kind: 'exempt-from-deny',
      layer,
      title: `The deny in ${where} has no condition: nothing in the request can exempt it.`,
      details: ['Change or remove that statement (or use another action, resource or principal).'],
    };
  }
  const details = conditions.map((condition) => {
    const actual = condition.keyMissing
      ? `is absent from the request, and ${condition.operator} counts an absent key as a match`
      : `is ${condition.contextValues.join(', ')}, which satisfies ${condition.operator} ${condition.policyValues.join(', ')}`;
    return `The deny applies because ${condition.key} ${actual}; a request whose ${condition.key} does not satisfy it is not denied by this statement.`;
  });
  if (statement.principal?.via === 'not-principal') {
    details.push(`The principal is not exempted by NotPrincipal: list it (with its account${statement.principal.against.includes(':assumed-role/') ? ', role' : ''} ARN) to exempt it.`);
  }
  if (statement.principal?.via === 'not-principal-boundary') {
    details.push('Deny with NotPrincipal always applies to a principal that has a permissions boundary.');
  }
  return { kind: 'exempt-from-deny', layer, title: `Explicit deny in ${where}.`, details };
}

function gateSuggestion(layer: LayerResult, result: EvaluationResult): Suggestion {
  const action = result.request.action;
  const noHelp = 'Changing identity-based policies will not help: this gate only limits, it never grants.';
  switch (layer.layer) {
    case 'scp': {
      const levels = (layer.levels ?? []).filter((level) => level.verdict === 'implicitDeny').map((level) => `${level.type} ${level.name ?? level.id}`);
      return {
        kind: 'change-gate',
        layer: 'scp',
        title: `No SCP at ${levels.join(', ') || 'some level'} allows ${action}: an SCP attached at that level must allow it.`,
        details: ['Every level of the organization (root, each OU, the account) needs an SCP that allows the action.', noHelp],
        statement: { Effect: 'Allow', Action: action, Resource: '*' },
      };
    }
    case 'vpc_endpoint':
      return {
        kind: 'change-gate',
        layer: 'vpc_endpoint',
        title: `The VPC endpoint policy does not allow ${action}: add an Allow to it, or make the request without the endpoint.`,
        details: [noHelp],
        statement: { Effect: 'Allow', Principal: '*', Action: action, Resource: result.request.resource },
      };
    case 'permissions_boundary':
      return {
        kind: 'change-gate',
        layer: 'permissions_boundary',
        title: `The permissions boundary ${layer.policies[0]?.policyId ?? ''} does not allow ${action}: add it to the boundary.`,
        details: ['Effective permissions are the intersection of identity-based policies and the boundary.', noHelp],
        statement: { Effect: 'Allow', Action: action, Resource: result.request.resource },
      };
    case 'session_policy':
      return {
        kind: 'change-gate',
        layer: 'session_policy',
        title: layer.notes.length > 0 ? layer.notes[0] ?? '' : `The session policy does not allow ${action}: create the session with a session policy that allows it.`,
        details: ['Session permissions are the intersection of the identity-based policies and the session policy.', noHelp],
        statement: { Effect: 'Allow', Action: action, Resource: result.request.resource },
      };
    default:
      return { kind: 'change-gate', layer: layer.layer, title: `${LAYER_NOUNS[layer.layer]} blocks the request.`, details: [] };
  }
}

export function suggestFixes(result: EvaluationResult, facts: ActionFacts = {}): Suggestion[] {
  if (result.decision === 'allowed') return [];
  const suggestions: Suggestion[] = [];
  const layer = (name: LayerName): LayerResult => result.layers.find((candidate) => candidate.layer === name) as LayerResult;

  if (facts.resourceFitsNoType) {
    suggestions.push({
      kind: 'check-resource-type',
      title: `${result.request.resource} is not a resource ${result.request.action} acts on: no policy can allow this pair.`,
      details: facts.expectedResourceFormats?.length ? [`Expected: ${facts.expectedResourceFormats.join(' or ')}.`] : [],
    });
  }
  if (facts.actionTakesNoResource && result.request.resource !== '*') {
    suggestions.push({
      kind: 'check-resource-type',
      title: `${result.request.action} does not act on a specific resource: policies must allow it on "*".`,
      details: [],
    });
  }

  for (const name of result.blockedBy) {
    const blocking = layer(name);
    if (blocking.verdict === 'explicitDeny') {
      for (const statement of statementsOf(blocking).filter((candidate) => candidate.matched && candidate.effect === 'Deny')) {
        suggestions.push(denySuggestion(statement, name));
      }
      continue;
    }
    if (name === 'identity') {
      const who = result.request.principalKind === 'assumed-role' ? `the role ${principalToName(result)}` : result.request.principal;
      suggestions.push({
        kind: 'add-statement',
        layer: 'identity',
        title: `Add an Allow for ${result.request.action} to an identity-based policy of ${who}.`,
        details: result.request.crossAccount ? ['Cross-account access also needs the resource-based policy to allow it.'] : [],
        statement: grantStatement(result, false),
      });
    } else if (name === 'resource') {
      const kind = result.layers.find((candidate) => candidate.layer === 'resource')?.policies[0]?.kind;
      const target = kind === 'trust' ? 'the role trust policy' : kind === 'kms-key' ? 'the KMS key policy' : 'the resource-based policy';
      const why =
        kind === 'trust' || kind === 'kms-key'
          ? `${target} must allow the principal (or its account, with an identity-based policy that allows it), even in the same account.`
          : result.request.crossAccount
            ? 'Cross-account access needs both the principal’s identity-based policy and the resource’s policy to allow it.'
            : 'Within one account an Allow in either the identity-based or the resource-based policy is enough.';
      suggestions.push({
        kind: 'add-statement',
        layer: 'resource',
        title: `Add an Allow naming ${principalToName(result)} to ${target}${layer('resource').applies ? '' : ' (none was supplied)'}.`,
        details: [why],
        statement: grantStatement(result, true),
      });
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
