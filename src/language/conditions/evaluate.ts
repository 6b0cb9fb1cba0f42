/**
 * Evaluating a Condition block: the generic part every operator shares.
 *
 * Rules, with the AWS page each rests on:
 * - Operators and keys in a block are AND'ed; the values of one key are OR'ed,
 *   and for a negated operator NOR'ed ("Conditions with multiple context keys or
 *   values": "If a single negated matching condition operator includes multiple
 *   values for a context key, those values are evaluated using a logical NOR").
 *   So `Not…` = NOT(positive over all values): "none of the values match".
 * - Missing key ("IAM JSON policy elements: Condition operators", Important
 *   note): "the values do not match and the condition is false. If the policy
 *   condition requires that the key is not matched, such as StringNotLike or
 *   ArnNotLike, and the right key is not present, the condition is true. This
 *   logic applies to all condition operators except ...IfExists and Null check."
 *   `…IfExists` (same page): "If the key is not present, evaluate the condition
 *   element as true" — for every form, set operators included.
 * - Set operators ("Single-valued vs. multivalued context keys", "Set operators
 *   for multivalued context keys"): `ForAllValues` is true when every context
 *   value satisfies the operator, and "also returns true if there are no context
 *   keys in the request"; `ForAnyValue` is true when at least one does, and "For
 *   no matching context key or if the key does not exist, the condition returns
 *   false". The operators page adds that `ForAllValues` is true when "the context
 *   key value resolves to a null dataset, such as an empty string" (and the
 *   archived "Creating a Condition That Tests Multiple Key Values" page: then
 *   `ForAnyValue` is false): a context value list that is exactly `[""]` is that
 *   empty data set. For a negated operator under a set operator, each context
 *   value is tested with the negated operator ("ForAllValues:StringNotEquals —
 *   None of the values of the context key in the request can match any of the
 *   context key values in your policy"; "ForAnyValue:StringNotEquals — At least
 *   one context key value in the request must NOT match any of values").
 *   (That page's `ForAllValues:StringNotLike` table lists a missing
 *   `aws:ResourceOrgPaths` as "No match", contradicting its own rule and the
 *   `ForAllValues:ArnLike` table on the same page; we follow the stated rule.)
 * - A key with no values is a missing key.
 * - Single-valued operator, several context values: "Multivalued context keys
 *   require a condition set operator" ("Single-valued vs. multivalued context
 *   keys"). AWS documents no result for the bare form; we evaluate it to false,
 *   for negated operators too, with reason `multivalued-without-set-operator`
 *   (fail closed: the comparison is undefined, so it decides nothing). A
 *   multivalued key that carries exactly one value is compared normally.
 * - Policy variables are substituted for String, ARN and Bool operators (per the
 *   operators page; see types.ts). A value whose variable has no value and no
 *   default is "effectively null. There is no equal or like value" ("IAM policy
 *   elements: Variables and tags", "Policy variables with no value"): it matches
 *   nothing, so positive operators don't match on it and negated ones do.
 * - Type coercion: a context or policy value that does not coerce to the
 *   operator's type (a non-number for Numeric, a non-date for Date, …) makes each
 *   comparison it takes part in false. When *no* comparison for a context value
 *   could be made — every pair involved a value that does not coerce — the
 *   result is undecidable and counts as not satisfied for positive and negated
 *   operators alike (reason `invalid-value`): garbage never makes a `Not…`
 *   operator true. The values are listed in `invalidValues`.
 * - An operator AWS does not know never matches (`unknown-operator`).
 * - `Null` tests presence only; a set prefix on it (undocumented) is ignored.
 * CAUTION: publicly exported (ConditionEvaluation is the trace users see).
 */
import type { ContextView } from '../context.js';
import type { ConditionClause, SetOperator } from '../policy.js';
import { substituteVariables, unresolvedNames, type VariableUse } from '../variables.js';
import { parseBool } from './bool.js';
import { patternFromWrittenText } from './pattern.js';
import { operatorEntry, type OperatorEntry } from './registry.js';
import type { PolicyValue, ValueOperator } from './types.js';

