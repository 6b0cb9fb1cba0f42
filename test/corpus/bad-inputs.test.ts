/**
 * Runs the bad-input corpus (rows.ts): every row in process (fast, and with
 * `-o json` too), heavy rows also through bin/iamwhy.js in a child process
 * with a 128 MB heap. The guarantees checked for every row:
 *
 * - exit code 2 (a warning row: the command's normal 0 or 1), nothing on stdout;
 * - exactly one line on stderr, `iamwhy: …` naming the file or place (the row's pattern);
 * - no stack trace, nothing but printable text, no secret planted in the input;
 * - bounded time (generous) and, for heavy rows, bounded memory (no abort).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, inProcess, type Run } from '../cli/helpers.js';
import { GROUPS, type BadInputRow, type FileContent } from './rows.js';

const root = mkdtempSync(join(tmpdir(), 'iamwhy-corpus-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A misbehaving service-reference mirror, and another site to be redirected to.
let server: Server;
let elsewhere: Server;
let serverUrl = '';
let elsewhereUrl = '';
const S3 = { Name: 's3', Actions: [{ Name: 'GetObject' }], Resources: [], ConditionKeys: [] };
beforeAll(async () => {
  elsewhere = createServer((_request, response) => response.writeHead(200).end(JSON.stringify(S3)));
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    const json = (value: unknown): void => void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    if (path === '/text/') return void response.writeHead(200).end('hello');
    if (path === '/object/') return json({});
    if (path === '/endless/') {
      response.writeHead(200);
      const chunk = '['.repeat(64 * 1024);
      const pump = (): void => {
        while (!response.destroyed && response.write(chunk)) {
          /* until the socket pushes back */
        }
        if (!response.destroyed) response.once('drain', pump);
      };
      return pump();
    }
    if (path === '/redirect/') return json([{ service: 's3', url: `${serverUrl}redirect/s3.json` }]);
    if (path === '/redirect/s3.json') return void response.writeHead(302, { location: `${elsewhereUrl}s3.json` }).end();
    if (path === '/control/') return json([{ service: 's3', url: `${serverUrl}control/s3.json` }]);
    if (path === '/control/s3.json') return json({ ...S3, Actions: [{ Name: 'Get\u009b2JObject' }] });
    if (path === '/elsewhere/') return json([{ service: 's3', url: `${elsewhereUrl}s3.json` }]);
    response.writeHead(404, 'Not Found').end('{}');
  });
  for (const site of [server, elsewhere]) await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  for (const site of [server, elsewhere]) {
    site.closeAllConnections();
    await new Promise<void>((resolve) => site.close(() => resolve()));
  }
});

let rowCount = 0;
function prepare(row: BadInputRow): { args: string[]; env: Record<string, string>; stdin: string | undefined } {
  const dir = join(root, `row-${rowCount++}`);
  mkdirSync(join(dir, 'cache'), { recursive: true });
  for (const [name, content] of Object.entries(row.files ?? {})) write(join(dir, name), content);
  // Files first: the server's URL with a password holds an "@" of its own.
  const resolve = (text: string): string =>
    text
      .replace(/^@@/, dir)
      .replace(/@([\w./-]+)/g, (_match, name: string) => join(dir, name))
      .replace('{server-with-password}', serverUrl.replace('http://', 'http://admin:hunter2@'))
      .replace('{server}', serverUrl);
  return {
    stdin: row.stdin === undefined ? undefined : resolve(row.stdin),
    args: row.args.map(resolve),
    env: { IAMWHY_CACHE_DIR: join(dir, 'cache'), ...Object.fromEntries(Object.entries(row.env ?? {}).map(([key, value]) => [key, resolve(value)])) },
  };
}

function write(path: string, content: FileContent): void {
  mkdirSync(dirname(path), { recursive: true });
  if (typeof content === 'string' || content instanceof Uint8Array) return writeFileSync(path, content);
  if ('directory' in content) return void mkdirSync(path, { recursive: true });
  if ('symlinkTo' in content) return symlinkSync(content.symlinkTo, path);
  if ('sparse' in content) {
    writeFileSync(path, '');
    return truncateSync(path, content.sparse);
  }
  writeFileSync(path, `${content.prefix ?? ''}${content.unit.repeat(content.times)}${content.suffix ?? ''}`);
}

