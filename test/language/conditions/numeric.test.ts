import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../../src/language/conditions/numeric.js';
import { describeOperatorCases } from './harness.js';

const MAX_KEYS = 's3:max-keys';

describeOperatorCases('Condition operators — Numeric condition operators', [
  { name: '10 <= 10', operator: 'NumericLessThanEquals', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '10' }, expected: true },
  { name: '11 > 10', operator: 'NumericLessThanEquals', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '11' }, expected: false },
  { name: 'key absent: no match', operator: 'NumericLessThanEquals', key: MAX_KEYS, policyValues: ['10'], expected: false, reason: 'key-missing' },
  { name: '9 < 10', operator: 'NumericLessThan', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '9' }, expected: true },
  { name: '10 is not < 10', operator: 'NumericLessThan', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '10' }, expected: false },
  { name: '11 > 10', operator: 'NumericGreaterThan', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '11' }, expected: true },
  { name: '10 is not > 10', operator: 'NumericGreaterThan', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '10' }, expected: false },
  { name: '10 >= 10', operator: 'NumericGreaterThanEquals', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '10' }, expected: true },
  { name: '9 is not >= 10', operator: 'NumericGreaterThanEquals', key: MAX_KEYS, policyValues: ['10'], context: { [MAX_KEYS]: '9' }, expected: false },
  { name: 'integer and decimal compare by value: 1 = 1.0', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['1.0'], context: { [MAX_KEYS]: '1' }, expected: true },
  { name: 'decimal: .5 = 0.5', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['0.5'], context: { [MAX_KEYS]: '.5' }, expected: true },
  { name: 'negative numbers: -1 < 0', operator: 'NumericLessThan', key: MAX_KEYS, policyValues: ['0'], context: { [MAX_KEYS]: '-1' }, expected: true },
  { name: 'several values OR-ed: 5 equals one of 1, 5', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['1', '5'], context: { [MAX_KEYS]: '5' }, expected: true, matchedPolicyValue: '5' },
  { name: 'NumericNotEquals: 6 is not 5', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['5'], context: { [MAX_KEYS]: '6' }, expected: true },
  { name: 'NumericNotEquals: 5.0 is 5', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['5'], context: { [MAX_KEYS]: '5.0' }, expected: false },
  { name: 'NumericNotEquals NOR: 5 is one of 1, 5', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['1', '5'], context: { [MAX_KEYS]: '5' }, expected: false },
  { name: 'NumericNotEquals, key absent: true', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['5'], expected: true, reason: 'key-missing-negated' },
]);

describeOperatorCases('Condition operators — Numeric condition operators: values that are not numbers (iamwhy decision)', [
  { name: 'a context value that is no number: false', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['5'], context: { [MAX_KEYS]: 'five' }, expected: false, reason: 'invalid-value' },
  { name: 'a context value that is no number: the negated operator is false too', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['5'], context: { [MAX_KEYS]: 'five' }, expected: false, reason: 'invalid-value' },
  { name: 'a policy value that is no number never matches; the valid one decides', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['abc', '5'], context: { [MAX_KEYS]: '5' }, expected: true, matchedPolicyValue: '5' },
  { name: 'NumericNotEquals with one valid policy value decides on it', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['abc', '5'], context: { [MAX_KEYS]: '6' }, expected: true },
  { name: 'NumericNotEquals with only invalid policy values: false', operator: 'NumericNotEquals', key: MAX_KEYS, policyValues: ['abc'], context: { [MAX_KEYS]: '6' }, expected: false, reason: 'invalid-value' },
  { name: 'policy variables are not supported: ${…} stays literal and is no number', operator: 'NumericEquals', key: MAX_KEYS, policyValues: ['${aws:PrincipalTag/limit}'], context: { [MAX_KEYS]: '5', 'aws:PrincipalTag/limit': '5' }, expected: false, reason: 'invalid-value' },
]);

describe('Condition operators — Numeric condition operators: reading numbers ("integer or decimal value")', () => {
  it.each([
    ['10', 10],
    ['-3', -3],
    ['+3', 3],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['1e3', 1000],
  ])('reads %s as %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });
  it.each(['', ' 1', '1 ', '0x10', 'Infinity', 'NaN', '1,000', 'abc', '1e999'])('rejects %j', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});
