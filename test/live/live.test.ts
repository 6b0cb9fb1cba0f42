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
function awsEnv(credentials: Credentials | undefined, extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
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

function live(args: string[], credentials: Credentials | undefined = world.alice, extra: Record<string, string | undefined> = {}): Promise<Run & { ms: number }> {
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
});
