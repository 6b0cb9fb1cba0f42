/**
 * The cache catalog: AWS's own published Service Authorization Reference JSON,
 * downloaded by {@link updateDefinitions} into a user cache directory and read back
 * lazily, one service file at a time.
 *
 * Layout under the cache directory:
 *
 *     service-reference/
 *       manifest.json        { format, downloadedAt, baseUrl, serviceCount }
 *       services.json        { "<prefix>": { file, version? }, ... }
 *       services/<prefix>.json   AWS's document, as downloaded
 *
 * A refresh downloads everything into a temporary directory next to it and renames
 * it into place only when every file arrived and parsed, so a failed refresh leaves
 * the previous cache (or none) untouched.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { checkServiceDocument, parseServiceDocument, parseServiceIndex } from './aws-reference.js';
import { bundledRcpSupportedServices, bundledServiceName } from './bundled.js';
import { LazyServiceCatalog, isServicePrefix, type ServiceDataSource } from './service-data.js';
import type { ServiceCatalog } from './types.js';

/** Where AWS serves the index of service reference files. */
export const DEFAULT_REFERENCE_URL = 'https://servicereference.us-east-1.amazonaws.com/';
/** The folder inside the cache directory that holds the reference files. */
export const REFERENCE_FOLDER = 'service-reference';
const MANIFEST_FORMAT = 1;

export type FetchFunction = typeof globalThis.fetch;

/**
 * The cache directory: `$IAMWHY_CACHE_DIR`, else `$XDG_CACHE_HOME/iamwhy` (when absolute),
 * else `~/.cache/iamwhy`.
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const override = env.IAMWHY_CACHE_DIR;
  if (override !== undefined && override !== '') return override;
  const xdg = env.XDG_CACHE_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'iamwhy');
  return join(home, '.cache', 'iamwhy');
}

export interface CacheManifest {
  format: number;
  /** ISO 8601 time the download finished. */
  downloadedAt: string;
  baseUrl: string;
  serviceCount: number;
}

interface CachedServiceEntry {
  file: string;
  version?: string;
}

export interface UpdateOptions {
  /** The index URL; default {@link DEFAULT_REFERENCE_URL}. Service files must be on the same origin. */
  baseUrl?: string;
  /** Default {@link defaultCacheDir}. */
  cacheDir?: string;
  /** Default the global `fetch`. */
  fetch?: FetchFunction;
  /** Downloads in flight at once; default 8. */
  concurrency?: number;
  /** Per-request time limit in milliseconds; default 30 000. */
  timeoutMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
  onProgress?: (done: number, total: number) => void;
}

export interface UpdateResult {
  /** The folder now holding the reference files. */
  directory: string;
  /** ISO 8601 download time, as written to the manifest. */
  date: string;
  serviceCount: number;
  baseUrl: string;
}

