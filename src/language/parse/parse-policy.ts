/**
 * Reads and validates one policy document: the entry point of `language/parse`.
 *
 * Pure and synchronous. All problems are collected (none thrown) as findings
 * with a stable code, a one-sentence message and a location; see
 * `finding-codes.ts` for every code, its severity, and the rule that decides it.
 * The policy is returned whenever its meaning is defined, warnings or not; it is
 * undefined only when a fatal error leaves nothing AWS would evaluate.
 * CAUTION: publicly exported.
 */
import type { Finding } from '../findings.js';
import type { Policy, PolicyOrigin, Statement } from '../policy.js';
import type { PolicyKind } from '../policy-kind.js';
import { unwrapCliOutput, type WrappedPolicy } from './cli-output.js';
import { decodeDocument } from './decode-document.js';
import { createFinding } from './finding-codes.js';
import {
  effectiveMembers,
  findDuplicateKeys,
  formatPath,
  getMember,
  type JsonMember,
  type JsonNode,
  type JsonObjectNode,
  type PathSegment,
} from './json-document.js';
import { didYouMean } from '../../text/near-match.js';
import { describeJsonType, ReadContext, reportUnknownElements } from './read-context.js';
import { readStatement, type ReadStatementResult } from './read-statement.js';

export interface ParsePolicyOptions {
  /** File the document was read from; findings carry it, and it names the policy when `id` is absent. */
  file?: string;
  /** Name or ARN identifying the policy in explanations. */
  id?: string;
  origin?: PolicyOrigin;
}

export interface ParsePolicyResult {
  policy: Policy | undefined;
  /** In document order (line, then column) when the document was text. */
  findings: Finding[];
}

const POLICY_ELEMENTS = ['Version', 'Id', 'Statement'] as const;
const VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/**
 * Reads a policy given as an object, a JSON string, or a URL-encoded JSON string
 * (see `decode-document.ts`), and validates it for `kind`.
 */
export function parsePolicy(document: unknown, kind: PolicyKind, options: ParsePolicyOptions = {}): ParsePolicyResult {
  const file = options.file ?? options.origin?.file;
  const decoded = decodeDocument(document, { file });
  if (decoded.root === undefined) return { policy: undefined, findings: decoded.findings };
  // The output of an AWS CLI read command (get-bucket-policy, get-role, …): read the policy inside.
  const wrapped = unwrapCliOutput(decoded.root);
  if (wrapped !== undefined) return parseWrapped(wrapped, kind, options, file);
  return parseRoot(decoded.root, kind, options, file);
}

function parseRoot(root: JsonNode, kind: PolicyKind, options: ParsePolicyOptions, file: string | undefined): ParsePolicyResult {
  const context = new ReadContext(kind, file);
  const policy = readPolicy(context, root, kind, options, file);
  return { policy: context.fatalFindings > 0 ? undefined : policy, findings: inDocumentOrder(context.findings) };
}

/** Which kind to read a wrapped policy as: the shape's, when it refines the one asked for; undefined when they contradict. */
function kindFor(asked: PolicyKind, shape: PolicyKind | undefined): PolicyKind | undefined {
  if (shape === undefined || shape === asked) return asked;
  // A resource-based policy given as a role's get-role output is that role's trust policy.
  if (asked === 'resource' && shape === 'trust') return 'trust';
  return undefined;
}

function parseWrapped(wrapped: WrappedPolicy, asked: PolicyKind, options: ParsePolicyOptions, file: string | undefined): ParsePolicyResult {
  const kind = kindFor(asked, wrapped.kind);
  if (kind === undefined) {
    const place = { file, path: wrapped.path, position: wrapped.document.position };
    const message = `This is ${KIND_NAMES[wrapped.kind ?? asked]} (the output of ${wrapped.command}), not ${KIND_NAMES[asked]}`;
    return { policy: undefined, findings: [createFinding('POLICY_KIND_MISMATCH', message, place)] };
  }
  if (wrapped.document.kind !== 'string') return parseRoot(wrapped.document, kind, options, file);
  // A policy inside a string: its findings point at the string, and say where inside it.
  const inner = wrapped.document;
  const decoded = decodeDocument(inner.value, { file });
  const result = decoded.root === undefined ? { policy: undefined, findings: decoded.findings } : parseRoot(decoded.root, kind, options, file);
  const findings = result.findings.map((finding) => {
    const { line, column, ...rest } = finding.location;
    const where = line === undefined ? '' : `, at its line ${line}, column ${column ?? 1}`;
    const location = { ...rest, ...(inner.position ? { line: inner.position.line, column: inner.position.column } : {}) };
    return { ...finding, message: `${finding.message} (in the policy inside "${wrapped.path}"${where})`, location };
  });
  return { policy: result.policy, findings };
}

/** Kinds as a sentence names them. */
const KIND_NAMES: Readonly<Record<PolicyKind, string>> = {
  identity: 'an identity-based policy',
  resource: 'a resource-based policy',
  trust: 'a role trust policy',
  'kms-key': 'a KMS key policy',
  'permissions-boundary': 'a permissions boundary',
  session: 'a session policy',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  'vpc-endpoint': 'a VPC endpoint policy',
};

function readPolicy(
  context: ReadContext,
  root: JsonNode,
  kind: PolicyKind,
  options: ParsePolicyOptions,
  file: string | undefined,
): Policy | undefined {
  if (root.kind !== 'object') {
    context.report(
      'DOCUMENT_NOT_OBJECT',
      `The policy document must be a JSON object, not ${describeJsonType(root)}`,
      [],
      root.position,
    );
    return undefined;
  }
  reportDuplicateKeys(context, root);
  const meant = reportUnknownElements(context, effectiveMembers(root), POLICY_ELEMENTS, []);
  const version = readVersion(context, root, meant);
  const documentId = readDocumentId(context, getMember(root, 'Id'));
  const statements = readStatements(context, root, meant);
  if (statements === undefined) return undefined;
  return {
    id: options.id ?? file ?? documentId ?? '<policy>',
    kind,
    version,
    documentId,
    statements,
    origin: options.origin ?? (file === undefined ? {} : { via: 'file', file }),
  };
}

