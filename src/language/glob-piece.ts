/**
 * Finding one piece of a glob (the text between two `*`) in a value: the
 * leftmost place at or after `from` where the piece fits entirely before
 * `limit`. Shared by `wildcard.ts` (plain patterns) and `conditions/pattern.ts`
 * (patterns with substituted, literal text).
 *
 * A piece may hold `?` (any one character). Placing it by trying every start
 * and comparing the whole piece costs value × piece: `*` + 10,000 `?` + `b*`
 * against a 1 MB value took over a minute. Instead:
 *
 * - `?` at the ends of a piece only shift it: they are cut off and counted,
 *   and what remains without `?` is found with `indexOf` (linear);
 * - a piece with `?` between literal characters is matched by a bit-parallel
 *   automaton (Shift-And): one pass over the value, the piece's state held in
 *   32-bit words, so the cost is value × ⌈piece / 32⌉ word operations, never
 *   value × piece comparisons, and memory stays proportional to the piece.
 */

/** A run of pattern between two `*`: characters, the positions in `anyCharAt` being `?`. */
export interface GlobPiece {
  readonly chars: string;
  /** Positions holding `?`, or undefined when there are none (the common, fast case). */
  readonly anyCharAt: readonly boolean[] | undefined;
}

/** Does `piece` match `text` starting at `start` (the whole piece inside the text)? */
export function pieceFitsAt(piece: GlobPiece, text: string, start: number): boolean {
  const { chars, anyCharAt } = piece;
  if (start < 0 || start + chars.length > text.length) return false;
  if (anyCharAt === undefined) return text.startsWith(chars, start);
  for (let offset = 0; offset < chars.length; offset++) {
    if (!anyCharAt[offset] && chars.charCodeAt(offset) !== text.charCodeAt(start + offset)) return false;
  }
  return true;
}

/** Leftmost start ≥ `from` where `piece` fits entirely before `limit`, or -1. */
export function findPiece(piece: GlobPiece, text: string, from: number, limit: number): number {
  const { chars, anyCharAt } = piece;
  const length = chars.length;
  if (from + length > limit) return -1;
  if (anyCharAt === undefined) return within(text.indexOf(chars, from), length, limit);
  let lead = 0;
  while (lead < length && anyCharAt[lead]) lead++;
  if (lead === length) return from;
  let trail = 0;
  while (anyCharAt[length - 1 - trail]) trail++;
  const core = chars.slice(lead, length - trail);
  const coreWild = anyCharAt.slice(lead, length - trail);
  if (!coreWild.includes(true)) {
    const found = text.indexOf(core, from + lead);
    return found === -1 ? -1 : within(found - lead, length, limit);
  }
  const end = shiftAndFirstEnd(core, coreWild, text, from + lead, limit - trail);
  return end === -1 ? -1 : end - core.length + 1 - lead;
}

function within(start: number, length: number, limit: number): number {
  return start !== -1 && start + length <= limit ? start : -1;
}

/**
 * The end (inclusive) of the leftmost occurrence of `core` in `text[from, limit)`,
 * `?` positions matching any character, or -1. Shift-And over ⌈core / 32⌉ words:
 * bit j of the state says "core[0..j] matches the text ending here".
 */
function shiftAndFirstEnd(core: string, wild: readonly boolean[], text: string, from: number, limit: number): number {
  const length = core.length;
  const words = (length + 31) >>> 5;
  const lastWord = (length - 1) >>> 5;
  const lastBit = 1 << ((length - 1) & 31);
  // Masks: for `?` positions (any character) and per character of the core. A character with
  // many positions gets a full mask; the rest keep a list of positions, so memory stays
  // proportional to the core however many distinct characters it has.
  const anyMask = new Uint32Array(words);
  const positions = new Map<number, number[]>();
  for (let index = 0; index < length; index++) {
    if (wild[index]) anyMask[index >>> 5] = (anyMask[index >>> 5] as number) | (1 << (index & 31));
    else {
      const code = core.charCodeAt(index);
      let list = positions.get(code);
      if (list === undefined) positions.set(code, (list = []));
      list.push(index);
    }
  }
  const dense = new Map<number, Uint32Array>();
  const sparse = new Map<number, number[]>();
  for (const [code, list] of positions) {
    if (list.length > words) {
      const mask = Uint32Array.from(anyMask);
      for (const index of list) mask[index >>> 5] = (mask[index >>> 5] as number) | (1 << (index & 31));
      dense.set(code, mask);
    } else {
      sparse.set(code, list);
    }
  }
  const state = new Uint32Array(words);
  const hits: number[] = [];
  // Words above `top` are all zero: a partial match grows by one bit per character, so the state
  // usually occupies a few low words and the loop stays short.
  let top = 0;
  for (let position = from; position < limit; position++) {
    const code = text.charCodeAt(position);
    const mask = dense.get(code) ?? anyMask;
    // Bits of a sparse character, read from the state before it moves: bit j is set
    // when core[0..j-1] matched up to the previous character (bit -1 always has).
    const list = mask === anyMask ? sparse.get(code) : undefined;
    hits.length = 0;
    if (list !== undefined) {
      for (const index of list) {
        if (index === 0 || ((state[(index - 1) >>> 5] as number) & (1 << ((index - 1) & 31))) !== 0) hits.push(index);
      }
    }
    // state = ((state << 1) | 1) & mask, carrying across words.
    const end = Math.min(words - 1, top + 1);
    let carry = 1;
    for (let word = 0; word <= end; word++) {
      const value = state[word] as number;
      state[word] = ((value << 1) | carry) & (mask[word] as number);
      carry = value >>> 31;
    }
    for (const index of hits) state[index >>> 5] = (state[index >>> 5] as number) | (1 << (index & 31));
    top = end;
    while (top > 0 && state[top] === 0) top--;
    if (((state[lastWord] as number) & lastBit) !== 0) return position;
  }
  return -1;
}
