/**
 * Glob matching for IAM: `*` matches any run of characters (including none) and
 * `?` matches exactly one. Never built into a regular expression: policy text is
 * untrusted, and backtracking engines go exponential on patterns like
 * `*a*a*a*a*b`. The matcher splits the pattern at `*` and places each piece at
 * its leftmost possible position, which is optimal for every piece but the last
 * (anchored at the end). Each piece is found in one pass over the text
 * (`glob-piece.ts`): linear for pieces without `?` between literal characters,
 * text × ⌈piece / 32⌉ word operations for the others.
 */
import { findPiece, pieceFitsAt, type GlobPiece } from './glob-piece.js';

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
  const pieces = pattern.split('*').map(toPiece);
  if (pieces.length === 1) {
    return pattern.length === text.length && pieceFitsAt(pieces[0] as GlobPiece, text, 0);
  }
  const first = pieces[0] as GlobPiece;
  const last = pieces[pieces.length - 1] as GlobPiece;
  if (first.chars.length + last.chars.length > text.length) return false;
  if (!pieceFitsAt(first, text, 0)) return false;
  const end = text.length - last.chars.length;
  if (!pieceFitsAt(last, text, end)) return false;
  let position = first.chars.length;
  for (let index = 1; index < pieces.length - 1; index++) {
    const piece = pieces[index] as GlobPiece;
    if (piece.chars === '') continue;
    const found = findPiece(piece, text, position, end);
    if (found === -1) return false;
    position = found + piece.chars.length;
  }
  return true;
}

/** In a written pattern every `?` is a wildcard. */
function toPiece(chars: string): GlobPiece {
  if (!chars.includes('?')) return { chars, anyCharAt: undefined };
  return { chars, anyCharAt: Array.from(chars, (char) => char === '?') };
}
