/**
 * Reads `aws iam get-account-authorization-details` output (one response, the
 * CLI's merged output, or one page of several) into a snapshot model, parsing
 * every policy document once with the kind AWS evaluates it as.
 */
import { parseArn } from '../../language/arn.js';
import type { PolicyOrigin } from '../../language/policy.js';
import type { Principal } from '../../engine/principal.js';
import { InputReader, join, originOf, type JsonRecord } from './input-reader.js';
import type { Snapshot, SnapshotManagedPolicy, SnapshotPolicy, SnapshotUser } from './model.js';
import { parseSnapshotPolicy } from './parse-snapshot-policy.js';
import { ensureAccount } from './build.js';

const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_LINKED_PATH_PREFIX = '/aws-service-role/';

export interface GaadReadOptions {
  source: string;
  /** The account the GAAD output belongs to, when the envelope says (iamwhy format). */
  accountId?: string;
}

export function looksLikeGaad(value: JsonRecord): boolean {
  return ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'].some((key) => key in value);
}

export function readGaad(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, options: GaadReadOptions): void {
  const page = reader.record(value, path);
  if (!page) return;
  snapshot.gaadPages.total++;
  if (page['IsTruncated'] === true) snapshot.gaadPages.truncated++;
  reader.list(page, 'UserDetailList', path).forEach((item, index) =>
    readUser(reader, snapshot, item, `${join(path, 'UserDetailList')}[${index}]`, options),
  );
  reader.list(page, 'GroupDetailList', path).forEach((item, index) =>
    readGroup(reader, snapshot, item, `${join(path, 'GroupDetailList')}[${index}]`, options),
  );
  reader.list(page, 'RoleDetailList', path).forEach((item, index) =>
    readRole(reader, snapshot, item, `${join(path, 'RoleDetailList')}[${index}]`, options),
  );
  reader.list(page, 'Policies', path).forEach((item, index) =>
    readManagedPolicy(reader, snapshot, item, `${join(path, 'Policies')}[${index}]`, options),
  );
}

/** What every GAAD entity record gives, before its policies are read. */
type EntityFields = Pick<SnapshotUser, 'arn' | 'name' | 'path' | 'id' | 'account' | 'partition'>;

/** Name, ARN (checked to be an IAM ARN of the right type), path and id of a user, group or role. */
function readEntity(
  reader: InputReader,
  record: JsonRecord,
  path: string,
  type: 'user' | 'group' | 'role',
  nameKey: string,
  idKey: string,
  options: GaadReadOptions,
): EntityFields | undefined {
  const name = reader.requiredString(record, nameKey, path);
  const arn = reader.requiredString(record, 'Arn', path);
  const iamPath = reader.optionalString(record, 'Path', path) ?? '/';
  const id = reader.optionalString(record, idKey, path);
  if (name === undefined || arn === undefined) return undefined;
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !ACCOUNT_ID.test(parsed.account) || !parsed.resource.startsWith(`${type}/`)) {
    reader.error(join(path, 'Arn'), `"${arn}" is not an IAM ${type} ARN (arn:aws:iam::123456789012:${type}/NAME)`);
    return undefined;
  }
  if (options.accountId !== undefined && parsed.account !== options.accountId) {
    reader.warn(join(path, 'Arn'), 'SNAPSHOT_ACCOUNT_MISMATCH', `${type} ${arn} is listed under account ${options.accountId} but its ARN names account ${parsed.account}`);
  }
  return { arn, name, path: iamPath, id, account: parsed.account, partition: parsed.partition };
}

function readInlinePolicies(
  reader: InputReader,
  record: JsonRecord,
  key: string,
  path: string,
  owner: string,
  origin: PolicyOrigin,
): SnapshotPolicy[] {
  const policies: SnapshotPolicy[] = [];
  reader.list(record, key, path).forEach((item, index) => {
    const itemPath = `${join(path, key)}[${index}]`;
    const entry = reader.record(item, itemPath);
    if (!entry) return;
    const policyName = reader.requiredString(entry, 'PolicyName', itemPath);
    const document = reader.document(entry, 'PolicyDocument', itemPath, true);
    if (policyName === undefined || document === undefined) return;
    policies.push(parseSnapshotPolicy(document, 'identity', `${owner}:${policyName}`, origin, reader.file, join(itemPath, 'PolicyDocument')));
  });
  return policies;
}

