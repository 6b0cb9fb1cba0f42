import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { formatFinding, hasErrors, type Finding } from '../../../src/language/findings.js';
import { parseContextFile, readContextFile, readPrincipalContext, readRequestContext, readResourceContext } from '../../../src/sources/files/context-files.js';

const fixtures = fileURLToPath(new URL('./fixtures/context/', import.meta.url));
const fixture = (name: string): string => join(fixtures, name);

function errors(findings: Finding[] | undefined): Finding[] {
  return (findings ?? []).filter((finding) => finding.severity === 'error');
}

function messages(findings: Finding[] | undefined): string[] {
  return (findings ?? []).map(formatFinding);
}

describe('principal context', () => {
  it('maps every field', async () => {
    const result = await readPrincipalContext(fixture('principal-full.json'));
    expect(result.findings).toEqual([]);
    expect(result.label).toBe('principal context principal-full.json');
    expect(result.principal).toEqual({
      kind: 'user',
      arn: 'arn:aws:iam::123456789012:user/engineering/alice',
      account: '123456789012',
      partition: 'aws',
      name: 'alice',
      path: '/engineering/',
      serviceLinked: false,
      uniqueId: 'AIDAEXAMPLEUSERID',
      tags: { Department: 'Engineering', Team: 'Platform' },
    });
    expect(result.organization).toEqual({
      principalOrgId: 'o-abc123def4',
      principalOrgPaths: ['o-abc123def4/r-ab12/ou-ab12-11111111/'],
      principalIsManagementAccount: true,
    });
    expect(result.context).toBeUndefined();
    expect(result.resource).toBeUndefined();
  });

  it('keeps the session kind and ignores username for a role session', async () => {
    const result = await readPrincipalContext(fixture('principal-role-session.json'));
    expect(errors(result.findings)).toEqual([]);
    expect(result.principal?.kind).toBe('assumed-role');
    expect(result.principal?.name).toBe('Deployer');
    expect(result.findings?.[0]?.code).toBe('CONTEXT_IGNORED');
    expect(result.findings?.[0]?.message).toMatch(/aws:username only for IAM users/);
  });

  it('maps is_aws_service to a service principal', async () => {
    const result = await readPrincipalContext(fixture('principal-service.json'));
    expect(result.findings).toEqual([]);
    expect(result.principal?.kind).toBe('service');
    expect(result.principal?.arn).toBe('lambda.amazonaws.com');
  });

  it('takes principal_type as the kind without an arn, warns on odd ids, accepts a single org path and null', async () => {
    const result = await readPrincipalContext(fixture('principal-no-arn.json'));
    expect(errors(result.findings)).toEqual([]);
    expect(result.principal).toEqual({ kind: 'federated-user', account: '12345' });
    expect(result.organization).toEqual({ principalOrgId: 'o-short', principalOrgPaths: ['o-abc123def4/r-ab12/'] });
    expect(result.findings?.map((finding) => finding.location.path)).toEqual(['account', 'org_id']);
  });

  it('reports contradictions, wrong types and unknown fields with path and line', async () => {
    const result = await readPrincipalContext(fixture('principal-errors.json'));
    const found = messages(result.findings);
    const file = fixture('principal-errors.json');
    expect(found).toContain(`${file}:3:21: error: principal_type "AssumedRole" contradicts arn, which is of principal type User`);
    expect(found).toContain(`${file}:4:21: error: is_aws_service must be true or false, got the string "no"`);
    expect(found).toContain(`${file}:5:11: error: tags must be a JSON object, got a list`);
    expect(found).toContain(
      `${file}:6:11: error: unknown field "arnn" in the principal context; expected one of arn, account, org_id, org_paths, userid, username, principal_type, is_aws_service, is_management_account, tags (did you mean "arn"?)`,
    );
    expect(result.principal?.tags).toBeUndefined();
    expect(result.principal?.arn).toBe('arn:aws:iam::123456789012:user/alice');
  });

  it('rejects an arn that is no principal', () => {
    const result = parseContextFile('{"arn": "arn:aws:ec2:us-east-1:123456789012:instance/i-1"}', 'principal', 'p.json');
    expect(result.findings?.[0]?.message).toMatch(/^arn: "arn:aws:ec2:us-east-1:123456789012:instance\/i-1" is not a principal ARN/);
    expect(result.principal).toBeUndefined();
  });

  it('rejects principal_type values AWS does not use, with a suggestion', () => {
    const result = parseContextFile('{"principal_type": "user"}', 'principal', 'p.json');
    expect(result.findings?.[0]?.message).toBe(
      'principal_type must be one of User, AssumedRole, FederatedUser, Account, Anonymous (the values of aws:PrincipalType), got "user"',
    );
    expect(result.findings?.[0]?.suggestion).toBe('did you mean "User"?');
  });

  it('suggests a field for swapped letters (one edit, as in policies)', () => {
    const result = parseContextFile('{"tgas": {}}', 'principal', 'p.json');
    expect(result.findings?.[0]?.suggestion).toBe('did you mean "tags"?');
  });
});