// eslint-disable-next-line no-control-regex -- the characters a terminal could act on
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const PLANTED_SECRETS = ['hunter2', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'];

function expectGuarantees(row: BadInputRow, run: Run): void {
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  const shown = `status ${run.status}\nstdout: ${run.stdout.slice(0, 500)}\nstderr: ${run.stderr.slice(0, 2000)}`;
  if (row.outcome === 'warning') {
    expect([0, 1], shown).toContain(run.status);
    expect(lines, shown).toHaveLength(1);
    expect(lines[0], shown).toMatch(row.line);
  } else {
    expect(run.status, shown).toBe(2);
    expect(run.stdout, shown).toBe('');
    const errors = lines.filter((line) => !/: warning: |^warning: /.test(line));
    expect(errors, shown).toHaveLength(1);
    expect(errors[0], shown).toMatch(/^iamwhy: /);
    expect(errors[0]!.slice('iamwhy: '.length), shown).toMatch(row.line);
  }
  expect(run.stderr, shown).not.toMatch(/\n\s+at |^\s+at /m);
  expect(UNSAFE.test(run.stdout + run.stderr), shown).toBe(false);
  for (const secret of PLANTED_SECRETS) expect(run.stdout + run.stderr, shown).not.toContain(secret);
}

function runChild(args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<Run & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const input = stdin === undefined ? 'ignore' : openSync(stdin, 'r');
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: [input, 'pipe', 'pipe'], timeout: 60_000 });
    if (typeof input === 'number') child.on('spawn', () => closeSync(input));
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Generous: every row answers in milliseconds to a second; the bound only catches a hang. */
const TIME_BOUND_MS = 20_000;

describe('the bad-input corpus', () => {
  it('has at least 100 rows, and every group has some', () => {
    expect(GROUPS.reduce((total, group) => total + group.rows.length, 0)).toBeGreaterThanOrEqual(100);
    for (const group of GROUPS) expect(group.rows.length, group.path).toBeGreaterThan(0);
  });

  for (const group of GROUPS) {
    describe(group.path, () => {
      for (const row of group.rows) {
        it(row.name, async () => {
          const { args, env, stdin } = prepare(row);
          const started = performance.now();
          if (stdin !== undefined) {
            // Standard input exists only for a process of its own.
            const child = await runChild([BIN, ...args], { ...process.env, NO_COLOR: '1', ...env }, stdin);
            expect(child.signal, child.stderr.slice(0, 2000)).toBeNull();
            expectGuarantees(row, child);
            expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
            return;
          }
          const first = await inProcess(args, { env });
          if (process.env.IAMWHY_CORPUS_SHOW) process.stdout.write(`${row.name}\n  ${first.stderr.split('\n').join('\n  ')}\n`);
          expectGuarantees(row, first);
          const jsonRow = row.json ?? (row.outcome !== 'warning' && !args.includes('-o') && args[0] !== 'completion' && args.length > 0);
          if (jsonRow) {
            const run = await inProcess([...args, '-o', 'json'], { env });
            expect(run.status, run.stderr).toBe(2);
            const error = (JSON.parse(run.stdout) as { error: { message: string; code: string } }).error;
            expect(error.message.split('\n')[0]).toMatch(row.line);
            expect(run.stderr).not.toMatch(/\n\s+at /);
          }
          expect(performance.now() - started).toBeLessThan(TIME_BOUND_MS);
          if (row.heavy && !row.inProcessOnly) {
            // Asynchronous: the mirror runs in this process and must keep answering.
            const child = await runChild(['--max-old-space-size=128', BIN, ...args], { ...process.env, NO_COLOR: '1', ...env });
            expect(child.signal, child.stderr.slice(0, 2000)).toBeNull();
            expectGuarantees(row, child);
          }
        });
      }
    });
  }
});
