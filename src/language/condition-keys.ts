/**
 * Condition key names and the map-backed request context.
 *
 * AWS, "IAM JSON policy elements: Condition": "Context key *names* are not
 * case-sensitive. For example, including the aws:SourceIP context key is
 * equivalent to testing for AWS:SourceIp." The same page settles the tag-key
 * part of key–value keys: "Key names are not case-sensitive. This means that if
 * you specify "aws:ResourceTag/TagKey1": "Value1" in the condition element of
 * your policy, then the condition matches a resource tag key named either
 * TagKey1 or tagkey1, but not both." ("AWS global condition context keys",
 * aws:ResourceTag/tag-key, and "Controlling access to AWS resources using tags"
 * say the same.) So the *whole* name folds, tag key included; only *values*
 * keep their case, and how they compare is up to the operator.
 *
 * "But not both": a request that carries two tag keys differing only by case has
 * two entries folding to one name. AWS does not say which wins; `createContext`
 * keeps the last one given, and callers that build contexts from tags should
 * warn about such duplicates.
 * CAUTION: publicly exported.
 */
import type { ContextEntry, ContextValueOrigin, ContextView } from './context.js';

/** The lookup form of a condition key: the whole name lower-cased (tag-key part included). */
export function normalizeContextKey(key: string): string {
  // toLowerCase, not toLocaleLowerCase: the fold must not depend on the host's locale.
  return key.toLowerCase();
}

/** One context entry as a caller supplies it; `multivalued` defaults to "more than one value". */
export interface ContextEntryInput {
  key: string;
  values: readonly string[];
  multivalued?: boolean;
  origin?: ContextValueOrigin;
}

/**
 * A `ContextView` over a map keyed by `normalizeContextKey`. When two entries
 * fold to the same name, the last one wins (it replaces the earlier entry).
 */
export function createContext(entries: Iterable<ContextEntryInput>): ContextView {
  const byKey = new Map<string, ContextEntry>();
  for (const input of entries) {
    const values = Object.freeze([...input.values]);
    const entry: ContextEntry = Object.freeze({
      key: input.key,
      values,
      multivalued: input.multivalued ?? values.length > 1,
      origin: input.origin ?? 'given',
    });
    const normalized = normalizeContextKey(input.key);
    // Delete first so the surviving entry also takes the later position in iteration order.
    byKey.delete(normalized);
    byKey.set(normalized, entry);
  }
  return {
    get: (key) => byKey.get(normalizeContextKey(key)),
    entries: () => byKey.values(),
  };
}
