/**
 * Wildcard matching ("IAM JSON policy elements: Resource", "Condition
 * operators: StringLike"): `*` any run of characters, `?` exactly one. The
 * matcher places each piece between `*` leftmost in one pass; these tests pin
 * it to a plain dynamic-programming reference on random patterns, and pin the
 * time on inputs that took the old matcher a minute.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchArnPattern } from '../../src/language/arn.js';
import { literalToken, matchPattern, patternFromWrittenText, type PatternToken } from '../../src/language/conditions/pattern.js';
import { findPiece } from '../../src/language/glob-piece.js';
import { matchWildcard } from '../../src/language/wildcard.js';
import { propertyRuns } from '../support/properties.js';

/** The textbook O(text × pattern) table: does `tokens` (one entry per character or wildcard) match all of `text`? */
function reference(tokens: ReadonlyArray<'*' | '?' | { literal: string }>, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const token of tokens) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    for (let index = 0; index <= text.length; index++) {
      if (token === '*') next[index] = row[index] || (index > 0 && next[index - 1]) || false;
      else if (index > 0 && row[index - 1]) next[index] = token === '?' || token.literal === text[index - 1];
    }
    row = next;
  }
  return row[text.length] ?? false;
}
const written = (pattern: string): Array<'*' | '?' | { literal: string }> => [...pattern].map((char) => (char === '*' || char === '?' ? char : { literal: char }));

const patternText = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 14 }).map((chars) => chars.join(''));
const valueText = fc.array(fc.constantFrom('a', 'b'), { maxLength: 24 }).map((chars) => chars.join(''));

describe('wildcard matching agrees with the reference on random patterns', () => {
  it('matchWildcard, case-sensitive and case-insensitive', () => {
    fc.assert(
      fc.property(patternText, valueText, fc.boolean(), (pattern, text, upper) => {
        const shown = upper ? text.toUpperCase() : text;
        expect(matchWildcard(pattern, text)).toBe(reference(written(pattern), text));
        expect(matchWildcard(pattern, shown, { ignoreCase: true })).toBe(reference(written(pattern), text));
      }),
      propertyRuns(1500),
    );
  });

  it('matchPattern: substituted text is literal, its * and ? included', () => {
    const token = fc.oneof(
      patternText.map((text) => ({ kind: 'written' as const, text })),
      fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 4 }).map((chars) => ({ kind: 'literal' as const, text: chars.join('') })),
    );
    const alphabet = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 20 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 4 }), alphabet, (parts, text) => {
        const tokens: PatternToken[] = parts.flatMap((part) => (part.kind === 'written' ? patternFromWrittenText(part.text) : part.text === '' ? [] : [literalToken(part.text)]));
        const expected = reference(
          parts.flatMap((part) => (part.kind === 'written' ? written(part.text) : [...part.text].map((char) => ({ literal: char })))),
          text,
        );
        expect(matchPattern(tokens, text)).toBe(expected);
      }),
      propertyRuns(1500),
    );
  });

  it('findPiece finds the leftmost fit before the limit, with ? inside, at the ends or alone', () => {
    const piece = fc.array(fc.constantFrom('a', 'b', '?'), { minLength: 1, maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(piece, valueText, fc.nat(6), fc.nat(6), (chars, text, from, cut) => {
        const anyCharAt = [...chars].map((char) => char === '?');
        const limit = Math.max(0, text.length - cut);
        let expected = -1;
        for (let start = from; start + chars.length <= limit; start++) {
          if ([...chars].every((char, offset) => char === '?' || text[start + offset] === char)) {
            expected = start;
            break;
          }
        }
        expect(findPiece({ chars, anyCharAt: anyCharAt.includes(true) ? anyCharAt : undefined }, text, from, limit)).toBe(expected);
      }),
      propertyRuns(1500),
    );
  });

  it('a long piece (more than one 32-bit word of state) still finds its place', () => {
    const core = `${'a?'.repeat(40)}b`;
    const text = `${'a'.repeat(500)}${'ab'.repeat(40)}b${'a'.repeat(10)}`;
    expect(matchWildcard(`*${core}*`, text)).toBe(reference(written(`*${core}*`), text));
    expect(matchWildcard(`*${core}*`, text)).toBe(true);
    expect(matchWildcard(`*${core}*`, text.replace(/b/g, 'c'))).toBe(false);
    expect(matchArnPattern(`arn:aws:s3:::${core}*`, `arn:aws:s3:::${'ab'.repeat(40)}b-key`)).toBe(true);
  });
});

describe('matching stays fast on inputs built to make it slow', () => {
  const megabyte = 'a'.repeat(1_000_000);

  it('"*" + "?"×10,000 + "b*" against a 1 MB value (the old matcher: about a minute here)', () => {
    const started = performance.now();
    expect(matchWildcard(`*${'?'.repeat(10_000)}b*`, megabyte)).toBe(false);
    expect(matchWildcard(`*${'?'.repeat(10_000)}b*`, `${megabyte}b`)).toBe(true);
    expect(matchPattern(patternFromWrittenText(`*${'?'.repeat(10_000)}b*`), megabyte)).toBe(false);
    // Generous: now milliseconds.
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('"*" + "a?"×500 + "b*" against a 1 MB value: one pass, state in words', () => {
    const started = performance.now();
    expect(matchWildcard(`*${'a?'.repeat(500)}b*`, megabyte)).toBe(false);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
