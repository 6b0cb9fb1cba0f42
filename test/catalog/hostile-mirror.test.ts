/**
 * `--update-definitions` against a mirror that misbehaves, and a cache that was
 * damaged on disk. Local HTTP servers started here; never the internet.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCacheCatalog, openCatalog, resolveAction, updateDefinitions } from '../../src/catalog/index.js';

const S3 = {
  Name: 's3',
  Actions: [{ Name: 'GetObject', ActionConditionKeys: [], Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } }, Resources: [{ Name: 'object' }] }],
  Resources: [{ Name: 'object', ARNFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'], ConditionKeys: [] }],
  ConditionKeys: [],
  Version: 'v1.0',
};

type Route = (request: IncomingMessage, response: ServerResponse) => void;
interface Site {
  url: string;
  requests: Array<{ path: string; authorization: string | undefined }>;
  routes: Map<string, Route>;
  server: Server;
}

async function startSite(): Promise<Site> {
  const site = { requests: [], routes: new Map<string, Route>() } as unknown as Site;
  site.server = createServer((request, response) => {
    site.requests.push({ path: request.url ?? '', authorization: request.headers.authorization });
    const route = site.routes.get(request.url ?? '');
    if (route) return route(request, response);
    response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}/`;
  return site;
}
const json = (value: unknown): Route => (_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(value));
const indexFor = (site: Site, service = 's3', path = '/s3.json'): Route => json([{ service, url: `${site.url.slice(0, -1)}${path}` }]);

let mirror: Site;
let elsewhere: Site;
let cacheDir: string;
beforeAll(async () => {
  [mirror, elsewhere] = await Promise.all([startSite(), startSite()]);
});
afterAll(async () => {
  for (const site of [mirror, elsewhere]) {
    site.server.closeAllConnections();
    await new Promise<void>((resolve) => site.server.close(() => resolve()));
  }
});
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'iamwhy-mirror-'));
  for (const site of [mirror, elsewhere]) {
    site.requests.length = 0;
    site.routes.clear();
  }
});
afterEach(() => rm(cacheDir, { recursive: true, force: true }));

const update = (baseUrl = mirror.url) => updateDefinitions({ baseUrl, cacheDir, timeoutMs: 10_000 });

describe('a misbehaving mirror', () => {
  it('an endless response is abandoned at the size limit, and nothing is cached', async () => {
    mirror.routes.set('/', (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = '['.repeat(64 * 1024);
      const pump = (): void => {
        while (response.write(chunk)) {
          /* keep writing */
        }
        response.once('drain', pump);
      };
      response.on('close', () => response.removeAllListeners('drain'));
      pump();
    });
    await expect(update()).rejects.toThrow(/index .*the response is larger than the 4 MiB limit for the service reference index/);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('a response that announces more than the limit is refused before it is read', async () => {
    mirror.routes.set('/', indexFor(mirror));
    mirror.routes.set('/s3.json', (_request, response) => response.writeHead(200, { 'content-length': String(64 * 1024 * 1024) }).end('{}'));
    await expect(update()).rejects.toThrow(/for s3 .*the response is larger than the 32 MiB limit for a service reference document/);
  });

  it('refuses a redirect to another site, which never hears from iamwhy', async () => {
    mirror.routes.set('/', indexFor(mirror));
    mirror.routes.set('/s3.json', (_request, response) => response.writeHead(302, { location: `${elsewhere.url}s3.json` }).end());
    elsewhere.routes.set('/s3.json', json(S3));
    await expect(update()).rejects.toThrow(/redirected to another site \(http:\/\/127\.0\.0\.1:\d+\); refusing to follow/);
    expect(elsewhere.requests).toEqual([]);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('follows redirects within the mirror, up to five', async () => {
    mirror.routes.set('/', indexFor(mirror, 's3', '/old/s3.json'));
    mirror.routes.set('/old/s3.json', (_request, response) => response.writeHead(301, { location: '/s3.json' }).end());
    mirror.routes.set('/s3.json', json(S3));
    expect((await update()).serviceCount).toBe(1);
    mirror.routes.set('/loop', (_request, response) => response.writeHead(302, { location: '/loop' }).end());
    mirror.routes.set('/', indexFor(mirror, 's3', '/loop'));
    await expect(update()).rejects.toThrow(/more than 5 redirects/);
  });

  it('validates a document before caching it: a name with control characters fails the refresh', async () => {
    mirror.routes.set('/', indexFor(mirror));
    mirror.routes.set('/s3.json', json({ ...S3, Actions: [{ ...S3.Actions[0], Name: 'Get\u001b[2JObject' }] }));
    await expect(update()).rejects.toThrow(/s3: a name holds control or bidirectional characters/);
    expect(await readdir(cacheDir)).toEqual([]);
    mirror.routes.set('/s3.json', (_request, response) => response.writeHead(200).end(Buffer.from([0x7b, 0xff, 0x7d])));
    await expect(update()).rejects.toThrow(/for s3 .*the response is not UTF-8 text/);
  });

  it('sends the credentials of the configured URL as basic authentication, and never prints or stores them', async () => {
    mirror.routes.set('/', indexFor(mirror));
    mirror.routes.set('/s3.json', json(S3));
    const withPassword = mirror.url.replace('http://', 'http://mirror-user:hunter2@');
    const result = await update(withPassword);
    expect(result.baseUrl).toBe(mirror.url);
    expect(mirror.requests.map((request) => request.authorization)).toEqual([`Basic ${Buffer.from('mirror-user:hunter2').toString('base64')}`, `Basic ${Buffer.from('mirror-user:hunter2').toString('base64')}`]);
    expect(await readFile(join(cacheDir, 'service-reference', 'manifest.json'), 'utf8')).not.toContain('hunter2');
    mirror.routes.set('/s3.json', (_request, response) => response.writeHead(500).end());
    const failure = await update(withPassword).catch((error: Error & { url?: string }) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/HTTP 500/);
    expect(`${(failure as Error).message} ${(failure as { url?: string }).url}`).not.toMatch(/hunter2|mirror-user/);
  });
});

