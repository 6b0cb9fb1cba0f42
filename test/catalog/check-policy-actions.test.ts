import { describe, expect, it } from 'vitest';
import { openBundledCatalog } from '../../src/catalog/bundled.js';
import { checkPolicyActions } from '../../src/catalog/check-policy-actions.js';
import { parsePolicy } from '../../src/language/parse/parse-policy.js';

const parsed = (actions: string[]) => {
  const { policy } = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, 'identity', { file: 'p.json' });
  if (!policy) throw new Error('invalid test policy');
  return policy;
};

describe('Service Authorization Reference — actions a policy names', () => {
  it('an unknown action is a warning with the closest real names', async () => {
    const findings = await checkPolicyActions(await openBundledCatalog(), [parsed(['s3:GetObjects'])]);
    expect(findings).toEqual([
      {
        severity: 'warning',
        code: 'ACTION_UNKNOWN',
        message: expect.stringMatching(/^"s3:GetObjects" is not an action of s3; did you mean s3:GetObject\b/),
        location: { file: 'p.json', path: 'Statement[0].Action' },
      },
    ]);
  });
  it('an unknown service, and a wildcard that matches no action, are warnings too', async () => {
    const findings = await checkPolicyActions(await openBundledCatalog(), [parsed(['sss:GetObject', 's3:Lsit*'])]);
    expect(findings.map((finding) => finding.message)).toEqual([expect.stringMatching(/^"sss:GetObject" names no known service/), '"s3:Lsit*" matches no action of s3']);
  });
  it('real actions, wildcards that match, "*" and service wildcards pass', async () => {
    expect(await checkPolicyActions(await openBundledCatalog(), [parsed(['s3:GetObject', 'S3:get*', '*', 'ec2:Describe*', '*:Get*'])])).toEqual([]);
  });
});
