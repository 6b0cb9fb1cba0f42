/**
 * AWS Organizations, read for the accounts a request involves: the path from
 * the root through the OUs to the account (ListParents), the SCPs and RCPs
 * attached at every level (ListPoliciesForTarget, DescribePolicy), the
 * organization and management account ids (DescribeOrganization), and which
 * policy types are enabled (ListRoots). Each level's policies are asked for as
 * soon as the level is known. From a member account only DescribeOrganization
 * is allowed: the levels are then recorded as not read, so the SCPs and RCPs
 * are unknowns, not assumed absent. A whole organization (snapshot --org) is
 * walked down from the root instead.
 */
import type {
  DescribeOrganizationalUnitCommandOutput,
  DescribeOrganizationCommandOutput,
  DescribePolicyCommandOutput,
  ListAccountsForParentCommandOutput,
  ListOrganizationalUnitsForParentCommandOutput,
  ListParentsCommandOutput,
  ListPoliciesCommandOutput,
  ListPoliciesForTargetCommandOutput,
  ListRootsCommandOutput,
  ListTargetsForPolicyCommandOutput,
} from '@aws-sdk/client-organizations';
import type { NotReadPart, OrganizationInput, OrganizationPolicyInput, OrganizationPolicyType } from '../snapshot/format.js';
import { notRead, type SnapshotDocument } from './document.js';
import type { ReadFailure } from './errors.js';
import type { ReadOutcome, Reader } from './reads.js';

const TYPES: Record<'scp' | 'rcp', OrganizationPolicyType> = { scp: 'SERVICE_CONTROL_POLICY', rcp: 'RESOURCE_CONTROL_POLICY' };
const PAGING = { marker: 'NextToken', next: 'NextToken' } as const;
/** OUs nest at most five deep; a longer walk is a loop. */
const MAX_LEVELS = 8;

/** The organization as it is being assembled (merged across accounts). */
class OrganizationBuilder {
  readonly roots = new Map<string, { id: string; name?: string; enabledPolicyTypes?: OrganizationPolicyType[] }>();
  readonly units = new Map<string, { id: string; name?: string; parentId: string }>();
  readonly accounts = new Map<string, { id: string; name?: string; parentId?: string }>();
  readonly policies = new Map<string, OrganizationPolicyInput>();

  constructor(readonly base: Pick<OrganizationInput, 'id' | 'arn' | 'managementAccountId' | 'featureSet'>) {}

  attach(policy: OrganizationPolicyInput, target: string): void {
    const known = this.policies.get(policy.id);
    if (known === undefined) this.policies.set(policy.id, { ...policy, targets: [...new Set([...policy.targets, target])] });
    else if (!known.targets.includes(target)) known.targets.push(target);
  }

  build(): OrganizationInput {
    const input: OrganizationInput = { ...this.base, roots: [...this.roots.values()] };
    if (input.arn === undefined) delete input.arn;
    if (input.featureSet === undefined) delete input.featureSet;
    if (this.units.size > 0) input.organizationalUnits = [...this.units.values()];
    if (this.accounts.size > 0) input.accounts = [...this.accounts.values()];
    if (this.policies.size > 0) input.policies = [...this.policies.values()];
    return input;
  }
}

export interface OrganizationRead {
  /** Reads that succeeded. */
  succeeded: number;
}

interface Walk {
  reader: Reader;
  document: SnapshotDocument;
  builder: OrganizationBuilder;
  enabled: Set<OrganizationPolicyType> | undefined;
  count: { succeeded: number };
  /** What the first reads of the walk wait for (for their round). */
  after?: { round: number } | undefined;
}

function record(walk: Walk, account: string, operation: string, failure: ReadFailure, parts: readonly NotReadPart[]): void {
  for (const part of parts) walk.document.account(account).addNotRead(notRead(operation, failure, part, account));
}

async function describeOrganization(reader: Reader, after?: { round: number }): Promise<ReadOutcome<DescribeOrganizationCommandOutput>> {
  return reader.send<DescribeOrganizationCommandOutput>('organizations', 'DescribeOrganization', {}, { after: [after] });
}

async function listRoots(walk: Walk): Promise<void> {
  const roots = await walk.reader.pages<ListRootsCommandOutput>('organizations', 'ListRoots', {}, PAGING, { after: [walk.after] });
  if (!roots.ok) return;
  walk.count.succeeded++;
  const enabled = new Set<OrganizationPolicyType>();
  for (const root of roots.value.flatMap((page) => page.Roots ?? [])) {
    if (root.Id === undefined) continue;
    const types = (root.PolicyTypes ?? []).filter((type) => type.Status === 'ENABLED').flatMap((type) => (type.Type === TYPES.scp || type.Type === TYPES.rcp ? [type.Type] : []));
    for (const type of types) enabled.add(type);
    walk.builder.roots.set(root.Id, { id: root.Id, ...(root.Name ? { name: root.Name } : {}), enabledPolicyTypes: types });
  }
  walk.enabled = enabled;
}

