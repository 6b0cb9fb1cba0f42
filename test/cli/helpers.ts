/**
 * Runs the real `iamwhy` command (bin/iamwhy.js, which loads dist/) as a
 * subprocess, or `main()` in process with an injected terminal. Run
 * `npm run build` first: the subprocess uses the compiled output.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/iamwhy.js', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** Absolute path of a fixture file. */
export const fixture = (name: string): string => `${FIXTURES}${name}`;

export const ALICE = 'arn:aws:iam::111111111111:user/alice';
export const OBJECT = 'arn:aws:s3:::bucket/reports/q1.csv';
export const KMS_KEY = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';

export interface Run {
  stdout: string;
  stderr: string;
  status: number | null;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Standard input; closed when absent. */
  input?: string;
}

if (!existsSync(fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url)))) {
  throw new Error('dist/ is missing: run `npm run build` before the CLI tests');
}

/** `node bin/iamwhy.js ...args` with NO_COLOR=1 (unless overridden), stdin closed. */
export function iamwhy(args: readonly string[], options: RunOptions = {}): Run {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    ...(options.input === undefined ? {} : { input: options.input }),
    timeout: 20_000,
  });
  if (result.error) throw result.error;
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

/** `main(argv)` in process, with a fake terminal. */
export async function inProcess(
  argv: readonly string[],
  terminal: { stdoutIsTTY?: boolean; env?: Record<string, string | undefined>; stdout?: (text: string) => void; stdin?: string } = {},
): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const stdin = terminal.stdin;
  const status = await main(argv, {
    stdout: terminal.stdout ?? ((text) => void (stdout += text)),
    stderr: (text) => void (stderr += text),
    stdoutIsTTY: terminal.stdoutIsTTY ?? false,
    env: terminal.env ?? {},
    // Standard input as a pipe holding `stdin`; without it, a terminal (nothing piped in).
    ...(stdin !== undefined ? { readStdin: async () => stdin, stdinIsTTY: false } : { stdinIsTTY: true }),
  });
  return { stdout, stderr, status };
}

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[/;

const schema = JSON.parse(readFileSync(new URL('../../schema/iamwhy-output.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Parse stdout as JSON and check it against schema/iamwhy-output.schema.json. */
export function validJson(run: Run): Record<string, unknown> {
  let value: unknown;
  expect(() => (value = JSON.parse(run.stdout)), `stdout is not JSON:\n${run.stdout}`).not.toThrow();
  const ok = validate(value);
  expect(ok, JSON.stringify(validate.errors, null, 2)).toBe(true);
  return value as Record<string, unknown>;
}

/** A usage error as the command prints it: exit 2, nothing on stdout, exactly one `iamwhy: ` line on stderr, no stack trace. */
export function expectUsageError(run: Run, pattern: RegExp): void {
  expect(run.status, `stderr: ${run.stderr}\nstdout: ${run.stdout}`).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^iamwhy: /);
  expect(lines[0]).toMatch(pattern);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

/** An error with `-o json`: exit 2, `{"error":{"message","code"}}` on stdout (schema-valid), nothing on stderr. */
export function expectJsonError(run: Run, pattern: RegExp, code?: string): { message: string; code: string } {
  expect(run.status, run.stderr).toBe(2);
  const value = validJson(run) as { error: { message: string; code: string } };
  expect(value.error.message).toMatch(pattern);
  if (code !== undefined) expect(value.error.code).toBe(code);
  expect(run.stderr).toBe('');
  return value.error;
}
