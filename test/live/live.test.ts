/* eslint-disable @typescript-eslint/no-explicit-any -- the JSON output is read field by field; validJson checks it against its schema first */
/**
 * Live mode and `iamwhy snapshot` against a local AWS: a moto server started
 * here (one for the file, seeded once through the real AWS SDK) behind a small
 * endpoint for what moto lacks (see aws-endpoint.ts). iamwhy runs as a
 * subprocess with AWS_ENDPOINT_URL and the seeded credentials; real AWS is
 * never called.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, validJson, type Run } from '../cli/helpers.js';
import { AwsEndpoint, startMoto, type Moto } from './aws-endpoint.js';
import { MANAGEMENT, seed, type Seeded } from './seed.js';

// The seeding SDK clients run in this process on Node 20: no version warning in the test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let moto: Moto;
let endpoint: AwsEndpoint;
let world: Seeded;
let dir: string;

const ALICE = `arn:aws:iam::${MANAGEMENT}:user/alice`;

beforeAll(async () => {
  moto = await startMoto();
  endpoint = await new AwsEndpoint(moto.url).start();
  world = await seed(endpoint.url, endpoint.hostUrl);
  // Carol's key belongs to the member account (created there, not learnt from an AssumeRole answer).
  endpoint.keyAccounts.set(world.carol.accessKeyId, world.member);
  dir = mkdtempSync(join(tmpdir(), 'iamwhy-live-'));
}, 90_000);

afterAll(async () => {
  await endpoint?.stop();
  await moto?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The environment of a live run: the local endpoint, the given credentials, no shared files, no instance metadata. */
function awsEnv(credentials: Credentials | null, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AWS_ENDPOINT_URL: endpoint.url,
    AWS_ENDPOINT_URL_S3_CONTROL: endpoint.hostUrl,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: undefined,
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: credentials?.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials?.secretAccessKey,
    AWS_SESSION_TOKEN: credentials?.sessionToken,
    AWS_CONFIG_FILE: join(dir, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'no-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

/**
 * `node bin/iamwhy.js …` without blocking this process (the local endpoint answers from it):
 * NO_COLOR, stdin closed, the given AWS environment.
 */
function iamwhyAsync(args: readonly string[], env: Record<string, string | undefined>): Promise<Run & { ms: number }> {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...env };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: merged as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, status, ms: Date.now() - started });
    });
  });
}

function live(args: string[], credentials: Credentials | null = world.alice, extra: Record<string, string | undefined> = {}): Promise<Run & { ms: number }> {
  return iamwhyAsync(args, awsEnv(credentials, extra));
}

function json(run: Run): Record<string, any> {
  return validJson(run) as Record<string, any>;
}

