/**
 * Patterns whose wildcards are known token by token.
 *
 * A policy value like `arn:aws:s3:::bucket/${aws:username}/*` mixes text the
 * policy author wrote (where `*` and `?` are wildcards) with text substituted
 * from the request or from `${*}`, `${?}`, `${$}` (which is always literal, per
 * "IAM policy elements: Variables and tags", section "Special characters": the
 * special variables exist precisely so that a `*` is *not* read as a wildcard).
 * A plain string cannot carry that distinction, so substitution produces tokens
 * and this module matches tokens. The algorithm is the one of `wildcard.ts`
 * (split at `*`, place each piece leftmost, anchor the last piece at the end,
 * each piece found in one pass by `glob-piece.ts`), never a regular expression.
 */
import { findPiece, pieceFitsAt, type GlobPiece } from '../glob-piece.js';

export type PatternToken =
  /** Literal text. `written` is true for text the policy author wrote (its colons delimit ARN parts). */
  | { kind: 'text'; text: string; written: boolean }
  /** `*` written in the policy: any run of characters, including none. */
  | { kind: 'any' }
  /** `?` written in the policy: exactly one character. */
  | { kind: 'one' };

/** Tokens for text written in a policy, where every `*` and `?` is a wildcard. */
export function patternFromWrittenText(text: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '*' && char !== '?') continue;
    if (index > start) tokens.push({ kind: 'text', text: text.slice(start, index), written: true });
    tokens.push(char === '*' ? { kind: 'any' } : { kind: 'one' });
    start = index + 1;
  }
  if (start < text.length) tokens.push({ kind: 'text', text: text.slice(start), written: true });
  return tokens;
}

/** A token for substituted text: every character is literal. */
export function literalToken(text: string): PatternToken {
  return { kind: 'text', text, written: false };
}

/** The pattern as one string, wildcards shown as `*`/`?` (for display only: literal and wildcard `*` look alike). */
export function patternToString(tokens: readonly PatternToken[]): string {
  let out = '';
  for (const token of tokens) {
    out += token.kind === 'text' ? token.text : token.kind === 'any' ? '*' : '?';
  }
  return out;
}

export interface PatternMatchOptions {
  /** Compare case-insensitively. Resources, ARNs and StringLike are case-sensitive. */
  ignoreCase?: boolean;
}

/** Does the whole `text` match the token pattern? */
export function matchPattern(
  tokens: readonly PatternToken[],
  text: string,
  options: PatternMatchOptions = {},
): boolean {
  const ignoreCase = options.ignoreCase === true;
  return matchPieces(compile(tokens, ignoreCase), ignoreCase ? text.toLowerCase() : text);
}

/**
 * Match an ARN the way `matchArnPattern` (arn.ts) does — each of the six
 * colon-delimited parts separately, case-sensitively, the resource part keeping
 * its colons — but on tokens. Only colons the author wrote delimit parts; a
 * substituted value's colons stay inside the part they land in. A pattern with
 * fewer than five written colons, or an ARN with fewer than five colons, is
 * matched as a whole string (as `matchArnPattern` does).
 */
export function matchArnTokens(tokens: readonly PatternToken[], arn: string): boolean {
  const patternParts = splitPatternIntoArnParts(tokens);
  const arnParts = splitArnText(arn);
  if (patternParts === undefined || arnParts === undefined) return matchPattern(tokens, arn);
  for (let index = 0; index < ARN_PARTS; index++) {
    if (!matchPattern(patternParts[index] ?? [], arnParts[index] ?? '')) return false;
  }
  return true;
}

const ARN_PARTS = 6;

export function splitPatternIntoArnParts(tokens: readonly PatternToken[]): PatternToken[][] | undefined {
  const parts: PatternToken[][] = [[]];
  for (const token of tokens) {
    if (token.kind !== 'text' || !token.written || parts.length === ARN_PARTS) {
      parts[parts.length - 1]?.push(token);
      continue;
    }
    let rest = token.text;
    let colon = rest.indexOf(':');
    while (colon !== -1 && parts.length < ARN_PARTS) {
      if (colon > 0) parts[parts.length - 1]?.push({ kind: 'text', text: rest.slice(0, colon), written: true });
      parts.push([]);
      rest = rest.slice(colon + 1);
      colon = rest.indexOf(':');
    }
    if (rest !== '') parts[parts.length - 1]?.push({ kind: 'text', text: rest, written: true });
  }
  return parts.length === ARN_PARTS ? parts : undefined;
}

function splitArnText(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < ARN_PARTS - 1; index++) {
    const colon = arn.indexOf(':', start);
    if (colon === -1) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

type Piece = GlobPiece;

function compile(tokens: readonly PatternToken[], ignoreCase: boolean): Piece[] {
  const pieces: Piece[] = [];
  let chars = '';
  let anyCharAt: boolean[] | undefined;
  const finish = (): void => {
    pieces.push({ chars, anyCharAt });
    chars = '';
    anyCharAt = undefined;
  };
  for (const token of tokens) {
    if (token.kind === 'any') {
      finish();
    } else if (token.kind === 'one') {
      anyCharAt ??= new Array<boolean>(chars.length).fill(false);
      anyCharAt.push(true);
      chars += '?';
    } else {
      const text = ignoreCase ? token.text.toLowerCase() : token.text;
      if (anyCharAt) for (let index = 0; index < text.length; index++) anyCharAt.push(false);
      chars += text;
    }
  }
  finish();
  return pieces;
}

function matchPieces(pieces: readonly Piece[], text: string): boolean {
  const first = pieces[0] ?? { chars: '', anyCharAt: undefined };
  if (pieces.length === 1) return first.chars.length === text.length && pieceFitsAt(first, text, 0);
  const last = pieces[pieces.length - 1] ?? { chars: '', anyCharAt: undefined };
  if (first.chars.length + last.chars.length > text.length) return false;
  if (!pieceFitsAt(first, text, 0)) return false;
  const end = text.length - last.chars.length;
  if (!pieceFitsAt(last, text, end)) return false;
  let position = first.chars.length;
  for (let index = 1; index < pieces.length - 1; index++) {
    const piece = pieces[index];
    if (piece === undefined || piece.chars === '') continue;
    const found = findPiece(piece, text, position, end);
    if (found === -1) return false;
    position = found + piece.chars.length;
  }
  return true;
}

