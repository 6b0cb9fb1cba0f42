/**
 * The condition language: evaluate Condition blocks and clauses, plus the
 * operator table and the pieces the engine and renderers need.
 * CAUTION: publicly exported.
 */
import type { Policy } from '../policy.js';
import { normalizeContextKey } from '../condition-keys.js';

export {
  evaluateConditionBlock,
  evaluateConditionClause,
  type ConditionEvaluation,
  type ConditionReason,
  type ContextValueResult,
  type InvalidValue,
  type PolicyValueDetail,
} from './evaluate.js';
export { OPERATORS, operatorEntry, type OperatorEntry } from './registry.js';
export { BASE_OPERATORS, parseOperatorName, type BaseOperatorName } from './operator-names.js';
export type { OperatorDefinition, PairOutcome, PolicyValue, ValueOperator } from './types.js';

/** The distinct condition keys a policy tests, first spelling kept, compared case-insensitively. */
export function conditionKeysOf(policy: Policy): string[] {
  const keys = new Map<string, string>();
  for (const statement of policy.statements) {
    for (const clause of statement.conditions) {
      const normalized = normalizeContextKey(clause.key);
      if (!keys.has(normalized)) keys.set(normalized, clause.key);
    }
  }
  return [...keys.values()];
}
