/**
 * "Did you mean …?" for misspelt element names and condition operators.
 */

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and
 * transpositions of neighbours each cost 1 (`StirngLike` → `StringLike` is 1).
 */
export function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const table: number[][] = Array.from({ length: rows }, (_, row) =>
    Array.from({ length: columns }, (_, column) => (row === 0 ? column : column === 0 ? row : 0)),
  );
  const cell = (row: number, column: number): number => table[row]?.[column] ?? 0;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const cost = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(cell(row - 1, column) + 1, cell(row, column - 1) + 1, cell(row - 1, column - 1) + cost);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        best = Math.min(best, cell(row - 2, column - 2) + 1);
      }
      (table[row] as number[])[column] = best;
    }
  }
  return cell(left.length, right.length);
}

/**
 * The candidate closest to `word`, compared case-insensitively, when it is close
 * enough to be a plausible typo: at most a third of the word's length (and at
 * least one edit). Ties go to the earlier candidate.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `did you mean "Action"?`, the suggestion text every finding uses. */
export function didYouMean(candidate: string): string {
  return `did you mean "${candidate}"?`;
}
