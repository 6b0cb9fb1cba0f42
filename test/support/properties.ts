/**
 * Settings shared by the property-based tests (fast-check): bounded runs, and a
 * reproducible seed. fast-check names the seed and the shrunk counterexample in
 * every failure; `IAMWHY_PROPERTY_SEED=<seed>` replays a failure exactly.
 */
import type { Parameters } from 'fast-check';

export function propertyRuns<T>(numRuns: number): Parameters<T> {
  const seed = process.env.IAMWHY_PROPERTY_SEED;
  return {
    numRuns,
    // Bounded in CI whatever the machine: stop generating after this long (the runs done still count).
    interruptAfterTimeLimit: 20_000,
    ...(seed !== undefined && seed !== '' ? { seed: Number(seed) } : {}),
  };
}
