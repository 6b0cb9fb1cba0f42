/**
 * ARN condition operators ("IAM JSON policy elements: Condition operators",
 * section "Amazon Resource Name (ARN) condition operators"): "Case-sensitive
 * matching of the ARN. Each of the six colon-delimited components of the ARN is
 * checked separately and each can include multi-character match wildcards (*) or
 * single-character match wildcards (?). The ArnEquals and ArnLike condition
 * operators behave identically." So one positive operator serves both names
 * (registry.ts), and `ArnNotEquals`/`ArnNotLike` are its negation. Policy
 * variables are supported; substituted text is literal (pattern.ts).
 */
import { matchArnTokens, type PatternToken } from './pattern.js';
import { defineOperator } from './types.js';

export const arnLike = defineOperator<string, readonly PatternToken[]>({
  name: 'ArnLike',
  substitutesVariables: true,
  readContextValue: (text) => text,
  readPolicyValue: (value) => value.pattern,
  matches: (contextValue, pattern) => matchArnTokens(pattern, contextValue),
});
