import { describe, expect, it } from 'vitest';
import { describeOperatorCases, evaluateCase } from './harness.js';

const TEAM_OBJECT = 's3:ExistingObjectTag/Team';

describeOperatorCases('IAM policy elements: Variables and tags — Policy variables with no value', [
  {
    name: 'StringEquals against a variable with no value does not match',
    operator: 'StringEquals',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}'],
    context: { [TEAM_OBJECT]: 'blue' },
    expected: false,
    reason: 'no-value-matched',
    unresolvedVariables: ['aws:PrincipalTag/Team'],
  },
  {
    name: 'StringNotEquals against a variable with no value matches (the Deny example applies)',
    operator: 'StringNotEquals',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}'],
    context: { [TEAM_OBJECT]: 'blue' },
    expected: true,
    reason: 'negated-no-value-matched',
    unresolvedVariables: ['aws:PrincipalTag/Team'],
  },
  {
    name: 'StringLike against a variable with no value does not match',
    operator: 'StringLike',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}*'],
    context: { [TEAM_OBJECT]: 'blue' },
    expected: false,
  },
  {
    name: 'StringNotLike against a variable with no value matches',
    operator: 'StringNotLike',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}*'],
    context: { [TEAM_OBJECT]: 'blue' },
    expected: true,
  },
  {
    name: 'other policy values of the same key still match',
    operator: 'StringEquals',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}', 'blue'],
    context: { [TEAM_OBJECT]: 'blue' },
    expected: true,
    matchedPolicyValue: 'blue',
  },
  {
    name: 'the Deny example does not apply when the principal tag equals the object tag',
    operator: 'StringNotEquals',
    key: TEAM_OBJECT,
    policyValues: ['${aws:PrincipalTag/Team}'],
    context: { [TEAM_OBJECT]: 'blue', 'aws:PrincipalTag/Team': 'blue' },
    expected: false,
    reason: 'negated-value-matched',
  },
]);

describeOperatorCases('IAM policy elements: Variables and tags — Using variables in policies', [
  {
    name: 's3:ExistingObjectTag/owner equals ${aws:PrincipalTag/owner}',
    operator: 'StringEquals',
    key: 's3:ExistingObjectTag/owner',
    policyValues: ['${aws:PrincipalTag/owner}'],
    context: { 's3:ExistingObjectTag/owner': 'ana', 'aws:PrincipalTag/owner': 'ana' },
    expected: true,
    matchedPolicyValue: 'ana',
  },
  {
    name: 'variable names are case-insensitive (${AWS:USERNAME})',
    operator: 'StringEquals',
    key: 'aws:ResourceTag/owner',
    policyValues: ['${AWS:USERNAME}'],
    context: { 'aws:ResourceTag/owner': 'ana', 'aws:username': 'ana' },
    expected: true,
  },
  {
    name: 'without Version 2012-10-17 a variable is literal text',
    operator: 'StringEquals',
    key: 'aws:ResourceTag/owner',
    policyValues: ['${aws:username}'],
    context: { 'aws:ResourceTag/owner': '${aws:username}', 'aws:username': 'ana' },
    version: '2008-10-17',
    expected: true,
  },
  {
    name: 'without a Version element a variable is literal text',
    operator: 'StringEquals',
    key: 'aws:ResourceTag/owner',
    policyValues: ['${aws:username}'],
    context: { 'aws:ResourceTag/owner': 'ana', 'aws:username': 'ana' },
    version: undefined,
    expected: false,
  },
  {
    name: 'a multivalued key cannot be used as a variable',
    operator: 'StringEquals',
    key: 'aws:ResourceTag/owner',
    policyValues: ['${aws:TagKeys}'],
    context: { 'aws:ResourceTag/owner': 'ana', 'aws:TagKeys': ['ana'] },
    expected: false,
    unresolvedVariables: ['aws:TagKeys'],
  },
  {
    name: 'ArnLike substitutes variables (ARN operators support them)',
    operator: 'ArnLike',
    key: 'aws:PrincipalArn',
    policyValues: ['arn:aws:iam::${aws:PrincipalAccount}:role/*'],
    context: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Dev', 'aws:PrincipalAccount': '111122223333' },
    expected: true,
  },
  {
    name: 'Bool substitutes variables ("Boolean condition operators": Policy variables Supported)',
    operator: 'Bool',
    key: 'aws:SecureTransport',
    policyValues: ['${aws:PrincipalTag/needs-tls}'],
    context: { 'aws:SecureTransport': 'true', 'aws:PrincipalTag/needs-tls': 'TRUE' },
    expected: true,
  },
]);

