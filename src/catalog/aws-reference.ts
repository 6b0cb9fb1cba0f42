/**
 * AWS's own machine-readable Service Authorization Reference ("Simplified AWS service
 * information for programmatic access"): an index at
 * `https://servicereference.us-east-1.amazonaws.com/` listing `{ service, url }` per
 * service, and per service a JSON document:
 *
 *     { "Name": "s3",
 *       "Actions": [{ "Name": "GetObject", "ActionConditionKeys": [...],
 *                     "Annotations": { "Properties": { "IsList": false, "IsPermissionManagement": false,
 *                                                      "IsTaggingOnly": false, "IsWrite": false } },
 *                     "Resources": [{ "Name": "object" }] }],
 *       "Resources": [{ "Name": "object", "ARNFormats": ["arn:${Partition}:s3:::${BucketName}/${ObjectName}"],
 *                       "ConditionKeys": [...] }],
 *       "ConditionKeys": [{ "Name": "s3:TlsVersion", "Types": ["Numeric"] }],
 *       "Version": "v1.x" }
 *
 * Parsing is defensive: the documents come from the network. Unknown fields are ignored.
 */
import { accessLevelFromText, makeConditionKeyInfo, unionKeys, type ServiceData } from './service-data.js';
import type { AccessLevel, ActionInfo, ConditionKeyInfo, ResourceTypeInfo } from './types.js';

export interface ServiceIndexEntry {
  service: string;
  url: string;
}

export class ReferenceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReferenceFormatError';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string');
}

function recordList(value: unknown): Array<Record<string, unknown>> {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord);
}

/** Parse the index document: a JSON array of `{ service, url }`. */
export function parseServiceIndex(json: unknown): ServiceIndexEntry[] {
  if (!Array.isArray(json)) throw new ReferenceFormatError('the index is not a JSON array of { service, url }');
  const entries: ServiceIndexEntry[] = [];
  for (const item of json) {
    if (!isRecord(item) || typeof item.service !== 'string' || typeof item.url !== 'string') {
      throw new ReferenceFormatError('an index entry is not { "service": string, "url": string }');
    }
    entries.push({ service: item.service, url: item.url });
  }
  if (entries.length === 0) throw new ReferenceFormatError('the index lists no services');
  return entries;
}

/** Check the shape of a service document before it is cached. Returns its `Version` when present. */
export function checkServiceDocument(json: unknown, expectedPrefix: string): { version: string | undefined } {
  if (!isRecord(json)) throw new ReferenceFormatError(`${expectedPrefix}: the document is not a JSON object`);
  if (typeof json.Name !== 'string') throw new ReferenceFormatError(`${expectedPrefix}: "Name" is missing`);
  if (!Array.isArray(json.Actions)) throw new ReferenceFormatError(`${expectedPrefix}: "Actions" is not a list`);
  return { version: typeof json.Version === 'string' ? json.Version : undefined };
}

function accessLevelOf(action: Record<string, unknown>): AccessLevel {
  const annotations = action.Annotations;
  if (!isRecord(annotations) || !isRecord(annotations.Properties)) {
    // Some tools write an access level as text; accept it if present.
    return typeof action.AccessLevel === 'string' ? accessLevelFromText(action.AccessLevel) : 'Unknown';
  }
  const properties = annotations.Properties;
  // Permissions management and tagging actions are also writes; the reference shows the narrower level.
  if (properties.IsPermissionManagement === true) return 'Permissions management';
  if (properties.IsTaggingOnly === true) return 'Tagging';
  if (properties.IsWrite === true) return 'Write';
  if (properties.IsList === true) return 'List';
  return 'Read';
}

/** Normalise one service document (already checked with {@link checkServiceDocument}). */
export function parseServiceDocument(json: unknown, prefix: string): ServiceData {
  checkServiceDocument(json, prefix);
  const document = json as Record<string, unknown>;
  const resourceTypes: ResourceTypeInfo[] = [];
  for (const resource of recordList(document.Resources)) {
    if (typeof resource.Name !== 'string') continue;
    resourceTypes.push({
      service: prefix,
      name: resource.Name,
      arnFormats: stringList(resource.ARNFormats),
      conditionKeys: stringList(resource.ConditionKeys),
    });
  }
  const typesByName = new Map(resourceTypes.map((type) => [type.name.toLowerCase(), type]));
  const actions: ActionInfo[] = [];
  for (const action of recordList(document.Actions)) {
    if (typeof action.Name !== 'string') continue;
    actions.push({
      service: prefix,
      name: action.Name,
      accessLevel: accessLevelOf(action),
      resourceTypes: recordList(action.Resources)
        .filter((entry): entry is Record<string, unknown> & { Name: string } => typeof entry.Name === 'string')
        .map((entry) => {
          const type = typesByName.get(entry.Name.toLowerCase());
          return {
            name: entry.Name,
            // AWS's JSON does not mark required resource types.
            required: typeof entry.Required === 'boolean' ? entry.Required : undefined,
            arnFormats: type === undefined ? [] : [...type.arnFormats],
            conditionKeys: unionKeys(stringList(entry.ConditionKeys), type?.conditionKeys ?? []),
          };
        }),
      conditionKeys: stringList(action.ActionConditionKeys),
    });
  }
  const conditionKeys: ConditionKeyInfo[] = [];
  for (const key of recordList(document.ConditionKeys)) {
    if (typeof key.Name !== 'string') continue;
    conditionKeys.push(makeConditionKeyInfo(key.Name, stringList(key.Types)));
  }
  return { prefix, actions, resourceTypes, conditionKeys };
}
