/**
 * A failing stdout must not change what the exit code means: `> /dev/full`
 * ends with one line and exit code 2 (never 1, "denied", for an allowed
 * request), and a reader that goes away (`| head`) ends quietly with the
 * decision's code. Through the real process: only it has a real stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE, BIN, OBJECT, ROOT, fixture } from './helpers.js';

const ALLOWED = [ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json')];
const DENIED = [ALICE, 's3:PutObject', '-r', OBJECT, '-i', fixture('read-bucket.json')];
const env = { ...process.env, NO_COLOR: '1' };

function intoDevFull(args: readonly string[]): { status: number | null; stderr: string } {
  const full = openSync('/dev/full', 'w');
  try {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 20_000 });
    return { status: result.status, stderr: result.stderr };
  } finally {
    closeSync(full);
  }
}

describe.skipIf(!existsSync('/dev/full'))('stdout that cannot be written (> /dev/full)', () => {
  it('an allowed request: one line on stderr, exit 2, no stack trace', () => {
    const run = intoDevFull(ALLOWED);
    expect(run).toEqual({ status: 2, stderr: 'iamwhy: cannot write the output: no space left on device\n' });
  });

  it('a denied request and JSON output: exit 2 as well, never 1', () => {
    expect(intoDevFull(DENIED)).toEqual({ status: 2, stderr: 'iamwhy: cannot write the output: no space left on device\n' });
    expect(intoDevFull([...ALLOWED, '-o', 'json'])).toEqual({ status: 2, stderr: 'iamwhy: cannot write the output: no space left on device\n' });
  });
});

describe('a reader that goes away (iamwhy … | head)', () => {
  it('ends quietly with the decision’s exit code', async () => {
    for (const [args, code] of [[ALLOWED, 0], [DENIED, 1]] as const) {
      const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      // Closed before the command writes anything: every write meets EPIPE.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ status, stderr }).toEqual({ status: code, stderr: '' });
    }
  });
});
