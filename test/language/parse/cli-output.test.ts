/**
 * Policies as the AWS CLI prints them (the outputs of the read commands, see the
 * AWS CLI Command Reference for each): the policy inside is read as if given
 * alone, whether it is an object, a JSON string or a URL-encoded string.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../src/language/parse/parse-policy.js';

const DOCUMENT = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] };
const IDENTITY = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*' }] };
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const SCP = { Version: '2012-10-17', Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
const asString = (value: object): string => JSON.stringify(value);
const pretty = (value: object): string => JSON.stringify(value, null, 2);

describe('AWS CLI command output accepted wherever a policy is', () => {
  const cases: Array<[string, object, 'identity' | 'resource' | 'kms-key' | 'trust' | 'scp' | 'rcp', string]> = [
    ['aws s3api get-bucket-policy (a JSON string)', { Policy: asString(DOCUMENT) }, 'resource', 'Read'],
    ['aws kms get-key-policy (Policy and PolicyName)', { Policy: pretty(DOCUMENT), PolicyName: 'default' }, 'kms-key', 'Read'],
    ['aws lambda get-policy (Policy and RevisionId)', { Policy: asString(DOCUMENT), RevisionId: '3f6a-…' }, 'resource', 'Read'],
    ['aws iam get-role (the trust policy, an object through the CLI)', { Role: { RoleName: 'app', Arn: 'arn:aws:iam::111122223333:role/app', AssumeRolePolicyDocument: TRUST } }, 'trust', ''],
    ['aws iam get-role through an SDK (URL-encoded)', { Role: { RoleName: 'app', AssumeRolePolicyDocument: encodeURIComponent(asString(TRUST)) } }, 'trust', ''],
    ['aws iam get-policy-version (Document)', { PolicyVersion: { Document: IDENTITY, VersionId: 'v2', IsDefaultVersion: 'false' } }, 'identity', 'Read'],
    ['aws iam get-role-policy (PolicyDocument with RoleName)', { RoleName: 'app', PolicyName: 'read', PolicyDocument: IDENTITY }, 'identity', 'Read'],
    ['aws iam get-user-policy (URL-encoded PolicyDocument)', { UserName: 'alice', PolicyName: 'read', PolicyDocument: encodeURIComponent(asString(IDENTITY)) }, 'identity', 'Read'],
    ['aws sqs get-queue-attributes (Attributes.Policy)', { Attributes: { Policy: asString(DOCUMENT) } }, 'resource', 'Read'],
    ['aws sns get-topic-attributes (Attributes.Policy beside TopicArn)', { Attributes: { Policy: asString(DOCUMENT), TopicArn: 'arn:aws:sns:us-east-1:111122223333:t', EffectiveDeliveryPolicy: '{}' } }, 'resource', 'Read'],
    ['aws secretsmanager get-resource-policy (ResourcePolicy with newlines)', { ARN: 'arn:aws:secretsmanager:…', Name: 's', ResourcePolicy: pretty(DOCUMENT) }, 'resource', 'Read'],
    ['aws ecr get-repository-policy (policyText)', { registryId: '111122223333', repositoryName: 'app', policyText: pretty(DOCUMENT) }, 'resource', 'Read'],
    ['aws organizations describe-policy (Policy.Content, an SCP)', { Policy: { PolicySummary: { Id: 'p-1', Name: 'DenyLeave', Type: 'SERVICE_CONTROL_POLICY', AwsManaged: false }, Content: pretty(SCP) } }, 'scp', 'DenyLeave'],
  ];
  it.each(cases)('%s', (_name, output, kind, sid) => {
    const { policy, findings } = parsePolicy(JSON.stringify(output, null, 2), kind, { file: 'output.json' });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(policy?.kind).toBe(kind);
    expect(policy?.statements).toHaveLength(1);
    expect(policy?.statements[0]?.sid ?? '').toBe(sid);
  });

  it('the shape tells the kind: get-role output given as a resource policy is the role’s trust policy', () => {
    const { policy } = parsePolicy(JSON.stringify({ Role: { AssumeRolePolicyDocument: TRUST } }), 'resource');
    expect(policy?.kind).toBe('trust');
  });

  it('a shape that contradicts the flag is an error naming both', () => {
    const rcp = { Policy: { PolicySummary: { Type: 'RESOURCE_CONTROL_POLICY' }, Content: asString(SCP) } };
    const { policy, findings } = parsePolicy(JSON.stringify(rcp), 'scp', { file: 'rcp.json' });
    expect(policy).toBeUndefined();
    expect(findings).toEqual([
      expect.objectContaining({ severity: 'error', code: 'POLICY_KIND_MISMATCH', message: 'This is a resource control policy (the output of aws organizations describe-policy), not a service control policy' }),
    ]);
    const role = parsePolicy(JSON.stringify({ Role: { AssumeRolePolicyDocument: TRUST } }), 'identity');
    expect(role.findings[0]?.message).toBe('This is a role trust policy (the output of aws iam get-role), not an identity-based policy');
  });

  it('a problem inside a string-encoded policy points at the string and says where inside it', () => {
    const text = `{\n  "Policy": "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\"}]}"\n}`;
    const { policy, findings } = parsePolicy(text, 'resource', { file: 'bucket.json' });
    expect(policy).toBeUndefined();
    expect(findings[0]).toMatchObject({ severity: 'error', location: { file: 'bucket.json', line: 2, column: 13 } });
    expect(findings[0]?.message).toMatch(/\(in the policy inside "Policy", at its line 1, column \d+\)$/);
  });

  it('a policy document itself is never unwrapped', () => {
    const { policy } = parsePolicy(JSON.stringify(IDENTITY), 'identity');
    expect(policy?.statements[0]?.sid).toBe('Read');
  });
});
