/**
 * Offline means offline: with offline sources (policy files, snapshots) or
 * `--offline`, iamwhy opens no socket, resolves no name and loads no
 * credentials. Proved by running the commands with every network entry point
 * of Node stubbed to throw and log (test/support/network-probe.js), with AWS
 * credentials planted in the environment and in ~/.aws; and, where the
 * machine allows it, once more inside an empty network namespace (`unshare -n`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ALICE, BIN, OBJECT, ROOT, fixture } from './helpers.js';

const PROBE = fileURLToPath(new URL('../support/network-probe.js', import.meta.url));
const RUN_COMMANDS = fileURLToPath(new URL('../support/run-commands.js', import.meta.url));
const ACME = join(ROOT, 'examples/acme/acme-snapshot.json');

const home = mkdtempSync(join(tmpdir(), 'iamwhy-offline-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.aws'));
const credentials = join(home, '.aws', 'credentials');
const config = join(home, '.aws', 'config');
writeFileSync(credentials, '[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
writeFileSync(config, '[default]\nregion = us-east-1\n');
const log = join(home, 'probe.log');

function probed(command: string[], extraEnv: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string; log: string[] } {
  rmSync(log, { force: true });
  const env = {
    ...process.env,
    HOME: home,
    NO_COLOR: '1',
    IAMWHY_CACHE_DIR: join(home, 'cache'),
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_SESSION_TOKEN: 'token',
    AWS_PROFILE: 'default',
    AWS_SHARED_CREDENTIALS_FILE: credentials,
    AWS_CONFIG_FILE: config,
    IAMWHY_PROBE_LOG: log,
    IAMWHY_PROBE_WATCH: `${join(home, '.aws')}:${credentials}:${config}`,
    ...extraEnv,
  };
  const result = spawnSync(process.execPath, ['--import', PROBE, ...command], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line !== '') : [];
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, log: lines };
}

const OFFLINE_COMMANDS: string[][] = [
  [ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json')],
  [ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json'), '-R', fixture('bucket-policy.json'), '--organization-config', fixture('org/org.yaml'), '-o', 'json', '--offline'],
  ['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/i-0123456789abcdef0', '--snapshot', ACME],
  ['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/i-0123456789abcdef0', '--snapshot', ACME, '-o', 'summary', '--offline'],
  ['who-can', 's3:GetObject', '-r', 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv', '--snapshot', ACME, '-o', 'json'],
  ['--version'],
  ['--help'],
  ['--generate-context-template'],
  ['completion', 'bash'],
  [ALICE, 's3:GetObject', '-i', fixture('broken.json')],
  [ALICE, 's3:GetObjects', '-i', fixture('read-bucket.json')],
];

describe('offline means offline', () => {
  it('offline commands open no socket, resolve no name and read no credentials (network stubbed to throw)', () => {
    const run = probed([RUN_COMMANDS, JSON.stringify(OFFLINE_COMMANDS)]);
    expect(run.stderr).toBe('');
    const results = JSON.parse(run.stdout) as Array<{ argv: string[]; status: number; stdout: string; stderr: string }>;
    expect(results.map((result) => result.status)).toEqual([0, 1, 1, 1, 0, 0, 0, 0, 0, 2, 2]);
    expect(results.every((result) => !/network use blocked/.test(result.stderr + result.stdout))).toBe(true);
    expect(run.log).toEqual([]);
  });

  it('the real command too: bin/iamwhy.js, start-up included', () => {
    const run = probed([BIN, 'bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/i-0123456789abcdef0', '--snapshot', ACME, '-o', 'quiet']);
    expect({ status: run.status, stdout: run.stdout, log: run.log }).toEqual({ status: 1, stdout: 'EXPLICIT_DENY\n', log: [] });
  });

  it('the probe is not blind: a download is caught, and so are reads of credentials', () => {
    const update = probed([BIN, '--update-definitions'], { IAMWHY_SERVICE_REFERENCE_URL: 'http://127.0.0.1:9/' });
    expect(update.status).toBe(2);
    expect(update.log).toEqual(['network: fetch']);
    const reader = probed(['-e', `process.env.AWS_SECRET_ACCESS_KEY; require('node:fs').readFileSync(${JSON.stringify(credentials)})`]);
    expect(reader.log).toContain('credentials: env AWS_SECRET_ACCESS_KEY');
    expect(reader.log).toContain(`credentials: fs.readFileSync ${credentials}`);
  });

  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  it.skipIf(!unshare)('in a network namespace with no network at all (unshare -n), offline commands answer as usual', () => {
    const result = spawnSync('unshare', ['-n', process.execPath, BIN, 'bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/i-0123456789abcdef0', '--snapshot', ACME, '-o', 'quiet'], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({ status: 1, stdout: 'EXPLICIT_DENY\n', stderr: '' });
  });
});
