import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CatalogUpdateError,
  defaultCacheDir,
  openCacheCatalog,
  openCatalog,
  readCacheManifest,
  resolveAction,
  resourceTypeFor,
  updateDefinitions,
} from '../../src/catalog/index.js';

// Two service files in the shape of AWS's "Simplified AWS service information for
// programmatic access" (abridged, made up for the test; never fetched from AWS).
const S3_DOCUMENT = {
  Name: 's3',
  Actions: [
    {
      Name: 'GetObject',
      ActionConditionKeys: ['s3:TlsVersion', 's3:ExistingObjectTag/<key>'],
      Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } },
      Resources: [{ Name: 'object' }],
    },
    {
      Name: 'ListBucket',
      ActionConditionKeys: ['s3:prefix'],
      Annotations: { Properties: { IsList: true, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } },
      Resources: [{ Name: 'bucket' }],
    },
    {
      Name: 'PutBucketPolicy',
      ActionConditionKeys: [],
      Annotations: { Properties: { IsList: false, IsPermissionManagement: true, IsTaggingOnly: false, IsWrite: true } },
      Resources: [{ Name: 'bucket' }],
    },
    {
      Name: 'PutObjectTagging',
      ActionConditionKeys: [],
      Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: true, IsWrite: true } },
      Resources: [{ Name: 'object' }],
    },
    {
      Name: 'ListAllMyBuckets',
      ActionConditionKeys: ['s3:TlsVersion'],
      Annotations: { Properties: { IsList: true, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: false } },
    },
  ],
  Resources: [
    { Name: 'bucket', ARNFormats: ['arn:${Partition}:s3:::${BucketName}'], ConditionKeys: ['aws:ResourceTag/${TagKey}'] },
    { Name: 'object', ARNFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'], ConditionKeys: [] },
  ],
  ConditionKeys: [
    { Name: 'aws:ResourceTag/${TagKey}', Types: ['String'] },
    { Name: 's3:ExistingObjectTag/<key>', Types: ['String'] },
    { Name: 's3:TlsVersion', Types: ['Numeric'] },
    { Name: 's3:prefix', Types: ['String'] },
  ],
  Version: 'v1.4',
};

const IAM_DOCUMENT = {
  Name: 'iam',
  Actions: [
    {
      Name: 'PassRole',
      ActionConditionKeys: ['iam:AssociatedResourceArn', 'iam:PassedToService'],
      Annotations: { Properties: { IsList: false, IsPermissionManagement: false, IsTaggingOnly: false, IsWrite: true } },
      Resources: [{ Name: 'role' }],
    },
  ],
  Resources: [{ Name: 'role', ARNFormats: ['arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}'] }],
  ConditionKeys: [
    { Name: 'iam:AssociatedResourceArn', Types: ['ArrayOfARN'] },
    { Name: 'iam:PassedToService', Types: ['String'] },
  ],
  Version: 'v1.2',
};

interface TestServer {
  baseUrl: string;
  requests: string[];
  /** Path → status to answer instead of the document. */
  failures: Map<string, number>;
  /** Extra services served as tiny documents, for the concurrency test. */
  extra: string[];
  delayMs: number;
  maxInFlight: number;
  indexOverride: unknown;
  close(): Promise<void>;
}

