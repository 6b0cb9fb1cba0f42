/**
 * One statement against one request: which of Action/NotAction,
 * Resource/NotResource, Principal/NotPrincipal and Condition apply.
 * "Policy evaluation logic": a statement takes effect only when all of its
 * elements match the request.
 */
import type { ContextView } from '../language/context.js';
import { evaluateConditionBlock } from '../language/conditions/evaluate.js';
import type { NameList, Policy, Statement } from '../language/policy.js';
import { isResourceBasedKind } from '../language/policy-kind.js';
import { matchResourcePattern } from '../language/variables.js';
import { matchWildcard } from '../language/wildcard.js';
import { matchPrincipalBlock, type PrincipalFacts } from './match-principal.js';
import type { ElementMatch, LayerName, StatementEvaluation } from './result.js';

export interface StatementEnvironment {
  action: string;
  resource: string;
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

function matchResource(list: NameList, resource: string, context: ContextView, version: string | undefined): ElementMatch {
  const unresolved: string[] = [];
  let matchedValue: string | undefined;
  for (const pattern of list.values) {
    const outcome = matchResourcePattern(pattern, resource, context, version);
    unresolved.push(...outcome.unresolvedVariables);
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
  };
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
      ? matchResource(statement.resource, env.resource, env.context, policy.version)
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