describe('live mode', () => {
  it('a user by bare name: groups, managed policies and boundary are read, in at most 4 rounds', async () => {
    endpoint.simulation = { decision: 'allowed', paginate: true };
    const run = await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '-o', 'json', '--debug']);
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1));
    expect(out.principal).toBe(ALICE);
    const ids = out.trace.layers.find((layer: any) => layer.layer === 'identity').policies.map((policy: any) => policy.policyId);
    expect(ids).toEqual(expect.arrayContaining(['user/alice:ReadReports', 'group/devs:ListReports', `arn:aws:iam::${MANAGEMENT}:policy/DenyDeletes`, `arn:aws:iam::${MANAGEMENT}:policy/TeamBuckets`]));
    expect(out.trace.layers.find((layer: any) => layer.layer === 'permissions_boundary').applies).toBe(true);
    const rounds = [...run.stderr.matchAll(/^aws: round (\d+) (iam|s3):/gm)].map((match) => Number(match[1]));
    expect(rounds.length).toBeGreaterThan(10);
    expect(Math.max(...rounds)).toBeLessThanOrEqual(4);
  });

  it('the simulator is asked with the resource policy, caller, owner, typed context and every page, and agrees', async () => {
    endpoint.simulation = { decision: 'allowed', paginate: true };
    const before = endpoint.calls.length;
    const run = await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '-o', 'json', '--context', 'aws:SecureTransport=true']);
    expect(run.status, run.stderr).toBe(0);
    const out = json(run);
    expect(out.simulator).toEqual({ source: 'iam:SimulatePrincipalPolicy', decision: 'allowed', agrees: true, blind_spots: [], detail: "AWS's policy simulator agrees: allowed." });
    const simulations = endpoint.calls.slice(before).filter((call) => call.operation === 'iam:SimulatePrincipalPolicy');
    expect(simulations).toHaveLength(2);
    const first = simulations[0]!;
    const second = simulations[1]!;
    expect(second.params.Marker).toBe('page-2');
    expect(first.params.PolicySourceArn).toBe(ALICE);
    expect(first.params.CallerArn).toBe(ALICE);
    expect(first.params['ActionNames.member.1']).toBe('s3:GetObject');
    expect(first.params['ResourceArns.member.1']).toBe('arn:aws:s3:::reports/q1.csv');
    expect(first.params.ResourceOwner).toBe(`arn:aws:iam::${MANAGEMENT}:root`);
    expect(JSON.parse(first.params.ResourcePolicy ?? '{}').Statement[0].Sid).toBe('TlsOnly');
    const entries = Object.entries(first.params as Record<string, string>).filter(([key]) => key.startsWith('ContextEntries.member.'));
    const entry = (name: string): Record<string, string> => {
      const index = entries.find(([key, value]) => key.endsWith('.ContextKeyName') && value === name)?.[0].split('.')[2];
      return Object.fromEntries(entries.filter(([key]) => key.split('.')[2] === index).map(([key, value]) => [key.split('.').slice(3).join('.'), value]));
    };
    expect(entry('aws:SecureTransport')).toMatchObject({ ContextKeyType: 'boolean', 'ContextKeyValues.member.1': 'true' });
    expect(entry('aws:PrincipalTag/team')).toMatchObject({ ContextKeyType: 'string', 'ContextKeyValues.member.1': 'data' });
  });

  it('where the simulator differs, its blind spots that apply are named and iamwhy keeps its verdict', async () => {
    endpoint.simulation = { decision: 'allowed' };
    const run = await live([`arn:aws:sts::${MANAGEMENT}:assumed-role/Deploy/build-42`, 'sts:AssumeRole', '-r', `arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`, '-o', 'json']);
    const out = json(run);
    expect(out.principal_type).toBe('assumed-role');
    expect(out.decision).toBe('implicitDeny');
    expect(run.status).toBe(1);
    expect(out.simulator.decision).toBe('allowed');
    expect(out.simulator.agrees).toBe(false);
    expect(out.simulator.blind_spots.join(' | ')).toMatch(/simulates a role session as its role.*\| it ignores the role trust policy for sts:AssumeRole/);
    // Explained by the blind spots: no unknown for it.
    expect(out.unknowns.filter((unknown: any) => unknown.kind === 'unsupported')).toEqual([]);
    const simulated = endpoint.calls.filter((call) => call.operation === 'iam:SimulatePrincipalPolicy').at(-1);
    expect(simulated?.params.PolicySourceArn).toBe(`arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`);
    expect(simulated?.params.CallerArn).toBeUndefined();
  });

  it('a disagreement no blind spot explains is an unknown; --no-simulate does not ask', async () => {
    endpoint.simulation = { decision: 'explicitDeny' };
    const run = await live(['alice', 'kms:Decrypt', '-r', world.keyArn, '-o', 'json']);
    const out = json(run);
    expect(out.decision).toBe('explicitDeny');
    endpoint.simulation = { decision: 'implicitDeny' };
    const differs = json(await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '-o', 'json']));
    expect(differs.decision).toBe('allowed');
    expect(differs.certain, JSON.stringify(differs.simulator)).toBe(false);
    expect(differs.unknowns).toContainEqual(expect.objectContaining({ kind: 'unsupported', could_lead_to: 'implicitDeny' }));
    const before = endpoint.calls.filter((call) => call.operation === 'iam:SimulatePrincipalPolicy').length;
    const quiet = json(await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '-o', 'json', '--no-simulate']));
    expect(quiet.simulator).toBeUndefined();
    expect(endpoint.calls.filter((call) => call.operation === 'iam:SimulatePrincipalPolicy').length).toBe(before);
  });

  it('every principal form: user ARN, role ARN with its path, role name, session, federated user, root, "me"', async () => {
    endpoint.simulation = undefined;
    const forms: Array<[string[], string, string]> = [
      [[ALICE], ALICE, 'user'],
      [[`arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`], `arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`, 'role'],
      [['Deploy'], `arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`, 'role'],
      [[`arn:aws:sts::${MANAGEMENT}:assumed-role/Deploy/s1`], `arn:aws:sts::${MANAGEMENT}:assumed-role/Deploy/s1`, 'assumed-role'],
      [[`arn:aws:sts::${MANAGEMENT}:federated-user/bob`], `arn:aws:sts::${MANAGEMENT}:federated-user/bob`, 'federated-user'],
      [[MANAGEMENT], `arn:aws:iam::${MANAGEMENT}:root`, 'root'],
      [['-a', 'sqs:SendMessage'], ALICE, 'user'],
    ];
    const runs = await Promise.all(
      forms.map(([principal]) => live(principal[0] === '-a' ? [...principal, '-r', world.queueArn, '-o', 'json'] : [...principal, 'sqs:SendMessage', '-r', world.queueArn, '-o', 'json'])),
    );
    forms.forEach(([principal, arn, type], index) => {
      const out = json(runs[index] as Run);
      expect(out.principal, principal.join(' ')).toBe(arn);
      expect(out.principal_type).toBe(type);
    });
    // Deploy's role policy allows sqs:*; alice is denied by the queue policy.
    expect(json(await live(['Deploy', 'sqs:SendMessage', '-r', world.queueArn, '-o', 'json'])).decision).toBe('allowed');
    expect(json(await live(['alice', 'sqs:SendMessage', '-r', world.queueArn, '-o', 'json'])).decision).toBe('explicitDeny');
  });

  it('a name that is both a user and a role is an error listing both; an unknown name is one line', async () => {
    const both = await live(['shared', 's3:GetObject']);
    expect(both.status).toBe(2);
    expect(both.stdout).toBe('');
    expect(both.stderr.trim().split('\n')).toHaveLength(1);
    expect(both.stderr).toContain(`arn:aws:iam::${MANAGEMENT}:user/shared`);
    expect(both.stderr).toContain(`arn:aws:iam::${MANAGEMENT}:role/shared`);
    const unknown = await live(['nobody', 's3:GetObject']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^iamwhy: no user or role named "nobody" in account 123456789012\n$/);
  });

  it('a denied lookup of one kind does not hide the other', async () => {
    endpoint.deny(world.alice.accessKeyId, ['iam:GetUser']);
    try {
      const out = json(await live(['Deploy', 'sqs:SendMessage', '-r', world.queueArn, '-o', 'json']));
      expect(out.principal).toBe(`arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`);
      expect(out.notes.join(' ')).toMatch(/iam:GetUser was denied \(AccessDenied\), so a user also named Deploy may exist/);
    } finally {
      endpoint.denials.delete(world.alice.accessKeyId);
    }
  });

  it('a principal of another account is refused with the account whose credentials are needed', async () => {
    const run = await live([`arn:aws:iam::${world.member}:user/carol`, 's3:GetObject', '-r', 'arn:aws:s3:::dev-data/x']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`is in account ${world.member}, but these credentials are for account ${MANAGEMENT}`);
  });

  it('each resource service: its policy is read and decides (KMS, SQS, SNS, Lambda, Secrets Manager, ECR, S3, role trust)', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['kms:Decrypt', world.keyArn, 'explicitDeny', 'NoDecryptForAlice'],
      ['kms:Decrypt', `arn:aws:kms:us-east-1:${MANAGEMENT}:alias/reports`, 'explicitDeny', 'NoDecryptForAlice'],
      ['sqs:SendMessage', world.queueArn, 'explicitDeny', 'NoSendFromAlice'],
      ['sns:Publish', world.topicArn, 'explicitDeny', 'NoPublish'],
      ['secretsmanager:GetSecretValue', world.secretArn, 'explicitDeny', 'NoReads'],
      ['ecr:BatchGetImage', world.repositoryArn, 'explicitDeny', 'NoPulls'],
      ['s3:GetObject', 'arn:aws:s3:::reports/q1.csv', 'explicitDeny', 'TlsOnly'],
      ['sts:AssumeRole', `arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`, 'allowed', ''],
    ];
    const runs = await Promise.all(
      cases.map(([action, resource, , sid]) => live(['alice', action, '-r', resource, '-o', 'json', '--no-simulate', ...(sid === 'TlsOnly' ? ['--context', 'aws:SecureTransport=false'] : [])])),
    );
    for (const [index, [action, resource, decision, sid]] of cases.entries()) {
      const out = json(runs[index] as Run);
      expect(out.decision, `${action} ${resource}`).toBe(decision);
      if (sid !== '') expect(out.blocking_policies[0]?.statement?.sid).toBe(sid);
      expect(out.layers.find((layer: any) => layer.layer === 'resource').policies.length, `${action}: a resource policy was read`).toBe(1);
    }
    // Lambda: the function's policy names only EventBridge, so alice (same account) is allowed by her identity policy.
    const lambda = json(await live(['alice', 'lambda:InvokeFunction', '-r', world.functionArn, '-o', 'json', '--no-simulate']));
    expect(lambda.decision).toBe('allowed');
    expect(lambda.all_breakdown.some((row: any) => row.layer === 'resource' && row.policy_id === world.functionArn)).toBe(true);
    // The bucket's tags feed aws:ResourceTag/team, matched against the principal's tag.
    const tagged = json(await live(['alice', 's3:PutObject', '-r', 'arn:aws:s3:::reports/new.csv', '-o', 'json', '--no-simulate']));
    expect(tagged.decision).toBe('allowed');
    expect(tagged.trace.context).toContainEqual(expect.objectContaining({ key: 'aws:ResourceTag/team', values: ['data'] }));
  });
});