/** The policies of one type attached at one target, with their content. */
async function levelPolicies(walk: Walk, target: string, layer: 'scp' | 'rcp', account: string, after: { round: number } | undefined): Promise<void> {
  const type = TYPES[layer];
  const listed = await walk.reader.pages<ListPoliciesForTargetCommandOutput>('organizations', 'ListPoliciesForTarget', { TargetId: target, Filter: type }, PAGING, { after: [after] });
  if (!listed.ok) {
    if (listed.failure.code === 'PolicyTypeNotEnabledException') return;
    record(walk, account, 'organizations:ListPoliciesForTarget', listed.failure, [layer]);
    return;
  }
  walk.count.succeeded++;
  const summaries = listed.value.flatMap((page) => page.Policies ?? []);
  await Promise.all(summaries.map((summary) => (summary.Id === undefined ? Promise.resolve() : describePolicy(walk, summary.Id, target, layer, account, listed))));
}

async function describePolicy(walk: Walk, id: string, target: string, layer: 'scp' | 'rcp', account: string, after: ReadOutcome<unknown> | undefined): Promise<void> {
  const described = await walk.reader.send<DescribePolicyCommandOutput>('organizations', 'DescribePolicy', { PolicyId: id }, { after: [after] });
  if (!described.ok) {
    record(walk, account, 'organizations:DescribePolicy', described.failure, [layer]);
    return;
  }
  walk.count.succeeded++;
  const policy = described.value.Policy;
  const summary = policy?.PolicySummary;
  if (policy?.Content === undefined) return;
  walk.builder.attach(
    {
      id,
      type: TYPES[layer],
      content: policy.Content,
      targets: [],
      ...(summary?.Arn ? { arn: summary.Arn } : {}),
      ...(summary?.Name ? { name: summary.Name } : {}),
      ...(summary?.AwsManaged !== undefined ? { awsManaged: summary.AwsManaged } : {}),
    },
    target,
  );
}

/** Walk up from an account, asking for each level's policies as soon as the level is known. */
async function walkUp(walk: Walk, account: string, wanted: readonly ('scp' | 'rcp')[], rootsRead: Promise<void>): Promise<void> {
  const pending: Promise<void>[] = [];
  for (const layer of wanted) pending.push(levelPolicies(walk, account, layer, account, walk.after));
  let child = account;
  let after: { round: number } | undefined = walk.after;
  for (let depth = 0; depth < MAX_LEVELS; depth++) {
    const parents = await walk.reader.send<ListParentsCommandOutput>('organizations', 'ListParents', { ChildId: child }, { after: [after] });
    if (!parents.ok) {
      record(walk, account, 'organizations:ListParents', parents.failure, [...wanted, 'org_paths']);
      break;
    }
    walk.count.succeeded++;
    const parent = parents.value.Parents?.[0];
    if (parent?.Id === undefined) break;
    if (child === account) walk.builder.accounts.set(account, { id: account, parentId: parent.Id });
    else {
      const unit = walk.builder.units.get(child);
      if (unit !== undefined) unit.parentId = parent.Id;
    }
    for (const layer of wanted) pending.push(levelPolicies(walk, parent.Id, layer, account, parents));
    if (parent.Type === 'ROOT') {
      if (!walk.builder.roots.has(parent.Id)) walk.builder.roots.set(parent.Id, { id: parent.Id });
      break;
    }
    walk.builder.units.set(parent.Id, { id: parent.Id, parentId: '' });
    pending.push(unitName(walk, parent.Id, parents));
    child = parent.Id;
    after = parents;
  }
  await Promise.all([...pending, rootsRead]);
  if (!walk.builder.accounts.has(account)) walk.builder.accounts.set(account, { id: account });
}

async function unitName(walk: Walk, id: string, after: ReadOutcome<unknown>): Promise<void> {
  const unit = await walk.reader.send<DescribeOrganizationalUnitCommandOutput>('organizations', 'DescribeOrganizationalUnit', { OrganizationalUnitId: id }, { after: [after] });
  if (!unit.ok) return;
  const name = unit.value.OrganizationalUnit?.Name;
  const known = walk.builder.units.get(id);
  if (name !== undefined && known !== undefined) known.name = name;
}

/**
 * Read the organization of `accounts` (each with the policy types it needs:
 * SCPs for the principal's account, RCPs for the resource's) into the document.
 */
export async function readOrganization(
  reader: Reader,
  document: SnapshotDocument,
  accounts: ReadonlyArray<{ id: string; layers: ReadonlyArray<'scp' | 'rcp'> }>,
  after?: { round: number },
): Promise<OrganizationRead> {
  const count = { succeeded: 0 };
  const described = await describeOrganization(reader, after);
  if (!described.ok) {
    // Not in an organization: no SCPs or RCPs apply, and that is a fact.
    if (described.failure.code === 'AWSOrganizationsNotInUseException') {
      for (const account of accounts) document.account(account.id).inOrganization = false;
      return { succeeded: 1 };
    }
    for (const account of accounts) document.account(account.id).addNotRead(notRead('organizations:DescribeOrganization', described.failure, 'organization', account.id));
    return count;
  }
  count.succeeded++;
  const organization = described.value.Organization;
  if (organization?.Id === undefined || organization.MasterAccountId === undefined) return count;
  const builder = new OrganizationBuilder({
    id: organization.Id,
    arn: organization.Arn,
    managementAccountId: organization.MasterAccountId,
    featureSet: organization.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL',
  });
  const walk: Walk = { reader, document, builder, enabled: undefined, count, after };
  const rootsRead = listRoots(walk);
  await Promise.all(accounts.map((account) => walkUp(walk, account.id, account.layers, rootsRead)));
  fixUnitParents(builder);
  document.organization = builder.build();
  return count;
}

