/**
 * The Allow statements that came closest in the layers that block a request:
 * the action matched, but the resource, the principal or a condition did not.
 * They are what a person most likely meant to grant.
 */
import type { EvaluationResult, LayerResult, StatementEvaluation } from '../engine/result.js';

export function statementsOfLayer(layer: LayerResult): StatementEvaluation[] {
  const policies = layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies;
  return policies.flatMap((policy) => policy.statements);
}

export function nearMisses(result: EvaluationResult, limit = 3): StatementEvaluation[] {
  const misses: StatementEvaluation[] = [];
  for (const layer of result.layers) {
    if (!layer.blocks || layer.verdict === 'explicitDeny') continue;
    for (const statement of statementsOfLayer(layer)) {
      if (statement.effect === 'Allow' && !statement.matched && statement.action?.matched) misses.push(statement);
    }
  }
  // Statements whose only failure is a condition first: they are one request detail away.
  misses.sort((left, right) => Number(right.elementsMatched) - Number(left.elementsMatched));
  return misses.slice(0, limit);
}

/** What the resource layer holds: a role trust policy or a KMS key policy (supplied or required), or a generic resource-based policy. */
export function resourcePolicyKindOf(result: EvaluationResult): 'trust' | 'kms-key' | 'resource' {
  const kind = result.layers.find((layer) => layer.layer === 'resource')?.policies[0]?.kind;
  if (kind === 'trust' || kind === 'kms-key') return kind;
  return result.request.resourcePolicyKind ?? 'resource';
}

/** How an organization level reads in a sentence: "the root", "OU Sandbox", "the account". */
export function levelLabel(level: { id: string; name?: string; type: 'root' | 'ou' | 'account' }): string {
  const named = level.name ?? (level.id === level.type ? undefined : level.id);
  switch (level.type) {
    case 'root':
      return named && named !== 'Root' ? `the root (${named})` : 'the root';
    case 'ou':
      return `OU ${named ?? level.id}`;
    case 'account':
      return named ? `account ${named}` : 'the account';
  }
}
