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
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { checkServiceDocument, parseServiceDocument, parseServiceIndex, ReferenceFormatError } from './aws-reference.js';
import { bundledRcpSupportedServices, bundledServiceData, bundledServiceName } from './bundled.js';
import { LazyServiceCatalog, isServicePrefix, type ServiceData, type ServiceDataSource } from './service-data.js';
import { describeLimit, INPUT_LIMITS, type InputLimit } from '../input/limits.js';
import { decodeInputText, readInputFile } from '../input/read-input.js';
import { hasUnsafeCharacters } from '../text/printable.js';
import { redactSecrets, stripUrlCredentials } from '../text/redact.js';
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
    // A mirror's URL may carry a password: no message or property ever holds it.
    super(redactSecrets(message), cause === undefined ? undefined : { cause });
    this.name = 'CatalogUpdateError';
    this.url = url === undefined ? undefined : stripUrlCredentials(url);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** Redirects followed within the reference's own site; one to another site is refused. */
const MAX_REDIRECTS = 5;

/** What every request of one refresh shares: the site, its credentials, and the bytes still allowed. */
interface DownloadPolicy {
  origin: string;
  /** `Basic …` from credentials in the configured URL (never sent to another site: redirects there are refused). */
  authorization: string | undefined;
  /** Bytes the whole refresh may still download. */
  remaining: number;
}

