import { describeOperatorCases } from './harness.js';

const SOURCE = 'aws:SourceArn';
const TOPIC = 'arn:aws:sns:us-west-2:123456789012:TOPIC-ID';

describeOperatorCases('Condition operators — Amazon Resource Name (ARN) condition operators (example table)', [
  { name: 'the same ARN matches', operator: 'ArnEquals', key: SOURCE, policyValues: [TOPIC], context: { [SOURCE]: TOPIC }, expected: true },
  { name: 'another account does not match', operator: 'ArnEquals', key: SOURCE, policyValues: [TOPIC], context: { [SOURCE]: 'arn:aws:sns:us-west-2:777788889999:TOPIC-ID' }, expected: false },
  { name: 'no aws:SourceArn in the request: no match', operator: 'ArnEquals', key: SOURCE, policyValues: [TOPIC], expected: false, reason: 'key-missing' },
]);

describeOperatorCases('Condition operators — ARN condition operators: each of the six components checked separately', [
  { name: 'ArnLike with a wildcard region', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:sns:*:123456789012:TOPIC-ID'], context: { [SOURCE]: TOPIC }, expected: true },
  { name: 'ArnEquals and ArnLike behave identically: wildcards work in ArnEquals', operator: 'ArnEquals', key: SOURCE, policyValues: ['arn:aws:sns:*:123456789012:TOPIC-*'], context: { [SOURCE]: TOPIC }, expected: true },
  { name: 'matching is case-sensitive', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:sns:us-west-2:123456789012:topic-id'], context: { [SOURCE]: TOPIC }, expected: false },
  { name: '* in one component does not reach into the next one', operator: 'ArnLike', key: 'aws:PrincipalArn', policyValues: ['arn:aws:iam:*:123456789012:role/x'], context: { 'aws:PrincipalArn': 'arn:aws:iam:us-east-1:x:123456789012:role/x' }, expected: false },
  { name: 'the resource component keeps its colons', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:logs:us-east-1:123456789012:log-group:app:*'], context: { [SOURCE]: 'arn:aws:logs:us-east-1:123456789012:log-group:app:log-stream:s1' }, expected: true },
  { name: '? matches one character within a component', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:sns:us-west-?:123456789012:TOPIC-ID'], context: { [SOURCE]: TOPIC }, expected: true },
  { name: 'a context value that is not an ARN does not match an ARN pattern', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:sns:*:*:*'], context: { [SOURCE]: 'TOPIC-ID' }, expected: false },
  { name: 'ArnNotEquals: another ARN is true', operator: 'ArnNotEquals', key: SOURCE, policyValues: ['arn:aws:sns:us-west-2:777788889999:TOPIC-ID'], context: { [SOURCE]: TOPIC }, expected: true },
  { name: 'ArnNotLike: a matching pattern is false', operator: 'ArnNotLike', key: SOURCE, policyValues: ['arn:aws:sns:*:123456789012:*'], context: { [SOURCE]: TOPIC }, expected: false },
  { name: 'ArnNotLike and ArnNotEquals behave identically (wildcards)', operator: 'ArnNotEquals', key: SOURCE, policyValues: ['arn:aws:sns:*:123456789012:*'], context: { [SOURCE]: TOPIC }, expected: false },
  { name: 'ArnNotLike, key absent: true', operator: 'ArnNotLike', key: SOURCE, policyValues: ['arn:aws:sns:*:*:*'], expected: true, reason: 'key-missing-negated' },
  { name: 'a substituted value in the account component', operator: 'ArnEquals', key: SOURCE, policyValues: ['arn:aws:sns:us-west-2:${aws:PrincipalAccount}:TOPIC-ID'], context: { [SOURCE]: TOPIC, 'aws:PrincipalAccount': '123456789012' }, expected: true },
  { name: 'a substituted * is literal, not a wildcard', operator: 'ArnLike', key: SOURCE, policyValues: ['arn:aws:sns:us-west-2:123456789012:${aws:PrincipalTag/topic}'], context: { [SOURCE]: TOPIC, 'aws:PrincipalTag/topic': '*' }, expected: false },
]);
