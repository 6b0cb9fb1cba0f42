/**
 * The principal's side, read from IAM: a user's inline and attached policies
 * (default versions), its groups and their policies, permissions boundary and
 * tags; a role's policies, boundary, tags and trust policy. Reads run as soon
 * as what they need is known, so a user with groups, a boundary and managed
 * policies takes four rounds however many groups it has:
 *
 *   1. GetUser, ListUserPolicies, ListAttachedUserPolicies, ListGroupsForUser
 *   2. GetUserPolicy, GetPolicy (attached, boundary), ListGroupPolicies, ListAttachedGroupPolicies
 *   3. GetPolicyVersion, GetGroupPolicy, GetPolicy (group attachments)
 *   4. GetPolicyVersion (group attachments)
 *
 * Documents come URL-encoded from the SDK; they are stored as they arrive and
 * decoded by the snapshot reader, like any GAAD document.
 */
import type {
  GetGroupPolicyCommandOutput,
  GetPolicyCommandOutput,
  GetPolicyVersionCommandOutput,
  GetRoleCommandOutput,
  GetRolePolicyCommandOutput,
  GetUserCommandOutput,
  GetUserPolicyCommandOutput,
  ListAttachedGroupPoliciesCommandOutput,
  ListAttachedRolePoliciesCommandOutput,
  ListAttachedUserPoliciesCommandOutput,
  ListGroupPoliciesCommandOutput,
  ListGroupsForUserCommandOutput,
  ListRolePoliciesCommandOutput,
  ListUserPoliciesCommandOutput,
} from '@aws-sdk/client-iam';
import { parseArn } from '../../language/arn.js';
import type { GaadAttachedPolicy, GaadInlinePolicy, GaadManagedPolicyDetail, GaadRoleDetail, GaadUserDetail, NotReadInput } from '../snapshot/format.js';
import type { AccountDocument } from './document.js';
import { notRead } from './document.js';
import type { ReadOutcome, Reader } from './reads.js';

const PAGING = { marker: 'Marker', next: 'Marker' } as const;

/** What reading one user or role found, kept apart until the caller knows it is the principal (a bare name is tried as both). */
export interface EntityRead {
  kind: 'user' | 'role';
  /** Undefined when IAM says there is no such entity. */
  exists: boolean | undefined;
  user?: GaadUserDetail;
  role?: GaadRoleDetail;
  policies: GaadManagedPolicyDetail[];
  groups: NonNullable<Awaited<ReturnType<typeof readGroups>>>['groups'];
  notRead: NotReadInput[];
  /** The Get call was denied (the entity may exist). */
  lookupDenied: { operation: string; code: string } | undefined;
  /** Reads that succeeded, to tell "nothing could be read" apart. */
  succeeded: number;
}

function tagsOf(tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined): Array<{ Key: string; Value: string }> {
  return (tags ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [{ Key: tag.Key, Value: tag.Value ?? '' }]));
}

/** A managed policy with its default version, as GAAD lists it (shared across the run through the reader's cache). */
export async function readManagedPolicy(
  reader: Reader,
  arn: string,
  after: { round: number } | undefined,
): Promise<{ detail: GaadManagedPolicyDetail | undefined; notRead: NotReadInput | undefined; succeeded: number }> {
  const policy = await reader.send<GetPolicyCommandOutput>('iam', 'GetPolicy', { PolicyArn: arn }, { after: [after] });
  if (!policy.ok) return { detail: undefined, notRead: notRead('iam:GetPolicy', policy.failure, 'managed_policy', arn), succeeded: 0 };
  const meta = policy.value.Policy;
  const versionId = meta?.DefaultVersionId;
  if (meta === undefined || versionId === undefined) return { detail: undefined, notRead: undefined, succeeded: 1 };
  const version = await reader.send<GetPolicyVersionCommandOutput>('iam', 'GetPolicyVersion', { PolicyArn: arn, VersionId: versionId }, { after: [policy] });
  if (!version.ok) return { detail: undefined, notRead: notRead('iam:GetPolicyVersion', version.failure, 'managed_policy', arn), succeeded: 1 };
  const document = version.value.PolicyVersion?.Document;
  if (document === undefined) return { detail: undefined, notRead: undefined, succeeded: 2 };
  const detail: GaadManagedPolicyDetail = {
    PolicyName: meta.PolicyName ?? arn.slice(arn.lastIndexOf('/') + 1),
    Arn: arn,
    DefaultVersionId: versionId,
    PolicyVersionList: [{ Document: document, VersionId: versionId, IsDefaultVersion: true }],
  };
  if (meta.PolicyId !== undefined) detail.PolicyId = meta.PolicyId;
  if (meta.Path !== undefined) detail.Path = meta.Path;
  return { detail, notRead: undefined, succeeded: 2 };
}

