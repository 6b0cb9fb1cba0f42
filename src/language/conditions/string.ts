/**
 * String condition operators ("IAM JSON policy elements: Condition operators",
 * section "String condition operators"): `StringEquals` "Exact matching, case
 * sensitive", `StringEqualsIgnoreCase` "Exact matching, ignoring case",
 * `StringLike` "Case-sensitive matching" with `*` and `?` wildcards "anywhere in
 * the string". The `Not…` forms are derived (registry.ts). Policy variables are
 * supported; a `*` that comes from a variable is literal (pattern.ts).
 */
import { matchPattern, type PatternToken } from './pattern.js';
import { defineOperator, type PolicyValue } from './types.js';

const readText = (text: string): string => text;
const policyText = (value: PolicyValue): string => value.text;

export const stringEquals = defineOperator<string, string>({
  name: 'StringEquals',
  substitutesVariables: true,
  readContextValue: readText,
  readPolicyValue: policyText,
  matches: (contextValue, policyValue) => contextValue === policyValue,
});

export const stringEqualsIgnoreCase = defineOperator<string, string>({
  name: 'StringEqualsIgnoreCase',
  substitutesVariables: true,
  readContextValue: (text) => text.toLowerCase(),
  readPolicyValue: (value) => value.text.toLowerCase(),
  matches: (contextValue, policyValue) => contextValue === policyValue,
});

export const stringLike = defineOperator<string, readonly PatternToken[]>({
  name: 'StringLike',
  substitutesVariables: true,
  readContextValue: readText,
  readPolicyValue: (value) => value.pattern,
  matches: (contextValue, pattern) => matchPattern(pattern, contextValue),
});
