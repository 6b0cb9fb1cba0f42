import { describe, expect, it } from 'vitest';
import { openBundledCatalog } from '../../src/catalog/bundled.js';
import { checkPolicyNames } from '../../src/catalog/check-policy-names.js';
import { parsePolicy } from '../../src/language/parse/parse-policy.js';

const parsed = (actions: string[]) => {
  const { policy } = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, 'identity', { file: 'p.json' });
  if (!policy) throw new Error('invalid test policy');
  return policy;
};

describe('Service Authorization Reference — actions a policy names', () => {
  it('an unknown action is a warning with the closest real names', async () => {
    const findings = await checkPolicyNames(await openBundledCatalog(), [parsed(['s3:GetObjects'])]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'ACTION_UNKNOWN',
        message: expect.stringMatching(/^"s3:GetObjects" is not an action of s3; did you mean s3:GetObject\b/),
        location: { file: 'p.json', path: 'Statement[0].Action', policyId: 'p.json' },
        // The name and its closest real names, so an explanation can link the typo to its statement.
        name: { written: 's3:GetObjects', closest: expect.arrayContaining(['s3:GetObject']) },
      },
    ]);
  });
  it('an unknown service, and a wildcard that matches no action, are warnings too', async () => {
    const findings = await checkPolicyNames(await openBundledCatalog(), [parsed(['sss:GetObject', 's3:Lsit*'])]);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/^"sss:GetObject" names no known service/), '"s3:Lsit*" matches no action of s3']);
  });
  it('real actions, wildcards that match, "*" and service wildcards pass', async () => {
    expect(await checkPolicyNames(await openBundledCatalog(), [parsed(['s3:GetObject', 'S3:get*', '*', 'ec2:Describe*', '*:Get*'])])).toEqual([]);
  });
});

describe('AWS global condition context keys / Service Authorization Reference — condition keys a policy names', () => {
  const withConditions = (condition: object) => {
    const { policy } = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condition: condition }] }, 'identity', { file: 'c.json' });
    if (!policy) throw new Error('invalid test policy');
    return policy;
  };
  it('an unknown global key is a warning with the closest real keys', async () => {
    const findings = await checkPolicyNames(await openBundledCatalog(), [withConditions({ StringEquals: { 'aws:SourceVcp': 'vpc-1' } })]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'CONDITION_KEY_UNKNOWN',
        message: expect.stringMatching(/^"aws:SourceVcp" is not a global condition key; did you mean aws:SourceVpc\b/),
        location: { file: 'c.json', path: 'Statement[0].Condition.StringEquals.aws:SourceVcp', policyId: 'c.json' },
      },
    ]);
  });
  it('an unknown service key and an unknown service are warnings', async () => {
    const findings = await checkPolicyNames(await openBundledCatalog(), [withConditions({ StringLike: { 's3:prefx': 'a/*', 'zz:Thing': 'x' } })]);
    expect(findings.map((finding) => finding.message)).toEqual(['"s3:prefx" is not a condition key of s3', '"zz:Thing" names no known service']);
  });
  it('real keys pass, whatever their case, with tag-key and other variable parts', async () => {
    const findings = await checkPolicyNames(await openBundledCatalog(), [
      withConditions({ StringEquals: { 'AWS:SourceVpc': 'v', 'aws:PrincipalTag/team': 'x', 's3:prefix': 'p', 's3:ExistingObjectTag/env': 'e' }, Bool: { 'aws:MultiFactorAuthPresent': 'true' } }),
    ]);
    expect(findings).toEqual([]);
  });
});
