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
  if (node.kind === 'string') {
    if (node.value === '*') return { ...block, wildcard: true };
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
