import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { loadSnapshot, mergeSnapshots } from '../../../src/sources/snapshot/load-snapshot.js';
import type { Snapshot } from '../../../src/sources/snapshot/model.js';

export function fixturePath(name: string): string {
  return fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name)) as unknown;
}

/** Load fixtures (merged when several), failing the test with the loader's errors when it does not load. */
export function loadFixtures(...names: string[]): Snapshot {
  const snapshots = names.map((name) => {
    const result = loadSnapshot(fixtureText(name), { file: name });
    if (!result.ok) expect.fail(result.errors.map((error) => `${error.location.path}: ${error.message}`).join('\n'));
    return result.snapshot;
  });
  return mergeSnapshots(snapshots);
}
