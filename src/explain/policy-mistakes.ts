/**
 * Allows that were meant to grant the request but cannot, because of a mistake
 * in the policy itself: an action that is not an action (`s3:GetObjet`), a
 * Resource of the wrong shape for the request (the bucket ARN for an object, an
 * object pattern for a bucket action), or `${…}` variables that are literal text
 * because the policy lacks `"Version": "2012-10-17"`. Each is read off the trace
 * (and the findings of the policy-name check); fixing it beats adding a new Allow.
 */
import type { EvaluationResult, LayerResult, StatementEvaluation } from '../engine/result.js';
import type { Finding } from '../language/findings.js';
import { matchWildcard } from '../language/wildcard.js';
import { statementsOfLayer } from './near-misses.js';

export type PolicyMistakeKind = 'action-typo' | 'resource-shape' | 'literal-variables';

export interface PolicyMistake {
  kind: PolicyMistakeKind;
  statement: StatementEvaluation;
  /** What is wrong, one sentence. */
  problem: string;
  /** What to write instead, one sentence. */
  correction: string;
}

const VARIABLE = /\$\{[^}]+\}/;

/** An action value of the statement that is no action but whose closest real name is the requested one. */
function actionTypo(statement: StatementEvaluation, result: EvaluationResult, findings: readonly Finding[]): PolicyMistake | undefined {
  if (statement.action === undefined || statement.action.matched) return undefined;
  const path = statement.statement.action?.path;
  for (const finding of findings) {
    if (finding.code !== 'ACTION_UNKNOWN' || finding.name === undefined) continue;
    if (finding.location.policyId !== statement.ref.policyId || finding.location.path !== path) continue;
    const meant = finding.name.closest.find((name) => name.toLowerCase() === result.request.action.toLowerCase());
    if (meant === undefined) continue;
    return {
      kind: 'action-typo',
      statement,
      problem: `It names "${finding.name.written}", which is not an action, so it never matches`,
      correction: `Correct "${finding.name.written}" to "${meant}"`,
    };
  }
  return undefined;
}

/** The Resource names the container (a bucket) where the action acts on what is inside it, or the reverse. */
function resourceShape(statement: StatementEvaluation, result: EvaluationResult): PolicyMistake | undefined {
  if (statement.resource === undefined || statement.resource.matched || statement.resource.element !== 'Resource') return undefined;
  const requested = result.request.resource;
  const values = statement.statement.resource?.values ?? [];
  for (const value of values) {
    // `arn:aws:s3:::bucket` for `arn:aws:s3:::bucket/key`: it names the bucket, not the objects in it.
    if (!VARIABLE.test(value) && requested.startsWith(`${value}/`)) {
      return {
        kind: 'resource-shape',
        statement,
        problem: `Its Resource ${value} names the container, not ${requested} inside it`,
        correction: `Use ${value}/* (or ${requested}) as the Resource`,
      };
    }
    // `arn:aws:s3:::bucket/*` for an action on the bucket itself.
    if (!VARIABLE.test(value) && value.endsWith('/*') && value.slice(0, -2) === requested) {
      return {
        kind: 'resource-shape',
        statement,
        problem: `Its Resource ${value} names what is inside ${requested}, but ${result.request.action} acts on ${requested} itself`,
        correction: `Add ${requested} to the Resource`,
      };
    }
  }
  return undefined;
}

/** `${…}` in a policy without `"Version": "2012-10-17"` is literal text, so the value never matches. */
function literalVariables(statement: StatementEvaluation, result: EvaluationResult, version: string | undefined): PolicyMistake | undefined {
  if (version === '2012-10-17' || statement.matched) return undefined;
  const resourceValues = statement.resource && !statement.resource.matched ? (statement.statement.resource?.values ?? []) : [];
  const conditionValues = statement.conditions.filter((condition) => !condition.matched).flatMap((condition) => condition.policyValues);
  const literal = [...resourceValues, ...conditionValues].find((value) => VARIABLE.test(value));
  if (literal === undefined) return undefined;
  // Substituted, would the Resource fit at all? Only say so when the variable is what stands in the way.
  if (resourceValues.includes(literal) && !matchWildcard(literal.replace(/\$\{[^}]+\}/g, '*'), result.request.resource)) return undefined;
  return {
    kind: 'literal-variables',
    statement,
    problem: `Its ${version === undefined ? 'policy has no "Version"' : `policy's "Version" is "${version}"`}, so ${literal.match(VARIABLE)?.[0] ?? '${…}'} is literal text, not a variable`,
    correction: 'Set "Version": "2012-10-17" in that policy',
  };
}

function versionOf(layer: LayerResult, policyId: string): string | undefined {
  const policies = layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies;
  return policies.find((policy) => policy.policyId === policyId)?.version;
}

/** Mistakes in the Allows of the layers that block the request (implicit denies only). */
export function policyMistakes(result: EvaluationResult, findings: readonly Finding[]): PolicyMistake[] {
  if (result.decision !== 'implicitDeny') return [];
  const mistakes: PolicyMistake[] = [];
  for (const layer of result.layers) {
    if (!layer.applies || (!layer.blocks && !(layer.layer === 'identity' && result.blockedBy.length === 0))) continue;
    for (const statement of statementsOfLayer(layer)) {
      if (statement.effect !== 'Allow' || statement.matched) continue;
      const mistake =
        actionTypo(statement, result, findings) ??
        (statement.action?.matched ? resourceShape(statement, result) : undefined) ??
        (statement.action?.matched ? literalVariables(statement, result, versionOf(layer, statement.ref.policyId)) : undefined);
      if (mistake) mistakes.push(mistake);
    }
  }
  return mistakes;
}
