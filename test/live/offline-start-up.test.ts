/** Offline answers never load the AWS SDK: start-up stays as lean as before live mode existed. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../cli/helpers.js';

const HOOK = fileURLToPath(new URL('./fixtures/refuse-aws-sdk.mjs', import.meta.url));

function run(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('offline start-up', () => {
  it('an answer from a snapshot, and from policy files, loads no @aws-sdk module', () => {
    const snapshot = run(['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', '--snapshot', 'examples/acme/acme-snapshot.json']);
    expect(snapshot.status, snapshot.stderr).toBe(1);
    expect(snapshot.stdout).toMatch(/^Verdict: DENIED/m);
    const files = run(['arn:aws:iam::111111111111:user/alice', 's3:GetObject', '-r', 'arn:aws:s3:::bucket/key', '-i', 'test/cli/fixtures/allow-all.json']);
    expect(files.status, files.stderr).toBe(0);
    expect(files.stderr).not.toMatch(/AWS SDK/);
  });

  it('the hook does catch a run that loads the SDK (live mode)', () => {
    const live = run(['arn:aws:iam::111111111111:user/alice', 's3:GetObject'], { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'x', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(live.status).toBe(2);
    expect(live.stderr).toMatch(/the AWS SDK was loaded: @aws-sdk\//);
  });
});
