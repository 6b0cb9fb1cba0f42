/**
 * What an account snapshot contributes to one request: the principal's
 * identity policies (its own, and through its groups), boundary, tags and
 * organization; the resource's policy (a role's trust policy for
 * `sts:AssumeRole*`), tags, owning account and organization; VPC endpoint
 * policies when the context names an endpoint. Everything comes from policies
 * parsed when the snapshot was loaded.
 * CAUTION: publicly exported.
 */
import { parseArn } from '../../language/arn.js';
import type { Finding } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import { hasIamCredentials, type Principal } from '../../engine/principal.js';
import { isTrustPolicyAction } from '../../engine/required-resource-policy.js';
import type { PolicySet, UnseenLayer } from '../../engine/policy-set.js';
import type { ContextGap, ContextInput, Request, RequestResource, S3BlockPublicAccess } from '../../engine/request.js';
import { mergeContributions, type SourceContribution } from '../contribution.js';
import { accountNameKey, missingManagedPolicy } from './build.js';
import type { S3EncryptionInput, S3PublicAccessBlockInput } from './format.js';
import type { Snapshot, SnapshotNotRead, SnapshotPolicy, SnapshotRole, SnapshotUser } from './model.js';
import { notReadDetail, notReadOf, organizationNotRead } from './not-read.js';
import { organizationFacts, organizationOf, organizationSide, type OrganizationSide } from './organization.js';
import { findResource, isAwsManagedKmsAlias, RESOURCE_POLICY_SERVICES } from './resource-lookup.js';
import { resolvePrincipal, type PrincipalLookupError, type ResolvedPrincipal } from './resolve-principal.js';

export interface SnapshotRequestOptions {
  /** What the user typed (see `resolvePrincipal`), or an already resolved principal. */
  principal: string | ResolvedPrincipal;
  action: string;
  /** The resource ARN, or `*`. */
  resourceArn: string;
  /** The request context as given; only `aws:SourceVpce` is read here (to pick VPC endpoint policies). */
  context?: Readonly<Record<string, ContextInput>>;
}

/** S3 Block Public Access settings that bear on the request (not evaluated by the engine; for explanations). */
export interface S3PublicAccessBlockFacts {
  bucket?: S3PublicAccessBlockInput;
  account?: S3PublicAccessBlockInput;
}

export interface SnapshotContribution extends SourceContribution {
  s3PublicAccessBlock?: S3PublicAccessBlockFacts;
  /** S3 buckets: their default encryption, when the snapshot knows it (for the hint that SSE-KMS objects need the key too). */
  s3Encryption?: S3EncryptionInput;
}

export type SnapshotContributionResult =
  | { ok: true; contribution: SnapshotContribution; resolved: ResolvedPrincipal }
  | { ok: false; error: PrincipalLookupError };

export { isTrustPolicyAction };

export function snapshotContribution(snapshot: Snapshot, options: SnapshotRequestOptions): SnapshotContributionResult {
  let resolved: ResolvedPrincipal;
  if (typeof options.principal === 'string') {
    const lookup = resolvePrincipal(snapshot, options.principal);
    if (!lookup.ok) return lookup;
    resolved = lookup.resolved;
  } else {
    resolved = options.principal;
  }
  const principalPart = principalSide(snapshot, resolved);
  const resourcePart = resourceSide(snapshot, options, resolved.principal.account);
  return { ok: true, contribution: combineSides(snapshotLabel(snapshot), principalPart, resourcePart), resolved };
}

export type SnapshotRequestResult =
  | { ok: true; request: Request; policySet: PolicySet; contribution: SnapshotContribution; resolved: ResolvedPrincipal }
  | { ok: false; error: PrincipalLookupError };

