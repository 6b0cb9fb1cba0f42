/**
 * How two wildcard patterns relate, for requests that name a pattern of
 * resources (`-r 'arn:aws:s3:::bucket/*'`): does some string match both
 * (intersection), does every string one matches match the other (cover), and a
 * pattern for part of what both match (a witness to show).
 *
 * Both run a dynamic program over the two token sequences — O(n × m) time and
 * O(m) memory (the witness keeps the table, so only for ARN-sized patterns) —
 * never a backtracking search. Cover reads the inner pattern symbolically (see
 * `patternCovers`), which is exact for `*`/`?` patterns over an open alphabet
 * (checked against brute force in the tests).
 */
import { type PatternToken } from './conditions/pattern.js';

/** A code unit (≥ 0), or one of the wildcards. */
type PatternSymbol = number;
const ONE = -1;
const RUN = -2;

function symbolsOf(tokens: readonly PatternToken[]): PatternSymbol[] {
  const symbols: PatternSymbol[] = [];
  for (const token of tokens) {
    if (token.kind === 'any') symbols.push(RUN);
    else if (token.kind === 'one') symbols.push(ONE);
    else for (let index = 0; index < token.text.length; index++) symbols.push(token.text.charCodeAt(index));
  }
  return symbols;
}

/** Two single-character symbols can stand for the same character. */
const compatible = (left: PatternSymbol, right: PatternSymbol): boolean => left === ONE || right === ONE || left === right;

/**
 * reach(i, j): some string takes `a` through its first i symbols and `b` through
 * its first j. Every step advances i, j or both, so rows fill in order.
 */
function step(a: readonly PatternSymbol[], b: readonly PatternSymbol[], previous: Uint8Array | undefined, current: Uint8Array, i: number): void {
  const m = b.length;
  for (let j = 0; j <= m; j++) {
    let reached = i === 0 && j === 0;
    const left = i > 0 ? (a[i - 1] as PatternSymbol) : undefined;
    const right = j > 0 ? (b[j - 1] as PatternSymbol) : undefined;
    if (!reached && left === RUN && previous?.[j]) reached = true; // a's `*` matched nothing more
    if (!reached && right === RUN && current[j - 1]) reached = true; // b's `*` matched nothing more
    if (!reached && left !== undefined && right !== undefined && left !== RUN && right !== RUN && compatible(left, right) && previous?.[j - 1]) reached = true;
    // a's `*` (still open at position i) takes b's character; b's `*` takes a's.
    if (!reached && right !== undefined && right !== RUN && a[i] === RUN && current[j - 1]) reached = true;
    if (!reached && left !== undefined && left !== RUN && b[j] === RUN && previous?.[j]) reached = true;
    current[j] = reached ? 1 : 0;
  }
}

function intersectSymbols(a: readonly PatternSymbol[], b: readonly PatternSymbol[]): boolean {
  let previous: Uint8Array | undefined;
  let current = new Uint8Array(b.length + 1);
  for (let i = 0; i <= a.length; i++) {
    step(a, b, previous, current, i);
    previous = current;
    current = new Uint8Array(b.length + 1);
  }
  return previous?.[b.length] === 1;
}

/** Some string matches both patterns. */
export function patternsIntersect(a: readonly PatternToken[], b: readonly PatternToken[]): boolean {
  return intersectSymbols(symbolsOf(a), symbolsOf(b));
}

/** An element of the outer pattern: a literal code unit, or a run of wildcards (its `?` count, and whether it has a `*`). */
type OuterElement = { literal: number } | { ones: number; run: boolean };

function outerElements(symbols: readonly PatternSymbol[]): OuterElement[] {
  const elements: OuterElement[] = [];
  let index = 0;
  while (index < symbols.length) {
    const symbol = symbols[index] as PatternSymbol;
    if (symbol >= 0) {
      elements.push({ literal: symbol });
      index++;
      continue;
    }
    let ones = 0;
    let run = false;
    while (index < symbols.length && (symbols[index] as PatternSymbol) < 0) {
      if (symbols[index] === RUN) run = true;
      else ones++;
      index++;
    }
    elements.push({ ones, run });
  }
  return elements;
}