function readAttachedPolicies(reader: InputReader, record: JsonRecord, path: string): string[] {
  const arns: string[] = [];
  reader.list(record, 'AttachedManagedPolicies', path).forEach((item, index) => {
    const itemPath = `${join(path, 'AttachedManagedPolicies')}[${index}]`;
    const entry = reader.record(item, itemPath);
    if (!entry) return;
    const arn = reader.requiredString(entry, 'PolicyArn', itemPath);
    if (arn !== undefined) arns.push(arn);
  });
  return arns;
}

function readBoundary(reader: InputReader, record: JsonRecord, path: string): string | undefined {
  const value = record['PermissionsBoundary'];
  if (value === undefined || value === null) return undefined;
  const boundaryPath = join(path, 'PermissionsBoundary');
  const boundary = reader.record(value, boundaryPath);
  if (!boundary) return undefined;
  return reader.requiredString(boundary, 'PermissionsBoundaryArn', boundaryPath);
}

function readUser(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, options: GaadReadOptions): void {
  const record = reader.record(value, path);
  if (!record) return;
  const entity = readEntity(reader, record, path, 'user', 'UserName', 'UserId', options);
  if (!entity) return;
  const owner = `user/${entity.name}`;
  const tags = reader.tags(record, 'Tags', path);
  const principal: Principal = {
    kind: 'user',
    arn: entity.arn,
    account: entity.account,
    partition: entity.partition,
    name: entity.name,
    path: entity.path,
    roleArn: undefined,
    sessionName: undefined,
    serviceLinked: false,
    uniqueId: entity.id,
    tags,
  };
  ensureAccount(snapshot, entity.account, entity.partition, options.source);
  snapshot.users.set(entity.arn, {
    kind: 'user',
    ...entity,
    inlinePolicies: readInlinePolicies(reader, record, 'UserPolicyList', path, owner, originOf(reader, { via: 'inline' })),
    managedPolicyArns: readAttachedPolicies(reader, record, path),
    groupNames: reader.stringList(record, 'GroupList', path),
    permissionsBoundaryArn: readBoundary(reader, record, path),
    tags,
    principal,
    source: options.source,
  });
}

function readGroup(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, options: GaadReadOptions): void {
  const record = reader.record(value, path);
  if (!record) return;
  const entity = readEntity(reader, record, path, 'group', 'GroupName', 'GroupId', options);
  if (!entity) return;
  ensureAccount(snapshot, entity.account, entity.partition, options.source);
  snapshot.groups.set(entity.arn, {
    kind: 'group',
    ...entity,
    inlinePolicies: readInlinePolicies(
      reader,
      record,
      'GroupPolicyList',
      path,
      `group/${entity.name}`,
      originOf(reader, { via: 'group-inline', group: entity.name }),
    ),
    managedPolicyArns: readAttachedPolicies(reader, record, path),
    identityPolicies: [],
    gaps: [],
    findings: [],
    source: options.source,
  });
}

function readRole(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, options: GaadReadOptions): void {
  const record = reader.record(value, path);
  if (!record) return;
  const entity = readEntity(reader, record, path, 'role', 'RoleName', 'RoleId', options);
  if (!entity) return;
  const tags = reader.tags(record, 'Tags', path);
  const serviceLinked = entity.path.startsWith(SERVICE_LINKED_PATH_PREFIX);
  const trustDocument = reader.document(record, 'AssumeRolePolicyDocument', path, false);
  const trustOrigin = originOf(reader, { via: 'trust' });
  const trustPolicy =
    trustDocument === undefined
      ? undefined
      : parseSnapshotPolicy(trustDocument, 'trust', entity.arn, trustOrigin, reader.file, join(path, 'AssumeRolePolicyDocument'));
  const principal: Principal = {
    kind: 'role',
    arn: entity.arn,
    account: entity.account,
    partition: entity.partition,
    name: entity.name,
    path: entity.path,
    roleArn: undefined,
    sessionName: undefined,
    serviceLinked,
    uniqueId: entity.id,
    tags,
  };
  ensureAccount(snapshot, entity.account, entity.partition, options.source);
  snapshot.roles.set(entity.arn, {
    kind: 'role',
    ...entity,
    inlinePolicies: readInlinePolicies(reader, record, 'RolePolicyList', path, `role/${entity.name}`, originOf(reader, { via: 'inline' })),
    managedPolicyArns: readAttachedPolicies(reader, record, path),
    trustPolicy,
    permissionsBoundaryArn: readBoundary(reader, record, path),
    tags,
    serviceLinked,
    principal,
    source: options.source,
  });
}

