/**
 * Context files: the principal, resource and request context JSON files of
 * iam-analyzer, read into a {@link SourceContribution}.
 *
 * Principal context (`--principal-context`): `arn, account, org_id, org_paths,
 * userid, username, principal_type, is_aws_service, is_management_account, tags`.
 *
 * Resource context (`--resource-context`): `account, org_id, org_paths, tags`, and
 * two iamwhy extras: `is_management_account` (the resource's account is its
 * organization's management account: RCPs do not apply) and `aws_managed_kms_key`
 * (the resource is an AWS managed KMS key: RCPs do not apply).
 *
 * Request context (`--request-context`): `network{source_ip, source_vpc, source_vpce}`,
 * `session{mfa_present, mfa_auth_age, source_identity}`, `request{region,
 * secure_transport, via_aws_service, called_via, tags}`, `custom{KEY: value}`.
 * Values land under their AWS key names; `custom` may set any key and wins over
 * the other sections. `aws:TagKeys` is left to the engine (it derives it from the
 * request tags).
 *
 * Every field is optional; `null` counts as absent. Unknown fields and values of
 * the wrong type are error findings naming the file, line, JSON path and the
 * expected type; the other fields are still read.
 */
import { basename } from 'node:path';
import type { Finding, Severity } from '../../language/findings.js';
import type { ContextInput, OrganizationFacts, RequestResource } from '../../engine/request.js';
import { parsePrincipal, principalTypeOf, type Principal, type PrincipalKind } from '../../engine/principal.js';
import type { SourceContribution } from '../contribution.js';
import {
  effectiveMembers,
  findDuplicateKeys,
  jsonSyntaxMessage,
  parseJson,
  toPlainValue,
  withoutByteOrderMark,
  type JsonNode,
  type JsonPosition,
} from '../../language/parse/json-document.js';
import { INPUT_LIMITS } from '../../input/limits.js';
import { readTextFile } from './read-text.js';
import { checkKeyValue, defaultKeyTypeLookup, isIpOrCidr, looksLikeConditionKey, type ConditionKeyTypeLookup } from './context-values.js';
import { didYouMeanClosest } from '../../text/near-match.js';

export type ContextFileKind = 'principal' | 'resource' | 'request';

export const CONTEXT_FILE_KINDS: readonly ContextFileKind[] = ['principal', 'resource', 'request'];

export interface ContextFileOptions {
  /** Types of condition keys, for checking `custom` values; defaults to the global condition keys. */
  keyTypes?: ConditionKeyTypeLookup;
}

/** Fields of each context file, in template order. */
export const CONTEXT_FILE_FIELDS = {
  principal: ['arn', 'account', 'org_id', 'org_paths', 'userid', 'username', 'principal_type', 'is_aws_service', 'is_management_account', 'tags'],
  resource: ['account', 'org_id', 'org_paths', 'tags', 'is_management_account', 'aws_managed_kms_key'],
  request: ['network', 'session', 'request', 'custom'],
} as const satisfies Record<ContextFileKind, readonly string[]>;

const NETWORK_FIELDS = ['source_ip', 'source_vpc', 'source_vpce'] as const;
const SESSION_FIELDS = ['mfa_present', 'mfa_auth_age', 'source_identity'] as const;
const REQUEST_FIELDS = ['region', 'secure_transport', 'via_aws_service', 'called_via', 'tags'] as const;

/** `principal_type` values: what AWS puts in `aws:PrincipalType`. */
const PRINCIPAL_TYPES: Readonly<Record<string, PrincipalKind>> = {
  User: 'user',
  AssumedRole: 'assumed-role',
  FederatedUser: 'federated-user',
  Account: 'root',
  Anonymous: 'anonymous',
};

const ACCOUNT_ID = /^\d{12}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ORG_PATH = /^o-[a-z0-9]{10,32}\/r-[0-9a-z]{4,32}\/(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}\/)*$/;

