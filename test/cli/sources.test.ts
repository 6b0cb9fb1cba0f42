/** The offline sources: policy files of every kind, the organization YAML, context files, snapshots. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, FIXTURES, KMS_KEY, OBJECT, expectJsonError, expectUsageError, fixture, iamwhy, validJson } from './helpers.js';

const READ = fixture('read-bucket.json');
const ALLOW_ALL = fixture('allow-all.json');
const ROLE = 'arn:aws:iam::111111111111:role/deploy';
const SESSION = 'arn:aws:sts::111111111111:assumed-role/deploy/alice-session';
const INSTANCES_US = 'arn:aws:ec2:us-east-1:111111111111:instance/*';
const INSTANCES_EU = 'arn:aws:ec2:eu-west-1:111111111111:instance/*';

const scratch = mkdtempSync(join(tmpdir(), 'iamwhy-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Breakdown {
  all_breakdown: Array<{ policy_id: string; kind: string; layer: string }>;
}

describe('policy files', () => {
  it('-i: an identity policy', () => {
    expect(iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '-o', 'summary']).stdout).toMatch(/Allowed by: Identity-based policies: read-bucket\.json, Sid "ReadBucket"/);
  });

  it('-i twice: both identity policies are read', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '-i', fixture('deny-s3.json'), '-o', 'summary']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Denied by: Identity-based policies: deny-s3\.json, Sid "NoS3"/);
  });

  it('-R: a bucket policy, read as a resource-based policy', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-R', fixture('bucket-policy.json'), '-o', 'json']);
    expect(run.status).toBe(0);
    const output = validJson(run) as unknown as Breakdown;
    expect(output.all_breakdown).toContainEqual(expect.objectContaining({ policy_id: 'bucket-policy.json', kind: 'resource' }));
  });

  it('-R with sts:AssumeRole: read as the role trust policy', () => {
    const run = iamwhy([ALICE, 'sts:AssumeRole', '-r', ROLE, '-R', fixture('trust.json'), '-o', 'json']);
    expect(run.status).toBe(0);
    const output = validJson(run) as unknown as Breakdown;
    expect(output.all_breakdown).toContainEqual(expect.objectContaining({ policy_id: 'trust.json', kind: 'trust' }));
  });

  it('-R with a KMS key ARN: read as the key policy (which only delegates to IAM here)', () => {
    const keyOnly = iamwhy([ALICE, 'kms:Decrypt', '-r', KMS_KEY, '-R', fixture('key-policy.json'), '-o', 'json']);
    expect(keyOnly.status).toBe(1);
    const output = validJson(keyOnly) as unknown as Breakdown;
    expect(output.all_breakdown).toContainEqual(expect.objectContaining({ policy_id: 'key-policy.json', kind: 'kms-key' }));
    const withIdentity = iamwhy([ALICE, 'kms:Decrypt', '-r', KMS_KEY, '-R', fixture('key-policy.json'), '-i', ALLOW_ALL, '-o', 'quiet']);
    expect(withIdentity).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('--permission-boundary: a Deny in the boundary blocks', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--permission-boundary', fixture('deny-s3.json'), '-o', 'summary']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Denied by: Permissions boundary: deny-s3\.json/);
  });

  it('--permission-boundary twice is a usage error (one boundary per principal)', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', ALLOW_ALL, '--permission-boundary', READ, '--permission-boundary', READ]), /at most one permissions boundary/);
  });

  it('--session-policy: limits a role session', () => {
    const inside = iamwhy([SESSION, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--session-policy', READ, '-o', 'quiet']);
    expect(inside).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
    const outside = iamwhy([SESSION, 's3:PutObject', '-r', OBJECT, '-i', ALLOW_ALL, '--session-policy', READ, '-o', 'summary']);
    expect(outside.status).toBe(1);
    expect(outside.stdout).toMatch(/Blocked at: Session policy/);
  });

  it('--vpc-endpoint-policy: the request passes through the endpoint', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--vpc-endpoint-policy', fixture('vpce-deny-s3.json'), '-o', 'summary']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Denied by: VPC endpoint policy: vpce-deny-s3\.json, Sid "NoS3ViaEndpoint"/);
    const ec2 = iamwhy([ALICE, 'ec2:DescribeInstances', '-i', ALLOW_ALL, '--vpc-endpoint-policy', fixture('vpce-deny-s3.json'), '-o', 'quiet']);
    expect(ec2).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('"Control access to VPC endpoints using endpoint policies": a statement without Principal is read as "*", with a warning', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--vpc-endpoint-policy', fixture('deny-s3.json'), '-o', 'quiet']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('EXPLICIT_DENY\n');
    expect(run.stderr).toMatch(/deny-s3\.json:\d+:\d+: warning: Statement\[0\] has no "Principal": read as "Principal": "\*", every principal/);
  });

  it('the output of aws s3api get-bucket-policy, from standard input (-R -), is read as the bucket policy', () => {
    const bucketPolicy = readFileSync(fixture('bucket-policy.json'), 'utf8');
    const output = JSON.stringify({ Policy: JSON.stringify(JSON.parse(bucketPolicy)) }, null, 4);
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-R', '-', '-o', 'json'], { input: output });
    expect(run.status, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { layers: { layer: string; policies: { policy_id: string }[] }[] }).layers.find((layer) => layer.layer === 'resource')?.policies[0]?.policy_id).toBe('stdin');
  });

  it('a context file that says the principal is a service contradicts a role given with -p: an error, as when its arn does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwhy-conflict-'));
    try {
      const file = join(dir, 'principal.json');
      writeFileSync(file, JSON.stringify({ is_aws_service: true }));
      const run = iamwhy(['arn:aws:iam::111111111111:role/deploy', 's3:GetObject', '-r', OBJECT, '-i', READ, '--principal-context', file]);
      expectUsageError(run, /principal context principal\.json: says the principal is an AWS service principal \(is_aws_service\), but arn:aws:iam::111111111111:role\/deploy is a role/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"How to fix" never proposes "Resource": "*" for an action that acts on resources (the default -r *)', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-i', fixture('deny-s3.json'), '--literal-resource', '-o', 'json']);
    expect(run.status).toBe(1);
    const pattern = iamwhy([ALICE, 's3:PutObject', '-i', READ, '-o', 'json']);
    const suggestions = (JSON.parse(pattern.stdout) as { suggestions: { statement: { Resource?: string } | null }[] }).suggestions;
    expect(suggestions.map((suggestion) => suggestion.statement?.Resource)).toEqual(['arn:aws:s3:::BUCKET_NAME/OBJECT_NAME']);
  });

  it('"Blocking public access to your Amazon S3 storage": --s3-block-public-access gives the bucket’s settings', () => {
    const publicPolicy = join(scratch, 'public-bucket.json');
    writeFileSync(publicPolicy, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }] }));
    const args = ['anonymous', 's3:GetObject', '-r', OBJECT, '-R', publicPolicy, '-o', 'quiet'];
    expect(iamwhy([...args, '--s3-block-public-access', 'RestrictPublicBuckets'])).toMatchObject({ status: 1, stdout: 'EXPLICIT_DENY\n' });
    expect(iamwhy([...args, '--s3-block-public-access', 'none'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
    const unknown = validJson(iamwhy(['anonymous', 's3:GetObject', '-r', OBJECT, '-R', publicPolicy, '-o', 'json'])) as { certain: boolean; unknowns: { layer: string }[] };
    expect(unknown.certain).toBe(false);
    expect(unknown.unknowns.map((entry) => entry.layer)).toContain('s3_block_public_access');
    expectUsageError(iamwhy([...args, '--s3-block-public-access', 'RestrictPublicBucket']), /--s3-block-public-access: "restrictpublicbucket" is not a setting/);
  });

  it('standard input can be read once', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', '-', '-R', '-'], { input: '{}' }), /standard input \("-"\) can be read once/);
  });

  it('a URL-encoded policy file (as IAM APIs return them) is read', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('url-encoded.json'), '-o', 'quiet']);
    expect(run).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
  });

  it('a JSON syntax error: exit 2 and one line file:line:column', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-i', fixture('broken.json')]);
    expectUsageError(run, /^iamwhy: \S*broken\.json:4:\d+: error: .*not valid JSON/);
  });

  it('an empty file: exit 2 and one line', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', fixture('empty.json')]), /empty\.json:1:1: error: .*empty/);
  });

  it('a file that does not exist: exit 2, the file named once', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-R', fixture('nope.json')]);
    expectUsageError(run, /^iamwhy: cannot read resource policy file "\S*nope\.json": no such file$/);
  });

  it('a directory instead of a file: exit 2', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', FIXTURES]), /cannot read identity policy file ".*": it is a directory$/);
  });

  it('an account snapshot given as a policy file says to use --snapshot', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', fixture('gaad.json')]), /gaad\.json:1:1: error: .*\(this is an account snapshot: pass it with --snapshot\)$/);
  });

  it('invalid input with -o json is a JSON error', () => {
    expectJsonError(iamwhy([ALICE, 's3:GetObject', '-i', fixture('broken.json'), '-o', 'json']), /broken\.json:4:\d+: error/, 'INVALID_INPUT');
    expectJsonError(iamwhy([ALICE, 's3:GetObject', '-i', fixture('nope.json'), '-o', 'json']), /no such file/);
  });

  it('--offline is accepted with offline sources', () => {
    expect(iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '--offline', '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('--update-definitions cannot be combined with --offline', () => {
    expectUsageError(iamwhy(['--update-definitions', '--offline']), /--update-definitions fetches from AWS and cannot be combined with --offline/);
  });
});

describe('--organization-config', () => {
  const org = fixture('org/org.yaml');

  it('reads SCPs from the YAML, paths relative to it (run from another directory)', () => {
    const us = iamwhy([ALICE, 'ec2:RunInstances', '-r', INSTANCES_US, '-i', ALLOW_ALL, '--organization-config', org, '-o', 'summary'], { cwd: scratch });
    expect(us.status).toBe(1);
    expect(us.stdout).toMatch(/Denied by: Service control policies \(SCPs\): only-eu-west-1\.json, Sid "OnlyEU"/);
    const eu = iamwhy([ALICE, 'ec2:RunInstances', '-r', INSTANCES_EU, '-i', ALLOW_ALL, '--organization-config', org, '-o', 'quiet'], { cwd: scratch });
    expect(eu).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('a missing YAML file: exit 2, one line', () => {
    expectUsageError(iamwhy([ALICE, 'ec2:RunInstances', '-i', ALLOW_ALL, '--organization-config', fixture('org/none.yaml')]), /cannot read organization config file ".*none\.yaml": no such file/);
  });

  it('a policy file given as the YAML: exit 2, names the expected keys', () => {
    const run = iamwhy([ALICE, 'ec2:RunInstances', '-i', ALLOW_ALL, '--organization-config', READ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^iamwhy: \S*read-bucket\.json:2:3: error: unknown key "Version"; expected scp_hierarchy, rcp_hierarchy$/m);
  });
});

describe('context files', () => {
  it('--request-context: "custom" wins over the request section and over values derived from the ARN', () => {
    const org = fixture('org/org.yaml');
    // The resource ARN says us-east-1, request.region says us-east-1, custom says eu-west-1: custom wins, the SCP allows.
    const custom = iamwhy([ALICE, 'ec2:RunInstances', '-r', INSTANCES_US, '-i', ALLOW_ALL, '--organization-config', org, '--request-context', fixture('request-region-custom.json'), '-o', 'quiet']);
    expect(custom).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
    // request.region us-east-1 wins over the eu-west-1 derived from the ARN: the SCP denies.
    const region = iamwhy([ALICE, 'ec2:RunInstances', '-r', INSTANCES_EU, '-i', ALLOW_ALL, '--organization-config', org, '--request-context', fixture('request-region.json'), '-o', 'quiet']);
    expect(region).toMatchObject({ status: 1, stdout: 'EXPLICIT_DENY\n' });
  });

  it('a request context with unknown fields: exit 2, each named with line and column', () => {
    const run = iamwhy([ALICE, 'ec2:RunInstances', '-i', ALLOW_ALL, '--request-context', READ]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/read-bucket\.json:2:\d+: error: unknown field "Version" in the request context; expected one of network, session, request, custom/);
  });

  it('--generate-context-template prints three templates that load back without error', () => {
    const run = iamwhy(['--generate-context-template']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const parts = run.stdout.split(/^\/\/ (\S+) — pass with (\S+)\n/m).slice(1);
    expect(parts).toHaveLength(9);
    const flags: string[] = [];
    for (let index = 0; index < parts.length; index += 3) {
      const [fileName, flag, text] = [parts[index]!, parts[index + 1]!, parts[index + 2]!];
      writeFileSync(join(scratch, fileName), text);
      flags.push(flag, join(scratch, fileName));
    }
    expect(flags.filter((_, index) => index % 2 === 0)).toEqual(['--principal-context', '--resource-context', '--request-context']);
    // The principal comes from the principal template (alice in 123456789012).
    const loaded = iamwhy(['-a', 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, ...flags, '-o', 'json']);
    expect(loaded.stderr).toBe('');
    expect(loaded.status).toBe(0);
    const output = validJson(loaded) as { principal: string };
    expect(output.principal).toBe('arn:aws:iam::123456789012:user/alice');
  });

  it('--generate-context-template -o json prints one JSON document keyed by kind', () => {
    const run = iamwhy(['--generate-context-template', '-o', 'json']);
    expect(run.status).toBe(0);
    const templates = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
    expect(Object.keys(templates)).toEqual(['principal', 'resource', 'request']);
    writeFileSync(join(scratch, 'request.json'), JSON.stringify(templates.request));
    const loaded = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '--request-context', join(scratch, 'request.json'), '-o', 'quiet']);
    expect(loaded).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
  });

  it('--principal-context supplies the principal when none is given', () => {
    const templates = JSON.parse(iamwhy(['--generate-context-template', '-o', 'json']).stdout) as Record<string, unknown>;
    const file = join(scratch, 'principal-only.json');
    writeFileSync(file, JSON.stringify(templates.principal));
    const run = iamwhy(['s3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--principal-context', file, '-o', 'summary']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED: s3:GetObject/);
  });
});

describe('--snapshot', () => {
  const GAAD = fixture('gaad.json');

  it('looks a bare user name up in a GAAD snapshot and uses its inline policy', () => {
    const run = iamwhy(['alice', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '-o', 'summary']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Allowed by: Identity-based policies: user\/alice:read-bucket/);
  });

  it('takes the bare name from -p too, and says what is missing without one', () => {
    expect(iamwhy(['s3:GetObject', '-p', 'alice', '-r', OBJECT, '--snapshot', GAAD, '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
    expectUsageError(iamwhy(['s3:GetObject', '-r', OBJECT, '--snapshot', GAAD]), /missing PRINCIPAL: give a user or role name of the snapshot, or an ARN/);
  });

  it('looks a role up by name too', () => {
    expect(iamwhy(['builder', 'logs:PutLogEvents', '--snapshot', GAAD, '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('accepts the ARN of a snapshot principal', () => {
    expect(iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('adds policy files to the snapshot (a Deny file wins)', () => {
    const run = iamwhy(['alice', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '-i', fixture('deny-s3.json'), '-o', 'quiet']);
    expect(run).toMatchObject({ status: 1, stdout: 'EXPLICIT_DENY\n' });
  });

  it('an unknown name gives the closest names', () => {
    expectUsageError(iamwhy(['alcie', 's3:GetObject', '--snapshot', GAAD]), /no user or role named "alcie" in the snapshot; closest: alice \(user, arn:aws:iam::111111111111:user\/alice\)/);
    expectUsageError(iamwhy(['buildr', 's3:GetObject', '--snapshot', GAAD]), /closest: builder \(role/);
  });

  it('a name nothing resembles says how many principals the snapshot has', () => {
    expectUsageError(iamwhy(['zed', 's3:GetObject', '--snapshot', GAAD]), /no user or role named "zed" in the snapshot; the snapshot has 1 user\(s\) and 1 role\(s\)/);
  });

  it('missing, broken and non-snapshot files: exit 2, one line', () => {
    expectUsageError(iamwhy(['alice', 's3:GetObject', '--snapshot', fixture('none.json')]), /none\.json: error: cannot read the snapshot: no such file/);
    expectUsageError(iamwhy(['alice', 's3:GetObject', '--snapshot', fixture('broken.json')]), /broken\.json:4:\d+: error: not valid JSON/);
    expectUsageError(iamwhy(['alice', 's3:GetObject', '--snapshot', READ]), /read-bucket\.json: error: not a snapshot: expected an iamwhy snapshot .* or get-account-authorization-details output/);
    expectUsageError(iamwhy(['alice', 's3:GetObject', '--snapshot', fixture('empty.json')]), /empty\.json.*error/);
  });

  it('snapshot errors with -o json are JSON', () => {
    expectJsonError(iamwhy(['alcie', 's3:GetObject', '--snapshot', GAAD, '-o', 'json']), /closest: alice/);
  });
});

describe('policy actions are checked against the service data', () => {
  it('a typo in a policy’s Action is a warning on stderr with did-you-mean, and evaluation goes on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwhy-typo-'));
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObjects'], Resource: '*' }] }));
    const run = iamwhy([ALICE, 's3:GetObject', '-r', 'arn:aws:s3:::bucket/k', '-i', file, '-o', 'quiet']);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('IMPLICIT_DENY\n');
    expect(run.stderr).toMatch(/typo\.json: warning at Statement\[0\]\.Action: "s3:GetObjects" is not an action of s3; did you mean s3:GetObject/);
  });
});

describe('explicit flags add to or override what a snapshot provides', () => {
  const acme = ['--snapshot', 'examples/acme/acme-snapshot.json'];
  const report = 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv';
  it('-R replaces the bucket policy the snapshot holds', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwhy-override-'));
    const file = join(dir, 'deny-alice.json');
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NoAlice', Effect: 'Deny', Principal: { AWS: 'arn:aws:iam::111111111111:user/alice' }, Action: 's3:*', Resource: '*' }] }));
    const withSnapshotOnly = JSON.parse(iamwhy(['alice', 's3:GetObject', '-r', report, ...acme, '-o', 'json']).stdout) as { decision: string };
    expect(withSnapshotOnly.decision).toBe('allowed');
    const overridden = JSON.parse(iamwhy(['alice', 's3:GetObject', '-r', report, ...acme, '-R', file, '-o', 'json']).stdout) as { decision: string; blocking_policies: Array<{ statement: { sid: string } | null }> };
    expect(overridden.decision).toBe('explicitDeny');
    expect(overridden.blocking_policies.map((entry) => entry.statement?.sid)).toEqual(['NoAlice']);
  });
  it('--context overrides a value the snapshot derives (the bucket’s region)', () => {
    const run = JSON.parse(iamwhy(['alice', 's3:GetObject', '-r', report, ...acme, '--context', 'aws:RequestedRegion=ap-southeast-2', '-o', 'json']).stdout) as { decision: string; blocked_by: string[] };
    expect(run.decision).toBe('explicitDeny');
    expect(run.blocked_by).toEqual(['scp']);
  });
  it('-i adds an identity policy to those the snapshot gives the principal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'iamwhy-add-'));
    const file = join(dir, 'extra.json');
    writeFileSync(file, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }] }));
    const before = JSON.parse(iamwhy(['alice', 'ec2:RunInstances', '-r', 'arn:aws:ec2:eu-west-1:111111111111:instance/*', ...acme, '-o', 'json']).stdout) as { decision: string };
    const after = JSON.parse(iamwhy(['alice', 'ec2:RunInstances', '-r', 'arn:aws:ec2:eu-west-1:111111111111:instance/*', ...acme, '-i', file, '-o', 'json']).stdout) as { decision: string };
    expect([before.decision, after.decision]).toEqual(['implicitDeny', 'allowed']);
  });
});