/** The contribution turned into the engine's `Request` and `PolicySet`, for when the snapshot is the only source. */
export function snapshotRequest(snapshot: Snapshot, options: SnapshotRequestOptions): SnapshotRequestResult {
  const result = snapshotContribution(snapshot, options);
  if (!result.ok) return result;
  const merged = mergeContributions([result.contribution]);
  const request: Request = {
    principal: result.resolved.principal,
    action: options.action,
    resource: { ...merged.resource, arn: merged.resource.arn ?? options.resourceArn },
    organization: merged.organization,
  };
  if (options.context !== undefined) request.context = options.context;
  if (merged.identitySideUnknown) request.identitySideUnknown = true;
  if (merged.completeContextKeys.length > 0) request.completeContextKeys = merged.completeContextKeys;
  if (merged.contextGaps.length > 0) request.contextGaps = merged.contextGaps;
  return { ok: true, request, policySet: merged.policySet, contribution: result.contribution, resolved: result.resolved };
}

export function snapshotLabel(snapshot: Snapshot): string {
  return `snapshot ${snapshot.sources.join(', ')}`;
}

/** The principal's half of a request: identity policies, boundary, SCPs. */
export interface PrincipalSide {
  principal: Principal;
  identity: Policy[];
  permissionsBoundary: Policy | undefined;
  scp: OrganizationSide | undefined;
  findings: Finding[];
  gaps: string[];
  /** Layers of the principal's side the snapshot does not hold. */
  unseen: UnseenLayer[];
  /** Principal facts the capture failed to read (its tags, its organization path). */
  contextGaps: ContextGap[];
  /** The principal's account is not in the snapshot. */
  unknown: boolean;
}

export function principalSide(snapshot: Snapshot, resolved: ResolvedPrincipal, scp?: OrganizationSide): PrincipalSide {
  const side: PrincipalSide = {
    principal: resolved.principal,
    identity: [],
    permissionsBoundary: undefined,
    scp: scp ?? scpSide(snapshot, resolved.principal.account),
    findings: [],
    gaps: [],
    unseen: [],
    contextGaps: [],
    unknown: resolved.match === 'external',
  };
  if (!side.unknown) {
    side.unseen.push(...organizationUnseen(snapshot, side.scp, 'scp', resolved.principal.account));
    side.contextGaps.push(...organizationContextGaps(snapshot, resolved.principal.account, 'Principal'));
  }
  switch (resolved.match) {
    case 'user':
      addEntityPolicies(snapshot, resolved.user, side);
      addGroupPolicies(snapshot, resolved.user, side);
      break;
    case 'role':
    case 'session':
      addEntityPolicies(snapshot, resolved.role, side);
      break;
    case 'root':
      break;
    case 'external':
      // The engine says so when it matters (the identity side is assumed to allow).
      break;
  }
  return side;
}

/** SCP levels and facts of the principal's account. */
export function scpSide(snapshot: Snapshot, account: string | undefined): OrganizationSide {
  return organizationSide(snapshot, account, 'SERVICE_CONTROL_POLICY');
}

const identityUnseen = (detail: string): UnseenLayer => ({ layer: 'identity', kind: 'policy_not_supplied', detail });
const deniedRead = (layer: UnseenLayer['layer'], entry: SnapshotNotRead, couldHold?: 'Allow' | 'Deny'): UnseenLayer => ({
  layer,
  kind: 'read_denied',
  detail: notReadDetail(entry, layer === 'rcp' ? 'rcp' : undefined),
  ...(couldHold ? { couldHold } : {}),
});

/** The failed reads of a managed policy's document, as identity (or boundary) unknowns; empty when it was simply not captured. */
function managedPolicyNotRead(snapshot: Snapshot, arn: string, layer: 'identity' | 'permissions_boundary'): UnseenLayer[] {
  return notReadOf(snapshot, 'managed_policy', arn).map((entry) => deniedRead(layer, entry));
}

function addParsed(parsed: SnapshotPolicy, what: string, side: PrincipalSide): void {
  if (parsed.findings.length > 0) side.findings.push(...parsed.findings);
  if (parsed.policy) side.identity.push(parsed.policy);
  else side.unseen.push(identityUnseen(`The ${what} could not be parsed, so it was evaluated without it.`));
}

