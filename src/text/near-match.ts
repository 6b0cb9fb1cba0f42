/**
 * "Did you mean …?": the one edit distance and closest-name search that policy
 * parsing (element names, condition operators), the catalog (services, actions),
 * snapshots (user and role names) and the input files (field names) share.
 */

export interface EditDistanceOptions {
  /** Compare without regard to case (`S3` and `s3` are 0 apart). */
  ignoreCase?: boolean;
  /** Stop once the distance is known to exceed this: the result is then `max + 1`. */
  max?: number;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * swaps of neighbours each cost 1 (`StirngLike` → `StringLike` is 1). With
 * `max`, any distance above it comes back as `max + 1`, found early.
 */
export function editDistance(left: string, right: string, options: EditDistanceOptions = {}): number {
  const s = options.ignoreCase === true ? left.toLowerCase() : left;
  const t = options.ignoreCase === true ? right.toLowerCase() : right;
  const max = options.max ?? Infinity;
  if (Math.abs(s.length - t.length) > max) return max + 1;
  if (s === t) return 0;
  if (s.length === 0 || t.length === 0) return Math.max(s.length, t.length);
  // Only cells within `max` of the diagonal can hold a distance ≤ max: with a cut-off the cost
  // is length × (2·max + 1), not length². Cells outside the band read as `far`.
  const far = max === Infinity ? Number.MAX_SAFE_INTEGER : max + 1;
  const band = max === Infinity ? Math.max(s.length, t.length) : max;
  // Three rows of the table: the one before the previous is needed for swaps.
  let beforePrevious = new Array<number>(t.length + 1).fill(far);
  let previous = Array.from({ length: t.length + 1 }, (_, column) => (column <= band ? column : far));
  let current = new Array<number>(t.length + 1).fill(far);
  for (let row = 1; row <= s.length; row++) {
    const low = Math.max(1, row - band);
    const high = Math.min(t.length, row + band);
    current[low - 1] = low === 1 ? row : far;
    if (high < t.length) current[high + 1] = far;
    let rowMinimum = low === 1 ? row : far;
    const char = s.charCodeAt(row - 1);
    for (let column = low; column <= high; column++) {
      const cost = char === t.charCodeAt(column - 1) ? 0 : 1;
      let best = Math.min((previous[column] ?? far) + 1, (current[column - 1] ?? far) + 1, (previous[column - 1] ?? far) + cost);
      if (row > 1 && column > 1 && char === t.charCodeAt(column - 2) && s.charCodeAt(row - 2) === t.charCodeAt(column - 1)) {
        best = Math.min(best, (beforePrevious[column - 2] ?? far) + 1);
      }
      if (best > far) best = far;
      current[column] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    // No row is ever below the one before it, so once a whole row exceeds max the result does.
    if (rowMinimum > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[t.length] ?? far, max + 1);
}

/**
 * Names longer than this get no "did you mean" and are never suggested. IAM's
 * longest names (policy names, tag keys) are 128 characters, condition keys
 * with a tag key under 200.
 */
export const MAX_SUGGESTION_LENGTH = 256;

/** How many edits still make a plausible typo of `word`: a third of its length, at least one. */
export function typoAllowance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

export interface ClosestOptions {
  /** The farthest a candidate may be (default {@link typoAllowance} of what was typed). */
  maxDistance?: number;
  /**
   * Also take a candidate however far it is when one of the two extends the other
   * (`'prefix'`: `GetObj` → `GetObject`, `s3api` → `s3`; what was typed must be at
   * least 3 long) or contains it (`'substring'`: `runner` → `ci-runner`; both at
   * least 3 long). Such a candidate is as far as the lengths differ.
   */
  related?: 'prefix' | 'substring';
  /** At most this many (default 5). */
  limit?: number;
}

/**
 * The candidates closest to `wanted`, compared case-insensitively, best first;
 * candidates equally far keep the order they were given in.
 */
export function closestMatches<T>(
  wanted: string,
  candidates: Iterable<T>,
  nameOf: (candidate: T) => string,
  options: ClosestOptions = {},
): T[] {
  // No IAM name is this long; comparing two such names would cost their lengths multiplied.
  if (wanted.length > MAX_SUGGESTION_LENGTH) return [];
  const target = wanted.toLowerCase();
  const max = options.maxDistance ?? typoAllowance(wanted);
  const scored: { candidate: T; distance: number }[] = [];
  for (const candidate of candidates) {
    const written = nameOf(candidate);
    if (written.length > MAX_SUGGESTION_LENGTH) continue;
    const name = written.toLowerCase();
    const related = isRelated(target, name, options.related);
    const distance = related ? Math.abs(name.length - target.length) : editDistance(target, name, { max });
    if (related || distance <= max) scored.push({ candidate, distance });
  }
  scored.sort((left, right) => left.distance - right.distance);
  return scored.slice(0, options.limit ?? 5).map((entry) => entry.candidate);
}

function isRelated(typed: string, name: string, related: ClosestOptions['related']): boolean {
  switch (related) {
    case 'prefix':
      return typed.length >= 3 && (name.startsWith(typed) || typed.startsWith(name));
    case 'substring':
      return Math.min(typed.length, name.length) >= 3 && (name.includes(typed) || typed.includes(name));
    default:
      return false;
  }
}

/** The one closest candidate within a typo's reach of `word` (case-insensitive); ties go to the earlier candidate. */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  return closestMatches(word, candidates, (candidate) => candidate, { limit: 1 })[0];
}

/** `did you mean "Action"?`, the suggestion text findings use. */
export function didYouMean(candidate: string): string {
  return `did you mean "${candidate}"?`;
}

/** {@link didYouMean} for the {@link closestMatch} of `word`, if there is one. */
export function didYouMeanClosest(word: string, candidates: readonly string[]): string | undefined {
  const near = closestMatch(word, candidates);
  return near === undefined ? undefined : didYouMean(near);
}

/** `; did you mean a, b, c?` for up to three suggestions, or nothing. */
export function didYouMeanAny(suggestions: readonly string[]): string {
  return suggestions.length > 0 ? `; did you mean ${suggestions.slice(0, 3).join(', ')}?` : '';
}