describe('the organization', () => {
  it('from a member account only the organization id is readable: SCPs and RCPs are unknowns, the answer stands', async () => {
    const run = await live(['s3:GetObject', '-r', 'arn:aws:s3:::dev-data/x', '-o', 'json', '--no-simulate'], world.carol);
    const out = json(run);
    expect(out.principal).toBe(`arn:aws:iam::${world.member}:user/carol`);
    expect(out.decision).toBe('allowed');
    expect(run.status).toBe(0);
    expect(out.certain).toBe(false);
    expect(out.unknowns).toContainEqual(expect.objectContaining({ kind: 'read_denied', layer: 'scp', detail: 'Not read: organizations:ListParents (AccessDeniedException) — SCPs not evaluated.' }));
    expect(out.trace.context).toContainEqual(expect.objectContaining({ key: 'aws:PrincipalOrgID', values: [world.organizationId] }));
  });

  it('from a delegated administrator: every SCP level, root → OU → account, and the resource account\'s RCPs', async () => {
    endpoint.delegatedAdministrators.add(world.member);
    try {
      const scp = json(await live(['carol', 'kms:ListKeys', '--region', 'us-east-1', '-o', 'json', '--no-simulate'], world.carol));
      expect(scp.decision).toBe('explicitDeny');
      expect(scp.cause).toBe('scp_block');
      const levels = scp.layers.find((layer: any) => layer.layer === 'scp').levels;
      expect(levels.map((level: any) => level.type)).toEqual(['root', 'ou', 'account']);
      expect(levels[1].name).toBe('Workloads');
      expect(scp.blocking_policies[0].statement.sid).toBe('DenyOutsideEuWest1');
      expect(scp.certain).toBe(true);
      const allowedInRegion = json(await live(['carol', 'kms:ListKeys', '--region', 'eu-west-1', '-o', 'json', '--no-simulate'], world.carol));
      expect(allowedInRegion.decision).toBe('allowed');
      const rcp = json(await live(['carol', 's3:DeleteObject', '-r', 'arn:aws:s3:::dev-data/x', '-o', 'json', '--no-simulate'], world.carol));
      expect(rcp.decision).toBe('explicitDeny');
      expect(rcp.cause).toBe('rcp_block');
      expect(rcp.blocking_policies[0].policy_id).toBe('NoObjectDeletes');
    } finally {
      endpoint.delegatedAdministrators.delete(world.member);
    }
  });
});

