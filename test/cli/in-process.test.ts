/** `main(argv, terminal)` in process: TTY colour decisions, unexpected errors, and the small parsing helpers. */
import { describe, expect, it } from 'vitest';
import { oneLine, requestedFormat } from '../../src/cli/main.js';
import { useColor } from '../../src/cli/terminal.js';
import { ALICE, ANSI, OBJECT, fixture, inProcess } from './helpers.js';

const ALLOWED = [ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('read-bucket.json')];

describe('main() with an injected terminal', () => {
  it('returns the exit code and writes through the terminal', async () => {
    const run = await inProcess([...ALLOWED, '-o', 'quiet']);
    expect(run).toEqual({ status: 0, stdout: 'ALLOW\n', stderr: '' });
    expect((await inProcess([ALICE, 's3:PutObject', '-i', fixture('read-bucket.json'), '-o', 'quiet'])).status).toBe(1);
  });

  it('--color auto colours a TTY', async () => {
    expect((await inProcess(ALLOWED, { stdoutIsTTY: true })).stdout).toMatch(ANSI);
    expect((await inProcess([...ALLOWED, '-o', 'summary'], { stdoutIsTTY: true })).stdout).toMatch(ANSI);
  });

  it('NO_COLOR (non-empty) turns colour off on a TTY; an empty NO_COLOR does not', async () => {
    expect((await inProcess(ALLOWED, { stdoutIsTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await inProcess(ALLOWED, { stdoutIsTTY: true, env: { NO_COLOR: '' } })).stdout).toMatch(ANSI);
  });

  it('--color never wins over a TTY; --color always wins over NO_COLOR and a pipe', async () => {
    expect((await inProcess([...ALLOWED, '--color', 'never'], { stdoutIsTTY: true })).stdout).not.toMatch(ANSI);
    expect((await inProcess([...ALLOWED, '--color', 'always'], { env: { NO_COLOR: '1' } })).stdout).toMatch(ANSI);
  });

  it('json and quiet are never coloured, even on a TTY', async () => {
    expect((await inProcess([...ALLOWED, '-o', 'json'], { stdoutIsTTY: true })).stdout).not.toMatch(ANSI);
    expect((await inProcess([...ALLOWED, '-o', 'quiet'], { stdoutIsTTY: true })).stdout).toBe('ALLOW\n');
  });

  it('who-can colours a TTY too', async () => {
    const run = await inProcess(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', fixture('gaad.json')], { stdoutIsTTY: true });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(ANSI);
  });

  describe('an unexpected error', () => {
    const failingOnce = () => {
      let calls = 0;
      const written: string[] = [];
      return {
        written,
        stdout: (text: string) => {
          if (calls++ === 0) throw new TypeError('boom');
          written.push(text);
        },
      };
    };

    it('is one line with a hint, exit 2, no stack trace', async () => {
      const terminal = failingOnce();
      const run = await inProcess(ALLOWED, { stdout: terminal.stdout });
      expect(run.status).toBe(2);
      expect(run.stderr).toBe('iamwhy: unexpected error: boom (run again with --debug for a stack trace)\n');
    });

    it('shows the stack trace with --debug', async () => {
      const terminal = failingOnce();
      const run = await inProcess([...ALLOWED, '--debug'], { stdout: terminal.stdout });
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/^TypeError: boom\n\s+at /);
      expect(run.stderr).toMatch(/\niamwhy: unexpected error: boom\n$/);
    });

    it('is a JSON error with -o json', async () => {
      const terminal = failingOnce();
      const run = await inProcess([...ALLOWED, '-o', 'json'], { stdout: terminal.stdout });
      expect(run.status).toBe(2);
      expect(JSON.parse(terminal.written.join(''))).toEqual({ error: { message: 'unexpected error: boom (run again with --debug for a stack trace)', code: 'ERROR' } });
    });
  });
});

describe('helpers', () => {
  it('requestedFormat: every spelling, the last one wins, nothing after --', () => {
    expect(requestedFormat(['-o', 'json'])).toBe('json');
    expect(requestedFormat(['--output', 'json'])).toBe('json');
    expect(requestedFormat(['--output=json'])).toBe('json');
    expect(requestedFormat(['-ojson'])).toBe('json');
    expect(requestedFormat(['-o', 'json', '-o', 'text'])).toBe('text');
    expect(requestedFormat(['-o'])).toBeUndefined();
    expect(requestedFormat(['--', '-o', 'json'])).toBeUndefined();
    expect(requestedFormat([ALICE, 's3:GetObject'])).toBeUndefined();
  });

  it('oneLine: commander’s message on one line, with a lower-case "did you mean"', () => {
    expect(oneLine("error: unknown option '--resouce'\n(Did you mean --resource?)")).toBe("unknown option '--resouce'; did you mean --resource?");
    expect(oneLine("error: missing required argument 'action'")).toBe("missing required argument 'action'");
  });

  it('useColor follows always/never, else TTY and NO_COLOR', () => {
    const terminal = (stdoutIsTTY: boolean, env: Record<string, string | undefined> = {}) => ({ stdout: () => {}, stderr: () => {}, stdoutIsTTY, env });
    expect(useColor('always', terminal(false, { NO_COLOR: '1' }))).toBe(true);
    expect(useColor('never', terminal(true))).toBe(false);
    expect(useColor('auto', terminal(true))).toBe(true);
    expect(useColor('auto', terminal(false))).toBe(false);
    expect(useColor('auto', terminal(true, { NO_COLOR: 'yes' }))).toBe(false);
  });
});
