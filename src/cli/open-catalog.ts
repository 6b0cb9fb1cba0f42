/**
 * The service data as the CLI opens it: offline, the cache directory from the
 * command's environment, and a cache that is there but unusable reported as
 * one warning line (the bundled data then answers).
 */
import { defaultCacheDir, openCatalog, type ServiceCatalog } from '../catalog/index.js';
import { messageLine } from '../text/excerpt.js';
import type { Terminal } from './terminal.js';

export function cacheDirectory(terminal: Terminal): string {
  return defaultCacheDir(terminal.env as NodeJS.ProcessEnv);
}

export function openCliCatalog(terminal: Terminal): Promise<ServiceCatalog> {
  return openCatalog({ offline: true, cacheDir: cacheDirectory(terminal), onWarning: (message) => terminal.stderr(`warning: ${messageLine(message)}\n`) });
}