describe('when a read is denied', () => {
  it('an optional read that is denied is an unknown: the answer, its unknowns and exit code', async () => {
    endpoint.deny(world.alice.accessKeyId, ['organizations:*', 's3:GetBucketPolicy']);
    try {
      const run = await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '-o', 'json', '--no-simulate']);
      expect(run.status).toBe(0);
      const out = json(run);
      expect(out.decision).toBe('allowed');
      expect(out.certain).toBe(false);
      const details = out.unknowns.map((unknown: any) => unknown.detail);
      expect(details).toContain('Not read: organizations:DescribeOrganization (AccessDeniedException) — SCPs not evaluated.');
      expect(details).toContain('Not read: s3:GetBucketPolicy (AccessDenied) — the resource-based policy of arn:aws:s3:::reports not evaluated.');
      expect(out.unknowns.every((unknown: any) => unknown.kind === 'read_denied'), JSON.stringify(out.unknowns)).toBe(true);
      const text = await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '--no-simulate']);
      expect(text.stdout).toMatch(/Not certain — what iamwhy did not have could change this:\n {2}\? Not read: organizations:DescribeOrganization/);
    } finally {
      endpoint.denials.delete(world.alice.accessKeyId);
    }
  });

  it('a denied read that could grant makes a denial uncertain (exit 1)', async () => {
    endpoint.deny(world.alice.accessKeyId, ['iam:ListGroupsForUser']);
    try {
      const run = await live(['alice', 's3:ListBucket', '-r', 'arn:aws:s3:::reports', '-o', 'json', '--no-simulate']);
      expect(run.status).toBe(1);
      const out = json(run);
      expect(out.decision).toBe('implicitDeny');
      expect(out.unknowns).toContainEqual(
        expect.objectContaining({ kind: 'read_denied', layer: 'identity', could_lead_to: 'allowed', detail: `Not read: iam:ListGroupsForUser (AccessDenied) — groups of user alice and their policies not evaluated.` }),
      );
    } finally {
      endpoint.denials.delete(world.alice.accessKeyId);
    }
  });

  it('nothing readable, missing credentials, an unreachable endpoint: exit 2 with one line, within seconds', async () => {
    endpoint.deny(world.alice.accessKeyId, ['iam:*', 's3:*', 'organizations:*']);
    try {
      const nothing = await live([ALICE, 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv']);
      expect(nothing.status, nothing.stdout + nothing.stderr).toBe(2);
      expect(nothing.stderr).toMatch(/^iamwhy: nothing could be read about arn:aws:iam::123456789012:user\/alice in account 123456789012: .*iam:GetUser \(AccessDenied\)/);
      expect(nothing.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      endpoint.denials.delete(world.alice.accessKeyId);
    }
    const none = await live(['alice', 's3:GetObject'], null);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^iamwhy: no AWS credentials found: configure them .*\n$/);
    const closed = await live(['alice', 's3:GetObject'], world.alice, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_S3_CONTROL: 'http://localhost:9' });
    expect(closed.status).toBe(2);
    expect(closed.stderr).toMatch(/^iamwhy: cannot reach AWS at http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED on (sts|iam):\w+\): check the network, --region and AWS_ENDPOINT_URL\n$/);
    expect(closed.ms).toBeLessThan(20_000);
    const json = await live(['alice', 's3:GetObject', '-o', 'json'], null);
    expect(JSON.parse(json.stdout).error.code).toBe('AWS_CREDENTIALS');
  });
});

