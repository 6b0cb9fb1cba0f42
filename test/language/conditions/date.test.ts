import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../src/language/conditions/date.js';
import { describeOperatorCases } from './harness.js';

const ISSUED = 'aws:TokenIssueTime';
const NOW = 'aws:CurrentTime';
const EPOCH = 'aws:EpochTime';

describeOperatorCases('Condition operators — Date condition operators (DateGreaterThan example)', [
  { name: 'issued after 2020-01-01T00:00:01Z', operator: 'DateGreaterThan', key: ISSUED, policyValues: ['2020-01-01T00:00:01Z'], context: { [ISSUED]: '2020-06-01T12:00:00Z' }, expected: true },
  { name: 'issued before: no match', operator: 'DateGreaterThan', key: ISSUED, policyValues: ['2020-01-01T00:00:01Z'], context: { [ISSUED]: '2019-12-31T23:59:59Z' }, expected: false },
  { name: 'equal instant is not greater', operator: 'DateGreaterThan', key: ISSUED, policyValues: ['2020-01-01T00:00:01Z'], context: { [ISSUED]: '2020-01-01T00:00:01Z' }, expected: false },
  { name: 'no aws:TokenIssueTime (long-term credentials): no match', operator: 'DateGreaterThan', key: ISSUED, policyValues: ['2020-01-01T00:00:01Z'], expected: false, reason: 'key-missing' },
  { name: 'DateGreaterThanEquals at the same instant', operator: 'DateGreaterThanEquals', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: true },
  { name: 'DateLessThan before the limit', operator: 'DateLessThan', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2019-12-31T23:59:59Z' }, expected: true },
  { name: 'DateLessThan at the limit is false', operator: 'DateLessThan', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: false },
  { name: 'DateLessThanEquals at the limit', operator: 'DateLessThanEquals', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: true },
  { name: 'DateEquals compares instants across time zones', operator: 'DateEquals', key: NOW, policyValues: ['2020-01-01T01:00:00+01:00'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: true },
  { name: 'DateNotEquals: another instant', operator: 'DateNotEquals', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-02T00:00:00Z' }, expected: true },
  { name: 'DateNotEquals: same instant', operator: 'DateNotEquals', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-01T00:00:00.000Z' }, expected: false },
  { name: 'DateNotEquals, key absent: true', operator: 'DateNotEquals', key: ISSUED, policyValues: ['2020-01-01T00:00:00Z'], expected: true, reason: 'key-missing-negated' },
]);

describeOperatorCases('Condition operators — Date condition operators: ISO 8601 (W3C) and epoch (UNIX) time on both sides', [
  { name: 'epoch seconds in the context against an ISO policy value', operator: 'DateEquals', key: EPOCH, policyValues: ['2020-01-01T00:00:00Z'], context: { [EPOCH]: '1577836800' }, expected: true },
  { name: 'epoch seconds in the policy against an ISO context value', operator: 'DateLessThan', key: NOW, policyValues: ['1577836800'], context: { [NOW]: '2019-12-31T23:59:59Z' }, expected: true },
  { name: 'a date without time is midnight UTC', operator: 'DateEquals', key: NOW, policyValues: ['2020-01-01'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: true },
  { name: 'fractional seconds count', operator: 'DateGreaterThan', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: '2020-01-01T00:00:00.5Z' }, expected: true },
  { name: 'a context value that is no date: false (iamwhy decision)', operator: 'DateLessThan', key: NOW, policyValues: ['2020-01-01T00:00:00Z'], context: { [NOW]: 'yesterday' }, expected: false, reason: 'invalid-value' },
  { name: 'a policy value that is no date: the negated operator is false too', operator: 'DateNotEquals', key: NOW, policyValues: ['2020-02-30'], context: { [NOW]: '2020-01-01T00:00:00Z' }, expected: false, reason: 'invalid-value' },
  { name: 'policy variables are not supported in Date operators', operator: 'DateLessThan', key: NOW, policyValues: ['${aws:PrincipalTag/expires}'], context: { [NOW]: '2019-01-01T00:00:00Z', 'aws:PrincipalTag/expires': '2020-01-01T00:00:00Z' }, expected: false, reason: 'invalid-value' },
]);

describe('Condition operators — Date condition operators: reading dates', () => {
  it.each([
    ['2020-01-01T00:00:00Z', Date.UTC(2020, 0, 1)],
    ['2020-01-01T00:00Z', Date.UTC(2020, 0, 1)],
    ['2020-01-01T00:00:00.123Z', Date.UTC(2020, 0, 1, 0, 0, 0, 123)],
    ['2020-01-01T00:00:00.123456Z', Date.UTC(2020, 0, 1, 0, 0, 0, 123)],
    ['2020-01-01T05:30:00+05:30', Date.UTC(2020, 0, 1)],
    ['2019-12-31T19:00:00-05:00', Date.UTC(2020, 0, 1)],
    ['2020-01-01T00:00:00', Date.UTC(2020, 0, 1)],
    ['2020-01-01', Date.UTC(2020, 0, 1)],
    ['2020-02', Date.UTC(2020, 1, 1)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['1577836800', Date.UTC(2020, 0, 1)],
    ['1577836800.5', Date.UTC(2020, 0, 1) + 500],
    ['0', 0],
  ])('reads %s', (text, millis) => {
    expect(parseDate(text)).toBe(millis);
  });
  it.each(['', 'yesterday', '2020-13-01', '2023-02-29', '2020-01-01T24:00:00Z', '2020-01-01 00:00:00Z', '2020-1-1', '2020-01-01T00:00:00+0100', '1e9'])(
    'rejects %j',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});
