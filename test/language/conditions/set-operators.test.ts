import { describe, expect, it } from 'vitest';
import { evaluateConditionBlock } from '../../../src/language/conditions/evaluate.js';
import { clauseOf, contextOf, describeOperatorCases, evaluateCase } from './harness.js';

const TAG_KEYS = 'aws:TagKeys';
const ALLOWED = ['environment', 'cost-center'];

describeOperatorCases('Single-valued vs. multivalued context keys — ForAllValues (example table)', [
  { name: 'environment only', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment'] }, expected: true, reason: 'all-values-satisfied' },
  { name: 'cost-center only', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['cost-center'] }, expected: true },
  { name: 'environment and cost-center', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment', 'cost-center'] }, expected: true },
  { name: 'environment and dept: dept is not allowed', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment', 'dept'] }, expected: false, reason: 'some-value-unsatisfied' },
  { name: 'no aws:TagKeys in the request: true ("also returns true if there are no context keys")', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, expected: true, reason: 'key-missing-for-all-values' },
  { name: 'a key with no values counts as missing', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: [] }, expected: true, reason: 'key-missing-for-all-values' },
  { name: 'an empty string is a null dataset: true', operator: 'ForAllValues:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: [''] }, expected: true, reason: 'empty-set-for-all-values' },
  { name: 'StringLike patterns per value', operator: 'ForAllValues:StringLike', key: 'dynamodb:Attributes', policyValues: ['Post*', 'Message'], context: { 'dynamodb:Attributes': ['PostDateTime', 'Message'] }, expected: true },
  { name: 'StringLike: UserName matches no pattern', operator: 'ForAllValues:StringLike', key: 'dynamodb:Attributes', policyValues: ['PostDateTime', 'Message', 'Tags'], context: { 'dynamodb:Attributes': ['PostDateTime', 'UserName'] }, expected: false },
]);

describeOperatorCases('Single-valued vs. multivalued context keys — ForAnyValue (example table)', [
  { name: 'environment', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment'] }, expected: true, reason: 'some-value-satisfied', matchedPolicyValue: 'environment' },
  { name: 'cost-center', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['cost-center'] }, expected: true },
  { name: 'environment and cost-center', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment', 'cost-center'] }, expected: true },
  { name: 'environment and dept: one match is enough', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['environment', 'dept'] }, expected: true },
  { name: 'dept only', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, context: { [TAG_KEYS]: ['dept'] }, expected: false, reason: 'no-value-satisfied' },
  { name: 'no aws:TagKeys in the request: false', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ALLOWED, expected: false, reason: 'key-missing' },
  { name: 'an empty string is a null dataset: false', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: [''], context: { [TAG_KEYS]: [''] }, expected: false, reason: 'empty-set-for-any-value' },
  { name: 'ForAnyValue comparison is case sensitive (Environment vs environment)', operator: 'ForAnyValue:StringEquals', key: TAG_KEYS, policyValues: ['environment'], context: { [TAG_KEYS]: ['Environment'] }, expected: false },
  { name: 'a set operator on a key with one value treats it as a set of one', operator: 'ForAnyValue:StringEquals', key: 'aws:CalledVia', policyValues: ['dynamodb.amazonaws.com'], context: { 'aws:CalledVia': 'dynamodb.amazonaws.com' }, expected: true },
]);

describeOperatorCases('Condition operators — Multivalued string condition operators (negated set operators)', [
  { name: 'ForAllValues:StringNotEquals — none of the request values may match: true', operator: 'ForAllValues:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass', 'Owner'], context: { [TAG_KEYS]: ['Dept'] }, expected: true, reason: 'all-values-satisfied' },
  { name: 'ForAllValues:StringNotEquals — one request value matches: false', operator: 'ForAllValues:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass', 'Owner'], context: { [TAG_KEYS]: ['DataClass', 'Dept'] }, expected: false, reason: 'some-value-unsatisfied', matchedPolicyValue: 'DataClass' },
  { name: 'ForAllValues:StringNotEquals — key absent: true', operator: 'ForAllValues:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass'], expected: true, reason: 'key-missing-for-all-values' },
  { name: 'ForAnyValue:StringNotEquals — at least one request value matches none: true', operator: 'ForAnyValue:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass', 'Owner'], context: { [TAG_KEYS]: ['DataClass', 'Dept'] }, expected: true, reason: 'some-value-satisfied' },
  { name: 'ForAnyValue:StringNotEquals — every request value matches: false', operator: 'ForAnyValue:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass', 'Owner'], context: { [TAG_KEYS]: ['DataClass', 'Owner'] }, expected: false, reason: 'no-value-satisfied' },
  { name: 'ForAnyValue:StringNotEquals — key absent: false', operator: 'ForAnyValue:StringNotEquals', key: TAG_KEYS, policyValues: ['DataClass'], expected: false, reason: 'key-missing' },
  { name: 'ForAllValues:StringNotLike — no request value is like a pattern: true', operator: 'ForAllValues:StringNotLike', key: 'aws:ResourceOrgPaths', policyValues: ['o-acorg/r-acroot/ou-acroot-sportsou/*'], context: { 'aws:ResourceOrgPaths': ['o-acorg/r-acroot/ou-acroot-mediaou/costcenter/'] }, expected: true },
  { name: 'ForAllValues:StringNotLike — a request value is like a pattern: false', operator: 'ForAllValues:StringNotLike', key: 'aws:ResourceOrgPaths', policyValues: ['o-acorg/r-acroot/ou-acroot-sportsou/*'], context: { 'aws:ResourceOrgPaths': ['o-acorg/r-acroot/ou-acroot-sportsou/costcenter/'] }, expected: false },
]);

