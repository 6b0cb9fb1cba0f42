/**
 * The request context as the policy language sees it: condition keys and their
 * values. Keys are looked up case-insensitively (see `normalizeContextKey`).
 * CAUTION: publicly exported.
 */

/** Where a context value came from: given by the user, or derived by iamwhy as AWS would supply it. */
export type ContextValueOrigin = 'given' | 'derived';

export interface ContextEntry {
  /** The key as it was given or derived (display form), e.g. `aws:PrincipalTag/team`. */
  key: string;
  /** One value for single-valued keys; any number for multivalued keys. Always strings, as AWS compares them. */
  values: readonly string[];
  /** True for keys AWS documents as multivalued (aws:TagKeys, aws:CalledVia, ...) or given with several values. */
  multivalued: boolean;
  origin: ContextValueOrigin;
}

/** Read-only view of a request context. */
export interface ContextView {
  get(key: string): ContextEntry | undefined;
  entries(): Iterable<ContextEntry>;
}