/** How each kind is named in messages and labels. */
const KIND_LABEL: Record<ContextFileKind, string> = {
  principal: 'principal context',
  resource: 'resource context',
  request: 'request context',
};

/** Read a context file. An unreadable file or invalid JSON gives a contribution holding only the error finding. */
export async function readContextFile(path: string, kind: ContextFileKind, options: ContextFileOptions = {}): Promise<SourceContribution> {
  const read = await readTextFile(path, KIND_LABEL[kind], INPUT_LIMITS.context);
  if (!read.ok) return { label: `${KIND_LABEL[kind]} ${basename(path)}`, findings: [read.finding] };
  return parseContextFile(read.text, kind, path, options);
}

export function readPrincipalContext(path: string, options?: ContextFileOptions): Promise<SourceContribution> {
  return readContextFile(path, 'principal', options);
}

export function readResourceContext(path: string, options?: ContextFileOptions): Promise<SourceContribution> {
  return readContextFile(path, 'resource', options);
}

export function readRequestContext(path: string, options?: ContextFileOptions): Promise<SourceContribution> {
  return readContextFile(path, 'request', options);
}

/** Read a context file's text; `file` is used in findings and the label. */
export function parseContextFile(text: string, kind: ContextFileKind, file: string, options: ContextFileOptions = {}): SourceContribution {
  const label = `${KIND_LABEL[kind]} ${basename(file)}`;
  const parsed = parseJson(withoutByteOrderMark(text));
  if (!parsed.ok) {
    const { line, column } = parsed.error.position;
    return {
      label,
      findings: [{ severity: 'error', code: 'JSON_SYNTAX', message: jsonSyntaxMessage(parsed.error), location: { file, line, column, path: '' } }],
    };
  }
  const checker = new Checker(file, valuePositions(parsed.root));
  for (const duplicate of findDuplicateKeys(parsed.root)) {
    const path = formatJsonPath([...duplicate.objectPath, duplicate.key]);
    checker.report('error', 'JSON_DUPLICATE_KEY', path, `${path} is given twice`, duplicate.repeated.keyPosition);
  }
  const root = checker.object(toPlainValue(parsed.root) as JsonValue, [], `the ${KIND_LABEL[kind]}`);
  const contribution: SourceContribution = { label };
  if (root !== undefined) {
    checker.fields(root, [], CONTEXT_FILE_FIELDS[kind], `the ${KIND_LABEL[kind]}`);
    if (kind === 'principal') readPrincipal(root, checker, contribution);
    else if (kind === 'resource') readResource(root, checker, contribution);
    else readRequest(root, checker, contribution, options.keyTypes ?? defaultKeyTypeLookup);
  }
  contribution.findings = checker.findings;
  return contribution;
}

/** A JSON value as `JSON.parse` returns it. */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

/** One step of a JSON path: an object key or an array index. */
type JsonPathSegment = string | number;

const SIMPLE_KEY = /^[A-Za-z0-9_:/+=@$-]+$/;