describe('resource context', () => {
  it('maps every field, including the two extras', async () => {
    const result = await readResourceContext(fixture('resource-full.json'));
    expect(result.findings).toEqual([]);
    expect(result.resource).toEqual({
      account: '210987654321',
      tags: { Environment: 'Production', Classification: 'Confidential' },
      awsManagedKmsKey: true,
    });
    expect(result.organization).toEqual({
      resourceOrgId: 'o-zzz999yyy8',
      resourceOrgPaths: ['o-zzz999yyy8/r-cd34/ou-cd34-22222222/', 'o-zzz999yyy8/r-cd34/'],
      resourceIsManagementAccount: false,
    });
    expect(result.principal).toBeUndefined();
  });

  it('has no arn field', async () => {
    const result = await readResourceContext(fixture('resource-arn.json'));
    expect(errors(result.findings)).toHaveLength(1);
    expect(result.findings?.[0]?.message).toMatch(/^unknown field "arn" in the resource context; expected one of account, org_id/);
    expect(result.findings?.[0]?.location).toMatchObject({ line: 2, column: 10, path: 'arn' });
    expect(result.resource).toEqual({ account: '123456789012' });
  });
});

describe('request context', () => {
  it('maps every field to its AWS key', async () => {
    const result = await readRequestContext(fixture('request-full.json'));
    expect(result.findings).toEqual([]);
    expect(result.context).toEqual({
      'aws:SourceIp': '192.168.1.100',
      'aws:SourceVpc': 'vpc-12345678',
      'aws:SourceVpce': 'vpce-1a2b3c4d',
      'aws:MultiFactorAuthPresent': 'true',
      'aws:MultiFactorAuthAge': '300',
      'aws:SourceIdentity': 'alice@example.com',
      'aws:RequestedRegion': 'us-east-1',
      'aws:SecureTransport': 'false',
      'aws:ViaAWSService': 'true',
      'aws:CalledVia': ['athena.amazonaws.com', 'glue.amazonaws.com'],
      'aws:RequestTag/CostCenter': '12345',
      'aws:RequestTag/Project': 'iamwhy',
      'iam:PassedToService': 'lambda.amazonaws.com',
      's3:prefix': ['home/', 'home/alice/'],
      's3:max-keys': '100',
      'ec2:Encrypted': 'true',
    });
    expect(result.context?.['aws:TagKeys']).toBeUndefined();
    expect(result.principal).toBeUndefined();
    expect(result.resource).toBeUndefined();
  });

  it('lets custom win over derived values, whatever the spelling of the key', async () => {
    const result = await readRequestContext(fixture('request-custom-wins.json'));
    expect(result.findings).toEqual([]);
    expect(result.context).toEqual({
      'aws:sourceip': '10.9.9.9',
      'aws:RequestedRegion': 'eu-west-1',
      'aws:RequestTag/team': 'blue',
      'aws:MultiFactorAuthPresent': 'true',
    });
  });

  it('reports every wrong field on one line each, with file, line, JSON path and expected type', async () => {
    const file = fixture('request-errors.json');
    const result = await readRequestContext(file);
    expect(messages(result.findings)).toEqual([
      `${file}:6:13: error: unknown field "sesion" in the request context; expected one of network, session, request, custom (did you mean "session"?)`,
      `${file}:3:18: error: network.source_ip must be an IPv4 or IPv6 address, got "not-an-ip"`,
      `${file}:4:19: error: network.source_vpc must be a string, got the number 12`,
      `${file}:10:14: error: unknown field "session.token" in the session section; expected one of mfa_present, mfa_auth_age, source_identity`,
      `${file}:8:20: error: session.mfa_present must be true or false, got the string "yes"`,
      `${file}:9:21: error: session.mfa_auth_age must be a number, got the string "300"`,
      `${file}:13:44: error: request.called_via[1] must be a string, got the number 3`,
      `${file}:14:29: error: request.tags.CostCenter must be a string (tag values are strings), got the number 12345`,
      `${file}:17:31: error: custom.aws:MultiFactorAuthAge: aws:MultiFactorAuthAge is Numeric; "abc" is not a number`,
      `${file}:18:16: error: custom key "nocolon" is not a condition key (expected prefix:Name, e.g. iam:PassedToService)`,
      `${file}:19:18: error: custom.s3:prefix must be a string, a list of strings, a number or a boolean, got an object`,
    ]);
    expect(result.context).toBeUndefined();
  });

  it('checks custom values of global keys against their type', () => {
    const ok = parseContextFile('{"custom": {"aws:SourceIp": "10.0.0.0/8", "aws:CurrentTime": "2025-01-01T00:00:00Z", "aws:EpochTime": 1700000000}}', 'request', 'r.json');
    expect(ok.findings).toEqual([]);
    expect(ok.context).toEqual({ 'aws:SourceIp': '10.0.0.0/8', 'aws:CurrentTime': '2025-01-01T00:00:00Z', 'aws:EpochTime': '1700000000' });
    const bad = parseContextFile('{"custom": {"aws:CurrentTime": "yesterday", "aws:TagKeys": ["a", "b"]}}', 'request', 'r.json');
    expect(bad.findings?.map((finding) => finding.message)).toEqual([
      'custom.aws:CurrentTime: aws:CurrentTime is Date; "yesterday" is not an ISO 8601 date (2024-05-01T12:00:00Z) or epoch seconds',
    ]);
    expect(bad.context).toEqual({ 'aws:TagKeys': ['a', 'b'] });
  });

  it('rejects a negative MFA age and omits an empty called_via', () => {
    const result = parseContextFile('{"session": {"mfa_auth_age": -1}, "request": {"called_via": []}}', 'request', 'r.json');
    expect(result.findings?.map((finding) => finding.message)).toEqual(['session.mfa_auth_age must be a number of seconds (0 or more), got -1']);
    expect(result.context).toBeUndefined();
  });

  it('rejects a section that is not an object', () => {
    const result = parseContextFile('{"network": "10.0.0.1"}', 'request', 'r.json');
    expect(result.findings?.[0]?.message).toBe('network must be a JSON object, got the string "10.0.0.1"');
  });

  it('treats null as absent', () => {
    const result = parseContextFile('{"network": null, "session": {"mfa_present": null}, "custom": {"s3:prefix": null}}', 'request', 'r.json');
    expect(result.findings).toEqual([]);
    expect(result.context).toBeUndefined();
  });

  it('reports duplicate keys', () => {
    const result = parseContextFile('{"session": {"mfa_present": true,\n "mfa_present": false}}', 'request', 'r.json');
    expect(messages(result.findings)).toEqual(['r.json:2:2: error: session.mfa_present is given twice']);
  });
});

