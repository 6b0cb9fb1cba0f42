/**
 * `--debug` shows stack traces, never credentials: session tokens, secret
 * keys, signatures and passwords in URLs are redacted from the message and
 * the stack alike (live mode routes its debug output through the same redactor).
 */
import { describe, expect, it } from 'vitest';
import { ALICE, OBJECT, fixture, inProcess } from './helpers.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = `IQoJb3JpZ2luX2VjE${'Ab1'.repeat(100)}`;
const SIGNATURE = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';

describe('--debug redacts credentials, session tokens and signatures', () => {
  it('in the one-line message and in the stack trace of an unexpected error', async () => {
    const failing = (): void => {
      throw new Error(
        `request to https://admin:hunter2@mirror.example.com/x?X-Amz-Signature=${SIGNATURE} failed: AWS_SECRET_ACCESS_KEY=${SECRET} x-amz-security-token: ${TOKEN}`,
      );
    };
    for (const debug of [true, false]) {
      const run = await inProcess([ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json'), ...(debug ? ['--debug'] : [])], { stdout: failing });
      expect(run.status).toBe(2);
      if (debug) expect(run.stderr).toMatch(/\n\s+at /);
      for (const secret of ['hunter2', SECRET, TOKEN.slice(0, 40), SIGNATURE]) expect(run.stderr).not.toContain(secret);
      expect(run.stderr).toContain('https://mirror.example.com/x');
    }
  });
});

describe('V8 errors that hostile input can still cause read as words', () => {
  it('"Invalid string length" and a stack overflow: one line saying what happened, exit 2', async () => {
    for (const [error, words] of [
      [new RangeError('Invalid string length'), 'unexpected error: the input is too large to process (Invalid string length)'],
      [new RangeError('Maximum call stack size exceeded'), 'unexpected error: the input is nested too deeply to process (Maximum call stack size exceeded)'],
    ] as const) {
      const run = await inProcess([ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json')], {
        stdout: () => {
          throw error;
        },
      });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(`iamwhy: ${words} (run again with --debug for a stack trace)\n`);
    }
  });
});
