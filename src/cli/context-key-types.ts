/**
 * The types of the condition keys `--context` names, service keys included
 * (`s3:max-keys` is Numeric), read from the service data before the values are
 * checked; the checker itself is synchronous.
 */
import type { ServiceCatalog } from '../catalog/index.js';
import { defaultKeyTypeLookup, type ConditionKeyTypeInfo, type ConditionKeyTypeLookup } from '../sources/files/index.js';

export async function contextKeyTypes(catalog: ServiceCatalog, assignments: readonly string[]): Promise<ConditionKeyTypeLookup> {
  const known = new Map<string, ConditionKeyTypeInfo>();
  for (const assignment of assignments) {
    const key = assignment.slice(0, Math.max(0, assignment.indexOf('='))).trim();
    const colon = key.indexOf(':');
    if (colon <= 0 || known.has(key.toLowerCase())) continue;
    const info = await catalog.conditionKey(key.slice(0, colon), key);
    if (info !== undefined && info.type !== 'Unknown') known.set(key.toLowerCase(), info);
  }
  return (key) => known.get(key.toLowerCase()) ?? defaultKeyTypeLookup(key);
}
