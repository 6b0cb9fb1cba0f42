import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasWildcard, matchWildcard } from '../../src/language/wildcard.js';

/** Reference matcher: the textbook dynamic program, obviously correct and quadratic. */
function referenceGlob(pattern: string, text: string): boolean {
  let row = new Array<boolean>(text.length + 1).fill(false);
  row[0] = true;
  for (const char of pattern) {
    const next = new Array<boolean>(text.length + 1).fill(false);
    if (char === '*') {
      next[0] = row[0] ?? false;
      for (let index = 1; index <= text.length; index++) next[index] = (row[index] ?? false) || (next[index - 1] ?? false);
    } else {
      for (let index = 1; index <= text.length; index++) {
        next[index] = (row[index - 1] ?? false) && (char === '?' || char === text[index - 1]);
      }
    }
    row = next;
  }
  return row[text.length] ?? false;
}

describe('IAM JSON policy elements: Resource — wildcards (* any run of characters, ? one character)', () => {
  it.each([
    ['*', '', true],
    ['*', 'anything', true],
    ['', '', true],
    ['', 'a', false],
    ['a*', 'a', true],
    ['a*', 'ba', false],
    ['*a', 'ba', true],
    ['*a*', '', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'abbbc', true],
    ['a*b*c', 'acb', false],
    ['**', '', true],
    ['?', '', false],
    ['user/*', 'user/', true],
    ['iam:Get*', 'iam:GetRole', true],
  ] as const)('%j against %j is %s', (pattern, text, expected) => {
    expect(matchWildcard(pattern, text)).toBe(expected);
  });
  it('is case-sensitive unless asked (actions are case-insensitive)', () => {
    expect(matchWildcard('IAM:get*', 'iam:GetRole')).toBe(false);
    expect(matchWildcard('IAM:get*', 'iam:GetRole', { ignoreCase: true })).toBe(true);
  });
  it('hasWildcard', () => {
    expect(hasWildcard('a*')).toBe(true);
    expect(hasWildcard('a?')).toBe(true);
    expect(hasWildcard('abc')).toBe(false);
  });
});

describe('IAM JSON policy elements: Resource — wildcards on pathological patterns stay linear (policy text is untrusted)', () => {
  const text = 'a'.repeat(10_000);
  it.each([
    ['*a*a*a*a*a*a*a*a*b', text, false],
    ['*a*a*a*a*a*a*a*a*a', text, true],
    ['*a*a*a*a*a*a*a*a*b', `${text}b`, true],
    ['a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*c', text, false],
    ['*?*?*?*?*?*?*?*?*?*?*b', text, false],
    [`*${'?'.repeat(50)}b`, text, false],
    [`*${'a'.repeat(100)}b*`, text, false],
    ['*'.repeat(1000) + 'b', text, false],
  ])('%s against a 10,000-character string', (pattern, input, expected) => {
    const start = performance.now();
    const result = matchWildcard(pattern, input);
    const elapsed = performance.now() - start;
    expect(result).toBe(expected);
    expect(elapsed).toBeLessThan(50);
  });
});

describe('IAM JSON policy elements: Resource — wildcards agree with a reference matcher (property tests)', () => {
  const small = (alphabet: string[]) => fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((chars) => chars.join(''));
  it('on random patterns over a small alphabet', () => {
    fc.assert(
      fc.property(small(['a', 'b', '*', '?']), small(['a', 'b']), (pattern, text) => {
        expect(matchWildcard(pattern, text)).toBe(referenceGlob(pattern, text));
      }),
      { numRuns: 5000 },
    );
  });
  it('on text that may itself contain * and ?', () => {
    fc.assert(
      fc.property(small(['a', '*', '?']), small(['a', '*', '?']), (pattern, text) => {
        expect(matchWildcard(pattern, text)).toBe(referenceGlob(pattern, text));
      }),
      { numRuns: 5000 },
    );
  });
  it('ignoreCase equals matching lower-cased ASCII', () => {
    fc.assert(
      fc.property(small(['a', 'B', '*', '?']), small(['A', 'b']), (pattern, text) => {
        expect(matchWildcard(pattern, text, { ignoreCase: true })).toBe(referenceGlob(pattern.toLowerCase(), text.toLowerCase()));
      }),
      { numRuns: 2000 },
    );
  });
});