/**
 * Every string `inner` matches, `outer` matches too. The inner pattern is read
 * symbolically: an outer literal must meet the same inner literal (an inner
 * wildcard could be any other character); a run of outer wildcards with k `?` and
 * no `*` covers exactly k inner symbols none of which is `*`; a run with a `*`
 * covers any inner stretch that always holds at least k characters (k symbols
 * other than `*`).
 */
export function patternCovers(outer: readonly PatternToken[], inner: readonly PatternToken[]): boolean {
  const elements = outerElements(symbolsOf(outer));
  const symbols = symbolsOf(inner);
  const m = symbols.length;
  // fixed[j]: how many of inner's first j symbols are not `*` (always one character each).
  const fixed = new Uint32Array(m + 1);
  for (let j = 0; j < m; j++) fixed[j + 1] = (fixed[j] as number) + (symbols[j] === RUN ? 0 : 1);
  // covered[j]: outer's elements so far cover inner's first j symbols.
  let covered = new Uint8Array(m + 1);
  covered[0] = 1;
  for (const element of elements) {
    const next = new Uint8Array(m + 1);
    if ('literal' in element) {
      for (let j = 0; j < m; j++) if (covered[j] && symbols[j] === element.literal) next[j + 1] = 1;
    } else if (!element.run) {
      for (let j = 0; j + element.ones <= m; j++) {
        if (covered[j] && fixed[j + element.ones] === (fixed[j] as number) + element.ones) next[j + element.ones] = 1;
      }
    } else {
      // The earliest covered start leaves the most characters for the run.
      const start = covered.indexOf(1);
      if (start !== -1) for (let j = start; j <= m; j++) if ((fixed[j] as number) - (fixed[start] as number) >= element.ones) next[j] = 1;
    }
    covered = next;
  }
  return covered[m] === 1;
}

/** Above this many table cells no witness is built (the decision above needs no table). */
const WITNESS_CELLS = 4_000_000;

/**
 * A pattern matching only strings both match (part of the intersection), shown
 * as an example; undefined when they share none or the patterns are too long.
 */
export function intersectionWitness(a: readonly PatternToken[], b: readonly PatternToken[]): PatternToken[] | undefined {
  const x = symbolsOf(a);
  const y = symbolsOf(b);
  if ((x.length + 1) * (y.length + 1) > WITNESS_CELLS) return undefined;
  const rows: Uint8Array[] = [];
  for (let i = 0; i <= x.length; i++) {
    const row = new Uint8Array(y.length + 1);
    step(x, y, rows[i - 1], row, i);
    rows.push(row);
  }
  if (rows[x.length]?.[y.length] !== 1) return undefined;
  // Walk back from the end along reached cells, emitting what the string holds there.
  const emitted: PatternSymbol[] = [];
  let i = x.length;
  let j = y.length;
  const at = (row: number, column: number): boolean => rows[row]?.[column] === 1;
  while (i > 0 || j > 0) {
    const left = i > 0 ? (x[i - 1] as PatternSymbol) : undefined;
    const right = j > 0 ? (y[j - 1] as PatternSymbol) : undefined;
    if (left !== undefined && right !== undefined && left !== RUN && right !== RUN && compatible(left, right) && at(i - 1, j - 1)) {
      emitted.push(left === ONE ? right : left);
      i--;
      j--;
    } else if (right !== undefined && right !== RUN && x[i] === RUN && at(i, j - 1)) {
      emitted.push(right);
      j--;
    } else if (left !== undefined && left !== RUN && y[j] === RUN && at(i - 1, j)) {
      emitted.push(left);
      i--;
    } else if (left === RUN && at(i - 1, j)) {
      // Where both patterns sit at a `*`, any run fits both.
      if (y[j] === RUN) emitted.push(RUN);
      i--;
    } else if (right === RUN && at(i, j - 1)) {
      if (x[i] === RUN) emitted.push(RUN);
      j--;
    } else {
      return undefined;
    }
  }
  emitted.reverse();
  const tokens: PatternToken[] = [];
  let text = '';
  for (const symbol of emitted) {
    if (symbol >= 0) {
      text += String.fromCharCode(symbol);
      continue;
    }
    if (text !== '') tokens.push({ kind: 'text', text, written: true });
    text = '';
    if (symbol === RUN && tokens[tokens.length - 1]?.kind === 'any') continue;
    tokens.push(symbol === RUN ? { kind: 'any' } : { kind: 'one' });
  }
  if (text !== '') tokens.push({ kind: 'text', text, written: true });
  return tokens;
}
