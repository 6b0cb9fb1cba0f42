/**
 * What the statement readers share: the policy kind, where findings go, and the
 * small helpers that turn JSON values into strings and lists.
 */
import type { Finding } from '../findings.js';
import type { PolicyKind } from '../policy-kind.js';
import { createFinding, isFatalCode, type PolicyFindingCode } from './finding-codes.js';
import { formatPath, type JsonMember, type JsonNode, type JsonPosition, type PathSegment } from './json-document.js';
import { closestMatch, didYouMean } from '../../text/near-match.js';

export class ReadContext {
  readonly findings: Finding[] = [];
  private fatalCount = 0;

  constructor(
    readonly kind: PolicyKind,
    readonly file: string | undefined,
  ) {}

  report(
    code: PolicyFindingCode,
    message: string,
    path: readonly PathSegment[],
    position: JsonPosition | undefined,
    suggestion?: string,
  ): void {
    if (isFatalCode(code)) this.fatalCount++;
    this.findings.push(createFinding(code, message, { file: this.file, path: formatPath(path), position }, suggestion));
  }

  /** How many fatal findings have been reported so far (see `finding-codes.ts`). */
  get fatalFindings(): number {
    return this.fatalCount;
  }
}

/** One string read from a string-or-list element, with where it was written. */
export interface ListedString {
  value: string;
  path: PathSegment[];
  position: JsonPosition | undefined;
}

/**
 * Reads an element that holds a string or a list of strings (Action, Resource, a
 * principal type...). Reports a wrong JSON type (fatal) or an empty list
 * (warning). Returns undefined when the element cannot be read.
 */
export function readStringList(
  context: ReadContext,
  member: JsonMember,
  path: PathSegment[],
  emptyMessage: string,
): ListedString[] | undefined {
  const node = member.value;
  if (node.kind === 'string') return [{ value: node.value, path, position: member.keyPosition }];
  if (node.kind !== 'array') {
    context.report(
      'ELEMENT_INVALID_TYPE',
      `${formatPath(path)} must be a string or a list of strings, not ${describeJsonType(node)}`,
      path,
      member.keyPosition,
    );
    return undefined;
  }
  if (node.items.length === 0) {
    context.report('EMPTY_LIST', emptyMessage, path, member.keyPosition);
    return [];
  }
  const values: ListedString[] = [];
  let readable = true;
  node.items.forEach((item, index) => {
    const itemPath = [...path, index];
    if (item.kind === 'string') {
      values.push({ value: item.value, path: itemPath, position: item.position });
      return;
    }
    readable = false;
    context.report(
      'ELEMENT_INVALID_TYPE',
      `${formatPath(itemPath)} must be a string, not ${describeJsonType(item)}`,
      itemPath,
      item.position,
    );
  });
  return readable ? values : undefined;
}

/** `an object`, `a list`, `a number`... for messages about wrong JSON types. */
export function describeJsonType(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return node.value ? 'true' : 'false';
    case 'null':
      return 'null';
  }
}

/** How a kind is named in messages ("... which role trust policies require"). */
export const KIND_NAMES: Record<PolicyKind, string> = {
  identity: 'identity-based policies',
  resource: 'resource-based policies',
  trust: 'role trust policies',
  'kms-key': 'KMS key policies',
  'permissions-boundary': 'permissions boundaries',
  session: 'session policies',
  scp: 'service control policies',
  rcp: 'resource control policies',
  'vpc-endpoint': 'VPC endpoint policies',
};

/** Elements that only label a policy or statement: a misspelling of one does not change what the policy means. */
const LABEL_ELEMENTS = new Set(['Sid', 'Id']);

/**
 * Reports members whose key is not one of `known`. A near miss of an element
 * that carries meaning (`Actions`, `Condtion`, `effect`) leaves the policy's
 * meaning undefined (fatal); any other unknown key is ignored with a warning.
 * Returns the elements that were probably meant, so the caller does not also
 * report them as missing.
 */
export function reportUnknownElements(
  context: ReadContext,
  members: Iterable<JsonMember>,
  known: readonly string[],
  path: PathSegment[],
): Set<string> {
  const meant = new Set<string>();
  const owner = path.length === 0 ? 'The policy' : formatPath(path);
  for (const member of members) {
    if (known.includes(member.key)) continue;
    const near = closestMatch(member.key, known);
    const memberPath = [...path, member.key];
    if (near !== undefined && !LABEL_ELEMENTS.has(near)) {
      meant.add(near);
      context.report(
        'MISSPELLED_ELEMENT',
        `${owner} has the unknown element "${member.key}"`,
        memberPath,
        member.keyPosition,
        didYouMean(near),
      );
      continue;
    }
    context.report(
      'UNKNOWN_ELEMENT',
      `${owner} has the unknown element "${member.key}", which AWS rejects and iamwhy ignores`,
      memberPath,
      member.keyPosition,
      near === undefined ? undefined : didYouMean(near),
    );
  }
  return meant;
}