describeOperatorCases('IAM policy elements: Variables and tags — Special characters and default values', [
  {
    name: '${*} is a literal * in StringLike: it does not match abc',
    operator: 'StringLike',
    key: 's3:prefix',
    policyValues: ['a${*}'],
    context: { 's3:prefix': 'abc' },
    expected: false,
  },
  {
    name: '${*} is a literal * in StringLike: it matches a*',
    operator: 'StringLike',
    key: 's3:prefix',
    policyValues: ['a${*}'],
    context: { 's3:prefix': 'a*' },
    expected: true,
  },
  {
    name: '${?} is a literal ? in StringLike',
    operator: 'StringLike',
    key: 's3:prefix',
    policyValues: ['a${?}'],
    context: { 's3:prefix': 'ab' },
    expected: false,
  },
  {
    name: '${$} is a literal $',
    operator: 'StringEquals',
    key: 's3:prefix',
    policyValues: ['cost${$}'],
    context: { 's3:prefix': 'cost$' },
    expected: true,
  },
  {
    name: 'a substituted value containing * is literal in StringLike',
    operator: 'StringLike',
    key: 's3:prefix',
    policyValues: ['home/${aws:username}'],
    context: { 's3:prefix': 'home/anything', 'aws:username': '*' },
    expected: false,
  },
  {
    name: 'a substituted * still matches itself, and policy-written * stays a wildcard',
    operator: 'StringLike',
    key: 's3:prefix',
    policyValues: ['home/${aws:username}/*'],
    context: { 's3:prefix': 'home/*/docs', 'aws:username': '*' },
    expected: true,
  },
  {
    name: "the default is used when the key is absent: ${aws:PrincipalTag/team, 'company-wide'}",
    operator: 'StringEquals',
    key: 's3:prefix',
    policyValues: ["${aws:PrincipalTag/team, 'company-wide'}"],
    context: { 's3:prefix': 'company-wide' },
    expected: true,
    unresolvedVariables: [],
  },
  {
    name: 'the tag value wins over the default when present',
    operator: 'StringEquals',
    key: 's3:prefix',
    policyValues: ["${aws:PrincipalTag/team, 'company-wide'}"],
    context: { 's3:prefix': 'yellow', 'aws:PrincipalTag/team': 'yellow' },
    expected: true,
  },
]);

describe('IAM policy elements: Variables and tags — the trace records substitution', () => {
  it('policyValues shows values after substitution and policyValueDetails what was written', () => {
    const evaluation = evaluateCase({
      name: 'trace',
      operator: 'StringLike',
      key: 's3:prefix',
      policyValues: ['home/${aws:username}/*', 'x/${aws:PrincipalTag/none}'],
      context: { 's3:prefix': 'home/ana/a', 'aws:username': 'ana' },
      expected: true,
    });
    expect(evaluation.policyValues).toEqual(['home/ana/*', 'x/${aws:PrincipalTag/none}']);
    expect(evaluation.policyValueDetails[0]).toEqual({
      written: 'home/${aws:username}/*',
      value: 'home/ana/*',
      variables: [{ name: 'aws:username', resolved: true, value: 'ana' }],
    });
    expect(evaluation.policyValueDetails[1]?.value).toBeUndefined();
    expect(evaluation.unresolvedVariables).toEqual(['aws:PrincipalTag/none']);
  });
});
