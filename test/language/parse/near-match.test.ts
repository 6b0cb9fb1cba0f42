import { describe, expect, it } from 'vitest';
import { closestMatch, editDistance } from '../../../src/text/near-match.js';
import { suggestOperator } from '../../../src/language/parse/read-condition.js';

describe('did-you-mean suggestions', () => {
  it.each([
    ['StringEqual', 'StringEquals', 1],
    ['StirngLike', 'StringLike', 1],
    ['Principle', 'Principal', 2],
    ['', 'Action', 6],
    ['Action', 'Action', 0],
  ])('edit distance from %j to %j is %i', (left, right, distance) => {
    expect(editDistance(left, right)).toBe(distance);
  });

  it('suggests only plausible typos, ignoring case', () => {
    expect(closestMatch('Actions', ['Action', 'NotAction'])).toBe('Action');
    expect(closestMatch('effect', ['Effect'])).toBe('Effect');
    expect(closestMatch('Comment', ['Sid', 'Effect', 'Condition'])).toBeUndefined();
  });
});

describe('IAM JSON policy elements: Condition operators: suggestions for unknown operators', () => {
  it.each([
    ['StringEqual', 'StringEquals'],
    ['StringEqualsIfExist', 'StringEqualsIfExists'],
    ['ForAllValue:StringEquals', 'ForAllValues:StringEquals'],
    ['ForAnyValues:StringLikeIfExists', 'ForAnyValue:StringLikeIfExists'],
    ['NumericLessThen', 'NumericLessThan'],
    ['IPAddres', 'IpAddress'],
    ['NullIfExists', 'Null'],
    ['ForAnyValue:NullIfExists', 'ForAnyValue:Null'],
  ])('%s → %s', (written, suggested) => {
    expect(suggestOperator(written)).toBe(suggested);
  });

  it.each(['Whatever', 'Unknown:StringEquals'])('offers nothing for %s', (written) => {
    expect(suggestOperator(written)).toBeUndefined();
  });
});
