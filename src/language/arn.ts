/**
 * Amazon Resource Names: `arn:partition:service:region:account-id:resource`.
 * The resource part may itself hold colons and slashes ("Amazon Resource Names (ARNs)").
 * CAUTION: publicly exported.
 */
import { matchWildcard } from './wildcard.js';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the fifth colon, e.g. `role/path/Name` or `bucket/key`. */
  resource: string;
}

/** Parse an ARN, or return undefined when the text is not `arn:` followed by five more colon-separated parts. */
export function parseArn(text: string): Arn | undefined {
  if (!text.startsWith('arn:')) return undefined;
  const parts = splitArn(text);
  if (parts === undefined) return undefined;
  const [, partition, service, region, account, resource] = parts;
  if (!partition || !service) return undefined;
  return { partition, service, region, account, resource };
}

/** The six colon-separated parts of an ARN-shaped string (no validation of their content). */
function splitArn(text: string): [string, string, string, string, string, string] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let index = 0; index < 5; index++) {
    const colon = text.indexOf(':', start);
    if (colon === -1) return undefined;
    parts.push(text.slice(start, colon));
    start = colon + 1;
  }
  parts.push(text.slice(start));
  return parts as [string, string, string, string, string, string];
}

/**
 * Match a Resource (or ArnLike) pattern against an ARN, as AWS does: each of the
 * six colon-delimited parts is compared separately, case-sensitively, with `*`
 * and `?` wildcards; the last part (the resource) may itself contain colons.
 * A pattern that is not ARN-shaped (`*`, or fewer than six parts) is matched as a
 * whole string.
 */
export function matchArnPattern(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const patternParts = splitArn(pattern);
  const arnParts = splitArn(arn);
  if (patternParts === undefined || arnParts === undefined) {
    return matchWildcard(pattern, arn);
  }
  for (let index = 0; index < 6; index++) {
    if (!matchWildcard(patternParts[index] as string, arnParts[index] as string)) return false;
  }
  return true;
}

export function formatArn(arn: Arn): string {
  return `arn:${arn.partition}:${arn.service}:${arn.region}:${arn.account}:${arn.resource}`;
}
