/**
 * Glob matching for IAM: `*` matches any run of characters (including none) and
 * `?` matches exactly one. Never built into a regular expression: policy text is
 * untrusted, and backtracking engines go exponential on patterns like
 * `*a*a*a*a*b`. The matcher splits the pattern at `*` and places each piece at
 * its leftmost possible position, which is optimal for every piece but the last
 * (anchored at the end); the cost is O(text × longest piece), linear in the text.
 */

export interface WildcardOptions {
  /** Compare case-insensitively (actions). Resources and ARNs are case-sensitive. */
  ignoreCase?: boolean;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

export function matchWildcard(pattern: string, text: string, options: WildcardOptions = {}): boolean {
  if (options.ignoreCase) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  if (pattern === '*') return true;
  const star = pattern.indexOf('*');
  const hasQuestion = pattern.includes('?');
  // Fast paths for the common shapes `s3:GetObject` and `s3:Get*`.
  if (star === -1 && !hasQuestion) return pattern === text;
  if (star === pattern.length - 1 && !hasQuestion) return text.startsWith(pattern.slice(0, -1));
  const pieces = pattern.split('*');
  if (pieces.length === 1) {
    return pattern.length === text.length && pieceMatchesAt(pattern, text, 0);
  }
  const first = pieces[0] ?? '';
  const last = pieces[pieces.length - 1] ?? '';
  if (first.length + last.length > text.length) return false;
  if (!pieceMatchesAt(first, text, 0)) return false;
  const end = text.length - last.length;
  if (!pieceMatchesAt(last, text, end)) return false;
  let position = first.length;
  for (let index = 1; index < pieces.length - 1; index++) {
    const piece = pieces[index] ?? '';
    if (piece === '') continue;
    const found = findPiece(piece, text, position, end);
    if (found === -1) return false;
    position = found + piece.length;
  }
  return true;
}

/** Does `piece` (which may hold `?`) match `text` starting at `start`? */
function pieceMatchesAt(piece: string, text: string, start: number): boolean {
  if (start + piece.length > text.length) return false;
  for (let offset = 0; offset < piece.length; offset++) {
    const expected = piece.charCodeAt(offset);
    if (expected !== QUESTION_MARK && expected !== text.charCodeAt(start + offset)) return false;
  }
  return true;
}

/** Leftmost start ≥ `from` at which `piece` fits entirely before `limit`, or -1. */
function findPiece(piece: string, text: string, from: number, limit: number): number {
  if (!piece.includes('?')) {
    const found = text.indexOf(piece, from);
    return found !== -1 && found + piece.length <= limit ? found : -1;
  }
  for (let start = from; start + piece.length <= limit; start++) {
    if (pieceMatchesAt(piece, text, start)) return start;
  }
  return -1;
}

const QUESTION_MARK = '?'.charCodeAt(0);