function addEntityPolicies(snapshot: Snapshot, entity: SnapshotUser | SnapshotRole, side: PrincipalSide): void {
  for (const part of ['inline_policies', 'managed_policies'] as const) {
    for (const entry of notReadOf(snapshot, part, entity.arn)) side.unseen.push(deniedRead('identity', entry));
  }
  for (const entry of notReadOf(snapshot, 'permissions_boundary', entity.arn)) side.unseen.push(deniedRead('permissions_boundary', entry));
  for (const entry of notReadOf(snapshot, 'principal_tags', entity.arn)) {
    side.contextGaps.push({ keys: ['aws:PrincipalTag/'], kind: 'read_denied', detail: notReadDetail(entry) });
  }
  for (const inline of entity.inlinePolicies) addParsed(inline, `inline policy ${inline.id}`, side);
  for (const arn of entity.managedPolicyArns) {
    const managed = snapshot.managedPolicies.get(arn);
    const denied = managed === undefined ? managedPolicyNotRead(snapshot, arn, 'identity') : [];
    if (denied.length > 0) {
      side.unseen.push(...denied);
    } else if (managed === undefined) {
      side.unseen.push(identityUnseen(`${capitalized(missingManagedPolicy(arn))}, attached to ${entity.kind} ${entity.name}, is not in the snapshot, so it was evaluated without it.`));
    } else {
      addParsed(managed.identity, `managed policy ${arn}`, side);
    }
  }
  const boundaryArn = entity.permissionsBoundaryArn;
  if (boundaryArn === undefined) return;
  const boundary = snapshot.managedPolicies.get(boundaryArn)?.boundary;
  const boundaryDenied = boundary === undefined ? managedPolicyNotRead(snapshot, boundaryArn, 'permissions_boundary') : [];
  if (boundaryDenied.length > 0) {
    side.unseen.push(...boundaryDenied);
    return;
  }
  if (boundary === undefined) {
    side.unseen.push({
      layer: 'permissions_boundary',
      kind: 'policy_not_supplied',
      detail: `The permissions boundary of ${entity.kind} ${entity.name}, ${missingManagedPolicy(boundaryArn)}, is not in the snapshot, so it was evaluated without a boundary.`,
    });
    return;
  }
  if (boundary.findings.length > 0) side.findings.push(...boundary.findings);
  if (boundary.policy) side.permissionsBoundary = boundary.policy;
  else side.unseen.push({ layer: 'permissions_boundary', kind: 'policy_not_supplied', detail: `The permissions boundary ${boundaryArn} of ${entity.kind} ${entity.name} could not be parsed, so it was evaluated without a boundary.` });
}

function addGroupPolicies(snapshot: Snapshot, user: SnapshotUser, side: PrincipalSide): void {
  for (const entry of notReadOf(snapshot, 'groups', user.arn)) side.unseen.push(deniedRead('identity', entry));
  for (const groupName of user.groupNames) {
    const group = snapshot.index.groupByAccountName.get(accountNameKey(user.account, groupName));
    if (group === undefined) {
      side.unseen.push(identityUnseen(`Group ${groupName} (user ${user.name} is a member) is not in the snapshot, so its policies were not evaluated.`));
      continue;
    }
    // Shared, pre-built lists: nothing is copied per request but the references.
    for (const policy of group.identityPolicies) side.identity.push(policy);
    for (const part of ['inline_policies', 'managed_policies'] as const) {
      for (const entry of notReadOf(snapshot, part, group.arn)) side.unseen.push(deniedRead('identity', entry));
    }
    for (const arn of group.managedPolicyArns) {
      if (!snapshot.managedPolicies.has(arn)) side.unseen.push(...managedPolicyNotRead(snapshot, arn, 'identity'));
    }
    if (group.gaps.length > 0) side.unseen.push(...group.gaps.map((gap) => identityUnseen(`${capitalized(gap)}.`)));
    if (group.findings.length > 0) side.findings.push(...group.findings);
  }
}

/** The resource's half of a request: resource policy, tags, account, RCPs, VPC endpoint policies. */
export interface ResourceSide {
  resourcePolicy: Policy | undefined;
  resource: Partial<RequestResource>;
  rcp: OrganizationSide | undefined;
  vpcEndpoint: Policy[] | undefined;
  s3PublicAccessBlock: S3PublicAccessBlockFacts | undefined;
  findings: Finding[];
  gaps: string[];
  /** Layers of the resource's side the snapshot does not hold. */
  unseen: UnseenLayer[];
  contextGaps: ContextGap[];
  /** The resource is in the snapshot, so its tags are known in full. */
  tagsKnown: boolean;
  s3Encryption?: S3EncryptionInput;
}