const LOG_SOURCES = 'logs:LogGeneratingResourceArns';
const DISTRIBUTIONS = ['arn:aws:cloudfront::123456789012:distribution/*', 'arn:aws:cloudfront::123456789012:distribution/support*'];

describeOperatorCases('Condition operators — Multivalued ARN condition operators (ForAllValues:ArnLike example)', [
  { name: 'one ARN in the account', operator: 'ForAllValues:ArnLike', key: LOG_SOURCES, policyValues: DISTRIBUTIONS, context: { [LOG_SOURCES]: ['arn:aws:cloudfront::123456789012:distribution/costcenter'] }, expected: true },
  { name: 'two ARNs in the account', operator: 'ForAllValues:ArnLike', key: LOG_SOURCES, policyValues: DISTRIBUTIONS, context: { [LOG_SOURCES]: ['arn:aws:cloudfront::123456789012:distribution/costcenter', 'arn:aws:cloudfront::123456789012:distribution/support2025'] }, expected: true },
  { name: 'an ARN of another account', operator: 'ForAllValues:ArnLike', key: LOG_SOURCES, policyValues: DISTRIBUTIONS, context: { [LOG_SOURCES]: ['arn:aws:cloudfront::777788889999:distribution/costcenter'] }, expected: false },
  { name: 'no key in the request: Match', operator: 'ForAllValues:ArnLike', key: LOG_SOURCES, policyValues: DISTRIBUTIONS, expected: true },
  { name: 'ForAnyValue:ArnNotLike — one ARN outside the account: true', operator: 'ForAnyValue:ArnNotLike', key: LOG_SOURCES, policyValues: DISTRIBUTIONS, context: { [LOG_SOURCES]: ['arn:aws:cloudfront::123456789012:distribution/a', 'arn:aws:cloudfront::777788889999:distribution/b'] }, expected: true },
]);