/**
 * "Individual elements must not contain multiple instances of the same key"
 * (Grammar of the IAM JSON policy language, policy grammar notes). AWS refuses
 * such a document; like `JSON.parse`, iamwhy keeps the last value. When both
 * values are equal that reading is certain (warning); when they differ it is a
 * guess (error).
 */
function reportDuplicateKeys(context: ReadContext, root: JsonObjectNode): void {
  for (const duplicate of findDuplicateKeys(root)) {
    const where = duplicate.objectPath.length === 0 ? 'the policy' : formatPath(duplicate.objectPath);
    const path = [...duplicate.objectPath, duplicate.key];
    if (duplicate.sameValue) {
      context.report(
        'DUPLICATE_KEY',
        `"${duplicate.key}" appears more than once in ${where}, with the same value`,
        path,
        duplicate.repeated.keyPosition,
      );
    } else {
      context.report(
        'DUPLICATE_KEY_CONFLICT',
        `"${duplicate.key}" appears more than once in ${where} with different values, which AWS rejects`,
        path,
        duplicate.repeated.keyPosition,
      );
    }
  }
}

function readVersion(context: ReadContext, root: JsonObjectNode, meant: Set<string>): string | undefined {
  const member = getMember(root, 'Version');
  if (member === undefined) {
    if (meant.has('Version')) return undefined; // reported as a misspelling
    // "IAM JSON policy elements: Version": without it AWS reads the policy as
    // 2008-10-17, where ${...} policy variables are literal text.
    context.report(
      'VERSION_MISSING',
      'The policy has no "Version", so AWS reads it as 2008-10-17 and policy variables such as ${aws:username} stay literal text',
      [],
      root.position,
      'add "Version": "2012-10-17"',
    );
    return undefined;
  }
  const node = member.value;
  if (node.kind === 'string' && (VERSIONS as readonly string[]).includes(node.value)) return node.value;
  const written = node.kind === 'string' ? `"${node.value}"` : describeJsonType(node);
  context.report(
    'VERSION_INVALID',
    `"Version" must be "2012-10-17" or "2008-10-17", not ${written}`,
    ['Version'],
    member.keyPosition,
    didYouMean('2012-10-17'),
  );
  return undefined;
}

function readDocumentId(context: ReadContext, member: JsonMember | undefined): string | undefined {
  if (member === undefined) return undefined;
  const node = member.value;
  if (node.kind === 'string') return node.value;
  context.report('ID_INVALID_TYPE', `"Id" must be a string, not ${describeJsonType(node)}`, ['Id'], member.keyPosition);
  return node.kind === 'number' ? node.raw : undefined;
}

function readStatements(context: ReadContext, root: JsonObjectNode, meant: Set<string>): Statement[] | undefined {
  const member = getMember(root, 'Statement');
  if (member === undefined) {
    if (meant.has('Statement')) return undefined; // reported as a misspelling
    context.report('STATEMENT_MISSING', 'The policy has no "Statement"', [], root.position);
    return undefined;
  }
  const node = member.value;
  let results: ReadStatementResult[];
  if (node.kind === 'object') {
    results = [readStatement(context, node, ['Statement'], 0)];
  } else if (node.kind === 'array') {
    if (node.items.length === 0) {
      context.report(
        'EMPTY_LIST',
        '"Statement" is an empty list, so the policy allows and denies nothing',
        ['Statement'],
        member.keyPosition,
      );
    }
    results = node.items.map((item, index) => readStatement(context, item, ['Statement', index], index));
  } else {
    context.report(
      'STATEMENT_INVALID_TYPE',
      `"Statement" must be an object or a list of objects, not ${describeJsonType(node)}`,
      ['Statement'],
      member.keyPosition,
    );
    return undefined;
  }
  reportDuplicateSids(context, results, node.kind === 'array');

  const statements: Statement[] = [];
  for (const result of results) {
    if (result.statement === undefined) return undefined;
    statements.push(result.statement);
  }
  return statements;
}

/** "In IAM, the Sid value must be unique within a JSON policy" (IAM JSON policy elements: Sid). */
function reportDuplicateSids(context: ReadContext, results: ReadStatementResult[], inList: boolean): void {
  const firstIndex = new Map<string, number>();
  results.forEach((result, index) => {
    if (result.sid === undefined || result.sid.value === '') return;
    const earlier = firstIndex.get(result.sid.value);
    if (earlier === undefined) {
      firstIndex.set(result.sid.value, index);
      return;
    }
    const path: PathSegment[] = inList ? ['Statement', index, 'Sid'] : ['Statement', 'Sid'];
    context.report(
      'SID_DUPLICATE',
      `Statement[${index}] repeats the Sid "${result.sid.value}" of Statement[${earlier}]`,
      path,
      result.sid.member.keyPosition,
    );
  });
}

/** Sorts by line and column when the document was text; keeps the reading order otherwise. */
function inDocumentOrder(findings: Finding[]): Finding[] {
  const positioned = findings.every((finding) => finding.location.line !== undefined);
  if (!positioned) return findings;
  return [...findings].sort(
    (left, right) =>
      (left.location.line ?? 0) - (right.location.line ?? 0) ||
      (left.location.column ?? 0) - (right.location.column ?? 0),
  );
}