export function resourceSide(
  snapshot: Snapshot,
  options: Pick<SnapshotRequestOptions, 'action' | 'resourceArn' | 'context'>,
  principalAccount: string | undefined,
): ResourceSide {
  const side: ResourceSide = {
    resourcePolicy: undefined,
    resource: { arn: options.resourceArn },
    rcp: undefined,
    vpcEndpoint: undefined,
    s3PublicAccessBlock: undefined,
    findings: [],
    gaps: [],
    unseen: [],
    contextGaps: [],
    tagsKnown: false,
  };
  const arnText = options.resourceArn.trim();
  if (arnText !== '*' && arnText !== '') describeResource(snapshot, options.action, arnText, side);

  let rcpAccount = side.resource.account;
  if (rcpAccount === undefined && arnText !== '*' && principalAccount !== undefined && organizationOf(snapshot, principalAccount) !== undefined) {
    // Only S3 ARNs lack an account; the engine assumes the principal's, and so do the RCPs.
    side.gaps.push(`the account that owns ${arnText} is unknown (it is not in the snapshot): taken to be the principal's account ${principalAccount}, whose RCPs apply`);
    rcpAccount = principalAccount;
  }
  if (rcpAccount !== undefined) {
    side.rcp = organizationSide(snapshot, rcpAccount, 'RESOURCE_CONTROL_POLICY');
    if (snapshot.accounts.has(rcpAccount) || side.rcp.orgId !== undefined) {
      side.unseen.push(...organizationUnseen(snapshot, side.rcp, 'rcp', rcpAccount));
      side.contextGaps.push(...organizationContextGaps(snapshot, rcpAccount, 'Resource'));
    }
  } else if (arnText !== '*' && snapshot.organizations.size === 0) {
    // The owner is unknown and taken to be the principal's account: what the capture learnt of that account's organization applies.
    side.unseen.push(...organizationUnseen(snapshot, undefined, 'rcp', principalAccount));
  }
  addVpcEndpoints(snapshot, options.context, side);
  return side;
}

