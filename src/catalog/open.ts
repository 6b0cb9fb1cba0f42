/**
 * Choosing the data source: AWS's own files from the cache when a refresh has put
 * them there, else the bundled package.
 */
import { openBundledCatalog } from './bundled.js';
import {
  defaultCacheDir,
  openCacheCatalog,
  readCacheManifest,
  updateDefinitions,
  type FetchFunction,
} from './cache.js';
import type { ServiceCatalog } from './types.js';

export interface OpenCatalogOptions {
  /** Never touch the network (the default behaviour too, unless `refresh` is given). */
  offline?: boolean;
  /** Default {@link defaultCacheDir} (which reads `IAMWHY_CACHE_DIR`, `XDG_CACHE_HOME`). */
  cacheDir?: string;
  /** Ignore the cache and use the bundled package. */
  bundledOnly?: boolean;
  /**
   * Refresh the cache first when it is missing or older than `maxAgeMs`. Ignored when
   * `offline` is true. A failed refresh is reported through `onWarning` and the
   * existing cache (or the bundled package) is used.
   */
  refresh?: {
    maxAgeMs: number;
    baseUrl?: string;
    fetch?: FetchFunction;
    concurrency?: number;
    timeoutMs?: number;
  };
  /** Told about a failed refresh, and about a cache that is there but unusable (the bundled data then answers). */
  onWarning?: (message: string) => void;
}

/** Open the best available catalog: the cache if present, else the bundled package. */
export async function openCatalog(options: OpenCatalogOptions = {}): Promise<ServiceCatalog> {
  if (options.bundledOnly) return openBundledCatalog();
  const cacheDir = options.cacheDir ?? defaultCacheDir();
  if (options.refresh !== undefined && options.offline !== true) {
    const manifest = await readCacheManifest(cacheDir);
    const age = manifest === undefined ? Infinity : Date.now() - Date.parse(manifest.downloadedAt);
    if (age > options.refresh.maxAgeMs) {
      try {
        await updateDefinitions({
          cacheDir,
          baseUrl: options.refresh.baseUrl,
          fetch: options.refresh.fetch,
          concurrency: options.refresh.concurrency,
          timeoutMs: options.refresh.timeoutMs,
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        options.onWarning?.(`${reason}; using the ${manifest === undefined ? 'bundled' : 'cached'} definitions`);
      }
    }
  }
  return (await openCacheCatalog(cacheDir, options.onWarning === undefined ? {} : { onWarning: options.onWarning })) ?? openBundledCatalog();
}
