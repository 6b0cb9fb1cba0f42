/**
 * The loaded, queryable form of one or more account snapshots. Every policy is
 * parsed once when the snapshot is loaded; lookups and requests only pick
 * already-parsed `Policy` objects (group policies are shared by all members).
 * CAUTION: publicly exported.
 */
import type { Finding } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import type { Principal } from '../../engine/principal.js';
import type { OrganizationLevel } from '../../engine/policy-set.js';
import type { NotReadPart, S3EncryptionInput, S3PublicAccessBlockInput } from './format.js';

/** One policy document of the snapshot, parsed. `policy` is undefined when it could not be parsed (see `findings`). */
export interface SnapshotPolicy {
  id: string;
  policy: Policy | undefined;
  findings: Finding[];
}

interface EntityBase {
  arn: string;
  name: string;
  path: string;
  /** `UserId`/`GroupId`/`RoleId`. */
  id: string | undefined;
  account: string;
  partition: string;
  inlinePolicies: SnapshotPolicy[];
  /** ARNs of attached managed policies, in GAAD order. */
  managedPolicyArns: string[];
  /** The file (or label) the entity was read from. */
  source: string;
}

export interface SnapshotUser extends EntityBase {
  kind: 'user';
  groupNames: string[];
  permissionsBoundaryArn: string | undefined;
  tags: Readonly<Record<string, string>>;
  /** The user as the engine's principal (built once). */
  principal: Principal;
}

export interface SnapshotRole extends EntityBase {
  kind: 'role';
  /** AssumeRolePolicyDocument, parsed with kind `trust`. */
  trustPolicy: SnapshotPolicy | undefined;
  permissionsBoundaryArn: string | undefined;
  tags: Readonly<Record<string, string>>;
  serviceLinked: boolean;
  principal: Principal;
}

export interface SnapshotGroup extends EntityBase {
  kind: 'group';
  /** Inline and managed policies with group origins, shared by every member. Rebuilt when snapshots are merged. */
  identityPolicies: Policy[];
  /** Attached managed policies the snapshot lacks, and policies that failed to parse. */
  gaps: string[];
  findings: Finding[];
}

export interface SnapshotManagedPolicy {
  arn: string;
  name: string;
  path: string | undefined;
  id: string | undefined;
  /** `arn:…:iam::aws:policy/…`. */
  awsManaged: boolean;
  defaultVersionId: string | undefined;
  /** The default version, parsed with kind `identity` (origin `managed`). */
  identity: SnapshotPolicy;
  /** The default version parsed with kind `permissions-boundary`; present when some user or role uses it as boundary. */
  boundary: SnapshotPolicy | undefined;
  /** The default version's document as read (kept so a merge can parse it as a boundary). */
  document: unknown;
  /** JSON path of `document` in its file, for findings. */
  documentPath: string;
  /** The file it was read from, when read from a file. */
  file: string | undefined;
  source: string;
}

export interface SnapshotResource {
  arn: string;
  /** Owning account: from the snapshot account that lists it (S3 ARNs carry none). */
  account: string;
  partition: string;
  type: string | undefined;
  /** Parsed with kind `kms-key` for KMS keys, `resource` otherwise. */
  policy: SnapshotPolicy | undefined;
  tags: Readonly<Record<string, string>>;
  awsManagedKmsKey: boolean;
  /** The region, when the ARN carries none (S3 buckets). */
  region: string | undefined;
  aliases: string[];
  s3PublicAccessBlock: S3PublicAccessBlockInput | undefined;
  s3Encryption: S3EncryptionInput | undefined;
  source: string;
}

export interface SnapshotVpcEndpoint {
  id: string;
  account: string;
  vpcId: string | undefined;
  serviceName: string | undefined;
  /** The endpoint policy; AWS's default full-access policy when the snapshot gives none. */
  policy: SnapshotPolicy;
  source: string;
}

