/**
 * Wildcard pattern relations for requests that name a pattern of resources:
 * intersection, cover and a witness, checked against brute force. Over patterns
 * using the letters a and b, every other character behaves alike, so strings
 * over {a, b, z} decide the relations exactly (up to the length bound).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { patternFromWrittenText, patternToString } from '../../src/language/conditions/pattern.js';
import { intersectionWitness, patternCovers, patternsIntersect } from '../../src/language/pattern-relations.js';
import { matchWildcard } from '../../src/language/wildcard.js';

const tokens = patternFromWrittenText;
const intersect = (a: string, b: string): boolean => patternsIntersect(tokens(a), tokens(b));
const covers = (outer: string, inner: string): boolean => patternCovers(tokens(outer), tokens(inner));

function* strings(maxLength: number): Generator<string> {
  const alphabet = ['a', 'b', 'z'];
  let level = [''];
  yield '';
  for (let length = 1; length <= maxLength; length++) {
    const next: string[] = [];
    for (const prefix of level) for (const letter of alphabet) next.push(prefix + letter);
    for (const text of next) yield text;
    level = next;
  }
}
const ALL = [...strings(7)];

const pattern = fc.stringMatching(/^[ab*?]{0,5}$/);

describe('wildcard pattern relations (the existential reading of a requested resource pattern)', () => {
  it('intersection agrees with brute force', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const brute = ALL.some((text) => matchWildcard(a, text) && matchWildcard(b, text));
        expect(intersect(a, b)).toBe(brute);
      }),
      { numRuns: 400 },
    );
  });

  it('cover agrees with brute force', () => {
    fc.assert(
      fc.property(pattern, pattern, (outer, inner) => {
        const brute = ALL.every((text) => !matchWildcard(inner, text) || matchWildcard(outer, text));
        expect(covers(outer, inner)).toBe(brute);
      }),
      { numRuns: 400 },
    );
  });

  it('a witness matches only strings both match, and exists exactly when they intersect', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        const witness = intersectionWitness(tokens(a), tokens(b));
        expect(witness !== undefined).toBe(intersect(a, b));
        if (witness === undefined) return;
        const shown = patternToString(witness);
        for (const text of ALL) if (matchWildcard(shown, text)) expect(matchWildcard(a, text) && matchWildcard(b, text)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('cases worth naming', () => {
    expect(intersect('bucket/*', 'bucket/photo.jpg')).toBe(true);
    expect(covers('bucket/*', 'bucket/photo.jpg')).toBe(true);
    expect(covers('bucket/photo.jpg', 'bucket/*')).toBe(false);
    expect(covers('?*', '*?')).toBe(true);
    expect(covers('a?*', 'a*')).toBe(false);
    expect(intersect('*a*', '*b*')).toBe(true);
    expect(patternToString(intersectionWitness(tokens('bucket/*'), tokens('bucket/reports/*')) ?? [])).toBe('bucket/reports/*');
    expect(patternToString(intersectionWitness(tokens('b/*'), tokens('b/photo.jpg')) ?? [])).toBe('b/photo.jpg');
  });

  it('is polynomial: two 3,000-character patterns full of wildcards relate at once (no backtracking search)', () => {
    const a = `${'*a?'.repeat(1000)}`;
    const b = `${'?*b'.repeat(1000)}`;
    const started = Date.now();
    expect(typeof intersect(a, b)).toBe('boolean');
    expect(typeof covers(a, b)).toBe('boolean');
    // A generous bound: an exponential search would not finish at all.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