function describeResource(snapshot: Snapshot, action: string, arnText: string, side: ResourceSide): void {
  const arn = parseArn(arnText);
  if (arn?.service === 'iam' && /^\d{12}$/.test(arn.account)) {
    const [type, ...rest] = arn.resource.split('/');
    const name = rest[rest.length - 1];
    if ((type === 'role' || type === 'user') && name !== undefined && name !== '') {
      const entity =
        type === 'role'
          ? (snapshot.roles.get(arnText) ?? snapshot.index.roleByAccountName.get(accountNameKey(arn.account, name)))
          : (snapshot.users.get(arnText) ?? snapshot.index.userByAccountName.get(accountNameKey(arn.account, name)));
      side.resource = { arn: entity?.arn ?? arnText, account: arn.account };
      const tagsDenied = notReadOf(snapshot, 'principal_tags', entity?.arn ?? arnText);
      if (entity !== undefined && tagsDenied.length === 0) {
        side.resource.tags = entity.tags;
        side.tagsKnown = true;
      }
      for (const entry of tagsDenied) side.contextGaps.push({ keys: ['aws:ResourceTag/'], kind: 'read_denied', detail: notReadDetail(entry) });
      if (type === 'role' && isTrustPolicyAction(action)) {
        useTrustPolicy(snapshot, entity?.kind === 'role' ? entity : undefined, arnText, arn.account, side);
      }
      return;
    }
  }
  const lookup = findResource(snapshot, arnText);
  const resource = lookup.resource;
  if (resource === undefined) {
    side.resource = { arn: arnText };
    if (arn !== undefined && arn.account !== '') side.resource.account = arn.account;
    if (isAwsManagedKmsAlias(arn)) side.resource.awsManagedKmsKey = true;
    const denied = arn === undefined ? [] : resourceNotRead(snapshot, arn.service, arn.account, policyTargets(arnText));
    if (denied.length > 0) {
      side.unseen.push(...denied.map((entry) => deniedRead('resource', entry)));
      side.contextGaps.push(...denied.map((entry) => ({ keys: ['aws:ResourceTag/'], kind: 'read_denied' as const, detail: notReadDetail(entry) })));
    } else if (arn !== undefined && RESOURCE_POLICY_SERVICES.has(arn.service)) {
      const account = arn.account === '' ? undefined : snapshot.accounts.get(arn.account);
      if (arn.account === '' || account !== undefined) {
        const why = account !== undefined && !account.hasResourceData ? `The snapshot has no resource data for account ${account.id}` : `${arnText} is not in the snapshot`;
        side.unseen.push({ layer: 'resource', kind: 'policy_not_supplied', detail: `${why}, so its resource-based policy is unknown.` });
        side.contextGaps.push({ keys: ['aws:ResourceTag/'], kind: 'policy_not_supplied', detail: `${arnText} is not in the snapshot, so its tags are unknown` });
      }
    }
    return;
  }
  side.resource = { arn: arnText, account: resource.account, tags: resource.tags };
  const tagsDenied = notReadOf(snapshot, 'resource_tags', resource.arn);
  side.tagsKnown = tagsDenied.length === 0;
  if (!side.tagsKnown) delete side.resource.tags;
  for (const entry of tagsDenied) side.contextGaps.push({ keys: ['aws:ResourceTag/'], kind: 'read_denied', detail: notReadDetail(entry) });
  for (const entry of notReadOf(snapshot, 'resource_region', resource.arn)) {
    if (!resource.region) side.contextGaps.push({ keys: ['aws:RequestedRegion'], kind: 'read_denied', detail: notReadDetail(entry) });
  }
  for (const entry of notReadOf(snapshot, 'resource_key_manager', resource.arn)) side.gaps.push(notReadDetail(entry));
  for (const entry of notReadOf(snapshot, 'resource_policy', resource.arn)) side.unseen.push(deniedRead('resource', entry));
  if (resource.awsManagedKmsKey) side.resource.awsManagedKmsKey = true;
  if (resource.region) side.resource.region = resource.region;
  if (resource.policy !== undefined) {
    if (resource.policy.findings.length > 0) side.findings.push(...resource.policy.findings);
    if (resource.policy.policy) side.resourcePolicy = resource.policy.policy;
    else side.gaps.push(`the resource-based policy of ${resource.arn} could not be parsed: evaluated without it`);
  }
  if (arn?.service === 's3' && resource.s3Encryption !== undefined) side.s3Encryption = resource.s3Encryption;
  if (arn?.service === 's3') {
    const accountBlock = snapshot.accounts.get(resource.account)?.s3PublicAccessBlock;
    if (resource.s3PublicAccessBlock !== undefined || accountBlock !== undefined) {
      side.s3PublicAccessBlock = {};
      if (resource.s3PublicAccessBlock !== undefined) side.s3PublicAccessBlock.bucket = resource.s3PublicAccessBlock;
      if (accountBlock !== undefined) side.s3PublicAccessBlock.account = accountBlock;
      side.resource.s3BlockPublicAccess = effectiveBlockPublicAccess(resource.s3PublicAccessBlock, accountBlock);
    }
  }
}

function useTrustPolicy(snapshot: Snapshot, role: SnapshotRole | undefined, arnText: string, account: string, side: ResourceSide): void {
  const denied = notReadOf(snapshot, 'trust_policy', role?.arn ?? arnText);
  if (denied.length > 0 && (role === undefined || role.trustPolicy === undefined)) {
    side.unseen.push(...denied.map((entry) => deniedRead('resource', entry)));
    return;
  }
  if (role === undefined) {
    if (snapshot.accounts.has(account)) side.unseen.push({ layer: 'resource', kind: 'policy_not_supplied', detail: `Role ${arnText} is not in the snapshot, so its trust policy is unknown.` });
    return;
  }
  const trust = role.trustPolicy;
  if (trust === undefined) {
    side.unseen.push({ layer: 'resource', kind: 'policy_not_supplied', detail: `Role ${role.arn} has no AssumeRolePolicyDocument in the snapshot, so its trust policy is unknown.` });
    return;
  }
  if (trust.findings.length > 0) side.findings.push(...trust.findings);
  if (trust.policy) side.resourcePolicy = trust.policy;
  else side.unseen.push({ layer: 'resource', kind: 'policy_not_supplied', detail: `The trust policy of role ${role.arn} could not be parsed, so it was evaluated without it.` });
}