/** Why a condition clause evaluated as it did. Every code fixes `matched`, except the Null codes. */
export type ConditionReason =
  /** true — positive operator: a policy value matched the context value (`matchedPolicyValue`). */
  | 'matched'
  /** false — positive operator: no policy value matched. */
  | 'no-value-matched'
  /** true — negated operator: no policy value matched, so the negation holds. */
  | 'negated-no-value-matched'
  /** false — negated operator: `matchedPolicyValue` matched, so the negation fails. */
  | 'negated-value-matched'
  /** true — ForAllValues: every context value satisfied the operator. */
  | 'all-values-satisfied'
  /** false — ForAllValues: some context value did not (see `valueResults`). */
  | 'some-value-unsatisfied'
  /** true — ForAnyValue: some context value satisfied the operator. */
  | 'some-value-satisfied'
  /** false — ForAnyValue: no context value did. */
  | 'no-value-satisfied'
  /** false — the key is not in the request (ordinary operators, ForAnyValue). */
  | 'key-missing'
  /** true — the key is not in the request and the operator ends in IfExists. */
  | 'key-missing-ifexists'
  /** true — the key is not in the request and the operator is negated. */
  | 'key-missing-negated'
  /** true — ForAllValues and the key is not in the request. */
  | 'key-missing-for-all-values'
  /** true — ForAllValues and the key's values are the empty data set (`[""]`). */
  | 'empty-set-for-all-values'
  /** false — ForAnyValue and the key's values are the empty data set (`[""]`). */
  | 'empty-set-for-any-value'
  /** Null operator, key absent: matched when a policy value is `true`. */
  | 'null-key-absent'
  /** Null operator, key present: matched when a policy value is `false`. */
  | 'null-key-present'
  /** false — an operator without set prefix met a key with several values. */
  | 'multivalued-without-set-operator'
  /** false — the operator is not one AWS defines. */
  | 'unknown-operator'
  /** false — no comparison could be made: the values do not coerce to the operator's type. */
  | 'invalid-value';

/** How one context value fared against the policy values. */
export interface ContextValueResult {
  contextValue: string;
  /** Whether this value satisfies the operator as written (negation applied). */
  satisfied: boolean;
  /** The first policy value (after substitution) that the positive operator matched, if any. */
  matchedPolicyValue?: string;
  /** True when no policy value could be compared with it (see `invalidValues`). */
  undecidable?: boolean;
}

export interface InvalidValue {
  side: 'context' | 'policy';
  value: string;
}

/** One policy value, as written and after substitution. */
export interface PolicyValueDetail {
  written: string;
  /** After substitution; undefined when a variable had no value and no default. */
  value: string | undefined;
  variables: VariableUse[];
}

/** The complete record of one clause's evaluation; renderers read it and never re-evaluate. */
export interface ConditionEvaluation {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  /** Its base name, e.g. `StringLike`. */
  base: string;
  setOperator: SetOperator | undefined;
  ifExists: boolean;
  /** True for the `Not…` operators. */
  negated: boolean;
  /** The key as written in the policy. */
  key: string;
  /** JSON path of the clause. */
  path: string;
  /** The request has no value for the key. */
  keyMissing: boolean;
  contextValues: string[];
  /** Policy values after substitution; a value whose variable has no value is shown as written. */
  policyValues: string[];
  policyValueDetails: PolicyValueDetail[];
  /** Names of variables that had no value (and no default). */
  unresolvedVariables: string[];
  matched: boolean;
  reason: ConditionReason;
  /** The policy value that decided the outcome by matching, when one did. */
  matchedPolicyValue?: string;
  /** Per context value, when values were compared. */
  valueResults: ContextValueResult[];
  /** Values that do not coerce to the operator's type. */
  invalidValues: InvalidValue[];
}