interface Collected {
  policies: GaadManagedPolicyDetail[];
  notRead: NotReadInput[];
  succeeded: number;
}

async function readManagedPolicies(reader: Reader, arns: readonly string[], after: { round: number } | undefined, into: Collected): Promise<void> {
  const results = await Promise.all(arns.map((arn) => readManagedPolicy(reader, arn, after)));
  for (const result of results) {
    into.succeeded += result.succeeded;
    if (result.detail) into.policies.push(result.detail);
    if (result.notRead) into.notRead.push(result.notRead);
  }
}

type InlineKind = 'User' | 'Role' | 'Group';

/** Inline policy names, then each document. */
async function readInlinePolicies(reader: Reader, kind: InlineKind, name: string, target: string, into: Collected, after?: { round: number }): Promise<GaadInlinePolicy[]> {
  const nameKey = `${kind}Name`;
  const input = { [nameKey]: name };
  const options = { after: [after] };
  type Listed = ListUserPoliciesCommandOutput | ListRolePoliciesCommandOutput | ListGroupPoliciesCommandOutput;
  // One literal operation per kind, so the read-only test sees every call.
  const listed =
    kind === 'User'
      ? await reader.pages<Listed>('iam', 'ListUserPolicies', input, PAGING, options)
      : kind === 'Role'
        ? await reader.pages<Listed>('iam', 'ListRolePolicies', input, PAGING, options)
        : await reader.pages<Listed>('iam', 'ListGroupPolicies', input, PAGING, options);
  if (!listed.ok) {
    const entry = notRead(`iam:List${kind}Policies`, listed.failure, 'inline_policies', target);
    if (entry) into.notRead.push(entry);
    return [];
  }
  into.succeeded++;
  const names = listed.value.flatMap((page) => page.PolicyNames ?? []);
  const documents = await Promise.all(
    names.map((policyName) =>
      kind === 'User'
        ? reader.send<GetUserPolicyCommandOutput>('iam', 'GetUserPolicy', { UserName: name, PolicyName: policyName }, { after: [listed] })
        : kind === 'Role'
          ? reader.send<GetRolePolicyCommandOutput>('iam', 'GetRolePolicy', { RoleName: name, PolicyName: policyName }, { after: [listed] })
          : reader.send<GetGroupPolicyCommandOutput>('iam', 'GetGroupPolicy', { GroupName: name, PolicyName: policyName }, { after: [listed] }),
    ),
  );
  const inline: GaadInlinePolicy[] = [];
  documents.forEach((answer, index) => {
    if (answer.ok) {
      into.succeeded++;
      if (answer.value.PolicyDocument !== undefined) inline.push({ PolicyName: names[index] as string, PolicyDocument: answer.value.PolicyDocument });
      return;
    }
    const entry = notRead(`iam:Get${kind}Policy`, answer.failure, 'inline_policies', target);
    if (entry) into.notRead.push(entry);
  });
  return inline;
}

/** Attached managed policy ARNs and names. */
async function readAttached(
  reader: Reader,
  kind: InlineKind,
  name: string,
  target: string,
  into: Collected,
  after?: { round: number },
): Promise<{ attached: GaadAttachedPolicy[]; answer: ReadOutcome<unknown> | undefined }> {
  const input = { [`${kind}Name`]: name };
  const options = { after: [after] };
  type Listed = ListAttachedUserPoliciesCommandOutput | ListAttachedRolePoliciesCommandOutput | ListAttachedGroupPoliciesCommandOutput;
  const listed =
    kind === 'User'
      ? await reader.pages<Listed>('iam', 'ListAttachedUserPolicies', input, PAGING, options)
      : kind === 'Role'
        ? await reader.pages<Listed>('iam', 'ListAttachedRolePolicies', input, PAGING, options)
        : await reader.pages<Listed>('iam', 'ListAttachedGroupPolicies', input, PAGING, options);
  if (!listed.ok) {
    const entry = notRead(`iam:ListAttached${kind}Policies`, listed.failure, 'managed_policies', target);
    if (entry) into.notRead.push(entry);
    return { attached: [], answer: undefined };
  }
  into.succeeded++;
  const attached = listed.value.flatMap((page) => page.AttachedPolicies ?? []).flatMap((policy) => (policy.PolicyArn === undefined ? [] : [{ PolicyArn: policy.PolicyArn, ...(policy.PolicyName ? { PolicyName: policy.PolicyName } : {}) }]));
  return { attached, answer: listed };
}

