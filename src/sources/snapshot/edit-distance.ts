/**
 * Levenshtein distance with a cut-off, for "did you mean" suggestions.
 */

/** The edit distance between `a` and `b`, or `limit + 1` as soon as it is known to exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let column = 0; column <= b.length; column++) previous[column] = column;
  for (let row = 1; row <= a.length; row++) {
    current[0] = row;
    let rowMinimum = row;
    const charA = a.charCodeAt(row - 1);
    for (let column = 1; column <= b.length; column++) {
      const substitution = (previous[column - 1] ?? 0) + (charA === b.charCodeAt(column - 1) ? 0 : 1);
      const deletion = (previous[column] ?? 0) + 1;
      const insertion = (current[column - 1] ?? 0) + 1;
      const best = Math.min(substitution, deletion, insertion);
      current[column] = best;
      if (best < rowMinimum) rowMinimum = best;
    }
    if (rowMinimum > limit) return limit + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length] ?? limit + 1;
}

/** The candidates closest to `wanted` (case-insensitively), best first, within a distance that grows with its length. */
export function closestMatches<T>(wanted: string, candidates: Iterable<T>, nameOf: (candidate: T) => string, max = 5): T[] {
  const target = wanted.toLowerCase();
  const limit = Math.max(2, Math.floor(target.length / 3));
  const scored: { candidate: T; distance: number; name: string }[] = [];
  for (const candidate of candidates) {
    const name = nameOf(candidate).toLowerCase();
    // A name that contains what was typed (or the reverse) is a good suggestion however long it is.
    const contained = Math.min(name.length, target.length) >= 3 && (name.includes(target) || target.includes(name));
    const distance = contained ? Math.min(limit, Math.abs(name.length - target.length)) : editDistance(target, name, limit);
    if (distance <= limit) scored.push({ candidate, distance, name });
  }
  scored.sort((left, right) => left.distance - right.distance || left.name.localeCompare(right.name));
  return scored.slice(0, max).map((entry) => entry.candidate);
}