describe('context file errors', () => {
  it('names an unreadable file', async () => {
    const result = await readContextFile('missing.json', 'request');
    expect(result.findings?.map((finding) => finding.message)).toEqual(['cannot read request context file "missing.json": no such file']);
    expect(result.findings?.[0]?.location.file).toBe('missing.json');
  });

  it('names a directory', async () => {
    const result = await readContextFile(fixtures, 'principal');
    expect(result.findings?.[0]?.message).toMatch(/^cannot read principal context file ".*": it is a directory$/);
  });

  it('reports JSON syntax errors with line and column', async () => {
    const file = fixture('bad-syntax.json');
    const result = await readResourceContext(file);
    expect(messages(result.findings)).toEqual([`${file}:3:23: error: not valid JSON: expected a quoted key but found "}" (a trailing comma is not allowed)`]);
    expect(hasErrors(result.findings ?? [])).toBe(true);
  });

  it('requires a JSON object', async () => {
    const result = await readPrincipalContext(fixture('not-object.json'));
    expect(result.findings?.[0]?.message).toBe('the principal context must be a JSON object, got a list');
    expect(result.findings?.[0]?.location.line).toBe(1);
  });

  it('points at values after a byte-order mark, with odd keys quoted in the path', () => {
    const result = parseContextFile('\uFEFF{"request": {"tags": {"Cost Center": 5}}}', 'request', 'r.json');
    expect(messages(result.findings)).toEqual(['r.json:1:38: error: request.tags["Cost Center"] must be a string (tag values are strings), got the number 5']);
  });

  it('reports an empty file', () => {
    const result = parseContextFile('  \n', 'request', 'r.json');
    expect(messages(result.findings)).toEqual(['r.json:2:1: error: not valid JSON: the document is empty']);
  });
});