/** The user's groups, each with its inline and attached policies. */
async function readGroups(reader: Reader, userName: string, userArn: string, into: Collected) {
  const listed = await reader.pages<ListGroupsForUserCommandOutput>('iam', 'ListGroupsForUser', { UserName: userName }, PAGING);
  if (!listed.ok) {
    const entry = notRead('iam:ListGroupsForUser', listed.failure, 'groups', userArn);
    if (entry) into.notRead.push(entry);
    return { names: [] as string[], groups: [] };
  }
  into.succeeded++;
  const groups = listed.value.flatMap((page) => page.Groups ?? []);
  const details = await Promise.all(
    groups.map(async (group) => {
      const name = group.GroupName ?? '';
      const arn = group.Arn ?? '';
      const [inline, attached] = await Promise.all([readInlinePolicies(reader, 'Group', name, arn, into, listed), readAttached(reader, 'Group', name, arn, into, listed)]);
      await readManagedPolicies(reader, attached.attached.map((policy) => policy.PolicyArn), attached.answer, into);
      return {
        GroupName: name,
        Arn: arn,
        ...(group.Path !== undefined ? { Path: group.Path } : {}),
        ...(group.GroupId !== undefined ? { GroupId: group.GroupId } : {}),
        GroupPolicyList: inline,
        AttachedManagedPolicies: attached.attached,
      };
    }),
  );
  return { names: groups.flatMap((group) => (group.GroupName ? [group.GroupName] : [])), groups: details };
}

/**
 * Read an IAM user: every call of round 1 starts at once. `arn` is the ARN the
 * user typed, when it typed one (then a denied GetUser still leaves the name and path).
 */
export async function readUser(reader: Reader, userName: string, arn: string | undefined): Promise<EntityRead> {
  const into: Collected = { policies: [], notRead: [], succeeded: 0 };
  const target = arn ?? userName;
  const [user, inline, attached, groups] = await Promise.all([
    reader.send<GetUserCommandOutput>('iam', 'GetUser', { UserName: userName }),
    readInlinePolicies(reader, 'User', userName, target, into),
    readAttached(reader, 'User', userName, target, into),
    readGroups(reader, userName, target, into),
  ]);
  const read: EntityRead = { kind: 'user', exists: undefined, policies: into.policies, groups: groups.groups, notRead: into.notRead, lookupDenied: undefined, succeeded: 0 };
  let boundaryArn: string | undefined;
  if (user.ok) {
    read.exists = true;
    const found = user.value.User;
    const detail: GaadUserDetail = {
      UserName: found?.UserName ?? userName,
      Arn: found?.Arn ?? arn ?? '',
      Path: found?.Path ?? '/',
      UserPolicyList: inline,
      GroupList: groups.names,
      AttachedManagedPolicies: attached.attached,
      Tags: tagsOf(found?.Tags),
    };
    if (found?.UserId !== undefined) detail.UserId = found.UserId;
    boundaryArn = found?.PermissionsBoundary?.PermissionsBoundaryArn;
    if (boundaryArn !== undefined) detail.PermissionsBoundary = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundaryArn };
    read.user = detail;
    into.succeeded++;
  } else if (user.failure.kind === 'not_found') {
    read.exists = false;
  } else {
    read.lookupDenied = { operation: 'iam:GetUser', code: user.failure.code };
    if (arn !== undefined) {
      // The user's ARN is known: evaluate what could be read, and say what could not.
      read.user = { UserName: userName, Arn: arn, Path: pathOf(arn), UserPolicyList: inline, GroupList: groups.names, AttachedManagedPolicies: attached.attached, Tags: [] };
      for (const part of ['permissions_boundary', 'principal_tags'] as const) {
        const entry = notRead('iam:GetUser', user.failure, part, arn);
        if (entry) into.notRead.push(entry);
      }
    }
  }
  const arns = [...attached.attached.map((policy) => policy.PolicyArn), ...(boundaryArn !== undefined ? [boundaryArn] : [])];
  await readManagedPolicies(reader, [...new Set(arns)], attached.answer ?? user, into);
  read.succeeded = into.succeeded;
  return read;
}