describe('credentials and profiles', () => {
  it('--profile reads credentials and region from the shared files; --debug never prints a secret', async () => {
    const config = join(dir, 'config');
    const credentials = join(dir, 'credentials');
    writeFileSync(config, '[profile prod]\nregion = eu-west-1\n');
    writeFileSync(credentials, `[prod]\naws_access_key_id = ${world.alice.accessKeyId}\naws_secret_access_key = ${world.alice.secretAccessKey}\n`);
    const before = endpoint.calls.length;
    const run = await live(['s3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '--profile', 'prod', '-o', 'json', '--debug', '--no-simulate'], null, {
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: credentials,
      AWS_REGION: undefined,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).principal).toBe(ALICE);
    expect(endpoint.calls.slice(before).every((call) => call.accessKey === world.alice.accessKeyId)).toBe(true);
    expect(run.stderr).toMatch(/^aws: round 1 sts:GetCallerIdentity → ok$/m);
    expect(run.stderr).not.toContain(world.alice.secretAccessKey);
    expect(run.stderr).not.toContain(world.alice.accessKeyId);
  });

  it('--resource-profile reads the resource side of a cross-account question with the other account\'s credentials', async () => {
    const config = join(dir, 'config-cross');
    const credentials = join(dir, 'credentials-cross');
    writeFileSync(config, '[profile prod]\nregion = us-east-1\n[profile dev]\nregion = us-east-1\n');
    writeFileSync(
      credentials,
      `[prod]\naws_access_key_id = ${world.alice.accessKeyId}\naws_secret_access_key = ${world.alice.secretAccessKey}\n[dev]\naws_access_key_id = ${world.carol.accessKeyId}\naws_secret_access_key = ${world.carol.secretAccessKey}\n`,
    );
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
    const out = json(await live(['alice', 's3:GetObject', '-r', 'arn:aws:s3:::dev-data/x', '--profile', 'prod', '--resource-profile', 'dev', '-o', 'json', '--no-simulate'], null, env));
    expect(out.decision).toBe('allowed');
    expect(out.trace.request.crossAccount).toBe(true);
    expect(out.layers.find((layer: any) => layer.layer === 'resource').deciding[0].sid).toBe('AliceReads');
  });
});

