import { describe, expect, it } from 'vitest';
import { BASE_OPERATORS } from '../../../src/language/conditions/operator-names.js';
import { describeOperatorCases, evaluateCase } from './harness.js';

/** Written out independently of the registry, from the operators page's tables ("Negated matching"). */
const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

/** A well-formed policy value for each family, so only the key's absence decides. */
function valueFor(operator: string): string {
  if (operator.startsWith('Numeric')) return '1';
  if (operator.startsWith('Date')) return '2020-01-01T00:00:00Z';
  if (operator === 'Bool') return 'true';
  if (operator === 'BinaryEquals') return 'aGk=';
  if (operator.includes('IpAddress')) return '10.0.0.0/8';
  if (operator.startsWith('Arn')) return 'arn:aws:s3:::b';
  return 'x';
}

const valueOperators = BASE_OPERATORS.filter((operator) => operator !== 'Null');

describe('Condition operators — Important: a key not present in the request context', () => {
  it.each(valueOperators.filter((operator) => !NEGATED.has(operator)))('%s: the values do not match and the condition is false', (operator) => {
    const evaluation = evaluateCase({ name: '', operator, key: 'test:Absent', policyValues: [valueFor(operator)], expected: false });
    expect([evaluation.matched, evaluation.reason, evaluation.keyMissing]).toEqual([false, 'key-missing', true]);
  });
  it.each([...NEGATED])('%s: "the key is not matched … and the right key is not present, the condition is true"', (operator) => {
    const evaluation = evaluateCase({ name: '', operator, key: 'test:Absent', policyValues: [valueFor(operator)], expected: true });
    expect([evaluation.matched, evaluation.reason, evaluation.negated]).toEqual([true, 'key-missing-negated', true]);
  });
  it.each(valueOperators)('%sIfExists: "If the key is not present, evaluate the condition element as true"', (operator) => {
    const evaluation = evaluateCase({ name: '', operator: `${operator}IfExists`, key: 'test:Absent', policyValues: [valueFor(operator)], expected: true });
    expect([evaluation.matched, evaluation.reason, evaluation.ifExists]).toEqual([true, 'key-missing-ifexists', true]);
  });
  it('the negated operators are exactly the registry\'s negated entries', () => {
    for (const operator of valueOperators) {
      const evaluation = evaluateCase({ name: '', operator, key: 'k', policyValues: [valueFor(operator)], context: { k: valueFor(operator) }, expected: true });
      expect(evaluation.negated, operator).toBe(NEGATED.has(operator));
    }
  });
});

describeOperatorCases('Condition operators — ...IfExists condition operators (example table)', [
  { name: 't1.micro is like t1.*', operator: 'StringLikeIfExists', key: 'ec2:InstanceType', policyValues: ['t1.*', 't2.*', 'm3.*'], context: { 'ec2:InstanceType': 't1.micro' }, expected: true, reason: 'matched' },
  { name: 'm2.micro is like none', operator: 'StringLikeIfExists', key: 'ec2:InstanceType', policyValues: ['t1.*', 't2.*', 'm3.*'], context: { 'ec2:InstanceType': 'm2.micro' }, expected: false, reason: 'no-value-matched' },
  { name: 'no ec2:InstanceType in the request: Match', operator: 'StringLikeIfExists', key: 'ec2:InstanceType', policyValues: ['t1.*', 't2.*', 'm3.*'], expected: true, reason: 'key-missing-ifexists' },
  { name: 'BoolIfExists false with MFA key absent: true (the Deny applies)', operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', policyValues: ['false'], expected: true },
  { name: 'BoolIfExists false with MFA present true: false', operator: 'BoolIfExists', key: 'aws:MultiFactorAuthPresent', policyValues: ['false'], context: { 'aws:MultiFactorAuthPresent': 'true' }, expected: false },
  { name: 'StringNotEqualsIfExists with the key absent: true, so a Deny still denies', operator: 'StringNotEqualsIfExists', key: 'aws:SourceVpc', policyValues: ['vpc-1'], expected: true, reason: 'key-missing-ifexists' },
  { name: 'IfExists on a set operator: key absent is true for ForAnyValue too (iamwhy reading of "any condition operator")', operator: 'ForAnyValue:StringEqualsIfExists', key: 'aws:TagKeys', policyValues: ['a'], expected: true, reason: 'key-missing-ifexists' },
  { name: 'operator names are case-insensitive (stringlikeifexists)', operator: 'stringlikeifexists', key: 'ec2:InstanceType', policyValues: ['t1.*'], context: { 'ec2:InstanceType': 't1.micro' }, expected: true },
]);

describeOperatorCases('Condition operators — an operator AWS does not define never matches (fail closed)', [
  { name: 'a misspelt operator', operator: 'StringEqual', key: 'aws:username', policyValues: ['ana'], context: { 'aws:username': 'ana' }, expected: false, reason: 'unknown-operator' },
  { name: 'an unknown set operator', operator: 'ForSomeValues:StringEquals', key: 'aws:username', policyValues: ['ana'], context: { 'aws:username': 'ana' }, expected: false, reason: 'unknown-operator' },
  { name: 'an unknown negated operator is not true on a missing key', operator: 'StringNotEqual', key: 'aws:username', policyValues: ['ana'], expected: false, reason: 'unknown-operator' },
]);
