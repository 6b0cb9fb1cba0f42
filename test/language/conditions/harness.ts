/**
 * The one harness every operator test uses (style practice 9): a case is plain
 * data — operator, key, policy values, request context, expected outcome and
 * reason — and `describeOperatorCases` turns a table of them into tests.
 */
import { describe, expect, it } from 'vitest';
import { createContext } from '../../../src/language/condition-keys.js';
import type { ContextView } from '../../../src/language/context.js';
import {
  evaluateConditionClause,
  type ConditionEvaluation,
  type ConditionReason,
} from '../../../src/language/conditions/evaluate.js';
import { parseOperatorName } from '../../../src/language/conditions/operator-names.js';
import type { ConditionClause } from '../../../src/language/policy.js';

/** Context as a table: a string is a single-valued key, an array a multivalued key (any length). */
export type ContextTable = Record<string, string | readonly string[]>;

export interface OperatorCase {
  /** What the case pins, in words (becomes the test name). */
  name: string;
  operator: string;
  key: string;
  policyValues: readonly string[];
  context?: ContextTable;
  /** Policy `Version`; defaults to `2012-10-17`. */
  version?: string | undefined;
  expected: boolean;
  reason?: ConditionReason;
  matchedPolicyValue?: string;
  unresolvedVariables?: readonly string[];
}

export const DEFAULT_VERSION = '2012-10-17';

export function contextOf(table: ContextTable = {}): ContextView {
  return createContext(
    Object.entries(table).map(([key, value]) =>
      typeof value === 'string'
        ? { key, values: [value], multivalued: false }
        : { key, values: [...value], multivalued: true },
    ),
  );
}

export function clauseOf(operator: string, key: string, values: readonly string[]): ConditionClause {
  return {
    operator: parseOperatorName(operator),
    key,
    values: [...values],
    path: `Statement[0].Condition.${operator}.${key}`,
  };
}

export function evaluateCase(testCase: OperatorCase): ConditionEvaluation {
  const version = 'version' in testCase ? testCase.version : DEFAULT_VERSION;
  return evaluateConditionClause(
    clauseOf(testCase.operator, testCase.key, testCase.policyValues),
    contextOf(testCase.context),
    version,
  );
}

export function expectCase(testCase: OperatorCase): ConditionEvaluation {
  const evaluation = evaluateCase(testCase);
  expect(evaluation.matched, 'matched').toBe(testCase.expected);
  if (testCase.reason !== undefined) expect(evaluation.reason, 'reason').toBe(testCase.reason);
  if (testCase.matchedPolicyValue !== undefined) {
    expect(evaluation.matchedPolicyValue, 'matchedPolicyValue').toBe(testCase.matchedPolicyValue);
  }
  if (testCase.unresolvedVariables !== undefined) {
    expect(evaluation.unresolvedVariables, 'unresolvedVariables').toEqual(testCase.unresolvedVariables);
  }
  return evaluation;
}

/** One `describe` per table; one `it` per case, named after the case. */
export function describeOperatorCases(title: string, cases: readonly OperatorCase[]): void {
  describe(title, () => {
    for (const testCase of cases) {
      it(`${testCase.operator}: ${testCase.name}`, () => {
        expectCase(testCase);
      });
    }
  });
}
