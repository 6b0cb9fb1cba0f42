/**
 * Building the snapshot model: an empty model the readers fill, and the derived
 * parts (name indexes, shared group policy lists, boundary parses, organization
 * levels) computed once after loading or merging.
 */
import type { Finding } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import type { Snapshot, SnapshotGroup, SnapshotIndex, SnapshotPolicy } from './model.js';
import { deriveOrganization } from './organization.js';
import { parseSnapshotPolicy } from './parse-snapshot-policy.js';

export function emptySnapshot(): Snapshot {
  return {
    sources: [],
    capturedAt: undefined,
    accounts: new Map(),
    users: new Map(),
    roles: new Map(),
    groups: new Map(),
    managedPolicies: new Map(),
    resources: new Map(),
    vpcEndpoints: new Map(),
    organizations: new Map(),
    notRead: [],
    index: emptyIndex(),
    inputFindings: [],
    findings: [],
    gaadPages: { total: 0, truncated: 0 },
  };
}

function emptyIndex(): SnapshotIndex {
  return {
    usersByName: new Map(),
    rolesByName: new Map(),
    userByAccountName: new Map(),
    roleByAccountName: new Map(),
    groupByAccountName: new Map(),
    kmsAliases: new Map(),
    organizationOfAccount: new Map(),
  };
}

/** Record that an account appears in the snapshot. */
export function ensureAccount(snapshot: Snapshot, id: string, partition: string, source: string): void {
  const account = snapshot.accounts.get(id);
  if (account === undefined) {
    snapshot.accounts.set(id, { id, partition, alias: undefined, s3PublicAccessBlock: undefined, hasResourceData: false, sources: [source] });
  } else if (!account.sources.includes(source)) {
    account.sources.push(source);
  }
}

/** `ACCOUNT:lower-cased name`: IAM user, group and role names are unique per account regardless of case. */
export function accountNameKey(account: string, name: string): string {
  return `${account}:${name.toLowerCase()}`;
}

/** Compute every derived part of the model. Safe to run again after entities were added (merge). */
export function finalizeSnapshot(snapshot: Snapshot): Snapshot {
  snapshot.index = buildIndex(snapshot);
  parseBoundaries(snapshot);
  for (const group of snapshot.groups.values()) defineGroupPolicies(snapshot, group);
  for (const organization of snapshot.organizations.values()) deriveOrganization(organization);
  // Every policy's findings means parsing every policy: only when someone asks.
  let findings: Finding[] | undefined;
  Object.defineProperty(snapshot, 'findings', {
    configurable: true,
    enumerable: true,
    get: () => (findings ??= collectFindings(snapshot)),
  });
  return snapshot;
}

function buildIndex(snapshot: Snapshot): SnapshotIndex {
  const index = emptyIndex();
  for (const user of snapshot.users.values()) {
    addToList(index.usersByName, user.name.toLowerCase(), user);
    index.userByAccountName.set(accountNameKey(user.account, user.name), user);
  }
  for (const role of snapshot.roles.values()) {
    addToList(index.rolesByName, role.name.toLowerCase(), role);
    index.roleByAccountName.set(accountNameKey(role.account, role.name), role);
  }
  for (const group of snapshot.groups.values()) {
    index.groupByAccountName.set(accountNameKey(group.account, group.name), group);
  }
  for (const resource of snapshot.resources.values()) {
    for (const alias of resource.aliases) index.kmsAliases.set(alias, resource.arn);
  }
  for (const organization of snapshot.organizations.values()) {
    index.organizationOfAccount.set(organization.managementAccountId, organization.id);
    for (const node of organization.nodes.values()) {
      if (node.type === 'account') index.organizationOfAccount.set(node.id, organization.id);
    }
  }
  return index;
}

function addToList<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Managed policies used as a permissions boundary are parsed a second time, with kind `permissions-boundary`. */
function parseBoundaries(snapshot: Snapshot): void {
  const boundaryArns = new Set<string>();
  for (const user of snapshot.users.values()) if (user.permissionsBoundaryArn) boundaryArns.add(user.permissionsBoundaryArn);
  for (const role of snapshot.roles.values()) if (role.permissionsBoundaryArn) boundaryArns.add(role.permissionsBoundaryArn);
  for (const arn of boundaryArns) {
    const managed = snapshot.managedPolicies.get(arn);
    if (managed === undefined || managed.boundary !== undefined || managed.document === undefined) continue;
    const origin = managed.file === undefined ? { via: 'permissions-boundary' } : { via: 'permissions-boundary', file: managed.file };
    managed.boundary = parseSnapshotPolicy(managed.document, 'permissions-boundary', arn, origin, managed.file, managed.documentPath);
  }
}

