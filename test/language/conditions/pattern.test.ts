import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  literalToken,
  matchArnTokens,
  matchPattern,
  patternFromWrittenText,
  patternToString,
  type PatternToken,
} from '../../../src/language/conditions/pattern.js';
import { matchArnPattern } from '../../../src/language/arn.js';
import { matchWildcard } from '../../../src/language/wildcard.js';

type RefUnit = { literal: string } | 'any' | 'one';

/** Reference: the textbook dynamic program over tokens expanded to units (one per character or wildcard). */
function referenceMatch(tokens: readonly PatternToken[], text: string): boolean {
  const units: RefUnit[] = tokens.flatMap((token): RefUnit[] =>
    token.kind === 'text' ? [...token.text].map((literal) => ({ literal })) : [token.kind],
  );
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const unit of units) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (unit === 'any') {
      next[0] = row[0] ?? false;
      for (let index = 1; index <= text.length; index++) next[index] = (row[index] ?? false) || (next[index - 1] ?? false);
    } else {
      for (let index = 1; index <= text.length; index++) {
        const fits = unit === 'one' || unit.literal === text[index - 1];
        next[index] = (row[index - 1] ?? false) && fits;
      }
    }
    row = next;
  }
  return row[text.length] ?? false;
}

const token: fc.Arbitrary<PatternToken> = fc.oneof(
  fc.constant<PatternToken>({ kind: 'any' }),
  fc.constant<PatternToken>({ kind: 'one' }),
  fc.array(fc.constantFrom('a', 'b', '*', '?'), { minLength: 1, maxLength: 3 }).map((chars) => literalToken(chars.join(''))),
);
const text = fc.array(fc.constantFrom('a', 'b', '*', '?'), { maxLength: 12 }).map((chars) => chars.join(''));

describe('IAM policy elements: Variables and tags — Special characters: literal * and ? inside patterns', () => {
  it('a literal * matches only *', () => {
    const tokens = [literalToken('a*'), { kind: 'any' } as const];
    expect(matchPattern(tokens, 'a*xyz')).toBe(true);
    expect(matchPattern(tokens, 'abxyz')).toBe(false);
  });
  it('written text splits into wildcards and literal text', () => {
    expect(patternFromWrittenText('a*b?c')).toEqual([
      { kind: 'text', text: 'a', written: true },
      { kind: 'any' },
      { kind: 'text', text: 'b', written: true },
      { kind: 'one' },
      { kind: 'text', text: 'c', written: true },
    ]);
    expect(patternToString(patternFromWrittenText('a*b?c'))).toBe('a*b?c');
  });
  it('matches like a reference dynamic program (property test)', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), text, (tokens, input) => {
        expect(matchPattern(tokens, input)).toBe(referenceMatch(tokens, input));
      }),
      { numRuns: 5000 },
    );
  });
  it('written text matches exactly as matchWildcard does (property test)', () => {
    fc.assert(
      fc.property(text, text, (pattern, input) => {
        expect(matchPattern(patternFromWrittenText(pattern), input)).toBe(matchWildcard(pattern, input));
      }),
      { numRuns: 3000 },
    );
  });
  it('ARN matching on written text agrees with matchArnPattern (property test)', () => {
    const arnish = fc.array(fc.constantFrom('a', ':', '*', '?'), { maxLength: 14 }).map((chars) => chars.join(''));
    const arn = fc.array(fc.constantFrom('a', 'b', ':'), { maxLength: 14 }).map((chars) => chars.join(''));
    fc.assert(
      fc.property(arnish, arn, (pattern, value) => {
        expect(matchArnTokens(patternFromWrittenText(pattern), value)).toBe(matchArnPattern(pattern, value));
      }),
      { numRuns: 3000 },
    );
  });
  it('stays linear on pathological token patterns', () => {
    const tokens: PatternToken[] = [];
    for (let index = 0; index < 8; index++) tokens.push({ kind: 'any' }, literalToken('a'));
    tokens.push({ kind: 'any' }, literalToken('b'));
    const start = performance.now();
    expect(matchPattern(tokens, 'a'.repeat(10_000))).toBe(false);
    expect(performance.now() - start).toBeLessThan(50);
  });
});