function readManagedPolicy(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, options: GaadReadOptions): void {
  const record = reader.record(value, path);
  if (!record) return;
  const name = reader.requiredString(record, 'PolicyName', path);
  const arn = reader.requiredString(record, 'Arn', path);
  const defaultVersionId = reader.optionalString(record, 'DefaultVersionId', path);
  const policyPath = reader.optionalString(record, 'Path', path);
  const id = reader.optionalString(record, 'PolicyId', path);
  if (name === undefined || arn === undefined) return;
  const parsed = parseArn(arn);
  if (!parsed || parsed.service !== 'iam' || !parsed.resource.startsWith('policy/') || !(parsed.account === 'aws' || ACCOUNT_ID.test(parsed.account))) {
    reader.error(join(path, 'Arn'), `"${arn}" is not an IAM managed policy ARN (arn:aws:iam::123456789012:policy/NAME or arn:aws:iam::aws:policy/NAME)`);
    return;
  }
  const chosen = defaultVersion(reader, record, path, defaultVersionId);
  const origin = originOf(reader, { via: 'managed' });
  let identity: SnapshotPolicy;
  if (chosen === undefined) {
    reader.warn(path, 'SNAPSHOT_NO_DEFAULT_VERSION', `managed policy ${arn} has no default version in PolicyVersionList: it is evaluated as missing`);
    identity = { id: arn, policy: undefined, findings: [] };
  } else {
    identity = parseSnapshotPolicy(chosen.document, 'identity', arn, origin, reader.file, chosen.path);
  }
  if (ACCOUNT_ID.test(parsed.account)) ensureAccount(snapshot, parsed.account, parsed.partition, options.source);
  const policy: SnapshotManagedPolicy = {
    arn,
    name,
    path: policyPath,
    id,
    awsManaged: parsed.account === 'aws',
    defaultVersionId,
    identity,
    boundary: undefined,
    document: chosen?.document,
    documentPath: chosen?.path ?? path,
    file: reader.file,
    source: options.source,
  };
  snapshot.managedPolicies.set(arn, policy);
}

/** The version with `IsDefaultVersion: true`; failing that, the one named by `DefaultVersionId`; failing that, a lone version. */
function defaultVersion(
  reader: InputReader,
  record: JsonRecord,
  path: string,
  defaultVersionId: string | undefined,
): { document: unknown; path: string } | undefined {
  const versions: { document: unknown; path: string; isDefault: boolean; versionId: string | undefined }[] = [];
  reader.list(record, 'PolicyVersionList', path).forEach((item, index) => {
    const itemPath = `${join(path, 'PolicyVersionList')}[${index}]`;
    const version = reader.record(item, itemPath);
    if (!version) return;
    const isDefault = reader.optionalBoolean(version, 'IsDefaultVersion', itemPath) ?? false;
    const versionId = reader.optionalString(version, 'VersionId', itemPath);
    // Only the default version's document is required: the others are never evaluated.
    const document = reader.document(version, 'Document', itemPath, isDefault);
    if (document !== undefined) versions.push({ document, path: join(itemPath, 'Document'), isDefault, versionId });
  });
  const chosen =
    versions.find((version) => version.isDefault) ??
    (defaultVersionId === undefined ? undefined : versions.find((version) => version.versionId === defaultVersionId)) ??
    (versions.length === 1 ? versions[0] : undefined);
  return chosen === undefined ? undefined : { document: chosen.document, path: chosen.path };
}
