/**
 * Principal and NotPrincipal: `"*"` or a map from principal type to one or more
 * identifiers ("IAM JSON policy elements: Principal").
 */
import type { PrincipalBlock } from '../policy.js';
import { effectiveMembers, formatPath, type JsonMember, type PathSegment } from './json-document.js';
import { didYouMeanClosest } from '../../text/near-match.js';
import { describeJsonType, readStringList, type ReadContext } from './read-context.js';

const PRINCIPAL_TYPES = ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const;
type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** Reads a Principal or NotPrincipal element; undefined when it cannot be read. */
export function readPrincipal(
  context: ReadContext,
  member: JsonMember,
  path: PathSegment[],
  negated: boolean,
): PrincipalBlock | undefined {
  const block: PrincipalBlock = {
    negated,
    wildcard: false,
    aws: [],
    service: [],
    federated: [],
    canonicalUser: [],
    path: formatPath(path),
  };
  const node = member.value;
  if (node.kind === 'string' && node.value === '*') return { ...block, wildcard: true };
  const bare = bareIdentifiers(node);
  if (bare !== undefined) {
    // A bare ARN, account id or service principal names its type unambiguously: read it as AWS would store it.
    const written = bare.map((value) => JSON.stringify(value)).join(', ');
    const types = [...new Set(bare.map(bareType))];
    context.report(
      'PRINCIPAL_BARE',
      `${formatPath(path)} names ${written} without a principal type: read as {${types.map((type) => `"${type}": …`).join(', ')}}`,
      path,
      member.keyPosition,
    );
    for (const value of bare) block[PROPERTY[bareType(value)]].push(value);
    return block;
  }
  if (node.kind === 'string') {
    context.report(
      'PRINCIPAL_INVALID',
      `${formatPath(path)} must be "*" or an object such as {"AWS": ...}, not the string "${node.value}"`,
      path,
      member.keyPosition,
      `did you mean {"AWS": ${JSON.stringify(node.value)}}?`,
    );
    return undefined;
  }
  if (node.kind !== 'object') {
    context.report(
      'ELEMENT_INVALID_TYPE',
      `${formatPath(path)} must be "*" or an object of principal types, not ${describeJsonType(node)}`,
      path,
      member.keyPosition,
    );
    return undefined;
  }
  const entries = effectiveMembers(node);
  if (entries.length === 0) {
    context.report('EMPTY_LIST', `${formatPath(path)} names no principal`, path, member.keyPosition);
    return block;
  }
  let readable = true;
  for (const entry of entries) {
    const entryPath = [...path, entry.key];
    const type = PRINCIPAL_TYPES.find((candidate) => candidate === entry.key);
    if (type === undefined) {
      readable = false;
      context.report(
        'PRINCIPAL_INVALID',
        `"${entry.key}" is not a principal type; use "AWS", "Service", "Federated" or "CanonicalUser"`,
        entryPath,
        entry.keyPosition,
        didYouMeanClosest(entry.key, PRINCIPAL_TYPES),
      );
      continue;
    }
    const values = readStringList(context, entry, entryPath, `${formatPath(entryPath)} is an empty list`);
    if (values === undefined) {
      readable = false;
      continue;
    }
    block[PROPERTY[type]].push(...values.map((listed) => listed.value));
  }
  return readable ? block : undefined;
}

const PROPERTY: Record<PrincipalType, 'aws' | 'service' | 'federated' | 'canonicalUser'> = {
  AWS: 'aws',
  Service: 'service',
  Federated: 'federated',
  CanonicalUser: 'canonicalUser',
};

const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;

/** A principal written without its type whose type is still clear: an IAM/STS ARN, an account id, a service principal. */
function isBareIdentifier(value: string): boolean {
  return ACCOUNT_ID.test(value) || SERVICE_PRINCIPAL.test(value) || /^arn:[^:]+:(iam|sts)::\d{12}:.+/.test(value);
}

function bareType(value: string): PrincipalType {
  return SERVICE_PRINCIPAL.test(value) ? 'Service' : 'AWS';
}

/** The identifiers of a bare string or list of strings, when every one is unambiguous. */
function bareIdentifiers(node: JsonMember['value']): string[] | undefined {
  const values = node.kind === 'string' ? [node.value] : node.kind === 'array' ? node.items.map((item) => (item.kind === 'string' ? item.value : undefined)) : undefined;
  if (values === undefined || values.length === 0) return undefined;
  const strings = values.filter((value): value is string => value !== undefined);
  return strings.length === values.length && strings.every(isBareIdentifier) ? strings : undefined;
}