/** OUs whose parent was not learnt (the walk stopped) are dropped: the loader then reports the broken chain. */
function fixUnitParents(builder: OrganizationBuilder): void {
  for (const [id, unit] of builder.units) if (unit.parentId === '') builder.units.delete(id);
}

/** The whole organization, walked down from its roots (from the management account or a delegated administrator). */
export async function captureOrganization(reader: Reader, document: SnapshotDocument): Promise<{ organization: OrganizationInput | undefined; accounts: string[]; succeeded: number; failure: ReadFailure | undefined }> {
  const count = { succeeded: 0 };
  const described = await describeOrganization(reader);
  if (!described.ok) return { organization: undefined, accounts: [], succeeded: 0, failure: described.failure.code === 'AWSOrganizationsNotInUseException' ? undefined : described.failure };
  const organization = described.value.Organization;
  if (organization?.Id === undefined || organization.MasterAccountId === undefined) return { organization: undefined, accounts: [], succeeded: 1, failure: undefined };
  const builder = new OrganizationBuilder({ id: organization.Id, arn: organization.Arn, managementAccountId: organization.MasterAccountId, featureSet: organization.FeatureSet === 'CONSOLIDATED_BILLING' ? 'CONSOLIDATED_BILLING' : 'ALL' });
  const walk: Walk = { reader, document, builder, enabled: undefined, count };
  await listRoots(walk);
  if (builder.roots.size === 0) return { organization: undefined, accounts: [], succeeded: count.succeeded, failure: { kind: 'denied', code: 'AccessDenied', message: 'ListRoots' } };
  const accounts: string[] = [];
  const walkDown = async (parentId: string): Promise<void> => {
    const [units, members] = await Promise.all([
      reader.pages<ListOrganizationalUnitsForParentCommandOutput>('organizations', 'ListOrganizationalUnitsForParent', { ParentId: parentId }, PAGING),
      reader.pages<ListAccountsForParentCommandOutput>('organizations', 'ListAccountsForParent', { ParentId: parentId }, PAGING),
    ]);
    if (members.ok) {
      for (const member of members.value.flatMap((page) => page.Accounts ?? [])) {
        if (member.Id === undefined) continue;
        accounts.push(member.Id);
        builder.accounts.set(member.Id, { id: member.Id, parentId, ...(member.Name ? { name: member.Name } : {}) });
      }
    }
    if (!units.ok) return;
    const children = units.value.flatMap((page) => page.OrganizationalUnits ?? []);
    for (const unit of children) if (unit.Id !== undefined) builder.units.set(unit.Id, { id: unit.Id, parentId, ...(unit.Name ? { name: unit.Name } : {}) });
    await Promise.all(children.map((unit) => (unit.Id === undefined ? Promise.resolve() : walkDown(unit.Id))));
  };
  await Promise.all([...builder.roots.keys()].map((root) => walkDown(root)));
  for (const layer of ['scp', 'rcp'] as const) {
    if (walk.enabled !== undefined && !walk.enabled.has(TYPES[layer])) continue;
    const listed = await reader.pages<ListPoliciesCommandOutput>('organizations', 'ListPolicies', { Filter: TYPES[layer] }, PAGING);
    if (!listed.ok) {
      for (const account of [organization.MasterAccountId, ...accounts]) record(walk, account, 'organizations:ListPolicies', listed.failure, [layer]);
      continue;
    }
    await Promise.all(
      listed.value
        .flatMap((page) => page.Policies ?? [])
        .map(async (summary) => {
          if (summary.Id === undefined) return;
          const targets = await reader.pages<ListTargetsForPolicyCommandOutput>('organizations', 'ListTargetsForPolicy', { PolicyId: summary.Id }, PAGING);
          const ids = targets.ok ? targets.value.flatMap((page) => page.Targets ?? []).flatMap((target) => (target.TargetId ? [target.TargetId] : [])) : [];
          await Promise.all(ids.map((target) => describePolicy(walk, summary.Id as string, target, layer, organization.MasterAccountId as string, targets)));
          if (ids.length === 0) await describePolicy(walk, summary.Id, '', layer, organization.MasterAccountId as string, targets);
        }),
    );
  }
  for (const policy of builder.policies.values()) policy.targets = policy.targets.filter((target) => target !== '');
  document.organization = builder.build();
  return { organization: document.organization, accounts, succeeded: count.succeeded, failure: undefined };
}
