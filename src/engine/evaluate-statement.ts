/**
 * One statement against one request: which of Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal and Condition apply.
 * "Policy evaluation logic": a statement takes effect only when all of its
 * elements match the request.
 */
import type { ContextView } from '../language/context.js';
import { evaluateConditionBlock } from '../language/conditions/evaluate.js';
import type { Effect, NameList, Policy, Statement } from '../language/policy.js';
import { relateResourcePattern } from '../language/resource-relations.js';
import { isResourceBasedKind } from '../language/policy-kind.js';
import { matchResourcePattern } from '../language/variables.js';
import { matchWildcard } from '../language/wildcard.js';
import { matchPrincipalBlock, type PrincipalFacts } from './match-principal.js';
import type { ElementMatch, LayerName, StatementEvaluation } from './result.js';

export interface StatementEnvironment {
  action: string;
  resource: string;
  /** The resource is a pattern standing for every resource it matches (the existential reading). */
  resourceIsPattern: boolean;
  context: ContextView;
  principalFacts: PrincipalFacts;
}

function matchAction(list: NameList, action: string): ElementMatch {
  const matchedValue = list.values.find((pattern) => matchWildcard(pattern, action, { ignoreCase: true }));
  const hit = matchedValue !== undefined;
  return {
    element: list.negated ? 'NotAction' : 'Action',
    matched: list.negated ? !hit : hit,
    against: action,
    ...(hit ? { matchedValue } : {}),
  };
}

/** What each `${…}` of the values stood for, once per name (the special `${*}` and kin are literal). */
function variablesOf(uses: ReadonlyArray<{ name: string; resolved: boolean; value?: string; special?: boolean }>, into: Map<string, string | undefined>): void {
  for (const use of uses) if (!use.special && !into.has(use.name)) into.set(use.name, use.resolved ? use.value : undefined);
}

function variableList(found: Map<string, string | undefined>): Array<{ name: string; value?: string }> {
  return [...found].map(([name, value]) => (value === undefined ? { name } : { name, value }));
}

function matchResource(list: NameList, resource: string, context: ContextView, version: string | undefined): ElementMatch {
  const unresolved: string[] = [];
  const variables = new Map<string, string | undefined>();
  let matchedValue: string | undefined;
  for (const pattern of list.values) {
    const outcome = matchResourcePattern(pattern, resource, context, version);
    unresolved.push(...outcome.unresolvedVariables);
    variablesOf(outcome.variables, variables);
    if (outcome.matched) {
      matchedValue = outcome.resolvedPattern ?? pattern;
      break;
    }
  }
  const hit = matchedValue !== undefined;
  return {
    element: list.negated ? 'NotResource' : 'Resource',
    matched: list.negated ? !hit : hit,
    against: resource,
    ...(hit ? { matchedValue } : {}),
    ...(unresolved.length > 0 ? { unresolvedVariables: unresolved } : {}),
    ...(variables.size > 0 ? { variables: variableList(variables) } : {}),
  };
}

/**
 * A Resource element against a requested pattern of resources ("is there a
 * resource matching the pattern on which the request would be allowed?"): an
 * Allow applies when its Resource can name some resource the pattern names (its
 * NotResource: when it does not cover them all); a Deny applies only when it
 * covers every one of them (its NotResource: when it names none), and otherwise
 * is marked as denying part of the pattern.
 */
function matchResourceToPattern(list: NameList, requested: string, effect: Effect, context: ContextView, version: string | undefined): ElementMatch {
  const unresolved: string[] = [];
  const variables = new Map<string, string | undefined>();
  let intersecting: { value: string; example: string | undefined } | undefined;
  let covering: string | undefined;
  for (const pattern of list.values) {
    const relation = relateResourcePattern(pattern, requested, context, version);
    unresolved.push(...relation.unresolvedVariables);
    variablesOf(relation.variables, variables);
    const shown = relation.resolvedPattern ?? pattern;
    if (relation.intersects && intersecting === undefined) intersecting = { value: shown, example: relation.witness };
    if (relation.covers && covering === undefined) covering = shown;
  }
  const element = list.negated ? 'NotResource' : 'Resource';
  const base = {
    element,
    against: requested,
    ...(unresolved.length > 0 ? { unresolvedVariables: unresolved } : {}),
    ...(variables.size > 0 ? { variables: variableList(variables) } : {}),
  } as const;
  if (!list.negated) {
    if (effect === 'Allow') {
      return intersecting
        ? { ...base, matched: true, matchedValue: intersecting.value, ...(intersecting.example !== undefined ? { example: intersecting.example } : {}) }
        : { ...base, matched: false };
    }
    if (covering !== undefined) return { ...base, matched: true, matchedValue: covering };
    return intersecting ? { ...base, matched: false, matchedValue: intersecting.value, partial: true } : { ...base, matched: false };
  }
  // NotResource: the statement is about what its list does not name.
  if (effect === 'Allow') return covering === undefined ? { ...base, matched: true, example: requested } : { ...base, matched: false, matchedValue: covering };
  if (intersecting === undefined) return { ...base, matched: true };
  return covering === undefined ? { ...base, matched: false, matchedValue: intersecting.value, partial: true } : { ...base, matched: false, matchedValue: covering };
}

export function evaluateStatement(
  statement: Statement,
  policy: Policy,
  layer: LayerName,
  env: StatementEnvironment,
): StatementEvaluation {
  const action = statement.action ? matchAction(statement.action, env.action) : undefined;
  // A role trust policy has no Resource: the role itself is the resource. AWS
  // rejects a Resource there when saving; read as AWS would, it is ignored.
  // Resource is matched only when the action is: otherwise the statement cannot apply
  // whatever its Resource says, and the trace leaves the element unevaluated.
  const resource =
    statement.resource && policy.kind !== 'trust' && action?.matched
      ? env.resourceIsPattern
        ? matchResourceToPattern(statement.resource, env.resource, statement.effect, env.context, policy.version)
        : matchResource(statement.resource, env.resource, env.context, policy.version)
      : undefined;
  // Without a Resource element, a trust policy or resource-based policy covers the resource it is attached to.
  const resourceApplies = resource ? resource.matched : policy.kind === 'trust' || (policy.kind === 'resource' && statement.resource === undefined);
  const principal =
    statement.principal && isResourceBasedKind(policy.kind)
      ? matchPrincipalBlock(statement.principal, statement.effect, env.principalFacts)
      : undefined;
  const principalApplies = isResourceBasedKind(policy.kind) ? principal?.matched === true : true;
  const elementsMatch = (action?.matched ?? false) && resourceApplies && principalApplies;
  // A Resource that failed only because a policy variable had no value could match
  // once the key is known: its conditions are evaluated too, so the missing-context
  // analysis can tell whether supplying the key could change the decision.
  const resourceAwaitsVariable =
    !elementsMatch && (action?.matched ?? false) && principalApplies && resource?.element === 'Resource' && resource.unresolvedVariables !== undefined;
  // Conditions are evaluated only for statements whose other elements apply: the
  // rest cannot take effect whatever the context holds.
  const block =
    elementsMatch || resourceAwaitsVariable
      ? evaluateConditionBlock(statement.conditions, env.context, policy.version)
      : { matched: false, conditions: [] };
  return {
    ref: { layer, policyId: policy.id, statementIndex: statement.index, sid: statement.sid },
    statement,
    effect: statement.effect,
    path: statement.path,
    matched: elementsMatch && block.matched,
    elementsMatched: elementsMatch,
    action,
    resource,
    principal,
    conditions: block.conditions,
    conditionsMatched: block.matched,
  };
}
