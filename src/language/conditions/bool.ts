/**
 * The Boolean condition operator ("IAM JSON policy elements: Condition
 * operators", section "Boolean condition operators": "comparing a key to true or
 * false"; policy variables "Supported"). `true`/`false` are read
 * case-insensitively on both sides; any other text does not coerce.
 */
import { defineOperator } from './types.js';

export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

export const bool = defineOperator<boolean, boolean>({
  name: 'Bool',
  substitutesVariables: true,
  readContextValue: parseBool,
  readPolicyValue: (value) => parseBool(value.text),
  matches: (contextValue, policyValue) => contextValue === policyValue,
});
