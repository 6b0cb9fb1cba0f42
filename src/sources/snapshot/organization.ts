/**
 * AWS Organizations in a snapshot: the SCP and RCP levels (root → OUs →
 * account) of each account, its `aws:PrincipalOrgPaths` value, and the facts
 * the engine needs (org id, management account).
 */
import type { Finding } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import type { OrganizationLevel } from '../../engine/policy-set.js';
import type { OrganizationFacts } from '../../engine/request.js';
import type { Snapshot, SnapshotOrganization, SnapshotOrganizationNode, SnapshotOrganizationPolicy } from './model.js';

/** OUs nest at most five deep under the root; anything longer is a cycle in the input. */
const MAX_DEPTH = 12;

type PolicyType = SnapshotOrganizationPolicy['type'];

/** Fill `scpLevels`, `rcpLevels`, `paths` and `levelGaps` for every account of the organization. */
export function deriveOrganization(organization: SnapshotOrganization): void {
  organization.scpLevels = new Map();
  organization.rcpLevels = new Map();
  organization.paths = new Map();
  organization.levelGaps = new Map();
  const byTarget = new Map<string, SnapshotOrganizationPolicy[]>();
  for (const policy of organization.policies) {
    for (const target of policy.targets) {
      const list = byTarget.get(target);
      if (list === undefined) byTarget.set(target, [policy]);
      else list.push(policy);
    }
  }
  // Root and OU levels are shared by every account below them; so are their gaps.
  const levelCache = new Map<string, { level: OrganizationLevel; gaps: string[] }>();
  const levelFor = (node: SnapshotOrganizationNode, type: PolicyType, gaps: string[]): OrganizationLevel => {
    const cacheKey = `${type}:${node.id}`;
    const cached = node.type === 'account' ? undefined : levelCache.get(cacheKey);
    if (cached) {
      gaps.push(...cached.gaps);
      return cached.level;
    }
    const levelGaps: string[] = [];
    const policies = policiesAt(byTarget, node.id, type, levelGaps);
    const level: OrganizationLevel =
      node.name === undefined ? { id: node.id, type: node.type, policies } : { id: node.id, name: node.name, type: node.type, policies };
    if (node.type !== 'account') levelCache.set(cacheKey, { level, gaps: levelGaps });
    gaps.push(...levelGaps);
    return level;
  };

  for (const node of organization.nodes.values()) {
    if (node.type !== 'account') continue;
    const gaps: string[] = [];
    const chain = ancestry(organization, node, gaps);
    organization.levelGaps.set(node.id, gaps);
    if (chain === undefined) continue;
    const [root, ...units] = chain;
    if (root === undefined) continue;
    organization.paths.set(node.id, `${organization.id}/${root.id}/${units.map((unit) => `${unit.id}/`).join('')}`);
    const levels = [...chain, node];
    if (organization.scpEnabled) {
      const scpLevels = levels.map((level) => levelFor(level, 'SERVICE_CONTROL_POLICY', gaps));
      for (const level of scpLevels) {
        if (level.policies.length === 0) {
          gaps.push(
            `no SCP attached at ${describeLevel(level)} in the snapshot: AWS requires at least one, so the snapshot is incomplete and SCPs deny every request from account ${node.id}`,
          );
        }
      }
      organization.scpLevels.set(node.id, scpLevels);
    }
    if (organization.rcpEnabled) {
      organization.rcpLevels.set(
        node.id,
        levels.map((level) => levelFor(level, 'RESOURCE_CONTROL_POLICY', gaps)),
      );
    }
  }
}

function policiesAt(byTarget: Map<string, SnapshotOrganizationPolicy[]>, targetId: string, type: PolicyType, gaps: string[]): Policy[] {
  const policies: Policy[] = [];
  for (const attached of byTarget.get(targetId) ?? []) {
    if (attached.type !== type) continue;
    if (attached.parsed.policy) policies.push(attached.parsed.policy);
    else gaps.push(`${type === 'SERVICE_CONTROL_POLICY' ? 'SCP' : 'RCP'} ${attached.name ?? attached.id} attached at ${targetId} could not be parsed: evaluated without it`);
  }
  return policies;
}

