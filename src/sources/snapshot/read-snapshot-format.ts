/**
 * Reads iamwhy's snapshot format (see `format.ts`): accounts with their GAAD
 * output, resources, VPC endpoints, and the organization.
 */
import { parseArn } from '../../language/arn.js';
import { SNAPSHOT_FORMAT_VERSION, type NotReadPart, type S3EncryptionInput, type S3PublicAccessBlockInput } from './format.js';
import { InputReader, join, originOf, type JsonRecord } from './input-reader.js';
import type { Snapshot, SnapshotOrganizationNode, SnapshotOrganizationPolicy } from './model.js';
import { parseSnapshotPolicy } from './parse-snapshot-policy.js';
import { readGaad } from './read-gaad.js';
import { ensureAccount } from './build.js';

const ACCOUNT_ID = /^\d{12}$/;
/** FullAWSAccess and RCPFullAWSAccess are the AWS managed SCP and RCP. */
const AWS_MANAGED_POLICY_ID = /^p-(?:RCP)?FullAWSAccess$/;
const POLICY_TYPES = ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const;
const DEFAULT_VPC_ENDPOINT_POLICY = {
  Version: '2008-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
};
const NOT_READ_PARTS: readonly NotReadPart[] = [
  'inline_policies',
  'managed_policies',
  'groups',
  'permissions_boundary',
  'principal_tags',
  'managed_policy',
  'trust_policy',
  'resource_policy',
  'resource_tags',
  'resource_region',
  'resource_key_manager',
  's3_public_access_block',
  'resources',
  'organization',
  'scp',
  'rcp',
  'org_paths',
];
const PUBLIC_ACCESS_BLOCK_KEYS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

export function looksLikeSnapshotFormat(value: JsonRecord): boolean {
  return 'iamwhySnapshot' in value;
}

export function readSnapshotFormat(reader: InputReader, snapshot: Snapshot, document: JsonRecord, path: string, source: string): void {
  const version = document['iamwhySnapshot'];
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    reader.error(
      join(path, 'iamwhySnapshot'),
      typeof version === 'number' && version > SNAPSHOT_FORMAT_VERSION
        ? `snapshot format version ${version} is newer than this iamwhy reads (${SNAPSHOT_FORMAT_VERSION}): upgrade iamwhy`
        : `expected snapshot format version ${SNAPSHOT_FORMAT_VERSION}`,
    );
    return;
  }
  const capturedAt = reader.optionalString(document, 'capturedAt', path);
  if (capturedAt !== undefined) snapshot.capturedAt = capturedAt;
  reader.optionalString(document, 'generator', path);
  if (!Array.isArray(document['accounts'])) {
    reader.error(join(path, 'accounts'), document['accounts'] === undefined ? 'missing required "accounts"' : 'expected an array');
  }
  reader.list(document, 'accounts', path).forEach((item, index) => readAccount(reader, snapshot, item, `${join(path, 'accounts')}[${index}]`, source));
  const organization = document['organization'];
  if (organization !== undefined && organization !== null) {
    readOrganization(reader, snapshot, organization, join(path, 'organization'), source);
  }
}