function addVpcEndpoints(snapshot: Snapshot, context: SnapshotRequestOptions['context'], side: ResourceSide): void {
  if (context === undefined) return;
  let ids: readonly string[] = [];
  for (const [key, value] of Object.entries(context)) {
    if (key.toLowerCase() === 'aws:sourcevpce') ids = typeof value === 'string' ? [value] : value;
  }
  if (ids.length === 0) return;
  const policies: Policy[] = [];
  for (const id of ids) {
    const endpoint = snapshot.vpcEndpoints.get(id);
    if (endpoint === undefined) {
      side.unseen.push({ layer: 'vpc_endpoint', kind: 'policy_not_supplied', detail: `VPC endpoint ${id} (aws:SourceVpce) is not in the snapshot, so its policy is unknown.` });
      continue;
    }
    if (endpoint.policy.findings.length > 0) side.findings.push(...endpoint.policy.findings);
    if (endpoint.policy.policy) policies.push(endpoint.policy.policy);
    else side.unseen.push({ layer: 'vpc_endpoint', kind: 'policy_not_supplied', detail: `The policy of VPC endpoint ${id} could not be parsed, so it was evaluated without it.` });
  }
  if (policies.length > 0) side.vpcEndpoint = policies;
}

export function combineSides(label: string, principal: PrincipalSide, resource: ResourceSide): SnapshotContribution {
  const contribution: SnapshotContribution = {
    label,
    identity: principal.identity,
    principal: principal.principal,
    resource: resource.resource,
    organization: organizationFacts(principal.scp, resource.rcp),
    findings: [...principal.findings, ...resource.findings, ...levelFindings(principal.scp), ...levelFindings(resource.rcp)],
    gaps: [...principal.gaps, ...resource.gaps],
  };
  const unseen = [...principal.unseen, ...resource.unseen];
  if (unseen.length > 0) contribution.unseen = unseen;
  const contextGaps = [...principal.contextGaps, ...resource.contextGaps];
  if (contextGaps.length > 0) contribution.contextGaps = contextGaps;
  // A user's or role's tags are in the snapshot; a session may carry session tags it does not know.
  const principalTagsRead = !principal.contextGaps.some((gap) => gap.keys.includes('aws:PrincipalTag/'));
  const principalTagsKnown = principalTagsRead && !principal.unknown && (principal.principal.kind === 'user' || principal.principal.kind === 'role');
  const complete = [...(principalTagsKnown ? ['aws:PrincipalTag/'] : []), ...(resource.tagsKnown ? ['aws:ResourceTag/'] : [])];
  if (complete.length > 0) contribution.completeContextKeys = complete;
  if (principal.permissionsBoundary) contribution.permissionsBoundary = principal.permissionsBoundary;
  if (principal.unknown && hasIamCredentials(principal.principal.kind)) contribution.identitySideUnknown = true;
  if (principal.scp?.levels) contribution.scpLevels = principal.scp.levels;
  if (resource.resourcePolicy) contribution.resourcePolicy = resource.resourcePolicy;
  if (resource.rcp?.levels) contribution.rcpLevels = resource.rcp.levels;
  if (resource.vpcEndpoint) contribution.vpcEndpoint = resource.vpcEndpoint;
  if (resource.s3PublicAccessBlock) contribution.s3PublicAccessBlock = resource.s3PublicAccessBlock;
  if (resource.s3Encryption) {
    contribution.s3Encryption = resource.s3Encryption;
    contribution.bucketEncryption = { algorithm: resource.s3Encryption.SSEAlgorithm, ...(resource.s3Encryption.KMSMasterKeyID ? { kmsKeyId: resource.s3Encryption.KMSMasterKeyID } : {}) };
  }
  return contribution;
}