/** Read an IAM role: its policies, boundary, tags and trust policy. */
export async function readRole(reader: Reader, roleName: string, arn: string | undefined): Promise<EntityRead> {
  const into: Collected = { policies: [], notRead: [], succeeded: 0 };
  const target = arn ?? roleName;
  const [role, inline, attached] = await Promise.all([
    reader.send<GetRoleCommandOutput>('iam', 'GetRole', { RoleName: roleName }),
    readInlinePolicies(reader, 'Role', roleName, target, into),
    readAttached(reader, 'Role', roleName, target, into),
  ]);
  const read: EntityRead = { kind: 'role', exists: undefined, policies: into.policies, groups: [], notRead: into.notRead, lookupDenied: undefined, succeeded: 0 };
  let boundaryArn: string | undefined;
  if (role.ok) {
    read.exists = true;
    const found = role.value.Role;
    const detail: GaadRoleDetail = {
      RoleName: found?.RoleName ?? roleName,
      Arn: found?.Arn ?? arn ?? '',
      Path: found?.Path ?? '/',
      RolePolicyList: inline,
      AttachedManagedPolicies: attached.attached,
      Tags: tagsOf(found?.Tags),
    };
    if (found?.RoleId !== undefined) detail.RoleId = found.RoleId;
    if (found?.AssumeRolePolicyDocument !== undefined) detail.AssumeRolePolicyDocument = found.AssumeRolePolicyDocument;
    boundaryArn = found?.PermissionsBoundary?.PermissionsBoundaryArn;
    if (boundaryArn !== undefined) detail.PermissionsBoundary = { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: boundaryArn };
    read.role = detail;
    into.succeeded++;
  } else if (role.failure.kind === 'not_found') {
    read.exists = false;
  } else {
    read.lookupDenied = { operation: 'iam:GetRole', code: role.failure.code };
    if (arn !== undefined) {
      read.role = { RoleName: roleName, Arn: arn, Path: pathOf(arn), RolePolicyList: inline, AttachedManagedPolicies: attached.attached, Tags: [] };
      for (const part of ['permissions_boundary', 'principal_tags', 'trust_policy'] as const) {
        const entry = notRead('iam:GetRole', role.failure, part, arn);
        if (entry) into.notRead.push(entry);
      }
    }
  }
  const arns = [...attached.attached.map((policy) => policy.PolicyArn), ...(boundaryArn !== undefined ? [boundaryArn] : [])];
  await readManagedPolicies(reader, [...new Set(arns)], attached.answer ?? role, into);
  read.succeeded = into.succeeded;
  return read;
}

/** A role's record and trust policy only (the resource of an `sts:AssumeRole*` request). */
export async function readRoleTrust(reader: Reader, roleName: string, arn: string, account: AccountDocument): Promise<number> {
  const role = await reader.send<GetRoleCommandOutput>('iam', 'GetRole', { RoleName: roleName });
  if (!role.ok) {
    account.addNotRead(notRead('iam:GetRole', role.failure, 'trust_policy', arn));
    return 0;
  }
  const found = role.value.Role;
  if (found?.Arn === undefined || account.roles.has(found.Arn)) return 1;
  const detail: GaadRoleDetail = { RoleName: found.RoleName ?? roleName, Arn: found.Arn, Path: found.Path ?? '/', Tags: tagsOf(found.Tags) };
  if (found.RoleId !== undefined) detail.RoleId = found.RoleId;
  if (found.AssumeRolePolicyDocument !== undefined) detail.AssumeRolePolicyDocument = found.AssumeRolePolicyDocument;
  // Only the trust policy and tags were read: the role's own policies are not part of this request.
  account.roles.set(found.Arn, detail);
  return 1;
}

/** Put what was read about the principal into its account's document. */
export function commitEntity(read: EntityRead, account: AccountDocument): void {
  if (read.user) account.users.set(read.user.Arn, read.user);
  if (read.role) account.roles.set(read.role.Arn, read.role);
  for (const group of read.groups) account.groups.set(group.Arn, group);
  for (const policy of read.policies) account.policies.set(policy.Arn, policy);
  for (const entry of read.notRead) account.addNotRead(entry);
}

/** `/` or `/path/` of a user or role ARN. */
function pathOf(arn: string): string {
  const parts = (parseArn(arn)?.resource ?? '').split('/');
  return parts.length > 2 ? `/${parts.slice(1, -1).join('/')}/` : '/';
}