function readAccount(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, source: string): void {
  const record = reader.record(value, path);
  if (!record) return;
  const accountId = reader.requiredString(record, 'accountId', path);
  const partition = reader.optionalString(record, 'partition', path);
  const alias = reader.optionalString(record, 'alias', path);
  if (accountId === undefined) return;
  if (!ACCOUNT_ID.test(accountId)) {
    reader.error(join(path, 'accountId'), `"${accountId}" is not a 12-digit account id`);
    return;
  }
  ensureAccount(snapshot, accountId, partition ?? 'aws', source);
  const account = snapshot.accounts.get(accountId);
  if (account === undefined) return;
  if (partition !== undefined) account.partition = partition;
  if (alias !== undefined) account.alias = alias;
  const inOrganization = reader.optionalBoolean(record, 'inOrganization', path);
  if (inOrganization !== undefined) account.inOrganization = inOrganization;
  const accountBlock = readPublicAccessBlock(reader, record, path);
  if (accountBlock !== undefined) account.s3PublicAccessBlock = accountBlock;

  const details = record['authorizationDetails'];
  const detailsPath = join(path, 'authorizationDetails');
  if (Array.isArray(details)) {
    details.forEach((page, index) => readGaad(reader, snapshot, page, `${detailsPath}[${index}]`, { source, accountId }));
  } else if (details !== undefined && details !== null) {
    readGaad(reader, snapshot, details, detailsPath, { source, accountId });
  }

  if (record['resources'] !== undefined) account.hasResourceData = true;
  reader.list(record, 'resources', path).forEach((item, index) =>
    readResource(reader, snapshot, item, `${join(path, 'resources')}[${index}]`, accountId, source),
  );
  reader.list(record, 'vpcEndpoints', path).forEach((item, index) =>
    readVpcEndpoint(reader, snapshot, item, `${join(path, 'vpcEndpoints')}[${index}]`, accountId, source),
  );
  reader.list(record, 'notRead', path).forEach((item, index) => readNotRead(reader, snapshot, item, `${join(path, 'notRead')}[${index}]`, accountId));
}

function readNotRead(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, accountId: string): void {
  const record = reader.record(value, path);
  if (!record) return;
  const operation = reader.requiredString(record, 'operation', path);
  const error = reader.requiredString(record, 'error', path);
  const part = reader.requiredString(record, 'part', path);
  const target = reader.optionalString(record, 'target', path);
  if (operation === undefined || error === undefined || part === undefined) return;
  if (!(NOT_READ_PARTS as readonly string[]).includes(part)) {
    reader.error(join(path, 'part'), `"${part}" is not a part a capture records (${NOT_READ_PARTS.join(', ')})`);
    return;
  }
  snapshot.notRead.push({ account: accountId, operation, error, part: part as NotReadPart, target });
}

function readPublicAccessBlock(reader: InputReader, owner: JsonRecord, path: string): S3PublicAccessBlockInput | undefined {
  const value = owner['s3PublicAccessBlock'];
  if (value === undefined || value === null) return undefined;
  const blockPath = join(path, 's3PublicAccessBlock');
  const record = reader.record(value, blockPath);
  if (!record) return undefined;
  const block: S3PublicAccessBlockInput = {};
  for (const key of PUBLIC_ACCESS_BLOCK_KEYS) {
    const setting = reader.optionalBoolean(record, key, blockPath);
    if (setting !== undefined) block[key] = setting;
  }
  return block;
}