describeOperatorCases('Condition operators — Boolean condition operators (ForAllValues:Bool, ForAnyValue:Bool)', [
  { name: 'ForAllValues:Bool — all booleans match', operator: 'ForAllValues:Bool', key: 'test:Flags', policyValues: ['true'], context: { 'test:Flags': ['true', 'TRUE'] }, expected: true },
  { name: 'ForAllValues:Bool — one false', operator: 'ForAllValues:Bool', key: 'test:Flags', policyValues: ['true'], context: { 'test:Flags': ['true', 'false'] }, expected: false },
  { name: 'ForAnyValue:Bool — one true', operator: 'ForAnyValue:Bool', key: 'test:Flags', policyValues: ['true'], context: { 'test:Flags': ['false', 'true'] }, expected: true },
  { name: 'ForAllValues with a value that does not coerce: that value is not satisfied', operator: 'ForAllValues:NumericLessThan', key: 'test:Sizes', policyValues: ['10'], context: { 'test:Sizes': ['1', 'big'] }, expected: false, reason: 'some-value-unsatisfied' },
  { name: 'set operator where no value coerces: invalid-value', operator: 'ForAnyValue:NumericLessThan', key: 'test:Sizes', policyValues: ['10'], context: { 'test:Sizes': ['big', 'huge'] }, expected: false, reason: 'invalid-value' },
]);

describeOperatorCases('Single-valued vs. multivalued context keys — "Multivalued context keys require a condition set operator" (iamwhy decision: false)', [
  { name: 'StringEquals against two values: false', operator: 'StringEquals', key: 'aws:CalledVia', policyValues: ['athena.amazonaws.com'], context: { 'aws:CalledVia': ['athena.amazonaws.com', 'kms.amazonaws.com'] }, expected: false, reason: 'multivalued-without-set-operator' },
  { name: 'StringNotEquals against two values: false as well', operator: 'StringNotEquals', key: 'aws:CalledVia', policyValues: ['s3.amazonaws.com'], context: { 'aws:CalledVia': ['athena.amazonaws.com', 'kms.amazonaws.com'] }, expected: false, reason: 'multivalued-without-set-operator' },
  { name: 'IfExists does not rescue a present multivalued key', operator: 'StringEqualsIfExists', key: 'aws:CalledVia', policyValues: ['athena.amazonaws.com'], context: { 'aws:CalledVia': ['athena.amazonaws.com', 'kms.amazonaws.com'] }, expected: false, reason: 'multivalued-without-set-operator' },
  { name: 'a multivalued key carrying one value compares normally', operator: 'StringEquals', key: 'aws:CalledVia', policyValues: ['athena.amazonaws.com'], context: { 'aws:CalledVia': ['athena.amazonaws.com'] }, expected: true, reason: 'matched' },
]);

describe('Single-valued vs. multivalued context keys — ForAllValues with a Null check (example policy)', () => {
  const block = [
    clauseOf('ForAllValues:StringEquals', TAG_KEYS, ALLOWED),
    clauseOf('Null', TAG_KEYS, ['false']),
  ];
  it('no aws:TagKeys in the request: the Null check prevents the match', () => {
    const result = evaluateConditionBlock(block, contextOf({}), '2012-10-17');
    expect(result.matched).toBe(false);
    expect(result.conditions.map((condition) => condition.matched)).toEqual([true, false]);
  });
  it('environment only: match', () => {
    expect(evaluateConditionBlock(block, contextOf({ [TAG_KEYS]: ['environment'] }), '2012-10-17').matched).toBe(true);
  });
});

describe('Single-valued vs. multivalued context keys — the trace shows each context value', () => {
  it('ForAllValues lists the value that failed and what each value matched', () => {
    const evaluation = evaluateCase({
      name: 'trace',
      operator: 'ForAllValues:StringEquals',
      key: TAG_KEYS,
      policyValues: ALLOWED,
      context: { [TAG_KEYS]: ['environment', 'dept'] },
      expected: false,
    });
    expect(evaluation.valueResults).toEqual([
      { contextValue: 'environment', satisfied: true, matchedPolicyValue: 'environment' },
      { contextValue: 'dept', satisfied: false },
    ]);
    expect(evaluation.setOperator).toBe('ForAllValues');
    expect(evaluation.contextValues).toEqual(['environment', 'dept']);
  });
});