/** The group's policy lists, built on first use and then shared by every member. */
function defineGroupPolicies(snapshot: Snapshot, group: SnapshotGroup): void {
  let built: Pick<SnapshotGroup, 'identityPolicies' | 'gaps' | 'findings'> | undefined;
  const build = (): Pick<SnapshotGroup, 'identityPolicies' | 'gaps' | 'findings'> => (built ??= buildGroupPolicies(snapshot, group));
  Object.defineProperties(group, {
    identityPolicies: { configurable: true, enumerable: true, get: () => build().identityPolicies },
    gaps: { configurable: true, enumerable: true, get: () => build().gaps },
    findings: { configurable: true, enumerable: true, get: () => build().findings },
  });
}

/**
 * The group's inline and managed policies with group origins, built once and
 * shared by every member. Managed policies are shallow copies of the parsed
 * policy (same statements) that differ only in `origin`.
 */
function buildGroupPolicies(snapshot: Snapshot, group: SnapshotGroup): Pick<SnapshotGroup, 'identityPolicies' | 'gaps' | 'findings'> {
  const policies: Policy[] = [];
  const gaps: string[] = [];
  const findings = group.inlinePolicies.flatMap((inline) => inline.findings);
  for (const inline of group.inlinePolicies) {
    if (inline.policy) policies.push(inline.policy);
    else gaps.push(`inline policy ${inline.id} of group ${group.name} could not be parsed, so it was evaluated without it`);
  }
  for (const arn of group.managedPolicyArns) {
    const managed = snapshot.managedPolicies.get(arn);
    if (managed === undefined) {
      gaps.push(`${missingManagedPolicy(arn)}, attached to group ${group.name}, is not in the snapshot, so it was evaluated without it`);
      continue;
    }
    findings.push(...managed.identity.findings);
    const policy = managed.identity.policy;
    if (policy === undefined) {
      gaps.push(`managed policy ${arn}, attached to group ${group.name}, could not be parsed, so it was evaluated without it`);
      continue;
    }
    const origin = { ...policy.origin, via: 'group-managed', group: group.name };
    policies.push({ ...policy, origin });
  }
  return { identityPolicies: policies, gaps, findings };
}

/** "AWS managed policy ReadOnlyAccess (arn:…)" or "managed policy arn:…". */
export function missingManagedPolicy(arn: string): string {
  const awsPrefix = /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (awsPrefix) return `AWS managed policy ${awsPrefix[1]} (${arn})`;
  return `managed policy ${arn}`;
}

/** Every finding: input warnings, then each parsed policy's findings (in model order), then GAAD truncation. */
function collectFindings(snapshot: Snapshot): Finding[] {
  const findings = [...snapshot.inputFindings];
  const add = (policy: SnapshotPolicy | undefined): void => {
    if (policy !== undefined && policy.findings.length > 0) findings.push(...policy.findings);
  };
  for (const user of snapshot.users.values()) user.inlinePolicies.forEach(add);
  for (const group of snapshot.groups.values()) group.inlinePolicies.forEach(add);
  for (const role of snapshot.roles.values()) {
    add(role.trustPolicy);
    role.inlinePolicies.forEach(add);
  }
  for (const managed of snapshot.managedPolicies.values()) {
    add(managed.identity);
    add(managed.boundary);
  }
  for (const resource of snapshot.resources.values()) add(resource.policy);
  for (const endpoint of snapshot.vpcEndpoints.values()) add(endpoint.policy);
  for (const organization of snapshot.organizations.values()) organization.policies.forEach((policy) => add(policy.parsed));

  // Pages cannot be matched to the markers that asked for them, so the check is a
  // count: a complete set of N pages has N-1 that say `IsTruncated: true`.
  const { total, truncated } = snapshot.gaadPages;
  if (total > 0 && truncated >= total) {
    findings.push({
      severity: 'warning',
      code: 'SNAPSHOT_GAAD_TRUNCATED',
      message: `the authorization details are incomplete: ${truncated} of ${total} GAAD page(s) say IsTruncated: true, so at least one later page is missing (read every page, or run the AWS CLI without --no-paginate)`,
      location: { path: '' },
    });
  }
  return findings;
}
