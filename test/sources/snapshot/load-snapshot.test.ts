import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../../src/language/findings.js';
import { loadSnapshot, readSnapshotFile, readSnapshotFiles } from '../../../src/sources/snapshot/load-snapshot.js';
import { fixtureJson, fixturePath, fixtureText, loadFixtures } from './helpers.js';

describe('loading GAAD output', () => {
  it('reads the AWS CLI form (decoded policy documents)', () => {
    const snapshot = loadFixtures('gaad-cli.json');
    expect([...snapshot.users.keys()]).toEqual([
      'arn:aws:iam::111111111111:user/engineering/alice',
      'arn:aws:iam::111111111111:user/bob',
      'arn:aws:iam::111111111111:user/deploy',
    ]);
    expect(snapshot.roles.size).toBe(3);
    expect(snapshot.groups.size).toBe(2);
    expect(snapshot.managedPolicies.size).toBe(3);
    expect([...snapshot.accounts.keys()]).toEqual(['111111111111']);
    const alice = snapshot.users.get('arn:aws:iam::111111111111:user/engineering/alice')!;
    expect(alice.path).toBe('/engineering/');
    expect(alice.tags).toEqual({ team: 'payments', 'cost-center': 'cc-1234' });
    expect(alice.inlinePolicies[0]?.policy?.kind).toBe('identity');
    expect(alice.inlinePolicies[0]?.policy?.origin).toEqual({ via: 'inline', file: 'gaad-cli.json' });
  });

  it('reads the SDK form (URL-encoded policy documents) to the same policies', () => {
    const cli = loadFixtures('gaad-cli.json');
    const sdk = loadFixtures('gaad-sdk.json');
    const statementsOf = (snapshot: typeof cli): unknown[] => [
      ...[...snapshot.users.values()].flatMap((user) => user.inlinePolicies.map((policy) => policy.policy?.statements)),
      ...[...snapshot.roles.values()].map((role) => role.trustPolicy?.policy?.statements),
      ...[...snapshot.managedPolicies.values()].map((managed) => managed.identity.policy?.statements),
    ];
    const stripPositions = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;
    expect(stripPositions(statementsOf(sdk))).toEqual(stripPositions(statementsOf(cli)));
    expect(statementsOf(sdk).every((statements) => Array.isArray(statements) && statements.length > 0)).toBe(true);
  });

  it('parses each policy with the kind AWS evaluates it as', () => {
    const snapshot = loadFixtures('gaad-cli.json');
    const role = snapshot.roles.get('arn:aws:iam::111111111111:role/service/app-server')!;
    expect(role.trustPolicy?.policy?.kind).toBe('trust');
    expect(role.inlinePolicies[0]?.policy?.kind).toBe('identity');
    const boundary = snapshot.managedPolicies.get('arn:aws:iam::111111111111:policy/DeveloperBoundary')!;
    expect(boundary.identity.policy?.kind).toBe('identity');
    expect(boundary.boundary?.policy?.kind).toBe('permissions-boundary');
    // Not used as a boundary: parsed once only.
    expect(snapshot.managedPolicies.get('arn:aws:iam::111111111111:policy/data/S3ReadData')!.boundary).toBeUndefined();
  });

  it('uses the default version of a managed policy', () => {
    const snapshot = loadFixtures('gaad-cli.json');
    const managed = snapshot.managedPolicies.get('arn:aws:iam::111111111111:policy/data/S3ReadData')!;
    expect(managed.defaultVersionId).toBe('v2');
    expect(managed.identity.policy?.statements[0]?.sid).toBe('ReadDataBuckets');
    expect(managed.identity.policy?.id).toBe('arn:aws:iam::111111111111:policy/data/S3ReadData');
  });

  it('falls back to DefaultVersionId when no version is flagged default', () => {
    const result = loadSnapshot({
      Policies: [
        {
          PolicyName: 'P',
          Arn: 'arn:aws:iam::111111111111:policy/P',
          DefaultVersionId: 'v2',
          PolicyVersionList: [
            { VersionId: 'v1', Document: { Version: '2012-10-17', Statement: [{ Sid: 'One', Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
            { VersionId: 'v2', Document: { Version: '2012-10-17', Statement: [{ Sid: 'Two', Effect: 'Allow', Action: 's3:*', Resource: '*' }] } },
          ],
        },
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.snapshot.managedPolicies.get('arn:aws:iam::111111111111:policy/P')?.identity.policy?.statements[0]?.sid).toBe('Two');
  });

  it('ignores the role copies nested in InstanceProfileList', () => {
    const snapshot = loadFixtures('gaad-cli.json');
    const trust = snapshot.roles.get('arn:aws:iam::111111111111:role/service/app-server')!.trustPolicy!;
    expect(trust.policy?.statements).toHaveLength(2);
  });

  it('merges a JSON array of GAAD pages', () => {
    const pages = loadFixtures('gaad-pages.json');
    const whole = loadFixtures('gaad-cli.json');
    expect([...pages.users.keys()]).toEqual([...whole.users.keys()]);
    expect([...pages.roles.keys()]).toEqual([...whole.roles.keys()]);
    expect([...pages.groups.keys()]).toEqual([...whole.groups.keys()]);
    expect([...pages.managedPolicies.keys()]).toEqual([...whole.managedPolicies.keys()]);
    expect(pages.gaadPages).toEqual({ total: 2, truncated: 1 });
    expect(pages.findings.some((finding) => finding.code === 'SNAPSHOT_GAAD_TRUNCATED')).toBe(false);
  });

  it('merges pages given as separate files, and warns while a page is missing', async () => {
    const first = await readSnapshotFile(fixturePath('gaad-page-1.json'));
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const truncated = first.snapshot.findings.find((finding) => finding.code === 'SNAPSHOT_GAAD_TRUNCATED');
    expect(truncated?.severity).toBe('warning');
    expect(truncated?.message).toMatch(/later page is missing/);

    const both = await readSnapshotFiles([fixturePath('gaad-page-1.json'), fixturePath('gaad-page-2.json')]);
    expect(both.ok).toBe(true);
    if (!both.ok) return;
    expect(both.snapshot.findings.some((finding) => finding.code === 'SNAPSHOT_GAAD_TRUNCATED')).toBe(false);
    expect(both.snapshot.users.size).toBe(3);
    expect(both.snapshot.roles.size).toBe(3);
    expect(both.snapshot.sources).toEqual([fixturePath('gaad-page-1.json'), fixturePath('gaad-page-2.json')]);
    // Group policies resolve against managed policies from the other page.
    const developers = both.snapshot.groups.get('arn:aws:iam::111111111111:group/developers')!;
    expect(developers.identityPolicies.map((policy) => policy.id)).toEqual([
      'group/developers:DevelopersDenyProdDelete',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    expect(developers.gaps).toEqual([]);
  });

  it('accepts parsed JSON as well as text', () => {
    const result = loadSnapshot(fixtureJson('gaad-cli.json'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.snapshot.sources).toEqual(['snapshot']);
  });
});

describe("loading iamwhy's snapshot format", () => {
  it('reads accounts, resources, VPC endpoints and the organization', () => {
    const snapshot = loadFixtures('snapshot-prod.json');
    expect(snapshot.capturedAt).toBe('2025-06-01T12:00:00Z');
    const account = snapshot.accounts.get('111111111111')!;
    expect(account.alias).toBe('acme-prod');
    expect(account.hasResourceData).toBe(true);
    expect(account.s3PublicAccessBlock?.RestrictPublicBuckets).toBe(true);
    expect(snapshot.resources.size).toBe(8);
    expect(snapshot.vpcEndpoints.size).toBe(2);
    expect(snapshot.organizations.get('o-a1b2c3d4e5')?.managementAccountId).toBe('999999999999');
  });

  it('parses resource policies as kms-key for KMS keys and resource otherwise', () => {
    const snapshot = loadFixtures('snapshot-prod.json');
    const kinds = Object.fromEntries([...snapshot.resources.values()].map((resource) => [resource.arn.split(':')[2], resource.policy?.policy?.kind]));
    expect(kinds).toEqual({ s3: 'resource', kms: 'kms-key', sqs: 'resource', sns: 'resource', lambda: 'resource', secretsmanager: 'resource', ecr: 'resource' });
  });

  it('reads tags in both AWS shapes and flags AWS managed KMS keys by alias', () => {
    const snapshot = loadFixtures('snapshot-prod.json');
    expect(snapshot.resources.get('arn:aws:s3:::acme-prod-logs')?.tags).toEqual({ classification: 'internal', owner: 'platform' });
    expect(snapshot.resources.get('arn:aws:sqs:eu-west-1:111111111111:orders')?.tags).toEqual({ app: 'storefront' });
    expect(snapshot.resources.get('arn:aws:kms:eu-west-1:111111111111:key/abcd0000-aaaa-bbbb-cccc-000000000001')?.awsManagedKmsKey).toBe(true);
    expect(snapshot.resources.get('arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab')?.awsManagedKmsKey).toBe(false);
  });

  it('gives a VPC endpoint without a policy document the default full-access policy', () => {
    const snapshot = loadFixtures('snapshot-prod.json');
    const endpoint = snapshot.vpcEndpoints.get('vpce-0fedcba9876543210')!;
    expect(endpoint.policy.policy?.kind).toBe('vpc-endpoint');
    expect(endpoint.policy.policy?.statements[0]?.effect).toBe('Allow');
    expect(endpoint.policy.id).toBe('vpce-0fedcba9876543210 (default policy)');
  });

  it('builds SCP and RCP levels from root through OUs to the account', () => {
    const organization = loadFixtures('snapshot-prod.json').organizations.get('o-a1b2c3d4e5')!;
    const levels = organization.scpLevels.get('111111111111')!;
    expect(levels.map((level) => [level.type, level.id, level.name])).toEqual([
      ['root', 'r-a1b2', 'Root'],
      ['ou', 'ou-a1b2-11111111', 'Workloads'],
      ['ou', 'ou-a1b2-22222222', 'Prod'],
      ['account', '111111111111', 'acme-prod'],
    ]);
    expect(levels.map((level) => level.policies.map((policy) => policy.id))).toEqual([
      ['FullAWSAccess', 'DenyLeaveOrganization'],
      ['FullAWSAccess'],
      ['FullAWSAccess', 'DenyOutsideEU'],
      ['FullAWSAccess'],
    ]);
    expect(levels[2]?.policies[1]?.origin.arn).toBe('arn:aws:organizations::999999999999:policy/o-a1b2c3d4e5/service_control_policy/p-euregions');
    expect(levels[0]?.policies[0]?.kind).toBe('scp');
    const rcpLevels = organization.rcpLevels.get('111111111111')!;
    expect(rcpLevels.map((level) => level.policies.map((policy) => policy.kind))).toEqual([['rcp'], [], [], []]);
    expect(organization.paths.get('111111111111')).toBe('o-a1b2c3d4e5/r-a1b2/ou-a1b2-11111111/ou-a1b2-22222222/');
    expect(organization.paths.get('999999999999')).toBe('o-a1b2c3d4e5/r-a1b2/');
    expect(organization.levelGaps.get('111111111111')).toEqual([]);
  });

  it('shares root and OU levels between accounts', () => {
    const organization = loadFixtures('snapshot-prod.json').organizations.get('o-a1b2c3d4e5')!;
    expect(organization.scpLevels.get('111111111111')![0]).toBe(organization.scpLevels.get('222222222222')![0]);
  });

  it('merges snapshots of several accounts into one model', () => {
    const snapshot = loadFixtures('snapshot-prod.json', 'snapshot-sandbox.json', 'gaad-cli.json');
    expect([...snapshot.accounts.keys()].sort()).toEqual(['111111111111', '222222222222', '999999999999']);
    expect(snapshot.users.size).toBe(6);
    expect(snapshot.roles.size).toBe(5);
    expect(snapshot.accounts.get('111111111111')?.sources).toEqual(['snapshot-prod.json', 'gaad-cli.json']);
    expect(snapshot.sources).toEqual(['snapshot-prod.json', 'snapshot-sandbox.json', 'gaad-cli.json']);
    expect(snapshot.index.organizationOfAccount.get('222222222222')).toBe('o-a1b2c3d4e5');
  });

  it('does not modify the snapshots it merges', () => {
    const prod = loadFixtures('snapshot-prod.json');
    const cli = loadFixtures('gaad-cli.json');
    const developersBefore = cli.groups.get('arn:aws:iam::111111111111:group/developers')!.identityPolicies;
    loadFixtures('snapshot-prod.json', 'gaad-cli.json');
    expect(cli.groups.get('arn:aws:iam::111111111111:group/developers')!.identityPolicies).toBe(developersBefore);
    expect(prod.users.size).toBe(1);
  });
});

describe('reporting bad input', () => {
  const errorsOf = (input: unknown, file = 'bad.json'): string[] => {
    const result = loadSnapshot(input, { file });
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.errors.map(formatFinding);
  };

  it('points at the line and column of invalid JSON', () => {
    const [error] = errorsOf('{\n  "UserDetailList": [\n    { "UserName": "a", }\n  ]\n}');
    expect(error).toMatch(/^bad\.json:3:\d+: error: not valid JSON: /);
    expect(error).not.toMatch(/position|\n/);
  });

  it('points at the line and column of an empty or truncated file', () => {
    expect(errorsOf('')).toEqual(['bad.json:1:1: error: not valid JSON: the document is empty']);
    expect(errorsOf('\n  \n')).toEqual(['bad.json:3:1: error: not valid JSON: the document is empty']);
    expect(errorsOf('{\n  "UserDetailList": [\n    { "UserName": "a"')).toEqual([
      'bad.json:3:22: error: not valid JSON: expected "," or "}" after the value of "UserName" but found the end of the document',
    ]);
  });

  it('names the file, the JSON path and what is wrong', () => {
    const errors = errorsOf({
      UserDetailList: [{ UserName: 'alice', Arn: 'arn:aws:iam::111111111111:role/alice' }, { Arn: 'arn:aws:iam::111111111111:user/x' }],
      RoleDetailList: {},
    });
    expect(errors).toEqual([
      'bad.json: error at UserDetailList[0].Arn: "arn:aws:iam::111111111111:role/alice" is not an IAM user ARN (arn:aws:iam::123456789012:user/NAME)',
      'bad.json: error at UserDetailList[1].UserName: missing required "UserName"',
      'bad.json: error at RoleDetailList: expected an array, found an object',
    ]);
  });

  it('reports policy documents of the wrong type', () => {
    const errors = errorsOf({
      iamwhySnapshot: 1,
      accounts: [{ accountId: '111111111111', resources: [{ arn: 'arn:aws:s3:::b', policy: 42 }] }],
    });
    expect(errors).toEqual(['bad.json: error at accounts[0].resources[0].policy: expected a policy document (an object or a JSON string), found the number 42']);
  });

  it('rejects documents that are no snapshot', () => {
    expect(errorsOf({ Statement: [] })[0]).toMatch(/not a snapshot: expected an iamwhy snapshot/);
    expect(errorsOf('[1]')[0]).toBe('bad.json: error at [0]: expected an iamwhy snapshot or get-account-authorization-details output (a JSON object), found the number 1');
    expect(errorsOf('[]')[0]).toMatch(/empty array/);
  });

  it('rejects a newer snapshot format version and bad organization data', () => {
    expect(errorsOf({ iamwhySnapshot: 2, accounts: [] })[0]).toMatch(/version 2 is newer than this iamwhy reads \(1\): upgrade iamwhy/);
    const errors = errorsOf({
      iamwhySnapshot: 1,
      accounts: [{ accountId: '1234' }],
      organization: { id: 'o-abcdefghij', managementAccountId: '999999999999', roots: [{ id: 'r-ab12' }], policies: [{ id: 'p-x', type: 'TAG_POLICY', content: '{}', targets: [] }] },
    });
    expect(errors).toEqual([
      'bad.json: error at accounts[0].accountId: "1234" is not a 12-digit account id',
      'bad.json: error at organization.policies[0].type: expected SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY',
    ]);
  });

  it('reads an empty and a truncated snapshot file to file:line:column', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'iamwhy-bad-snapshot-'));
    try {
      const empty = join(directory, 'empty.json');
      const truncated = join(directory, 'truncated.json');
      writeFileSync(empty, '');
      writeFileSync(truncated, '{\n  "UserDetailList": [\n    {"UserName": "alice",\n');
      const errorsOfFile = async (path: string): Promise<string[]> => {
        const result = await readSnapshotFile(path);
        return result.ok ? [] : result.errors.map(formatFinding);
      };
      expect(await errorsOfFile(empty)).toEqual([`${empty}:1:1: error: not valid JSON: the document is empty`]);
      expect(await errorsOfFile(truncated)).toEqual([`${truncated}:4:1: error: not valid JSON: expected a quoted key but found the end of the document`]);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('reports a missing file in one line', async () => {
    const result = await readSnapshotFile('/nonexistent/snapshot.json');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map(formatFinding)).toEqual(['/nonexistent/snapshot.json: error: cannot read the snapshot: no such file']);
  });

  it('keeps loading when one policy cannot be parsed, and keeps its findings', () => {
    const result = loadSnapshot({
      UserDetailList: [
        {
          UserName: 'eve',
          Arn: 'arn:aws:iam::111111111111:user/eve',
          UserPolicyList: [{ PolicyName: 'Broken', PolicyDocument: '{"Version": "2012-10-17", "Statement": [' }],
        },
      ],
    }, { file: 'eve.json' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const inline = result.snapshot.users.get('arn:aws:iam::111111111111:user/eve')!.inlinePolicies[0]!;
    expect(inline.policy).toBeUndefined();
    expect(inline.findings.length).toBeGreaterThan(0);
    expect(inline.findings[0]?.location).toEqual({ file: 'eve.json', path: 'UserDetailList[0].UserPolicyList[0].PolicyDocument' });
    expect(result.snapshot.findings).toContain(inline.findings[0]);
  });

  it('locates policy findings by their path in the snapshot', () => {
    const result = loadSnapshot({
      RoleDetailList: [
        {
          RoleName: 'r',
          Arn: 'arn:aws:iam::111111111111:role/r',
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resourse: '*' }] },
        },
      ],
    }, { file: 'r.json' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const paths = result.snapshot.findings.map((finding) => finding.location.path);
    expect(paths.some((path) => path.startsWith('RoleDetailList[0].AssumeRolePolicyDocument.Statement[0]'))).toBe(true);
  });

  it('loads the fixture text with a byte order mark', () => {
    expect(loadSnapshot(`\ufeff${fixtureText('gaad-cli.json')}`).ok).toBe(true);
  });
});
