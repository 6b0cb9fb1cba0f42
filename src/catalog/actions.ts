/**
 * Tools over a catalog: canonical action names with "did you mean", action patterns
 * expanded to the actions they cover, the resource type an ARN is for an action, and
 * the condition keys that apply.
 */
import { parseArn } from '../language/arn.js';
import { hasWildcard, matchWildcard } from '../language/wildcard.js';
import { closestMatches, typoAllowance } from '../text/near-match.js';
import { unionKeys } from './service-data.js';
import { compileArnFormat } from './template.js';
import type { ActionInfo, ActionResourceType, ServiceCatalog } from './types.js';

/** The outcome of {@link resolveAction}. */
export type ActionResolution =
  | {
      status: 'found';
      /** Canonical `service:Action`, e.g. `s3:GetObject`. */
      action: string;
      info: ActionInfo;
    }
  | {
      status: 'unknown-service';
      input: string;
      service: string;
      /** Closest service prefixes, best first, e.g. `['s3']`. */
      suggestions: string[];
    }
  | {
      status: 'unknown-action';
      input: string;
      service: string;
      /** Closest real actions of the service as `service:Action`, best first. */
      suggestions: string[];
    }
  | {
      /** Not `service:action`, or a wildcard pattern (see {@link expandActionPattern}). */
      status: 'invalid';
      input: string;
      reason: string;
    };

/**
 * The closest candidates to `input` (case-insensitive), best first, ties in name
 * order: those close enough to be a plausible typo, and real names that merely
 * extend (or are extended by) the input: `GetObj` → `GetObject`.
 */
export function closestNames(input: string, candidates: readonly string[], limit = 5): string[] {
  const byName = [...candidates].sort();
  return closestMatches(input, byName, (name) => name, { maxDistance: Math.min(4, typoAllowance(input)), related: 'prefix', limit });
}

function splitAction(text: string): { service: string; name: string } | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1 || text.indexOf(':', colon + 1) !== -1) return undefined;
  return { service: text.slice(0, colon), name: text.slice(colon + 1) };
}

/**
 * Resolve `S3:getobject` to the canonical `s3:GetObject`, or say what is closest:
 * `s3:GetObjects` → did you mean `s3:GetObject`; `s4:GetObject` → did you mean `s3`.
 */
export async function resolveAction(catalog: ServiceCatalog, input: string): Promise<ActionResolution> {
  const text = input.trim();
  if (hasWildcard(text)) {
    return { status: 'invalid', input, reason: 'is a wildcard pattern, not one action' };
  }
  const parts = splitAction(text);
  if (parts === undefined) {
    return { status: 'invalid', input, reason: 'is not of the form service:Action' };
  }
  const service = parts.service.toLowerCase();
  if (!(await catalog.hasService(service))) {
    return { status: 'unknown-service', input, service, suggestions: closestNames(service, await catalog.services()) };
  }
  const info = await catalog.action(service, parts.name);
  if (info !== undefined) return { status: 'found', action: `${service}:${info.name}`, info };
  const suggestions = closestNames(parts.name, await catalog.actionsOf(service)).map((name) => `${service}:${name}`);
  return { status: 'unknown-action', input, service, suggestions };
}

/**
 * Every action an Action pattern covers, as canonical `service:Action`, sorted by
 * service then in the reference's order. Matching is case-insensitive with `*` and
 * `?`, as IAM matches actions. `*` covers every action of every service (this reads
 * every service's data: slow with the bundled package, about a second).
 */
export async function expandActionPattern(catalog: ServiceCatalog, pattern: string): Promise<string[]> {
  const text = pattern.trim();
  if (text === '') return [];
  const parts = splitAction(text);
  let services: string[];
  let actionPattern: string;
  let fullMatch = false;
  if (parts !== undefined) {
    // Services and action names hold no colon, so the pattern's one colon splits it exactly.
    actionPattern = parts.name;
    services = hasWildcard(parts.service)
      ? (await catalog.services()).filter((service) => matchWildcard(parts.service, service, { ignoreCase: true }))
      : (await catalog.hasService(parts.service))
        ? [parts.service.toLowerCase()]
        : [];
  } else {
    // No colon, or several (`?` may stand for the colon): match the whole `service:Action`.
    // Only services that agree with the literal text before the first wildcard can match.
    actionPattern = text;
    fullMatch = true;
    const lead = leadingLiteral(text).toLowerCase();
    services = (await catalog.services()).filter((service) => {
      const head = `${service}:`;
      return head.startsWith(lead) || lead.startsWith(head);
    });
  }
  const out: string[] = [];
  for (const service of services) {
    const names = await catalog.actionsOf(service);
    for (const name of names) {
      const matched = fullMatch
        ? matchWildcard(actionPattern, `${service}:${name}`, { ignoreCase: true })
        : matchWildcard(actionPattern, name, { ignoreCase: true });
      if (matched) out.push(`${service}:${name}`);
    }
  }
  return out;
}