/** Evaluate one clause (`"StringEquals": {"aws:SourceVpc": [...]}`) against the request context. */
export function evaluateConditionClause(
  clause: ConditionClause,
  context: ContextView,
  version: string | undefined,
): ConditionEvaluation {
  const { operator } = clause;
  const entry = operator.known ? operatorEntry(operator.base) : undefined;
  const contextValues = [...(context.get(clause.key)?.values ?? [])];
  const keyMissing = contextValues.length === 0;
  const substitutes = entry?.kind === 'value' && entry.operator.substitutesVariables;
  const resolved = clause.values.map((written) => resolvePolicyValue(written, substitutes, context, version));
  const details = resolved.map((value) => value.detail);
  const invalidValues: InvalidValue[] = [];
  const record = {
    operator: operator.name,
    base: operator.base,
    setOperator: operator.setOperator,
    ifExists: operator.ifExists,
    negated: entry?.kind === 'value' && entry.negated,
    key: clause.key,
    path: clause.path,
    keyMissing,
    contextValues,
    policyValues: details.map((detail) => detail.value ?? detail.written),
    policyValueDetails: details,
    unresolvedVariables: details.flatMap((detail) => unresolvedNames(detail.variables)),
    valueResults: [] as ContextValueResult[],
    invalidValues,
  };
  const outcome = decide(entry, operator.setOperator, operator.ifExists, contextValues, resolved, invalidValues);
  return { ...record, ...outcome };
}

/** Evaluate a whole Condition block: every clause (none skipped, for the trace), AND'ed. */
export function evaluateConditionBlock(
  clauses: readonly ConditionClause[],
  context: ContextView,
  version: string | undefined,
): { matched: boolean; conditions: ConditionEvaluation[] } {
  const conditions = clauses.map((clause) => evaluateConditionClause(clause, context, version));
  return { matched: conditions.every((condition) => condition.matched), conditions };
}

type Outcome = Pick<ConditionEvaluation, 'matched' | 'reason' | 'matchedPolicyValue'> & {
  valueResults?: ContextValueResult[];
};

function decide(
  entry: OperatorEntry | undefined,
  setOperator: SetOperator | undefined,
  ifExists: boolean,
  contextValues: readonly string[],
  policyValues: readonly ResolvedPolicyValue[],
  invalidValues: InvalidValue[],
): Outcome {
  if (entry === undefined) return { matched: false, reason: 'unknown-operator' };
  const keyMissing = contextValues.length === 0;
  if (entry.kind === 'presence') return decideNull(keyMissing, policyValues, invalidValues);
  if (keyMissing) {
    if (ifExists) return { matched: true, reason: 'key-missing-ifexists' };
    if (setOperator === 'ForAllValues') return { matched: true, reason: 'key-missing-for-all-values' };
    if (setOperator === undefined && entry.negated) return { matched: true, reason: 'key-missing-negated' };
    return { matched: false, reason: 'key-missing' };
  }
  if (setOperator !== undefined) {
    return decideSet(setOperator, entry.operator, entry.negated, contextValues, policyValues, invalidValues);
  }
  const [only] = contextValues;
  if (contextValues.length > 1 || only === undefined) {
    return { matched: false, reason: 'multivalued-without-set-operator' };
  }
  const result = testContextValue(entry.operator, entry.negated, only, policyValues, invalidValues);
  const base: Outcome = { matched: false, reason: 'invalid-value', valueResults: [result] };
  if (result.matchedPolicyValue !== undefined) base.matchedPolicyValue = result.matchedPolicyValue;
  if (result.undecidable) return { ...base, matched: false, reason: 'invalid-value' };
  const matched = result.satisfied;
  if (entry.negated) return { ...base, matched, reason: matched ? 'negated-no-value-matched' : 'negated-value-matched' };
  return { ...base, matched, reason: matched ? 'matched' : 'no-value-matched' };
}

function decideSet(
  setOperator: SetOperator,
  operator: ValueOperator,
  negated: boolean,
  contextValues: readonly string[],
  policyValues: readonly ResolvedPolicyValue[],
  invalidValues: InvalidValue[],
): Outcome {
  if (contextValues.length === 1 && contextValues[0] === '') {
    return setOperator === 'ForAllValues'
      ? { matched: true, reason: 'empty-set-for-all-values' }
      : { matched: false, reason: 'empty-set-for-any-value' };
  }
  const valueResults = contextValues.map((value) =>
    testContextValue(operator, negated, value, policyValues, invalidValues),
  );
  const matchedPolicyValue = valueResults.find((result) => result.matchedPolicyValue !== undefined)?.matchedPolicyValue;
  const base: Outcome = { matched: false, reason: 'invalid-value', valueResults };
  if (matchedPolicyValue !== undefined) base.matchedPolicyValue = matchedPolicyValue;
  if (valueResults.every((result) => result.undecidable)) return { ...base, matched: false, reason: 'invalid-value' };
  if (setOperator === 'ForAllValues') {
    const matched = valueResults.every((result) => result.satisfied);
    return { ...base, matched, reason: matched ? 'all-values-satisfied' : 'some-value-unsatisfied' };
  }
  const matched = valueResults.some((result) => result.satisfied);
  return { ...base, matched, reason: matched ? 'some-value-satisfied' : 'no-value-satisfied' };
}