/** `session.mfa_present`, `request.called_via[0]`, `tags["Cost Center"]`. */
function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (SIMPLE_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Where each value starts, by its path as {@link formatJsonPath} writes it (`''` is the document). */
function valuePositions(root: JsonNode): Map<string, JsonPosition> {
  const positions = new Map<string, JsonPosition>();
  const walk = (node: JsonNode, path: JsonPathSegment[]): void => {
    if (node.position !== undefined) positions.set(formatJsonPath(path), node.position);
    if (node.kind === 'object') for (const member of effectiveMembers(node)) walk(member.value, [...path, member.key]);
    else if (node.kind === 'array') node.items.forEach((item, index) => walk(item, [...path, index]));
  };
  walk(root, []);
  return positions;
}

function readPrincipal(root: JsonObject, checker: Checker, out: SourceContribution): void {
  const principal: Partial<Principal> = {};
  const organization: OrganizationFacts = {};

  const arn = checker.string(root, 'arn', []);
  let fromArn: Principal | undefined;
  if (arn !== undefined) {
    const parsed = parsePrincipal(arn);
    if (parsed.ok) {
      fromArn = parsed.principal;
      for (const [key, value] of Object.entries(parsed.principal)) {
        if (value !== undefined) Object.assign(principal, { [key]: value });
      }
    } else {
      checker.report('error', 'CONTEXT_INVALID_VALUE', 'arn', `arn: ${parsed.message}`);
    }
  }

  const account = checker.string(root, 'account', []);
  if (account !== undefined) {
    if (!ACCOUNT_ID.test(account)) checker.report('warning', 'CONTEXT_SUSPICIOUS_VALUE', 'account', `account "${account}" is not a 12-digit AWS account id`);
    principal.account = account;
  }
  readOrganizationFields(root, checker, organization, 'principal');

  const userid = checker.string(root, 'userid', []);
  if (userid !== undefined) principal.uniqueId = userid;

  const typeName = checker.string(root, 'principal_type', []);
  let typeKind: PrincipalKind | undefined;
  if (typeName !== undefined) {
    typeKind = PRINCIPAL_TYPES[typeName];
    if (typeKind === undefined) {
      const names = Object.keys(PRINCIPAL_TYPES);
      checker.report(
        'error',
        'CONTEXT_INVALID_VALUE',
        'principal_type',
        `principal_type must be one of ${names.join(', ')} (the values of aws:PrincipalType), got "${typeName}"`,
        undefined,
        didYouMeanClosest(typeName, names),
      );
    } else if (fromArn !== undefined) {
      const arnType = principalTypeOf(fromArn);
      if (arnType !== typeName) {
        const which = arnType === undefined ? 'a service principal, which has no aws:PrincipalType' : `of principal type ${arnType}`;
        checker.report('error', 'CONTEXT_CONFLICT', 'principal_type', `principal_type "${typeName}" contradicts arn, which is ${which}`);
      }
    } else {
      principal.kind = typeKind;
    }
  }

  const isService = checker.boolean(root, 'is_aws_service', []);
  if (isService === true) {
    if (typeKind !== undefined) {
      checker.report('error', 'CONTEXT_CONFLICT', 'is_aws_service', `is_aws_service is true but principal_type is "${typeName}"; AWS service principals have no aws:PrincipalType`);
    } else if (fromArn !== undefined && fromArn.kind !== 'service') {
      checker.report('error', 'CONTEXT_CONFLICT', 'is_aws_service', 'is_aws_service is true but arn is not a service principal (e.g. lambda.amazonaws.com)');
    } else {
      principal.kind = 'service';
    }
  } else if (isService === false && fromArn?.kind === 'service') {
    checker.report('error', 'CONTEXT_CONFLICT', 'is_aws_service', 'is_aws_service is false but arn is a service principal');
  }

  const username = checker.string(root, 'username', []);
  if (username !== undefined) {
    const kind = principal.kind;
    if (kind !== undefined && kind !== 'user') {
      checker.report('warning', 'CONTEXT_IGNORED', 'username', `username is ignored: AWS sets aws:username only for IAM users, and this principal is ${kind === 'assumed-role' ? 'an' : 'a'} ${kind}`);
    } else {
      principal.name = username;
    }
  }

  const management = checker.boolean(root, 'is_management_account', []);
  if (management !== undefined) organization.principalIsManagementAccount = management;

  const tags = checker.stringMap(root, 'tags', []);
  if (tags !== undefined) principal.tags = tags;

  if (Object.keys(principal).length > 0) out.principal = principal;
  if (Object.keys(organization).length > 0) out.organization = organization;
}

function readResource(root: JsonObject, checker: Checker, out: SourceContribution): void {
  const resource: Partial<RequestResource> = {};
  const organization: OrganizationFacts = {};
  const account = checker.string(root, 'account', []);
  if (account !== undefined) {
    if (!ACCOUNT_ID.test(account)) checker.report('warning', 'CONTEXT_SUSPICIOUS_VALUE', 'account', `account "${account}" is not a 12-digit AWS account id`);
    resource.account = account;
  }
  readOrganizationFields(root, checker, organization, 'resource');
  const tags = checker.stringMap(root, 'tags', []);
  if (tags !== undefined) resource.tags = tags;
  const management = checker.boolean(root, 'is_management_account', []);
  if (management !== undefined) organization.resourceIsManagementAccount = management;
  const kmsKey = checker.boolean(root, 'aws_managed_kms_key', []);
  if (kmsKey !== undefined) resource.awsManagedKmsKey = kmsKey;
  if (Object.keys(resource).length > 0) out.resource = resource;
  if (Object.keys(organization).length > 0) out.organization = organization;
}

function readOrganizationFields(root: JsonObject, checker: Checker, organization: OrganizationFacts, side: 'principal' | 'resource'): void {
  const orgId = checker.string(root, 'org_id', []);
  if (orgId !== undefined) {
    if (!ORG_ID.test(orgId)) checker.report('warning', 'CONTEXT_SUSPICIOUS_VALUE', 'org_id', `org_id "${orgId}" is not an organization id (o- followed by 10 to 32 lower-case letters or digits)`);
    if (side === 'principal') organization.principalOrgId = orgId;
    else organization.resourceOrgId = orgId;
  }
  const paths = checker.stringList(root, 'org_paths', []);
  if (paths !== undefined) {
    paths.forEach((path, index) => {
      if (!ORG_PATH.test(path)) {
        checker.report('warning', 'CONTEXT_SUSPICIOUS_VALUE', formatJsonPath(['org_paths', index]), `org_paths[${index}] "${path}" is not an organization path such as o-abc123def4/r-ab12/ou-ab12-11111111/`);
      }
    });
    if (side === 'principal') organization.principalOrgPaths = paths;
    else organization.resourceOrgPaths = paths;
  }
}

function readRequest(root: JsonObject, checker: Checker, out: SourceContribution, keyTypes: ConditionKeyTypeLookup): void {
  const context = new ContextBuilder();

  const network = checker.section(root, 'network', NETWORK_FIELDS);
  if (network !== undefined) {
    const path = ['network'];
    const ip = checker.string(network, 'source_ip', path);
    if (ip !== undefined) {
      if (isIpOrCidr(ip)) context.set('aws:SourceIp', ip);
      else checker.report('error', 'CONTEXT_INVALID_VALUE', 'network.source_ip', `network.source_ip must be an IPv4 or IPv6 address, got "${ip}"`);
    }
    context.setIfDefined('aws:SourceVpc', checker.string(network, 'source_vpc', path));
    context.setIfDefined('aws:SourceVpce', checker.string(network, 'source_vpce', path));
  }

  const session = checker.section(root, 'session', SESSION_FIELDS);
  if (session !== undefined) {
    const path = ['session'];
    context.setIfDefined('aws:MultiFactorAuthPresent', stringOf(checker.boolean(session, 'mfa_present', path)));
    const age = checker.number(session, 'mfa_auth_age', path);
    if (age !== undefined) {
      if (age >= 0) context.set('aws:MultiFactorAuthAge', String(age));
      else checker.report('error', 'CONTEXT_INVALID_VALUE', 'session.mfa_auth_age', `session.mfa_auth_age must be a number of seconds (0 or more), got ${age}`);
    }
    context.setIfDefined('aws:SourceIdentity', checker.string(session, 'source_identity', path));
  }

  const request = checker.section(root, 'request', REQUEST_FIELDS);
  if (request !== undefined) {
    const path = ['request'];
    context.setIfDefined('aws:RequestedRegion', checker.string(request, 'region', path));
    context.setIfDefined('aws:SecureTransport', stringOf(checker.boolean(request, 'secure_transport', path)));
    context.setIfDefined('aws:ViaAWSService', stringOf(checker.boolean(request, 'via_aws_service', path)));
    const calledVia = checker.stringList(request, 'called_via', path);
    if (calledVia !== undefined && calledVia.length > 0) context.set('aws:CalledVia', calledVia);
    const tags = checker.stringMap(request, 'tags', path);
    for (const [key, value] of Object.entries(tags ?? {})) context.set(`aws:RequestTag/${key}`, value);
  }

  const custom = checker.object(root.custom ?? null, ['custom'], 'custom', true);
  if (custom !== undefined) {
    for (const [key, value] of Object.entries(custom)) {
      const path = ['custom', key];
      if (value === null) continue;
      if (!looksLikeConditionKey(key)) {
        checker.report('error', 'CONTEXT_INVALID_KEY', formatJsonPath(path), `custom key "${key}" is not a condition key (expected prefix:Name, e.g. iam:PassedToService)`);
        continue;
      }
      const values = customValues(value);
      if (values === undefined) {
        checker.report('error', 'CONTEXT_WRONG_TYPE', formatJsonPath(path), `${formatJsonPath(path)} must be a string, a list of strings, a number or a boolean, got ${describe(value)}`);
        continue;
      }
      const info = keyTypes(key);
      const checked: string[] = [];
      let valid = true;
      for (const item of values.items) {
        if (info === undefined) {
          checked.push(item);
          continue;
        }
        const check = checkKeyValue(item, info);
        if (check.ok) checked.push(check.value);
        else {
          checker.report('error', 'CONTEXT_INVALID_VALUE', formatJsonPath(path), `${formatJsonPath(path)}: ${key} is ${info.type}; ${check.reason}`);
          valid = false;
        }
      }
      if (valid) context.set(key, values.list ? checked : (checked[0] ?? ''), true);
    }
  }

  const result = context.build();
  if (Object.keys(result).length > 0) out.context = result;
}

function stringOf(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function customValues(value: JsonValue): { items: string[]; list: boolean } | undefined {
  if (typeof value === 'string') return { items: [value], list: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { items: [String(value)], list: false };
  if (Array.isArray(value) && value.every((item): item is string => typeof item === 'string')) return { items: value, list: true };
  return undefined;
}

/** Context keys, case-insensitive; `custom` entries replace derived ones whatever their spelling. */
class ContextBuilder {
  private readonly entries = new Map<string, { key: string; value: ContextInput }>();

  set(key: string, value: ContextInput, replaceSpelling = false): void {
    const id = key.toLowerCase();
    const existing = this.entries.get(id);
    if (existing !== undefined && !replaceSpelling) existing.value = value;
    else {
      this.entries.delete(id);
      this.entries.set(id, { key, value });
    }
  }

  setIfDefined(key: string, value: ContextInput | undefined): void {
    if (value !== undefined) this.set(key, value);
  }

  build(): Record<string, ContextInput> {
    const out: Record<string, ContextInput> = {};
    for (const { key, value } of this.entries.values()) {
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}

/** `the number 12`, `a list`, ... for messages. */
function describe(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    default:
      return 'an object';
  }
}

/** Type checks that record error findings, with the position of the offending value. */
class Checker {
  readonly findings: Finding[] = [];

  constructor(
    private readonly file: string,
    private readonly positions: ReadonlyMap<string, JsonPosition>,
  ) {}

  report(severity: Severity, code: string, path: string, message: string, position?: JsonPosition, suggestion?: string): void {
    const at = position ?? this.positions.get(path);
    const finding: Finding = { severity, code, message, location: { file: this.file, path } };
    if (at !== undefined) {
      finding.location.line = at.line;
      finding.location.column = at.column;
    }
    if (suggestion !== undefined) finding.suggestion = suggestion;
    this.findings.push(finding);
  }

  private wrongType(path: JsonPathSegment[], expected: string, value: JsonValue): void {
    const formatted = formatJsonPath(path);
    this.report('error', 'CONTEXT_WRONG_TYPE', formatted, `${formatted} must be ${expected}, got ${describe(value)}`);
  }

  /** An object, or undefined (with an error unless `nullable` and null). */
  object(value: JsonValue, path: JsonPathSegment[], what: string, nullable = false): JsonObject | undefined {
    if (value === null && nullable) return undefined;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
    const formatted = formatJsonPath(path);
    this.report('error', 'CONTEXT_WRONG_TYPE', formatted, `${what} must be a JSON object, got ${describe(value)}`);
    return undefined;
  }

  /** Report fields not in `allowed`. */
  fields(object: JsonObject, path: JsonPathSegment[], allowed: readonly string[], what: string): void {
    for (const key of Object.keys(object)) {
      if (allowed.includes(key)) continue;
      const formatted = formatJsonPath([...path, key]);
      this.report(
        'error',
        'CONTEXT_UNKNOWN_FIELD',
        formatted,
        `unknown field "${formatted}" in ${what}; expected one of ${allowed.join(', ')}`,
        undefined,
        didYouMeanClosest(key, allowed),
      );
    }
  }

  /** A nested section of the request context, its fields checked. */
  section(root: JsonObject, key: string, allowed: readonly string[]): JsonObject | undefined {
    const value = root[key] ?? null;
    const object = this.object(value, [key], key, true);
    if (object !== undefined) this.fields(object, [key], allowed, `the ${key} section`);
    return object;
  }

  private field(object: JsonObject, key: string): JsonValue | undefined {
    const value = Object.hasOwn(object, key) ? object[key] : undefined;
    return value === null ? undefined : value;
  }

  string(object: JsonObject, key: string, path: JsonPathSegment[]): string | undefined {
    const value = this.field(object, key);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return value;
    this.wrongType([...path, key], 'a string', value);
    return undefined;
  }

  boolean(object: JsonObject, key: string, path: JsonPathSegment[]): boolean | undefined {
    const value = this.field(object, key);
    if (value === undefined) return undefined;
    if (typeof value === 'boolean') return value;
    this.wrongType([...path, key], 'true or false', value);
    return undefined;
  }

  number(object: JsonObject, key: string, path: JsonPathSegment[]): number | undefined {
    const value = this.field(object, key);
    if (value === undefined) return undefined;
    if (typeof value === 'number') return value;
    this.wrongType([...path, key], 'a number', value);
    return undefined;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  stringList(object: JsonObject, key: string, path: JsonPathSegment[]): string[] | undefined {
    const value = this.field(object, key);
    if (value === undefined) return undefined;
    if (typeof value === 'string') return [value];
    if (!Array.isArray(value)) {
      this.wrongType([...path, key], 'a list of strings', value);
      return undefined;
    }
    const out: string[] = [];
    value.forEach((item, index) => {
      if (typeof item === 'string') out.push(item);
      else this.wrongType([...path, key, index], 'a string', item);
    });
    return out.length === value.length ? out : undefined;
  }

  /** An object of string values (tags). */
  stringMap(object: JsonObject, key: string, path: JsonPathSegment[]): Record<string, string> | undefined {
    const value = this.field(object, key);
    if (value === undefined) return undefined;
    const map = this.object(value, [...path, key], formatJsonPath([...path, key]));
    if (map === undefined) return undefined;
    const out: Record<string, string> = {};
    let valid = true;
    for (const [name, item] of Object.entries(map)) {
      if (typeof item === 'string') Object.defineProperty(out, name, { value: item, enumerable: true, writable: true, configurable: true });
      else {
        this.wrongType([...path, key, name], 'a string (tag values are strings)', item);
        valid = false;
      }
    }
    return valid ? out : undefined;
  }
}