function leadingLiteral(pattern: string): string {
  let end = 0;
  while (end < pattern.length && pattern[end] !== '*' && pattern[end] !== '?') end++;
  return pattern.slice(0, end);
}

/** The outcome of {@link resourceTypeFor}. */
export type ResourceTypeFit =
  | {
      /** The ARN is of one (rarely more) of the action's resource types. */
      kind: 'fits';
      action: ActionInfo;
      resourceTypes: ActionResourceType[];
    }
  | {
      /** The ARN is of none of the action's resource types: `expected` lists them, with their ARN formats. */
      kind: 'fits-none';
      action: ActionInfo;
      expected: ActionResourceType[];
      /** What the ARN is within the action's service (e.g. `['object']`), when it matches any resource type there. */
      arnResourceTypes: string[];
    }
  | {
      /** The action supports no resource-level permissions: its Resource must be `*`. */
      kind: 'wildcard-only';
      action: ActionInfo;
    }
  | {
      kind: 'unknown-action';
      resolution: Exclude<ActionResolution, { status: 'found' }>;
    };

/**
 * Which of an action's resource types a resource ARN is. Each ARN format of every
 * resource type of the service is compared with the ARN; when several fit, the one
 * with the most literal text wins (`arn:aws:s3:::bucket/key` fits the bucket format
 * `arn:${Partition}:s3:::${BucketName}` too, since a placeholder takes any characters,
 * but the object format `…:::${BucketName}/${ObjectName}` is more specific). So
 * `s3:ListBucket` on an object ARN fits none.
 */
export async function resourceTypeFor(
  catalog: ServiceCatalog,
  action: string | ActionInfo,
  resourceArn: string,
): Promise<ResourceTypeFit> {
  let info: ActionInfo;
  if (typeof action === 'string') {
    const resolution = await resolveAction(catalog, action);
    if (resolution.status !== 'found') return { kind: 'unknown-action', resolution };
    info = resolution.info;
  } else {
    info = action;
  }
  if (info.resourceTypes.length === 0) return { kind: 'wildcard-only', action: info };
  const arn = parseArn(resourceArn);
  if (arn === undefined) return { kind: 'fits-none', action: info, expected: info.resourceTypes, arnResourceTypes: [] };

  // Score every resource type of the service (and the action's own, should the service list lack one).
  const candidates = new Map<string, { name: string; formats: string[] }>();
  for (const type of await catalog.resourceTypesOf(info.service)) {
    candidates.set(type.name.toLowerCase(), { name: type.name, formats: type.arnFormats });
  }
  for (const type of info.resourceTypes) {
    if (!candidates.has(type.name.toLowerCase())) {
      candidates.set(type.name.toLowerCase(), { name: type.name, formats: type.arnFormats });
    }
  }
  let best = -1;
  let bestTypes: string[] = [];
  for (const [key, { formats }] of candidates) {
    let score = -1;
    for (const format of formats) {
      const compiled = compileArnFormat(format);
      if (compiled.specificity > score && compiled.matches(arn)) score = compiled.specificity;
    }
    if (score < 0) continue;
    if (score > best) {
      best = score;
      bestTypes = [key];
    } else if (score === best) {
      bestTypes.push(key);
    }
  }
  const fitting = info.resourceTypes.filter((type) => bestTypes.includes(type.name.toLowerCase()));
  if (fitting.length > 0) return { kind: 'fits', action: info, resourceTypes: fitting };
  const arnResourceTypes = bestTypes.map((key) => candidates.get(key)?.name ?? key);
  return { kind: 'fits-none', action: info, expected: info.resourceTypes, arnResourceTypes };
}

/**
 * Condition keys that apply to an action: its action-level keys plus those of the
 * given resource type (or of all its resource types when none is given).
 */
export function conditionKeysFor(action: ActionInfo, resourceType?: string): string[] {
  const types =
    resourceType === undefined
      ? action.resourceTypes
      : action.resourceTypes.filter((type) => type.name.toLowerCase() === resourceType.toLowerCase());
  return unionKeys(action.conditionKeys, ...types.map((type) => type.conditionKeys));
}