export interface SnapshotAccount {
  id: string;
  partition: string;
  alias: string | undefined;
  s3PublicAccessBlock: S3PublicAccessBlockInput | undefined;
  /** The account came with resource data (iamwhy format), so a missing resource is really absent. */
  hasResourceData: boolean;
  /** False when the capture learnt that the account belongs to no organization; undefined when not known. */
  inOrganization?: boolean | undefined;
  sources: string[];
}

/** A read the capture could not make (see `NotReadInput`), with the account it was recorded under. */
export interface SnapshotNotRead {
  account: string;
  operation: string;
  error: string;
  part: NotReadPart;
  target: string | undefined;
}

export interface SnapshotOrganizationPolicy {
  id: string;
  arn: string | undefined;
  name: string | undefined;
  type: 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';
  awsManaged: boolean;
  targets: string[];
  parsed: SnapshotPolicy;
}

export interface SnapshotOrganizationNode {
  id: string;
  name: string | undefined;
  type: 'root' | 'ou' | 'account';
  /** Undefined for roots. */
  parentId: string | undefined;
}

export interface SnapshotOrganization {
  id: string;
  arn: string | undefined;
  managementAccountId: string;
  /** Roots, OUs and accounts by id. */
  nodes: Map<string, SnapshotOrganizationNode>;
  policies: SnapshotOrganizationPolicy[];
  scpEnabled: boolean;
  rcpEnabled: boolean;
  /** Derived: SCP levels (root → OUs → account) per account id. Undefined when SCPs are not enabled. */
  scpLevels: Map<string, OrganizationLevel[]>;
  rcpLevels: Map<string, OrganizationLevel[]>;
  /** Derived: `aws:PrincipalOrgPaths` value per account id, e.g. `o-a/r-b/ou-b-1/`. */
  paths: Map<string, string>;
  /** Derived: problems with an account's levels (a broken parent chain, an unparseable policy), per account id. */
  levelGaps: Map<string, string[]>;
  source: string;
}

/** The queryable model of one or more snapshot files. Maps are keyed by ARN unless noted. */
export interface Snapshot {
  /** Files (or labels) the snapshot was read from. */
  sources: string[];
  capturedAt: string | undefined;
  /** By account id. */
  accounts: Map<string, SnapshotAccount>;
  users: Map<string, SnapshotUser>;
  roles: Map<string, SnapshotRole>;
  groups: Map<string, SnapshotGroup>;
  managedPolicies: Map<string, SnapshotManagedPolicy>;
  resources: Map<string, SnapshotResource>;
  /** By endpoint id (`vpce-…`). */
  vpcEndpoints: Map<string, SnapshotVpcEndpoint>;
  /** By organization id. */
  organizations: Map<string, SnapshotOrganization>;
  /** Reads the capture could not make, in file order. */
  notRead: SnapshotNotRead[];
  /** Derived indexes, rebuilt on load and merge. */
  index: SnapshotIndex;
  /** Warnings from reading the input (structural errors stop the load instead). */
  inputFindings: Finding[];
  /** Derived: `inputFindings`, then the findings of every parsed policy, then a warning when GAAD pages are missing. */
  findings: Finding[];
  /** GAAD pages read, and how many said `IsTruncated: true` (a later page is missing when all of them do). */
  gaadPages: { total: number; truncated: number };
}

export interface SnapshotIndex {
  /** Lower-cased user name → users (one per account holding the name). */
  usersByName: Map<string, SnapshotUser[]>;
  rolesByName: Map<string, SnapshotRole[]>;
  /** `ACCOUNT:lower-cased name` → entity. IAM names are unique per account, case-insensitively. */
  userByAccountName: Map<string, SnapshotUser>;
  roleByAccountName: Map<string, SnapshotRole>;
  groupByAccountName: Map<string, SnapshotGroup>;
  /** KMS alias ARN → key ARN. */
  kmsAliases: Map<string, string>;
  /** Account id → organization id. */
  organizationOfAccount: Map<string, string>;
}