function readResource(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, accountId: string, source: string): void {
  const record = reader.record(value, path);
  if (!record) return;
  const arn = reader.requiredString(record, 'arn', path);
  const type = reader.optionalString(record, 'type', path);
  const document = reader.document(record, 'policy', path, false);
  const tags = reader.tags(record, 'tags', path);
  const flagged = reader.optionalBoolean(record, 'awsManagedKmsKey', path);
  const region = reader.optionalString(record, 'region', path);
  const aliases = reader.stringList(record, 'aliases', path);
  const s3PublicAccessBlock = readPublicAccessBlock(reader, record, path);
  const s3Encryption = readEncryption(reader, record, path);
  if (arn === undefined) return;
  const parsed = parseArn(arn);
  if (!parsed) {
    reader.error(join(path, 'arn'), `"${arn}" is not an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE)`);
    return;
  }
  if (parsed.account !== '' && parsed.account !== accountId) {
    reader.warn(join(path, 'arn'), 'SNAPSHOT_ACCOUNT_MISMATCH', `resource ${arn} is listed under account ${accountId} but its ARN names account ${parsed.account}`);
  }
  const isKmsKey = parsed.service === 'kms' && parsed.resource.startsWith('key/');
  const policy =
    document === undefined
      ? undefined
      : parseSnapshotPolicy(document, isKmsKey ? 'kms-key' : 'resource', arn, originOf(reader, { via: 'resource' }), reader.file, join(path, 'policy'));
  const awsManagedKmsKey = flagged ?? aliases.some((alias) => /:alias\/aws\//.test(alias));
  snapshot.resources.set(arn, {
    arn,
    account: accountId,
    partition: parsed.partition,
    type,
    policy,
    tags,
    awsManagedKmsKey,
    region,
    aliases,
    s3PublicAccessBlock,
    s3Encryption,
    source,
  });
}

function readEncryption(reader: InputReader, owner: JsonRecord, path: string): S3EncryptionInput | undefined {
  const value = owner['s3Encryption'];
  if (value === undefined || value === null) return undefined;
  const at = join(path, 's3Encryption');
  const record = reader.record(value, at);
  if (!record) return undefined;
  const algorithm = reader.requiredString(record, 'SSEAlgorithm', at);
  if (algorithm === undefined) return undefined;
  const key = reader.optionalString(record, 'KMSMasterKeyID', at);
  return key === undefined ? { SSEAlgorithm: algorithm } : { SSEAlgorithm: algorithm, KMSMasterKeyID: key };
}

function readVpcEndpoint(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, accountId: string, source: string): void {
  const record = reader.record(value, path);
  if (!record) return;
  const id = reader.requiredString(record, 'id', path);
  const vpcId = reader.optionalString(record, 'vpcId', path);
  const serviceName = reader.optionalString(record, 'serviceName', path);
  const document = reader.document(record, 'policy', path, false);
  if (id === undefined) return;
  // Without a policy document the endpoint has AWS's default policy, which allows everything.
  const policy =
    document === undefined
      ? parseSnapshotPolicy(DEFAULT_VPC_ENDPOINT_POLICY, 'vpc-endpoint', `${id} (default policy)`, originOf(reader, { via: 'vpc-endpoint' }), reader.file, join(path, 'policy'))
      : parseSnapshotPolicy(document, 'vpc-endpoint', id, originOf(reader, { via: 'vpc-endpoint' }), reader.file, join(path, 'policy'));
  snapshot.vpcEndpoints.set(id, { id, account: accountId, vpcId, serviceName, policy, source });
}

function readOrganization(reader: InputReader, snapshot: Snapshot, value: unknown, path: string, source: string): void {
  const record = reader.record(value, path);
  if (!record) return;
  const id = reader.requiredString(record, 'id', path);
  const arn = reader.optionalString(record, 'arn', path);
  const managementAccountId = reader.requiredString(record, 'managementAccountId', path);
  reader.optionalString(record, 'featureSet', path);
  if (id === undefined || managementAccountId === undefined) return;
  if (!ACCOUNT_ID.test(managementAccountId)) {
    reader.error(join(path, 'managementAccountId'), `"${managementAccountId}" is not a 12-digit account id`);
  }
  const partition = (arn === undefined ? undefined : parseArn(arn)?.partition) ?? 'aws';
  const nodes = new Map<string, SnapshotOrganizationNode>();
  const enabledTypes = new Set<string>();
  let enabledTypesGiven = false;

  if (!Array.isArray(record['roots'])) reader.error(join(path, 'roots'), 'missing required "roots" (a list with the organization root)');
  reader.list(record, 'roots', path).forEach((item, index) => {
    const itemPath = `${join(path, 'roots')}[${index}]`;
    const root = reader.record(item, itemPath);
    if (!root) return;
    const rootId = reader.requiredString(root, 'id', itemPath);
    const name = reader.optionalString(root, 'name', itemPath);
    if (root['enabledPolicyTypes'] !== undefined) {
      enabledTypesGiven = true;
      for (const type of readPolicyTypes(reader, root, itemPath)) enabledTypes.add(type);
    }
    if (rootId !== undefined) nodes.set(rootId, { id: rootId, name, type: 'root', parentId: undefined });
  });
  for (const [key, type] of [
    ['organizationalUnits', 'ou'],
    ['accounts', 'account'],
  ] as const) {
    reader.list(record, key, path).forEach((item, index) => {
      const itemPath = `${join(path, key)}[${index}]`;
      const node = reader.record(item, itemPath);
      if (!node) return;
      const nodeId = reader.requiredString(node, 'id', itemPath);
      const name = reader.optionalString(node, 'name', itemPath);
      // An account's parent may be unknown (list-parents was denied): the account still belongs to the organization.
      const parentId = type === 'account' ? reader.optionalString(node, 'parentId', itemPath) : reader.requiredString(node, 'parentId', itemPath);
      if (nodeId === undefined || (type === 'ou' && parentId === undefined)) return;
      if (type === 'account' && !ACCOUNT_ID.test(nodeId)) {
        reader.error(join(itemPath, 'id'), `"${nodeId}" is not a 12-digit account id`);
        return;
      }
      nodes.set(nodeId, { id: nodeId, name, type, parentId });
    });
  }

  const policies: SnapshotOrganizationPolicy[] = [];
  reader.list(record, 'policies', path).forEach((item, index) => {
    const itemPath = `${join(path, 'policies')}[${index}]`;
    const entry = reader.record(item, itemPath);
    if (!entry) return;
    const policyId = reader.requiredString(entry, 'id', itemPath);
    const policyArn = reader.optionalString(entry, 'arn', itemPath);
    const name = reader.optionalString(entry, 'name', itemPath);
    const type = entry['type'];
    const awsManaged = reader.optionalBoolean(entry, 'awsManaged', itemPath) ?? (policyId !== undefined && AWS_MANAGED_POLICY_ID.test(policyId));
    const content = reader.document(entry, 'content', itemPath, true);
    if (!Array.isArray(entry['targets'])) reader.error(join(itemPath, 'targets'), 'missing required "targets" (root, OU and account ids; may be empty)');
    const targets = reader.stringList(entry, 'targets', itemPath);
    if (type !== 'SERVICE_CONTROL_POLICY' && type !== 'RESOURCE_CONTROL_POLICY') {
      reader.error(join(itemPath, 'type'), `expected SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY`);
      return;
    }
    if (policyId === undefined || content === undefined) return;
    const kind = type === 'SERVICE_CONTROL_POLICY' ? 'scp' : 'rcp';
    const fullArn = policyArn ?? organizationPolicyArn(partition, managementAccountId, id, policyId, type, awsManaged);
    // Named by their policy name ("RestrictRegions"), as the Organizations console does; the ARN stays in the origin.
    const parsed = parseSnapshotPolicy(content, kind, name ?? policyId, originOf(reader, { via: kind, arn: fullArn }), reader.file, join(itemPath, 'content'));
    policies.push({ id: policyId, arn: fullArn, name, type, awsManaged, targets, parsed });
  });

  const hasType = (type: string): boolean => (enabledTypesGiven ? enabledTypes.has(type) : policies.some((policy) => policy.type === type));
  snapshot.organizations.set(id, {
    id,
    arn,
    managementAccountId,
    nodes,
    policies,
    scpEnabled: hasType('SERVICE_CONTROL_POLICY'),
    rcpEnabled: hasType('RESOURCE_CONTROL_POLICY'),
    scpLevels: new Map(),
    rcpLevels: new Map(),
    paths: new Map(),
    levelGaps: new Map(),
    source,
  });
}

function readPolicyTypes(reader: InputReader, root: JsonRecord, path: string): string[] {
  const types = reader.stringList(root, 'enabledPolicyTypes', path);
  types.forEach((type, index) => {
    if (!(POLICY_TYPES as readonly string[]).includes(type) && !/^[A-Z_]+$/.test(type)) {
      reader.error(`${join(path, 'enabledPolicyTypes')}[${index}]`, `"${type}" is not an Organizations policy type`);
    }
  });
  return types;
}

/** The ARN AWS gives an SCP or RCP, for when the snapshot has only its id. */
function organizationPolicyArn(
  partition: string,
  managementAccountId: string,
  organizationId: string,
  policyId: string,
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY',
  awsManaged: boolean,
): string {
  const typePart = type.toLowerCase();
  if (awsManaged) return `arn:${partition}:organizations::aws:policy/${typePart}/${policyId}`;
  return `arn:${partition}:organizations::${managementAccountId}:policy/${organizationId}/${typePart}/${policyId}`;
}