function levelFindings(side: OrganizationSide | undefined): Finding[] {
  return side?.findings ?? [];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** SCP or RCP levels the snapshot lacks: reads that failed, no organization data at all, or an incomplete hierarchy. */
function organizationUnseen(snapshot: Snapshot, side: OrganizationSide | undefined, layer: 'scp' | 'rcp', account: string | undefined): UnseenLayer[] {
  const noun = layer === 'scp' ? 'SCPs' : 'RCPs';
  // The capture learnt the account is in no organization: no SCPs or RCPs apply, and nothing is unknown.
  if (account !== undefined && snapshot.accounts.get(account)?.inOrganization === false && organizationOf(snapshot, account) === undefined) return [];
  const denied = account === undefined ? [] : organizationNotRead(snapshot, account, layer);
  // The failed reads are why the hierarchy is incomplete: they say it, once.
  if (denied.length > 0) return denied.map((entry) => deniedRead(layer, entry, 'Deny'));
  if (snapshot.organizations.size === 0) {
    return [{ layer, kind: 'policy_not_supplied', couldHold: 'Deny', detail: `The snapshot has no organization data, so ${noun} were not evaluated.` }];
  }
  return (side?.gaps ?? []).map((gap) => ({ layer, kind: 'policy_not_supplied', detail: `${capitalized(gap)}.` }));
}

/**
 * "If the block public access settings for the access point, bucket, or account
 * differ, then Amazon S3 applies the most restrictive combination": a setting is
 * on when either level has it on, off when both are known to be off, else unknown.
 */
export function effectiveBlockPublicAccess(bucket: S3PublicAccessBlockInput | undefined, account: S3PublicAccessBlockInput | undefined): S3BlockPublicAccess {
  const effective: S3BlockPublicAccess = {};
  const settings = [
    ['blockPublicAcls', 'BlockPublicAcls'],
    ['ignorePublicAcls', 'IgnorePublicAcls'],
    ['blockPublicPolicy', 'BlockPublicPolicy'],
    ['restrictPublicBuckets', 'RestrictPublicBuckets'],
  ] as const;
  for (const [name, field] of settings) {
    const levels = [bucket?.[field], account?.[field]];
    if (levels.includes(true)) effective[name] = true;
    else if (levels.every((value) => value === false)) effective[name] = false;
  }
  return effective;
}

/** `aws:PrincipalOrgID`/`OrgPaths` (or the `Resource…` keys) the capture failed to learn. */
function organizationContextGaps(snapshot: Snapshot, account: string | undefined, side: 'Principal' | 'Resource'): ContextGap[] {
  if (account === undefined || snapshot.notRead.length === 0) return [];
  const gaps: ContextGap[] = [];
  for (const entry of snapshot.notRead) {
    const about = entry.target === undefined ? entry.account === account : entry.target === account;
    if (!about) continue;
    if (entry.part === 'organization') gaps.push({ keys: [`aws:${side}OrgID`, `aws:${side}OrgPaths`], kind: 'read_denied', detail: notReadDetail(entry) });
    if (entry.part === 'org_paths') gaps.push({ keys: [`aws:${side}OrgPaths`], kind: 'read_denied', detail: notReadDetail(entry) });
  }
  return gaps;
}

/** ARNs a failed read of a resource's policy may be recorded under: the one asked for, and the bucket of an S3 object. */
function policyTargets(arnText: string): string[] {
  const bucket = /^(arn:[^:]+:s3:::[^/]+)\/.+$/.exec(arnText);
  return bucket?.[1] ? [arnText, bucket[1]] : [arnText];
}

/** Failed reads that leave a resource missing from the snapshot: its own policy read, or its service's listing in its account. */
function resourceNotRead(snapshot: Snapshot, service: string, account: string, targets: readonly string[]): SnapshotNotRead[] {
  if (snapshot.notRead.length === 0) return [];
  const own = targets.flatMap((target) => notReadOf(snapshot, 'resource_policy', target));
  if (own.length > 0) return own;
  return snapshot.notRead.filter((entry) => entry.part === 'resources' && entry.target === service && (account === '' || entry.account === account));
}
