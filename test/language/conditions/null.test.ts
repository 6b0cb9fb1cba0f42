import { describeOperatorCases } from './harness.js';

const ISSUED = 'aws:TokenIssueTime';

describeOperatorCases('Condition operators — Condition operator to check existence of condition keys (Null)', [
  { name: 'false: the key exists (temporary credentials)', operator: 'Null', key: ISSUED, policyValues: ['false'], context: { [ISSUED]: '2020-01-01T00:00:00Z' }, expected: true, reason: 'null-key-present' },
  { name: 'false: the key is absent, no match', operator: 'Null', key: ISSUED, policyValues: ['false'], expected: false, reason: 'null-key-absent' },
  { name: 'true: the key is absent (it is null)', operator: 'Null', key: ISSUED, policyValues: ['true'], expected: true, reason: 'null-key-absent', matchedPolicyValue: 'true' },
  { name: 'true: the key exists, no match', operator: 'Null', key: ISSUED, policyValues: ['true'], context: { [ISSUED]: '2020-01-01T00:00:00Z' }, expected: false, reason: 'null-key-present' },
  { name: 'true/false are read case-insensitively', operator: 'Null', key: ISSUED, policyValues: ['TRUE'], expected: true },
  { name: 'a key with no values is absent', operator: 'Null', key: 'aws:TagKeys', policyValues: ['true'], context: { 'aws:TagKeys': [] }, expected: true },
  { name: 'an empty-string value is a value: the key is present', operator: 'Null', key: 'aws:RequestTag/x', policyValues: ['false'], context: { 'aws:RequestTag/x': '' }, expected: true },
  { name: 'a value other than true/false never matches (iamwhy decision)', operator: 'Null', key: ISSUED, policyValues: ['maybe'], expected: false, reason: 'invalid-value' },
  { name: 'You can not use a policy variable with the Null condition operator: ${…} is literal', operator: 'Null', key: ISSUED, policyValues: ['${aws:PrincipalTag/flag}'], context: { 'aws:PrincipalTag/flag': 'true' }, expected: false, reason: 'invalid-value' },
  { name: 'NullIfExists is not an operator AWS defines', operator: 'NullIfExists', key: ISSUED, policyValues: ['true'], expected: false, reason: 'unknown-operator' },
]);
