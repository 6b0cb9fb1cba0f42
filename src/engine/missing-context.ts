/**
 * Which absent condition keys mattered, and whether supplying them could change
 * the decision. A key "could change the decision" when flipping the outcome of
 * every condition on that key (in statements whose other elements apply) makes
 * the decision flow come out differently — asked of `decide`, with no
 * re-evaluation of any statement.
 */
import { normalizeContextKey } from '../language/condition-keys.js';
import { decide, type Decided, type DecisionSetup, type EvaluatedLayer } from './decide.js';
import type { MissingContextKey, StatementEvaluation, StatementRef } from './result.js';

function* statementsOf(layer: EvaluatedLayer): Generator<StatementEvaluation> {
  if (!layer.applicability.applies) return;
  for (const level of layer.levels ?? []) for (const policy of level.policies) yield* policy.statements;
  for (const policy of layer.policies) yield* policy.statements;
}

export function analyzeMissingContext(setup: DecisionSetup, decided: Decided): MissingContextKey[] {
  const byKey = new Map<string, { key: string; statements: StatementEvaluation[] }>();
  for (const layer of Object.values(setup.layers)) {
    for (const statement of statementsOf(layer)) {
      if (!statement.elementsMatched || statement.conditions.length === 0) continue;
      for (const condition of statement.conditions) {
        if (!condition.keyMissing) continue;
        const normalized = normalizeContextKey(condition.key);
        const entry = byKey.get(normalized) ?? { key: condition.key, statements: [] };
        if (!entry.statements.includes(statement)) entry.statements.push(statement);
        byKey.set(normalized, entry);
      }
    }
  }
  const missing: MissingContextKey[] = [];
  for (const [normalized, { key, statements }] of byKey) {
    const flipped = new Set(statements);
    const whatIf = decide(setup, (statement) => {
      if (!flipped.has(statement)) return statement.matched;
      return statement.conditions.every((condition) =>
        normalizeContextKey(condition.key) === normalized ? !condition.matched : condition.matched,
      );
    });
    const statementRefs: StatementRef[] = statements.map((statement) => statement.ref);
    missing.push({ key, statements: statementRefs, couldChangeDecision: whatIf.decision !== decided.decision });
  }
  return missing.sort((a, b) => a.key.localeCompare(b.key));
}
