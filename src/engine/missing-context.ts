/**
 * Which absent condition keys mattered, and whether supplying them could change
 * the decision. A key "could change the decision" when flipping the outcome of
 * every condition on that key (in statements whose other elements apply) makes
 * the decision flow come out differently — asked of `decide`, with no
 * re-evaluation of any statement. When no key alone could, but several together
 * could (an Allow needing two absent keys), each key of the smallest such set
 * could change the decision. A Resource that failed only because a policy
 * variable had no value counts as a condition on that variable's key.
 * Keys whose absence the sources know to be a fact (`completeContextKeys`: the
 * principal's tags from a snapshot, say) are absent, not missing: never listed.
 */
import { normalizeContextKey } from '../language/condition-keys.js';
import { decide, type Decided, type DecisionSetup, type EvaluatedLayer } from './decide.js';
import type { MissingContextKey, StatementEvaluation, StatementRef } from './result.js';

function* statementsOf(layer: EvaluatedLayer): Generator<StatementEvaluation> {
  if (!layer.applicability.applies) return;
  for (const level of layer.levels ?? []) for (const policy of level.policies) yield* policy.statements;
  for (const policy of layer.policies) yield* policy.statements;
}

/** `completeContextKeys` as a predicate: exact keys, or prefixes ending in `/`. */
export function keyMatcher(keys: readonly string[] | undefined): (key: string) => boolean {
  const normalized = (keys ?? []).map(normalizeContextKey);
  if (normalized.length === 0) return () => false;
  return (key) => {
    const candidate = normalizeContextKey(key);
    return normalized.some((entry) => (entry.endsWith('/') ? candidate.startsWith(entry) : candidate === entry));
  };
}

/** The statement's Resource failed only for variables without a value; their names. */
function awaitedVariables(statement: StatementEvaluation): string[] {
  if (statement.elementsMatched || statement.resource?.element !== 'Resource') return [];
  if (statement.action?.matched !== true) return [];
  if (statement.principal !== undefined && !statement.principal.matched) return [];
  return statement.resource.unresolvedVariables ?? [];
}

/** Known, one of these keys could turn the condition: its own absent key, or a variable in its values. */
function flipsWith(condition: StatementEvaluation['conditions'][number], keys: ReadonlySet<string>): boolean {
  if (condition.keyMissing && keys.has(normalizeContextKey(condition.key))) return true;
  return condition.unresolvedVariables.some((name) => keys.has(normalizeContextKey(name)));
}

export function analyzeMissingContext(setup: DecisionSetup, decided: Decided, completeKeys?: readonly string[]): MissingContextKey[] {
  const isComplete = keyMatcher(completeKeys);
  const byKey = new Map<string, { key: string; statements: StatementEvaluation[] }>();
  const note = (key: string, statement: StatementEvaluation): void => {
    if (isComplete(key)) return;
    const normalized = normalizeContextKey(key);
    const entry = byKey.get(normalized) ?? { key, statements: [] };
    if (!entry.statements.includes(statement)) entry.statements.push(statement);
    byKey.set(normalized, entry);
  };
  for (const layer of Object.values(setup.layers)) {
    for (const statement of statementsOf(layer)) {
      for (const name of awaitedVariables(statement)) note(name, statement);
      if (!statement.elementsMatched || statement.conditions.length === 0) continue;
      for (const condition of statement.conditions) {
        if (condition.keyMissing) note(condition.key, statement);
        // A policy variable without a value (`${aws:PrincipalTag/team}`) leaves its value matching nothing.
        for (const name of condition.unresolvedVariables) note(name, statement);
      }
    }
  }
  // What if the keys in `flippedKeys` were known and their conditions came out the other way?
  const decisionIf = (flippedKeys: ReadonlySet<string>) => {
    const flipped = new Set([...byKey].filter(([normalized]) => flippedKeys.has(normalized)).flatMap(([, entry]) => entry.statements));
    return decide(setup, (statement) => {
      if (!flipped.has(statement)) return statement.matched;
      // Known, a key could make an awaited Resource match; a condition on it could come out either way.
      const resourceOk = statement.elementsMatched || awaitedVariables(statement).some((name) => flippedKeys.has(normalizeContextKey(name)));
      return (
        resourceOk &&
        statement.conditions.every((condition) => (flipsWith(condition, flippedKeys) ? !condition.matched : condition.matched))
      );
    }).decision;
  };
  const outcomes = new Map<string, ReturnType<typeof decisionIf>>();
  for (const normalized of byKey.keys()) {
    const whatIf = decisionIf(new Set([normalized]));
    if (whatIf !== decided.decision) outcomes.set(normalized, whatIf);
  }
  // No key alone changes it, but several together might (an Allow that needs both
  // aws:SourceIp and aws:MultiFactorAuthPresent): keep the smallest set that still does.
  if (outcomes.size === 0 && byKey.size > 1) {
    const together = new Set(byKey.keys());
    const jointly = decisionIf(together);
    if (jointly !== decided.decision) {
      for (const normalized of [...together]) {
        together.delete(normalized);
        if (decisionIf(together) === decided.decision) together.add(normalized);
      }
      for (const normalized of together) outcomes.set(normalized, jointly);
    }
  }
  const missing: MissingContextKey[] = [];
  for (const [normalized, { key, statements }] of byKey) {
    const statementRefs: StatementRef[] = statements.map((statement) => statement.ref);
    const couldLeadTo = outcomes.get(normalized);
    missing.push({ key, statements: statementRefs, couldChangeDecision: couldLeadTo !== undefined, ...(couldLeadTo !== undefined ? { couldLeadTo } : {}) });
  }
  return missing.sort((a, b) => a.key.localeCompare(b.key));
}