describe('a damaged cache: one warning, the bundled data answers', () => {
  const cached = async (): Promise<string> => {
    mirror.routes.set('/', indexFor(mirror));
    mirror.routes.set('/s3.json', json(S3));
    await update();
    return join(cacheDir, 'service-reference');
  };

  it('a manifest that is not JSON', async () => {
    const directory = await cached();
    await writeFile(join(directory, 'manifest.json'), '{"format": 1, "downloadedAt": ');
    const warnings: string[] = [];
    const catalog = await openCatalog({ cacheDir, offline: true, onWarning: (message) => warnings.push(message) });
    expect(catalog.dataSource.kind).toBe('bundled');
    expect(warnings).toEqual([`the service data cache is unusable (${join(directory, 'manifest.json')}: it is not valid JSON); using the bundled service data (run iamwhy --update-definitions to rebuild it)`]);
  });

  it('an index of services that is not an object, or a services folder that is gone', async () => {
    const directory = await cached();
    await writeFile(join(directory, 'services.json'), '[1, 2]');
    const warnings: string[] = [];
    expect(await openCacheCatalog(cacheDir, { onWarning: (message) => warnings.push(message) })).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('services.json: it is not a JSON object of services')]);
    await writeFile(join(directory, 'services.json'), '{"s3": {"file": "services/s3.json"}}');
    await rm(join(directory, 'services'), { recursive: true });
    expect(await openCacheCatalog(cacheDir, { onWarning: (message) => warnings.push(message) })).toBeUndefined();
    expect(warnings[1]).toContain('services: it is missing');
  });

  it('a service file that is corrupt: warned once when first read, the bundled data for that service used', async () => {
    const directory = await cached();
    await writeFile(join(directory, 'services', 's3.json'), '\u0000\u0000garbage');
    const warnings: string[] = [];
    const catalog = await openCatalog({ cacheDir, offline: true, onWarning: (message) => warnings.push(message) });
    expect(catalog.dataSource.kind).toBe('cache');
    expect((await resolveAction(catalog, 's3:PutObject')).status).toBe('found');
    expect((await resolveAction(catalog, 's3:GetObject')).status).toBe('found');
    expect(warnings).toEqual([
      `the cached service data for s3 is unusable (${join(directory, 'services', 's3.json')}: it is not valid JSON); using the bundled data for s3 (run iamwhy --update-definitions to rebuild it)`,
    ]);
  });

  it('a cache file far larger than any service file is not read', async () => {
    const directory = await cached();
    await mkdir(join(directory, 'services'), { recursive: true });
    await writeFile(join(directory, 'manifest.json'), Buffer.alloc(33 * 1024 * 1024, 0x20));
    const warnings: string[] = [];
    await openCatalog({ cacheDir, offline: true, onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining('manifest.json: it is 33 MiB, more than the 32 MiB limit for a service data cache file')]);
  });
});