/** A JSON answer without what legitimately differs between a live and an offline run: the file a policy came from, and the clock. */
function comparable(run: Run): unknown {
  const out = json(run);
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([key]) => key !== 'file')
        .map(([key, inner]) => [key, strip(inner)]),
    );
  };
  out.trace.context = out.trace.context.filter((entry: any) => !/^aws:(CurrentTime|EpochTime)$/.test(entry.key));
  return strip(out);
}

describe('iamwhy snapshot', () => {
  const requests: string[][] = [
    ['alice', 's3:GetObject', '-r', 'arn:aws:s3:::reports/q1.csv', '--context', 'aws:SecureTransport=true'],
    ['alice', 's3:PutObject', '-r', 'arn:aws:s3:::reports/new.csv'],
    ['alice', 's3:ListBucket', '-r', 'arn:aws:s3:::reports'],
    ['alice', 'kms:Decrypt', '-r', `arn:aws:kms:us-east-1:${MANAGEMENT}:alias/reports`],
    ['alice', 'sts:AssumeRole', '-r', `arn:aws:iam::${MANAGEMENT}:role/ops/Deploy`],
    ['Deploy', 'sqs:SendMessage', '-r', `arn:aws:sqs:us-east-1:${MANAGEMENT}:jobs`],
    ['alice', 'secretsmanager:GetSecretValue', '-r', `arn:aws:secretsmanager:us-east-1:${MANAGEMENT}:secret:db`],
  ];

  it('the same explanation live and from the captured snapshot', async () => {
    const file = join(dir, 'account.json');
    const captured = await live(['snapshot', file]);
    expect(captured.status, captured.stderr).toBe(0);
    expect(captured.stderr).toMatch(/^iamwhy: wrote .*account\.json: 1 account\(s\), \d+ user\(s\), \d+ role\(s\), \d+ resource\(s\)\n$/);
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    expect(snapshot.iamwhySnapshot).toBe(1);
    expect(snapshot.organization.id).toBe(world.organizationId);
    expect(snapshot.accounts[0].resources.map((resource: any) => resource.type).sort()).toEqual(
      expect.arrayContaining(['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::SQS::Queue', 'AWS::SNS::Topic', 'AWS::Lambda::Function', 'AWS::SecretsManager::Secret', 'AWS::ECR::Repository']),
    );
    for (const request of requests) {
      const [online, offline] = await Promise.all([live([...request, '-o', 'json', '--no-simulate']), live([...request, '-o', 'json', '--snapshot', file])]);
      expect(offline.status, request.join(' ')).toBe(online.status);
      expect(comparable(offline), request.join(' ')).toEqual(comparable(online));
    }
  });

  it('what could not be read is recorded in the file, and the offline answer carries the same unknowns', async () => {
    const file = join(dir, 'denied.json');
    endpoint.deny(world.alice.accessKeyId, ['organizations:ListParents', 's3:GetBucketTagging']);
    try {
      expect((await live(['snapshot', file])).status).toBe(0);
      const snapshot = JSON.parse(readFileSync(file, 'utf8'));
      expect(snapshot.accounts[0].notRead).toEqual(
        expect.arrayContaining([
          { operation: 'organizations:ListParents', error: 'AccessDeniedException', part: 'scp', target: MANAGEMENT },
          { operation: 's3:GetBucketTagging', error: 'AccessDenied', part: 'resource_tags', target: 'arn:aws:s3:::reports' },
        ]),
      );
      const unknowns = (run: Run): any[] => json(run).unknowns;
      const tags = ['alice', 's3:PutObject', '-r', 'arn:aws:s3:::reports/new.csv', '-o', 'json'];
      // A member account's credentials may not read its SCP levels: carol's capture records it.
      const memberFile = join(dir, 'member.json');
      expect((await live(['snapshot', memberFile], world.carol)).status).toBe(0);
      const scps = ['carol', 's3:GetObject', '-r', 'arn:aws:s3:::dev-data/x', '-o', 'json'];
      const [tagsLive, tagsOffline, scpsLive, scpsOffline] = await Promise.all([
        live([...tags, '--no-simulate']),
        live([...tags, '--snapshot', file]),
        live([...scps, '--no-simulate'], world.carol),
        live([...scps, '--snapshot', memberFile]),
      ]);
      expect(unknowns(tagsOffline)).toEqual(unknowns(tagsLive));
      expect(unknowns(scpsOffline)).toEqual(unknowns(scpsLive));
      // Implicitly denied: only the unread tags could change it (a gate cannot grant).
      expect(unknowns(tagsOffline)).toEqual([
        expect.objectContaining({ kind: 'read_denied', key: 'aws:ResourceTag/team', could_lead_to: 'allowed', detail: 'Depends on aws:ResourceTag/team: Not read: s3:GetBucketTagging (AccessDenied) — tags of arn:aws:s3:::reports unknown.' }),
      ]);
      // Allowed: the unread SCP levels could deny it.
      expect(unknowns(scpsOffline)).toContainEqual(expect.objectContaining({ kind: 'read_denied', layer: 'scp', detail: 'Not read: organizations:ListParents (AccessDeniedException) — SCPs not evaluated.' }));
    } finally {
      endpoint.denials.delete(world.alice.accessKeyId);
    }
  });

  it('--org --role-name: every account through the role, one file, and an interrupted capture resumes', async () => {
    const root = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    const file = join(dir, 'org.json');
    const before = endpoint.calls.length;
    const run = await live(['snapshot', file, '--org', '--role-name', 'OrganizationAccountAccessRole'], root);
    expect(run.status, run.stderr).toBe(0);
    const snapshot = JSON.parse(readFileSync(file, 'utf8'));
    expect(snapshot.accounts.map((account: any) => account.accountId).sort()).toEqual([MANAGEMENT, world.member].sort());
    expect(snapshot.organization.organizationalUnits.map((unit: any) => unit.name)).toContain('Workloads');
    expect(snapshot.organization.policies.map((policy: any) => policy.name)).toEqual(expect.arrayContaining(['OnlyEuWest1', 'NoObjectDeletes']));
    expect(endpoint.calls.slice(before).filter((call) => call.operation === 'sts:AssumeRole').map((call) => call.params.RoleArn)).toEqual([world.memberRole]);
    // Offline from the organization's snapshot: the member's SCP levels decide as they do live from a delegated administrator.
    const offline = json(await live(['carol', 'kms:ListKeys', '--region', 'us-east-1', '-o', 'json', '--snapshot', file]));
    expect(offline.cause).toBe('scp_block');
    expect(offline.certain).toBe(true);

    // Interrupted after the member account: only the management account is read again.
    const member = snapshot.accounts.find((account: any) => account.accountId === world.member);
    const partial = `${file}.partial`;
    writeFileSync(partial, `${JSON.stringify({ iamwhySnapshotResume: 1, organizationId: world.organizationId })}\n${JSON.stringify({ account: { ...member, alias: 'resumed' } })}\n{"account": {"accountId": "12`);
    const resumedFrom = endpoint.calls.length;
    const resumed = await live(['snapshot', file, '--org', '--role-name', 'OrganizationAccountAccessRole'], root);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/1 account\(s\) resumed from .*org\.json\.partial/);
    expect(endpoint.calls.slice(resumedFrom).some((call) => call.operation === 'sts:AssumeRole')).toBe(false);
    const again = JSON.parse(readFileSync(file, 'utf8'));
    expect(again.accounts.find((account: any) => account.accountId === world.member).alias).toBe('resumed');
    expect(() => readFileSync(partial)).toThrow();
  });

  it('- writes the snapshot to standard output; usage errors are one line', async () => {
    const run = await live(['snapshot', '-']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).accounts[0].accountId).toBe(MANAGEMENT);
    const noRole = await live(['snapshot', '-', '--org']);
    expect(noRole.status).toBe(2);
    expect(noRole.stderr).toBe('iamwhy: --org needs --role-name ROLE: the role iamwhy assumes in each account of the organization\n');
  });
});

