/**
 * Numeric condition operators ("IAM JSON policy elements: Condition operators",
 * section "Numeric condition operators": "comparing a key to an integer or
 * decimal value"; policy variables "Not supported"). `NumericNotEquals` is
 * derived from `NumericEquals` (registry.ts).
 *
 * Reading: an optional sign, digits with an optional fraction (or a leading
 * `.5`), and an optional exponent — what a JSON number stringifies to. Anything
 * else (empty, whitespace, hex, `Infinity`, `${…}`) does not coerce, and a value
 * that does not coerce never matches (see evaluate.ts for how a clause with no
 * comparable value is reported).
 */
import { defineOperator, type ValueOperator } from './types.js';

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | undefined {
  if (!NUMBER.test(text)) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function numeric(name: string, compare: (contextValue: number, policyValue: number) => boolean): ValueOperator {
  return defineOperator<number, number>({
    name,
    substitutesVariables: false,
    readContextValue: parseNumber,
    readPolicyValue: (value) => parseNumber(value.text),
    matches: compare,
  });
}

export const numericEquals = numeric('NumericEquals', (a, b) => a === b);
export const numericLessThan = numeric('NumericLessThan', (a, b) => a < b);
export const numericLessThanEquals = numeric('NumericLessThanEquals', (a, b) => a <= b);
export const numericGreaterThan = numeric('NumericGreaterThan', (a, b) => a > b);
export const numericGreaterThanEquals = numeric('NumericGreaterThanEquals', (a, b) => a >= b);
