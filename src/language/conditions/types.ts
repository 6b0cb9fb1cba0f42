/**
 * The one tiny interface every condition operator family implements.
 *
 * A family module defines only *positive* operators (StringEquals, StringLike,
 * NumericLessThan, IpAddress, ArnLike, …): how to read a context value, how to
 * read a policy value, and when the two match. Negation (`Not…`), `…IfExists`,
 * `ForAllValues:`/`ForAnyValue:`, missing keys and the trace are derived once,
 * generically, in `evaluate.ts`; the registry (`registry.ts`) names each AWS
 * operator as "positive operator X, negated or not".
 */
import type { PatternToken } from './pattern.js';

/** A policy value after variable substitution. */
export interface PolicyValue {
  /** The substituted text (special variables and substituted values are plain characters here). */
  text: string;
  /** The same as tokens, wildcards only where the author wrote `*`/`?` (for …Like matching). */
  pattern: readonly PatternToken[];
}

/** A positive operator over values of type `C` (context side) and `P` (policy side). */
export interface OperatorDefinition<C, P> {
  /** The positive operator's AWS name, e.g. `StringLike`. */
  name: string;
  /**
   * Whether policy variables are substituted in this operator's values. Per "IAM
   * JSON policy elements: Condition operators", each section's "Policy variables"
   * line: supported for String, ARN and Bool operators; not for Numeric, Date,
   * Binary, IP address or Null (there `${…}` is literal text, which then fails to
   * read as a number, date, …).
   */
  substitutesVariables: boolean;
  /** Read a request-context value; undefined when it does not coerce to the operator's type. */
  readContextValue(text: string): C | undefined;
  /** Read a policy value; undefined when it does not coerce. */
  readPolicyValue(value: PolicyValue): P | undefined;
  matches(contextValue: C, policyValue: P): boolean;
}

/** The outcome of comparing one context value with one policy value. */
export type PairOutcome = 'match' | 'no-match' | 'invalid-context-value' | 'invalid-policy-value';

/** A positive operator with its value types erased, as the registry holds it. */
export interface ValueOperator {
  name: string;
  substitutesVariables: boolean;
  /** Compare one context value against one (substituted) policy value. */
  compare(contextValue: string, policyValue: PolicyValue): PairOutcome;
}

/** Erase an operator's value types so operators of all families fit one table. */
export function defineOperator<C, P>(definition: OperatorDefinition<C, P>): ValueOperator {
  return {
    name: definition.name,
    substitutesVariables: definition.substitutesVariables,
    compare(contextText, policyValue) {
      const contextValue = definition.readContextValue(contextText);
      if (contextValue === undefined) return 'invalid-context-value';
      const policy = definition.readPolicyValue(policyValue);
      if (policy === undefined) return 'invalid-policy-value';
      return definition.matches(contextValue, policy) ? 'match' : 'no-match';
    },
  };
}