describe('explain-error live: the account is read when no offline source is given', () => {
  it('"Troubleshoot access denied error messages": a pasted message is evaluated against the live account, agreeing with AWS', async () => {
    const message = `User: ${ALICE} is not authorized to perform: kms:Decrypt on this resource because of an explicit deny in a resource-based policy`;
    const run = await live(['explain-error', message, '-r', world.keyArn, '-o', 'json']);
    expect(run.status, run.stderr).toBe(1);
    const out = json(run);
    expect(out.parsed.principal).toBe(ALICE);
    expect(out.decision).toBe('explicitDeny');
    expect(out.blocking_policies[0]?.statement?.sid).toBe('NoDecryptForAlice');
  });

  it('"DecodeAuthorizationMessage": an EC2 encoded failure message is decoded live and its context feeds the request', async () => {
    const before = endpoint.calls.filter((entry) => entry.operation === 'sts:DecodeAuthorizationMessage').length;
    const message = `You are not authorized to perform this operation. User: ${ALICE} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${MANAGEMENT}:instance/* with an explicit deny in an identity-based policy. Encoded authorization failure message: encoded-blob`;
    const run = await live(['explain-error', message, '-o', 'json']);
    expect([0, 1]).toContain(run.status);
    const calls = endpoint.calls.filter((entry) => entry.operation === 'sts:DecodeAuthorizationMessage');
    expect(calls.length).toBe(before + 1);
    expect(calls.at(-1)?.params.EncodedMessage).toBe('encoded-blob');
  });

  it('without credentials, the message alone is explained (exit 1 as AWS reported it), and --offline never reads AWS', async () => {
    const message = `User: ${ALICE} is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::reports/q1.csv" because no identity-based policy allows the s3:GetObject action`;
    const alone = await live(['explain-error', message, '-o', 'json'], null);
    expect(alone.status).toBe(1);
    expect(json(alone).evaluated).toBe(false);
    const calls = endpoint.calls.length;
    const offline = await live(['explain-error', message, '--offline', '-o', 'json']);
    expect(offline.status).toBe(1);
    expect(json(offline).evaluated).toBe(false);
    expect(endpoint.calls.length).toBe(calls);
  });
});

describe('decodeAuthorizationMessage', () => {
  it('"DecodeAuthorizationMessage": the decoded JSON of AWS\'s authorization decision', async () => {
    const { decodeAuthorizationMessage } = await import('../../src/index.js');
    // In process, the SDK reads credentials and endpoints from this process's environment.
    const saved = { ...process.env };
    Object.assign(process.env, Object.fromEntries(Object.entries(awsEnv(world.alice)).filter(([, value]) => value !== undefined)));
    let decoded: Record<string, unknown>;
    try {
      decoded = await decodeAuthorizationMessage('encoded-blob', { region: 'us-east-1' });
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    expect(decoded.explicitDeny).toBe(true);
    expect((decoded.context as any).principal.arn).toBe('arn:aws:sts::123456789012:assumed-role/Developer/Ana');
    const call = endpoint.calls.filter((entry) => entry.operation === 'sts:DecodeAuthorizationMessage').at(-1);
    expect(call?.params.EncodedMessage).toBe('encoded-blob');
  });
});