async function startServer(): Promise<TestServer> {
  let inFlight = 0;
  const state: Omit<TestServer, 'baseUrl' | 'close'> = {
    requests: [],
    failures: new Map(),
    extra: [],
    delayMs: 0,
    maxInFlight: 0,
    indexOverride: undefined,
  };
  const documents = (): Record<string, unknown> => {
    const out: Record<string, unknown> = { s3: S3_DOCUMENT, iam: IAM_DOCUMENT };
    for (const name of state.extra) out[name] = { Name: name, Actions: [], Resources: [], ConditionKeys: [] };
    return out;
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '/';
    state.requests.push(path);
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const send = (status: number, body: string): void => {
      setTimeout(() => {
        inFlight -= 1;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      }, state.delayMs);
    };
    const failure = state.failures.get(path);
    if (failure !== undefined) return send(failure, '{"message":"failure"}');
    const docs = documents();
    if (path === '/') {
      const index = state.indexOverride ?? Object.keys(docs).map((service) => ({ service, url: `${base}/v1/${service}/${service}.json` }));
      return send(200, JSON.stringify(index));
    }
    const match = /^\/v1\/([a-z0-9-]+)\/\1\.json$/.exec(path);
    const document = match ? docs[match[1]!] : undefined;
    if (document === undefined) return send(404, '{"message":"not found"}');
    return send(200, JSON.stringify(document));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const result = state as TestServer;
  result.baseUrl = `${base}/`;
  result.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return result;
}

let server: TestServer;
let cacheDir: string;
const FIXED_DATE = new Date('2026-03-01T12:00:00.000Z');

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), 'iamwhy-catalog-'));
  server.requests.length = 0;
  server.failures.clear();
  server.extra = [];
  server.delayMs = 0;
  server.maxInFlight = 0;
  server.indexOverride = undefined;
});
afterEach(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

async function refresh(): Promise<void> {
  await updateDefinitions({ baseUrl: server.baseUrl, cacheDir, now: () => FIXED_DATE });
}

describe('Service Authorization Reference: Simplified AWS service information for programmatic access', () => {
  it('downloads the index and every service file into the cache, with a manifest', async () => {
    const result = await updateDefinitions({ baseUrl: server.baseUrl, cacheDir, now: () => FIXED_DATE });
    expect(result).toMatchObject({ serviceCount: 2, date: FIXED_DATE.toISOString(), baseUrl: server.baseUrl });
    expect(server.requests.sort()).toEqual(['/', '/v1/iam/iam.json', '/v1/s3/s3.json']);
    expect(await readCacheManifest(cacheDir)).toEqual({
      format: 1,
      downloadedAt: FIXED_DATE.toISOString(),
      baseUrl: server.baseUrl,
      serviceCount: 2,
    });
    expect((await readdir(cacheDir)).sort()).toEqual(['service-reference']);
    expect((await readdir(join(result.directory, 'services'))).sort()).toEqual(['iam.json', 's3.json']);
  });

  it('openCatalog uses the cache when present and reports its date', async () => {
    await refresh();
    const catalog = await openCatalog({ cacheDir, offline: true });
    expect(catalog.dataSource).toMatchObject({ kind: 'cache', date: FIXED_DATE.toISOString(), serviceCount: 2 });
    expect(await catalog.services()).toEqual(['iam', 's3']);
    expect(await catalog.hasService('ec2')).toBe(false);
    // AWS's files carry no display names or RCP list: those come from the bundled package.
    expect(await catalog.serviceName('s3')).toBe('Amazon S3');
    expect(await catalog.rcpSupportedServices()).toContain('s3');
  });

  it('reads actions, access levels, resource types and condition keys from AWS’s format', async () => {
    await refresh();
    const catalog = (await openCacheCatalog(cacheDir))!;
    const getObject = await catalog.action('s3', 'getobject');
    expect(getObject).toMatchObject({ service: 's3', name: 'GetObject', accessLevel: 'Read' });
    expect(getObject!.resourceTypes).toEqual([
      {
        name: 'object',
        required: undefined,
        arnFormats: ['arn:${Partition}:s3:::${BucketName}/${ObjectName}'],
        conditionKeys: [],
      },
    ]);
    expect((await catalog.action('s3', 'ListBucket'))!.accessLevel).toBe('List');
    expect((await catalog.action('s3', 'PutBucketPolicy'))!.accessLevel).toBe('Permissions management');
    expect((await catalog.action('s3', 'PutObjectTagging'))!.accessLevel).toBe('Tagging');
    expect((await catalog.action('iam', 'PassRole'))!.accessLevel).toBe('Write');
    expect((await catalog.resourceTypesOf('s3')).map((type) => type.name)).toEqual(['bucket', 'object']);
    expect(await catalog.conditionKey('s3', 's3:tlsversion')).toMatchObject({ type: 'Numeric', multivalued: false });
    expect(await catalog.conditionKey('s3', 's3:ExistingObjectTag/team')).toMatchObject({ type: 'String' });
    expect(await catalog.conditionKey('iam', 'iam:AssociatedResourceArn')).toMatchObject({
      type: 'ArrayOfARN',
      multivalued: true,
    });
    expect(await catalog.conditionKey('iam', 'aws:PrincipalTag/team')).toMatchObject({ source: 'global' });
  });

  it('the action tools work on the cache: did-you-mean, resource types, "*" only', async () => {
    await refresh();
    const catalog = (await openCacheCatalog(cacheDir))!;
    const found = await resolveAction(catalog, 'S3:getobject');
    expect(found.status === 'found' && found.action).toBe('s3:GetObject');
    const typo = await resolveAction(catalog, 's3:GetObjects');
    expect(typo.status === 'unknown-action' && typo.suggestions[0]).toBe('s3:GetObject');
    const fit = await resourceTypeFor(catalog, 's3:GetObject', 'arn:aws:s3:::bucket/key');
    expect(fit.kind === 'fits' && fit.resourceTypes.map((type) => type.name)).toEqual(['object']);
    const none = await resourceTypeFor(catalog, 's3:ListBucket', 'arn:aws:s3:::bucket/key');
    expect(none.kind === 'fits-none' && none.arnResourceTypes).toEqual(['object']);
    expect((await resourceTypeFor(catalog, 's3:ListAllMyBuckets', 'arn:aws:s3:::b')).kind).toBe('wildcard-only');
    const role = await resourceTypeFor(catalog, 'iam:PassRole', 'arn:aws:iam::123456789012:role/x/y');
    expect(role.kind === 'fits' && role.resourceTypes.map((type) => type.name)).toEqual(['role']);
  });

  it('without a cache, openCatalog falls back to the bundled package', async () => {
    const catalog = await openCatalog({ cacheDir, offline: true });
    expect(catalog.dataSource.kind).toBe('bundled');
  });

  it('offline: true never fetches, even when asked to refresh a missing or stale cache', async () => {
    const missing = await openCatalog({ cacheDir, offline: true, refresh: { maxAgeMs: 0, baseUrl: server.baseUrl } });
    expect(missing.dataSource.kind).toBe('bundled');
    await refresh();
    server.requests.length = 0;
    const stale = await openCatalog({ cacheDir, offline: true, refresh: { maxAgeMs: 0, baseUrl: server.baseUrl } });
    expect(stale.dataSource).toMatchObject({ kind: 'cache', date: FIXED_DATE.toISOString() });
    await stale.action('s3', 'GetObject');
    expect(server.requests).toEqual([]);
  });

  it('without offline, refresh downloads a stale cache first and leaves a fresh one alone', async () => {
    await refresh();
    server.requests.length = 0;
    const refreshed = await openCatalog({ cacheDir, refresh: { maxAgeMs: 1000, baseUrl: server.baseUrl } });
    expect(server.requests).toContain('/');
    expect(refreshed.dataSource.kind).toBe('cache');
    expect(Date.parse(refreshed.dataSource.date)).toBeGreaterThan(FIXED_DATE.getTime());
    server.requests.length = 0;
    await openCatalog({ cacheDir, refresh: { maxAgeMs: 60_000, baseUrl: server.baseUrl } });
    expect(server.requests).toEqual([]);
  });

  it('a failed download throws a clear error and leaves the previous cache untouched', async () => {
    await refresh();
    server.failures.set('/v1/iam/iam.json', 503);
    const error = await updateDefinitions({ baseUrl: server.baseUrl, cacheDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CatalogUpdateError);
    expect((error as CatalogUpdateError).message).toMatch(/iam.*HTTP 503/);
    expect((error as CatalogUpdateError).url).toBe(`${server.baseUrl}v1/iam/iam.json`);
    expect(await readdir(cacheDir)).toEqual(['service-reference']);
    expect((await readCacheManifest(cacheDir))!.downloadedAt).toBe(FIXED_DATE.toISOString());
  });

  it('a failed first download leaves no cache behind, and a failed refresh warns and keeps going', async () => {
    server.failures.set('/v1/s3/s3.json', 500);
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(CatalogUpdateError);
    expect(await readdir(cacheDir)).toEqual([]);
    const warnings: string[] = [];
    const catalog = await openCatalog({
      cacheDir,
      refresh: { maxAgeMs: 0, baseUrl: server.baseUrl },
      onWarning: (message) => warnings.push(message),
    });
    expect(catalog.dataSource.kind).toBe('bundled');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/s3.*HTTP 500.*bundled/);
  });

  it('rejects an index that fails to load, is not a list, names no service prefix, or points elsewhere', async () => {
    server.failures.set('/', 404);
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/index.*HTTP 404/);
    server.failures.clear();
    server.indexOverride = { services: [] };
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/not a JSON array/);
    server.indexOverride = [{ service: '../escape', url: `${server.baseUrl}v1/s3/s3.json` }];
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/not a service prefix/);
    server.indexOverride = [{ service: 's3', url: 'https://example.invalid/v1/s3/s3.json' }];
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/another site/);
    expect(server.requests.filter((path) => path !== '/')).toEqual([]);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('rejects a service file that is not a service document', async () => {
    server.indexOverride = [{ service: 'ghost', url: `${server.baseUrl}v1/ghost/ghost.json` }];
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/ghost.*HTTP 404/);
    // The index itself (a list) served as s3's document:
    server.indexOverride = [{ service: 's3', url: server.baseUrl }];
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir })).rejects.toThrow(/s3.*not a JSON object/);
    expect(await readdir(cacheDir)).toEqual([]);
  });

  it('gives up on a server that does not answer in time', async () => {
    server.delayMs = 300;
    await expect(updateDefinitions({ baseUrl: server.baseUrl, cacheDir, timeoutMs: 50 })).rejects.toThrow(
      /no answer within 50 ms/,
    );
    // Let the server finish the abandoned answer before the next test counts requests in flight.
    await new Promise((resolve) => setTimeout(resolve, 400));
  });

  it('keeps the number of downloads in flight bounded', async () => {
    server.extra = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8'];
    server.delayMs = 20;
    const progress: number[] = [];
    const result = await updateDefinitions({
      baseUrl: server.baseUrl,
      cacheDir,
      concurrency: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(result.serviceCount).toBe(10);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    expect(server.maxInFlight).toBeGreaterThan(1);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (input) => {
      const url = String(input);
      seen.push(url);
      const body = url.endsWith('/') ? [{ service: 'iam', url: 'https://reference.test/iam.json' }] : IAM_DOCUMENT;
      return new Response(JSON.stringify(body), { status: 200 });
    };
    const result = await updateDefinitions({ baseUrl: 'https://reference.test/', cacheDir, fetch: fakeFetch });
    expect(result.serviceCount).toBe(1);
    expect(seen).toEqual(['https://reference.test/', 'https://reference.test/iam.json']);
  });

  it('a corrupt manifest is no cache', async () => {
    await refresh();
    await writeFile(join(cacheDir, 'service-reference', 'manifest.json'), '{"format": 99}');
    expect(await openCacheCatalog(cacheDir)).toBeUndefined();
    expect((await openCatalog({ cacheDir, offline: true })).dataSource.kind).toBe('bundled');
  });

  it('stores AWS’s documents as downloaded', async () => {
    await refresh();
    const stored = JSON.parse(await readFile(join(cacheDir, 'service-reference', 'services', 's3.json'), 'utf8')) as unknown;
    expect(stored).toEqual(S3_DOCUMENT);
  });
});

describe('Cache directory', () => {
  it('IAMWHY_CACHE_DIR wins, then $XDG_CACHE_HOME/iamwhy (absolute only), then ~/.cache/iamwhy', () => {
    expect(defaultCacheDir({ IAMWHY_CACHE_DIR: '/x/y', XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe('/x/y');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/xdg' }, '/home/u')).toBe(join('/xdg', 'iamwhy'));
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/u')).toBe(join('/home/u', '.cache', 'iamwhy'));
    expect(defaultCacheDir({}, '/home/u')).toBe(join('/home/u', '.cache', 'iamwhy'));
  });
});
