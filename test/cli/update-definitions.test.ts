/**
 * `--update-definitions` through the real command, against a local HTTP server
 * serving AWS's "Simplified AWS service information for programmatic access"
 * format (IAMWHY_SERVICE_REFERENCE_URL points the command at it). Never the internet.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.js';

const run = promisify(execFile);

const S3 = {
  Name: 's3',
  Actions: [
    { Name: 'GetObject', ActionConditionKeys: [], Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } }, Resources: [{ Name: 'object' }] },
    { Name: 'GetObjectVersionShiny', ActionConditionKeys: [], Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } }, Resources: [{ Name: 'object' }] },
  ],
  Resources: [{ Name: 'object', ARNFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'], ConditionKeys: [] }],
  ConditionKeys: [],
  Version: 'v1.0',
};

let server: Server;
let baseUrl: string;
let cacheDir: string;
const requests: string[] = [];

beforeAll(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'iamwhy-cli-cache-'));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'content-type': 'application/json' });
    if (request.url === '/') response.end(JSON.stringify([{ service: 's3', url: `${baseUrl}v1/s3/s3.json` }]));
    else response.end(JSON.stringify(S3));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(cacheDir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', IAMWHY_CACHE_DIR: cacheDir, IAMWHY_SERVICE_REFERENCE_URL: baseUrl });

describe('--update-definitions (Service Authorization Reference: programmatic access)', () => {
  it('downloads the reference into the cache, which is then used and shown with its date', async () => {
    const updated = await run(process.execPath, [BIN, '--update-definitions'], { cwd: ROOT, env: env() });
    expect(updated.stdout).toMatch(/^Service definitions updated: 1 service from http:\/\/127\.0\.0\.1:\d+\//);
    expect(requests).toEqual(['/', '/v1/s3/s3.json']);

    const version = await run(process.execPath, [BIN, '--version'], { cwd: ROOT, env: env() });
    const today = new Date().toISOString().slice(0, 10);
    expect(version.stdout.split('\n')[1]).toBe(`service data: AWS Service Authorization Reference, downloaded ${today} from ${baseUrl} (1 service, cache ${join(cacheDir, 'service-reference')})`);

    // An action only the refreshed data knows is now accepted, offline, without another request.
    const policy = join(ROOT, 'test/cli/fixtures/read-bucket.json');
    const explained = await run(
      process.execPath,
      [BIN, 'arn:aws:iam::111111111111:user/alice', 's3:GetObjectVersionShiny', '-r', 'arn:aws:s3:::bucket/k', '-i', policy, '-o', 'quiet', '--offline'],
      { cwd: ROOT, env: env() },
    ).catch((error: { stdout: string; code: number }) => error);
    expect(explained.stdout).toBe('IMPLICIT_DENY\n');
    expect(requests).toHaveLength(2);
  });

  it('refuses --update-definitions with --offline', async () => {
    const failed = await run(process.execPath, [BIN, '--update-definitions', '--offline'], { cwd: ROOT, env: env() }).catch((error: { stderr: string; code: number }) => error);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).toMatch(/cannot be combined with --offline/);
  });
});