async function fetchJson(
  fetchImpl: FetchFunction,
  url: string,
  timeoutMs: number,
  cancel: AbortSignal,
  policy: DownloadPolicy,
  limit: InputLimit,
): Promise<{ text: string; json: unknown }> {
  const controller = new AbortController();
  const onCancel = (): void => controller.abort();
  cancel.addEventListener('abort', onCancel);
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let current = url;
    let response: Response;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (policy.authorization !== undefined) headers.authorization = policy.authorization;
      response = await fetchImpl(current, { signal: controller.signal, headers, redirect: 'manual' });
      const location = response.status >= 300 && response.status < 400 ? response.headers.get('location') : null;
      if (location === null) break;
      await response.body?.cancel().catch(() => undefined);
      if (hop === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      const next = new URL(location, current);
      // A mirror must not hand the download (and its credentials) to another host.
      if (next.origin !== policy.origin) throw new Error(`redirected to another site (${next.origin}); refusing to follow`);
      current = stripUrlCredentials(next.href);
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    const bytes = await readBody(response, Math.min(limit.bytes, policy.remaining), limit);
    policy.remaining -= bytes.length;
    const decoded = decodeInputText(bytes);
    if (!decoded.ok) throw new Error(`the response ${decoded.reason.replace(/^it /, '').replace(/; save it as UTF-8$/, '')}`);
    let json: unknown;
    try {
      json = JSON.parse(decoded.text);
    } catch {
      throw new Error('the response is not JSON');
    }
    return { text: decoded.text, json };
  } catch (error) {
    if (controller.signal.aborted && !cancel.aborted) throw new Error(`no answer within ${timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}

/** The body, read as it arrives and abandoned as soon as it passes `max` bytes (an endless response stops there). */
async function readBody(response: Response, max: number, limit: InputLimit): Promise<Uint8Array> {
  const tooLarge = (): Error =>
    new Error(max < limit.bytes ? `the download is ${describeLimit(INPUT_LIMITS.serviceReferenceTotal)}` : `the response is ${describeLimit(limit)}`);
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/** The normalised document, refused when a name could not be shown safely (names end up in messages). */
function validatedServiceDocument(json: unknown, prefix: string): { version: string | undefined } {
  const checked = checkServiceDocument(json, prefix);
  const data = parseServiceDocument(json, prefix);
  const names = [
    ...data.actions.map((action) => action.name),
    ...data.resourceTypes.flatMap((type) => [type.name, ...type.arnFormats]),
    ...data.conditionKeys.map((key) => key.name),
  ];
  const bad = names.find((name) => name === '' || hasUnsafeCharacters(name));
  if (bad !== undefined) throw new ReferenceFormatError(`${prefix}: ${bad === '' ? 'a name is empty' : 'a name holds control or bidirectional characters'}`);
  return checked;
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
  let authorization: string | undefined;
  try {
    const parsed = new URL(baseUrl);
    origin = parsed.origin;
    // Credentials in the URL (a mirror behind basic authentication) become a header: fetch refuses them in URLs.
    if (parsed.username !== '' || parsed.password !== '') {
      authorization = `Basic ${Buffer.from(`${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`).toString('base64')}`;
    }
  } catch {
    throw new CatalogUpdateError(`Cannot download ${what}: "${stripUrlCredentials(baseUrl)}" is not a URL`, baseUrl);
  }
  const shownBase = stripUrlCredentials(baseUrl);
  const policy: DownloadPolicy = { origin, authorization, remaining: INPUT_LIMITS.serviceReferenceTotal.bytes };
  if (typeof fetchImpl !== 'function') {
    throw new CatalogUpdateError(`Cannot download ${what}: this Node.js has no global fetch (Node 20 or later is needed)`);
  }

  const cancel = new AbortController();
  let index;
  try {
    const { json } = await fetchJson(fetchImpl, shownBase, timeoutMs, cancel.signal, policy, INPUT_LIMITS.serviceIndex);
    index = parseServiceIndex(json);
  } catch (error) {
    throw new CatalogUpdateError(`Could not download the index of ${what} from ${shownBase}: ${describe(error)}`, baseUrl, error);
  }

  const downloads = new Map<string, string>();
  for (const entry of index) {
    const prefix = entry.service.toLowerCase();
    if (!isServicePrefix(prefix)) {
      throw new CatalogUpdateError(`The index at ${shownBase} lists ${JSON.stringify(entry.service.slice(0, 64))}, which is not a service prefix`, baseUrl);
    }
    let url: URL;
    try {
      url = new URL(entry.url, baseUrl);
    } catch {
      throw new CatalogUpdateError(`The index at ${shownBase} gives ${JSON.stringify(entry.url.slice(0, 200))} for ${prefix}, which is not a URL`, baseUrl);
    }
    if (url.origin !== origin) {
      throw new CatalogUpdateError(
        `The index at ${shownBase} points ${prefix} to another site (${url.origin}); refusing to download from it`,
        url.href,
      );
    }
    downloads.set(prefix, stripUrlCredentials(url.href));
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
          const { text, json } = await fetchJson(fetchImpl, url, timeoutMs, cancel.signal, policy, INPUT_LIMITS.serviceDocument);
          // Validated before it is cached: a bad document must fail the refresh, not every later run.
          const { version } = validatedServiceDocument(json, prefix);
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
      baseUrl: shownBase,
      serviceCount: downloads.size,
    };
    await writeFile(join(temporary, 'services.json'), `${JSON.stringify(sorted, null, 1)}\n`);
    await writeFile(join(temporary, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);

    const directory = join(cacheDir, REFERENCE_FOLDER);
    await swapIntoPlace(temporary, directory);
    return { directory, date: manifest.downloadedAt, serviceCount: manifest.serviceCount, baseUrl: shownBase };
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

/** A cache file as JSON, or why it is not: missing (no cache) or unusable (corrupt, too large, unreadable). */
type CacheRead = { ok: true; json: unknown } | { ok: false; missing: boolean; reason: string };

async function readCacheJson(path: string): Promise<CacheRead> {
  const read = await readInputFile(path, INPUT_LIMITS.cacheFile);
  if (!read.ok) return { ok: false, missing: read.code === 'ENOENT', reason: read.reason };
  try {
    return { ok: true, json: JSON.parse(read.text) as unknown };
  } catch {
    return { ok: false, missing: false, reason: 'it is not valid JSON' };
  }
}

type ManifestRead = { ok: true; manifest: CacheManifest } | { ok: false; missing: boolean; reason: string };

async function inspectManifest(cacheDir: string): Promise<ManifestRead> {
  const read = await readCacheJson(join(cacheDir, REFERENCE_FOLDER, 'manifest.json'));
  if (!read.ok) return read;
  const json = read.json;
  if (
    !isRecord(json) ||
    json.format !== MANIFEST_FORMAT ||
    typeof json.downloadedAt !== 'string' ||
    Number.isNaN(Date.parse(json.downloadedAt)) ||
    typeof json.baseUrl !== 'string' ||
    typeof json.serviceCount !== 'number'
  ) {
    return { ok: false, missing: false, reason: 'it is not a manifest this iamwhy wrote' };
  }
  return { ok: true, manifest: { format: json.format, downloadedAt: json.downloadedAt, baseUrl: json.baseUrl, serviceCount: json.serviceCount } };
}

/** The manifest of the cache under `cacheDir`, or undefined when there is no usable cache. */
export async function readCacheManifest(cacheDir: string = defaultCacheDir()): Promise<CacheManifest | undefined> {
  const read = await inspectManifest(cacheDir);
  return read.ok ? read.manifest : undefined;
}

export interface OpenCacheOptions {
  /**
   * Told once when the cache is there but unusable (a corrupt manifest, index or
   * service file): the bundled data answers instead, for the whole cache or for
   * the one service.
   */
  onWarning?: (message: string) => void;
}

const REBUILD = 'run iamwhy --update-definitions to rebuild it';

/**
 * Open the cache catalog under `cacheDir`, or return undefined when there is no usable
 * cache. Service names and the RCP list are not in AWS's files: those come from the
 * bundled package. A service file that turns out corrupt when first read is
 * replaced by the bundled package's data for that service, with a warning.
 */
export async function openCacheCatalog(cacheDir: string = defaultCacheDir(), options: OpenCacheOptions = {}): Promise<ServiceCatalog | undefined> {
  const directory = join(cacheDir, REFERENCE_FOLDER);
  const unusable = (file: string, reason: string): undefined => {
    options.onWarning?.(`the service data cache is unusable (${join(directory, file)}: ${reason}); using the bundled service data (${REBUILD})`);
    return undefined;
  };
  const manifest = await inspectManifest(cacheDir);
  if (!manifest.ok) return manifest.missing ? undefined : unusable('manifest.json', manifest.reason);
  const services = await readCacheJson(join(directory, 'services.json'));
  if (!services.ok) return unusable('services.json', services.reason);
  if (!isRecord(services.json)) return unusable('services.json', 'it is not a JSON object of services');
  const prefixes = Object.keys(services.json).filter(isServicePrefix).sort();
  try {
    if (!(await stat(join(directory, 'services'))).isDirectory()) return unusable('services', 'it is not a directory');
  } catch {
    return unusable('services', 'it is missing');
  }
  const loadService = async (prefix: string): Promise<ServiceData> => {
    const file = join('services', `${prefix}.json`);
    const read = await readCacheJson(join(directory, file));
    let reason: string;
    if (read.ok) {
      try {
        return parseServiceDocument(read.json, prefix);
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    } else {
      reason = read.reason;
    }
    options.onWarning?.(`the cached service data for ${prefix} is unusable (${join(directory, file)}: ${reason}); using the bundled data for ${prefix} (${REBUILD})`);
    return (await bundledServiceData(prefix)) ?? { prefix, actions: [], resourceTypes: [], conditionKeys: [] };
  };
  const source: ServiceDataSource = {
    dataSource: {
      kind: 'cache',
      directory,
      baseUrl: stripUrlCredentials(manifest.manifest.baseUrl),
      date: manifest.manifest.downloadedAt,
      serviceCount: prefixes.length,
    },
    listServices: async () => prefixes,
    loadService,
    serviceName: bundledServiceName,
    rcpSupportedServices: bundledRcpSupportedServices,
  };
  return new LazyServiceCatalog(source);
}
