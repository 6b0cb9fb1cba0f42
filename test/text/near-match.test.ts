import fc from 'fast-check';
import { propertyRuns } from '../support/properties.js';
import { describe, expect, it } from 'vitest';
import { closestMatch, closestMatches, didYouMeanClosest, editDistance, typoAllowance } from '../../src/text/near-match.js';

const byName = (name: string): string => name;

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('tgas', 'tags')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('compares case-insensitively when asked', () => {
    expect(editDistance('S3', 's3')).toBe(1);
    expect(editDistance('S3', 's3', { ignoreCase: true })).toBe(0);
  });

  it('stops at the cut-off with max + 1', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('kitten', 'sitting', { max: 3 })).toBe(3);
    expect(editDistance('kitten', 'sitting', { max: 2 })).toBe(3);
    expect(editDistance('kitten', 'sitting', { max: 1 })).toBe(2);
    expect(editDistance('a', 'abcdef', { max: 2 })).toBe(3);
    expect(editDistance('abcdef', 'uvwxyz', { max: 0 })).toBe(1);
  });

  it('agrees with and without a cut-off up to the cut-off', () => {
    const words = ['', 'a', 'ab', 'ba', 'abc', 'acb', 'GetObject', 'GetObjcet', 'getobjects', 'PutObject', 'Object'];
    for (const left of words) {
      for (const right of words) {
        const full = editDistance(left, right);
        for (const max of [0, 1, 2, 3]) expect(editDistance(left, right, { max })).toBe(Math.min(full, max + 1));
      }
    }
  });
});

describe('closestMatches', () => {
  it('keeps plausible typos only, best first, ties in the given order', () => {
    expect(typoAllowance('Actions')).toBe(2);
    expect(closestMatches('Actoin', ['NotAction', 'Action', 'Condition'], byName)).toEqual(['Action']);
    expect(closestMatches('cat', ['bat', 'act', 'cart', 'dog'], byName)).toEqual(['bat', 'act', 'cart']);
  });

  it('takes a maximum distance and a limit', () => {
    expect(closestMatches('abcdef', ['abcxyz', 'abcdxf'], byName, { maxDistance: 3 })).toEqual(['abcdxf', 'abcxyz']);
    expect(closestMatches('abcdef', ['abcxyz', 'abcdxf'], byName, { maxDistance: 3, limit: 1 })).toEqual(['abcdxf']);
  });

  it('takes names that extend or contain what was typed when asked', () => {
    const actions = ['GetObjectAcl', 'GetObject', 'PutObject'];
    expect(closestMatches('GetObj', actions, byName)).toEqual([]);
    expect(closestMatches('GetObj', actions, byName, { related: 'prefix' })).toEqual(['GetObject', 'GetObjectAcl']);
    expect(closestMatches('s3api', ['sqs', 's3'], byName, { related: 'prefix' })).toEqual(['s3']);
    expect(closestMatches('runner', ['ci-runner', 'ci'], byName, { related: 'prefix' })).toEqual([]);
    expect(closestMatches('runner', ['ci-runner', 'ci'], byName, { related: 'substring' })).toEqual(['ci-runner']);
  });

  it('works on any candidate through nameOf', () => {
    const entities = [{ name: 'alice' }, { name: 'bob' }];
    expect(closestMatches('ALCIE', entities, (entity) => entity.name)).toEqual([{ name: 'alice' }]);
  });

  it('closestMatch and didYouMeanClosest give the one best', () => {
    expect(closestMatch('Efect', ['Effect', 'Sid'])).toBe('Effect');
    expect(didYouMeanClosest('Efect', ['Effect', 'Sid'])).toBe('did you mean "Effect"?');
    expect(didYouMeanClosest('Comment', ['Sid'])).toBeUndefined();
  });
});

describe('did you mean, bounded', () => {
  it('gives no suggestion for, and never suggests, a 60,000-character name (two of them took seconds)', () => {
    const typed = `${'x'.repeat(59_999)}a`;
    const started = performance.now();
    expect(closestMatches(typed, [`${'x'.repeat(59_999)}b`, 'alice'], byName)).toEqual([]);
    expect(closestMatches('alice', [`${'x'.repeat(60_000)}`, 'alicee'], byName)).toEqual(['alicee']);
    // Generous: now microseconds.
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('with a cut-off only the band around the diagonal is computed: length × (2·max + 1)', () => {
    const started = performance.now();
    expect(editDistance('a'.repeat(20_000), 'b'.repeat(20_000), { max: 50 })).toBe(51);
    expect(editDistance(`${'a'.repeat(20_000)}`, `${'a'.repeat(19_990)}bbbbbbbbbb`, { max: 50 })).toBe(10);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('banded and full tables agree up to the cut-off on random words', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 12 }), fc.nat(6), (left, right, max) => {
        expect(editDistance(left, right, { max })).toBe(Math.min(editDistance(left, right), max + 1));
      }),
      propertyRuns(2000),
    );
  });
});