/** Test one context value against every policy value: OR for the positive operator, NOR when negated. */
function testContextValue(
  operator: ValueOperator,
  negated: boolean,
  contextValue: string,
  policyValues: readonly ResolvedPolicyValue[],
  invalidValues: InvalidValue[],
): ContextValueResult {
  let comparable = false;
  let sawInvalid = false;
  let matchedPolicyValue: string | undefined;
  for (const { value: policyValue } of policyValues) {
    if (policyValue === undefined) {
      // "Effectively null. There is no equal or like value": compared, and not a match.
      comparable = true;
      continue;
    }
    const outcome = operator.compare(contextValue, policyValue);
    if (outcome === 'invalid-context-value') {
      // A context value of the wrong type cannot be compared with anything.
      noteInvalid(invalidValues, 'context', contextValue);
      sawInvalid = true;
      comparable = false;
      matchedPolicyValue = undefined;
      break;
    }
    if (outcome === 'invalid-policy-value') {
      noteInvalid(invalidValues, 'policy', policyValue.text);
      sawInvalid = true;
      continue;
    }
    comparable = true;
    if (outcome === 'match') {
      matchedPolicyValue = policyValue.text;
      break;
    }
  }
  const undecidable = sawInvalid && !comparable;
  const positive = matchedPolicyValue !== undefined;
  const result: ContextValueResult = { contextValue, satisfied: !undecidable && positive !== negated };
  if (matchedPolicyValue !== undefined) result.matchedPolicyValue = matchedPolicyValue;
  if (undecidable) result.undecidable = true;
  return result;
}

/** `Null`: policy value `true` means "the key is absent", `false` "the key is present". No variables. */
function decideNull(
  keyMissing: boolean,
  policyValues: readonly ResolvedPolicyValue[],
  invalidValues: InvalidValue[],
): Outcome {
  let valid = false;
  for (const { detail } of policyValues) {
    const expectAbsent = parseBool(detail.written);
    if (expectAbsent === undefined) {
      noteInvalid(invalidValues, 'policy', detail.written);
      continue;
    }
    valid = true;
    if (expectAbsent === keyMissing) {
      const reason = keyMissing ? 'null-key-absent' : 'null-key-present';
      return { matched: true, reason, matchedPolicyValue: detail.written };
    }
  }
  if (!valid && policyValues.length > 0) return { matched: false, reason: 'invalid-value' };
  return { matched: false, reason: keyMissing ? 'null-key-absent' : 'null-key-present' };
}

/** A policy value for the trace (`detail`) and for matching (`value`, undefined when a variable had no value). */
interface ResolvedPolicyValue {
  detail: PolicyValueDetail;
  value: PolicyValue | undefined;
}

function resolvePolicyValue(
  written: string,
  substitutes: boolean,
  context: ContextView,
  version: string | undefined,
): ResolvedPolicyValue {
  if (!substitutes) {
    return {
      detail: { written, value: written, variables: [] },
      value: { text: written, pattern: patternFromWrittenText(written) },
    };
  }
  const substituted = substituteVariables(written, context, version);
  const detail = { written, value: substituted.value, variables: substituted.variables };
  if (substituted.value === undefined || substituted.pattern === undefined) return { detail, value: undefined };
  return { detail, value: { text: substituted.value, pattern: substituted.pattern } };
}

function noteInvalid(invalidValues: InvalidValue[], side: InvalidValue['side'], value: string): void {
  if (!invalidValues.some((invalid) => invalid.side === side && invalid.value === value)) {
    invalidValues.push({ side, value });
  }
}