/** A refresh failed; the previous cache (if any) is unchanged. */
export class CatalogUpdateError extends Error {
  /** The URL that failed, when one did. */
  readonly url: string | undefined;
  constructor(message: string, url?: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'CatalogUpdateError';
    this.url = url;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

async function fetchJson(
  fetchImpl: FetchFunction,
  url: string,
  timeoutMs: number,
  cancel: AbortSignal,
): Promise<{ text: string; json: unknown }> {
  const controller = new AbortController();
  const onCancel = (): void => controller.abort();
  cancel.addEventListener('abort', onCancel);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetchImpl(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('the response is not JSON');
    }
    return { text, json };
  } catch (error) {
    if (controller.signal.aborted && !cancel.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}

/**
 * Download AWS's Service Authorization Reference (the index and every service file)
 * into the cache, replacing the previous copy only once everything has arrived.
 * Throws {@link CatalogUpdateError} on any failure, leaving no partial cache behind.
 */
export async function updateDefinitions(options: UpdateOptions = {}): Promise<UpdateResult> {
  const baseUrl = options.baseUrl ?? DEFAULT_REFERENCE_URL;
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? (() => new Date());
  const what = 'the Service Authorization Reference';

  let origin: string;
  try {
    origin = new URL(baseUrl).origin;
  } catch {
    throw new CatalogUpdateError(`Cannot download ${what}: "${baseUrl}" is not a URL`, baseUrl);
  }
  if (typeof fetchImpl !== 'function') {
    throw new CatalogUpdateError(`Cannot download ${what}: this Node.js has no global fetch (Node 20 or later is needed)`);
  }

  const cancel = new AbortController();
  let index;
  try {
    const { json } = await fetchJson(fetchImpl, baseUrl, timeoutMs, cancel.signal);
    index = parseServiceIndex(json);
  } catch (error) {
    throw new CatalogUpdateError(`Could not download the index of ${what} from ${baseUrl}: ${describe(error)}`, baseUrl, error);
  }

  const downloads = new Map<string, string>();
  for (const entry of index) {
    const prefix = entry.service.toLowerCase();
    if (!isServicePrefix(prefix)) {
      throw new CatalogUpdateError(`The index at ${baseUrl} lists "${entry.service}", which is not a service prefix`, baseUrl);
    }
    let url: URL;
    try {
      url = new URL(entry.url, baseUrl);
    } catch {
      throw new CatalogUpdateError(`The index at ${baseUrl} gives "${entry.url}" for ${prefix}, which is not a URL`, baseUrl);
    }
    if (url.origin !== origin) {
      throw new CatalogUpdateError(
        `The index at ${baseUrl} points ${prefix} to another site (${url.origin}); refusing to download from it`,
        url.href,
      );
    }
    downloads.set(prefix, url.href);
  }

  try {
    await mkdir(cacheDir, { recursive: true });
  } catch (error) {
    throw new CatalogUpdateError(`Cannot create the cache directory ${cacheDir}: ${describe(error)}`, undefined, error);
  }
  const temporary = await mkdtemp(join(cacheDir, '.download-'));
  try {
    await mkdir(join(temporary, 'services'));
    const queue = [...downloads.entries()];
    const services: Record<string, CachedServiceEntry> = {};
    let failure: CatalogUpdateError | undefined;
    let done = 0;
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined && failure === undefined; next = queue.shift()) {
        const [prefix, url] = next;
        try {
          const { text, json } = await fetchJson(fetchImpl, url, timeoutMs, cancel.signal);
          const { version } = checkServiceDocument(json, prefix);
          const file = `services/${prefix}.json`;
          await writeFile(join(temporary, file), text);
          services[prefix] = version === undefined ? { file } : { file, version };
          done += 1;
          options.onProgress?.(done, downloads.size);
        } catch (error) {
          if (failure === undefined) {
            failure = new CatalogUpdateError(`Could not download ${what} for ${prefix} from ${url}: ${describe(error)}`, url, error);
            cancel.abort();
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, downloads.size) }, worker));
    if (failure !== undefined) throw failure;

    const sorted = Object.fromEntries(Object.entries(services).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const manifest: CacheManifest = {
      format: MANIFEST_FORMAT,
      downloadedAt: now().toISOString(),
      baseUrl,
      serviceCount: downloads.size,
    };
    await writeFile(join(temporary, 'services.json'), `${JSON.stringify(sorted, null, 1)}\n`);
    await writeFile(join(temporary, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    const directory = join(cacheDir, REFERENCE_FOLDER);
    await swapIntoPlace(temporary, directory);
    return { directory, date: manifest.downloadedAt, serviceCount: manifest.serviceCount, baseUrl };
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    if (error instanceof CatalogUpdateError) throw error;
    throw new CatalogUpdateError(`Could not write ${what} to ${cacheDir}: ${describe(error)}`, undefined, error);
  }
}

/**
 * Replace `target` by `source` (both directories): move the old one aside, rename, then
 * delete the old one. `source` has a unique name (mkdtemp), so `<source>.previous` is free.
 */
async function swapIntoPlace(source: string, target: string): Promise<void> {
  const aside = `${source}.previous`;
  let movedAside = false;
  try {
    await rename(target, aside);
    movedAside = true;
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
  try {
    await rename(source, target);
  } catch (error) {
    if (movedAside) await rename(aside, target).catch(() => undefined);
    throw error;
  }
  if (movedAside) await rm(aside, { recursive: true, force: true });
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

/** The manifest of the cache under `cacheDir`, or undefined when there is no usable cache. */
export async function readCacheManifest(cacheDir: string = defaultCacheDir()): Promise<CacheManifest | undefined> {
  let json: unknown;
  try {
    json = await readJson(join(cacheDir, REFERENCE_FOLDER, 'manifest.json'));
  } catch {
    return undefined;
  }
  if (
    !isRecord(json) ||
    json.format !== MANIFEST_FORMAT ||
    typeof json.downloadedAt !== 'string' ||
    Number.isNaN(Date.parse(json.downloadedAt)) ||
    typeof json.baseUrl !== 'string' ||
    typeof json.serviceCount !== 'number'
  ) {
    return undefined;
  }
  return { format: json.format, downloadedAt: json.downloadedAt, baseUrl: json.baseUrl, serviceCount: json.serviceCount };
}

/**
 * Open the cache catalog under `cacheDir`, or return undefined when there is no usable
 * cache. Service names and the RCP list are not in AWS's files: those come from the
 * bundled package.
 */
export async function openCacheCatalog(cacheDir: string = defaultCacheDir()): Promise<ServiceCatalog | undefined> {
  const manifest = await readCacheManifest(cacheDir);
  if (manifest === undefined) return undefined;
  const directory = join(cacheDir, REFERENCE_FOLDER);
  let services: unknown;
  try {
    services = await readJson(join(directory, 'services.json'));
  } catch {
    return undefined;
  }
  if (!isRecord(services)) return undefined;
  const prefixes = Object.keys(services).filter(isServicePrefix).sort();
  try {
    if (!(await stat(join(directory, 'services'))).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const source: ServiceDataSource = {
    dataSource: {
      kind: 'cache',
      directory,
      baseUrl: manifest.baseUrl,
      date: manifest.downloadedAt,
      serviceCount: prefixes.length,
    },
    listServices: async () => prefixes,
    loadService: async (prefix) => parseServiceDocument(await readJson(join(directory, 'services', `${prefix}.json`)), prefix),
    serviceName: bundledServiceName,
    rcpSupportedServices: bundledRcpSupportedServices,
  };
  return new LazyServiceCatalog(source);
}