/** Root first, then OUs down to the account's parent; undefined (with a gap) when the chain is broken. */
function ancestry(organization: SnapshotOrganization, account: SnapshotOrganizationNode, gaps: string[]): SnapshotOrganizationNode[] | undefined {
  const chain: SnapshotOrganizationNode[] = [];
  let parentId = account.parentId;
  if (parentId === undefined) {
    gaps.push(`the place of account ${account.id} in organization ${organization.id} is unknown, so its SCPs, RCPs and org paths are unknown`);
    return undefined;
  }
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (parentId === undefined) break;
    const parent = organization.nodes.get(parentId);
    if (parent === undefined || parent.type === 'account') {
      gaps.push(`the organization hierarchy of account ${account.id} is incomplete: parent ${parentId} is not in the snapshot, so its SCPs, RCPs and org paths are unknown`);
      return undefined;
    }
    chain.unshift(parent);
    if (parent.type === 'root') return chain;
    parentId = parent.parentId;
  }
  gaps.push(`the organization hierarchy of account ${account.id} does not lead to a root (a cycle or more than ${MAX_DEPTH} levels)`);
  return undefined;
}

function describeLevel(level: OrganizationLevel): string {
  const name = level.name === undefined ? '' : ` (${level.name})`;
  if (level.type === 'account') return `account ${level.id}${name}`;
  return `${level.type === 'root' ? 'root' : 'OU'} ${level.id}${name}`;
}

export function organizationOf(snapshot: Snapshot, account: string | undefined): SnapshotOrganization | undefined {
  if (account === undefined) return undefined;
  const id = snapshot.index.organizationOfAccount.get(account);
  return id === undefined ? undefined : snapshot.organizations.get(id);
}

export interface OrganizationSide {
  levels: OrganizationLevel[] | undefined;
  orgId: string | undefined;
  orgPaths: string[] | undefined;
  isManagementAccount: boolean | undefined;
  /** Findings of the policies in `levels`. */
  findings: Finding[];
  gaps: string[];
}

/** The SCP (principal side) or RCP (resource side) levels and facts of one account. */
export function organizationSide(snapshot: Snapshot, account: string | undefined, type: PolicyType): OrganizationSide {
  const organization = organizationOf(snapshot, account);
  if (organization === undefined || account === undefined) {
    return { levels: undefined, orgId: undefined, orgPaths: undefined, isManagementAccount: undefined, findings: [], gaps: [] };
  }
  const path = organization.paths.get(account);
  const levels = type === 'SERVICE_CONTROL_POLICY' ? organization.scpLevels.get(account) : organization.rcpLevels.get(account);
  const gaps = [...(organization.levelGaps.get(account) ?? [])];
  const isManagementAccount = organization.managementAccountId === account;
  if (!isManagementAccount && !organization.nodes.has(account)) {
    gaps.push(`account ${account} belongs to organization ${organization.id} but is not in its account list: its SCPs, RCPs and org paths are unknown`);
  }
  const levelIds = new Set(levels?.map((level) => level.id));
  const findings = organization.policies
    .filter((policy) => policy.type === type && policy.targets.some((target) => levelIds.has(target)))
    .flatMap((policy) => policy.parsed.findings);
  return {
    levels,
    orgId: organization.id,
    orgPaths: path === undefined ? undefined : [path],
    isManagementAccount,
    findings,
    gaps,
  };
}

/** Combine principal-side and resource-side facts into the engine's `OrganizationFacts`. */
export function organizationFacts(principalSide: OrganizationSide | undefined, resourceSide: OrganizationSide | undefined): OrganizationFacts {
  const facts: OrganizationFacts = {};
  if (principalSide?.orgId !== undefined) facts.principalOrgId = principalSide.orgId;
  if (principalSide?.orgPaths !== undefined) facts.principalOrgPaths = principalSide.orgPaths;
  if (principalSide?.isManagementAccount !== undefined) facts.principalIsManagementAccount = principalSide.isManagementAccount;
  if (resourceSide?.orgId !== undefined) facts.resourceOrgId = resourceSide.orgId;
  if (resourceSide?.orgPaths !== undefined) facts.resourceOrgPaths = resourceSide.orgPaths;
  if (resourceSide?.isManagementAccount !== undefined) facts.resourceIsManagementAccount = resourceSide.isManagementAccount;
  return facts;
}
