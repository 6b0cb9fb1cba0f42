/**
 * The input formats an account snapshot is read from, as plain JSON shapes:
 *
 * - the output of `aws iam get-account-authorization-details` (GAAD), with policy
 *   documents as objects (AWS CLI, boto3) or URL-encoded JSON strings (the other
 *   SDKs), whole or as pages (`IsTruncated`/`Marker`);
 * - iamwhy's own snapshot format, a superset of GAAD that adds what GAAD lacks:
 *   resource-based policies keyed by ARN, resource tags, S3 Block Public Access,
 *   VPC endpoint policies and the AWS Organizations hierarchy with its SCPs and
 *   RCPs. Every field is what an AWS API call returns, so a live mode can write it.
 *
 * The JSON Schema is `schema/iamwhy-snapshot.schema.json`; the loader checks the
 * same shapes itself (see `read-input.ts`).
 * CAUTION: publicly exported.
 */

/** The version of the snapshot format this module reads and writes. */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** A policy document: a JSON object, a JSON string, or a URL-encoded JSON string. */
export type PolicyDocumentInput = string | Record<string, unknown>;

export interface GaadTag {
  Key: string;
  Value: string;
}

/** Tags as AWS APIs return them: a list of `{Key, Value}` or a `{key: value}` map. */
export type TagsInput = GaadTag[] | Record<string, string>;

export interface GaadInlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocumentInput;
}

export interface GaadAttachedPolicy {
  PolicyName?: string;
  PolicyArn: string;
}

export interface GaadPermissionsBoundary {
  PermissionsBoundaryType?: string;
  PermissionsBoundaryArn: string;
}

export interface GaadUserDetail {
  Path?: string;
  UserName: string;
  UserId?: string;
  Arn: string;
  CreateDate?: string;
  UserPolicyList?: GaadInlinePolicy[];
  GroupList?: string[];
  AttachedManagedPolicies?: GaadAttachedPolicy[];
  PermissionsBoundary?: GaadPermissionsBoundary;
  Tags?: GaadTag[];
}

export interface GaadGroupDetail {
  Path?: string;
  GroupName: string;
  GroupId?: string;
  Arn: string;
  CreateDate?: string;
  GroupPolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: GaadAttachedPolicy[];
}

export interface GaadRoleDetail {
  Path?: string;
  RoleName: string;
  RoleId?: string;
  Arn: string;
  CreateDate?: string;
  AssumeRolePolicyDocument?: PolicyDocumentInput;
  /** Read but not used: the roles nested here repeat RoleDetailList entries. */
  InstanceProfileList?: unknown[];
  RolePolicyList?: GaadInlinePolicy[];
  AttachedManagedPolicies?: GaadAttachedPolicy[];
  PermissionsBoundary?: GaadPermissionsBoundary;
  Tags?: GaadTag[];
  RoleLastUsed?: { LastUsedDate?: string; Region?: string };
}

export interface GaadPolicyVersion {
  Document: PolicyDocumentInput;
  VersionId?: string;
  IsDefaultVersion?: boolean;
  CreateDate?: string;
}

export interface GaadManagedPolicyDetail {
  PolicyName: string;
  PolicyId?: string;
  Arn: string;
  Path?: string;
  DefaultVersionId?: string;
  AttachmentCount?: number;
  PermissionsBoundaryUsageCount?: number;
  IsAttachable?: boolean;
  Description?: string;
  CreateDate?: string;
  UpdateDate?: string;
  PolicyVersionList?: GaadPolicyVersion[];
}

/** One `get-account-authorization-details` response (or the CLI's merged output). */
export interface GaadDocument {
  UserDetailList?: GaadUserDetail[];
  GroupDetailList?: GaadGroupDetail[];
  RoleDetailList?: GaadRoleDetail[];
  Policies?: GaadManagedPolicyDetail[];
  IsTruncated?: boolean;
  Marker?: string;
}

/** `s3api get-public-access-block` → `PublicAccessBlockConfiguration` (bucket or account). */
export interface S3PublicAccessBlockInput {
  BlockPublicAcls?: boolean;
  IgnorePublicAcls?: boolean;
  BlockPublicPolicy?: boolean;
  RestrictPublicBuckets?: boolean;
}

/**
 * A resource and what iamwhy needs to know about it. `policy` is the resource-based
 * policy as its service returns it (`get-bucket-policy` Policy, `get-key-policy`,
 * SQS/SNS `Policy` attribute, `lambda get-policy`, `secretsmanager
 * get-resource-policy` ResourcePolicy, `ecr get-repository-policy` policyText…).
 */
export interface ResourceInput {
  arn: string;
  /** CloudFormation-style type name (`AWS::S3::Bucket`); informational. */
  type?: string;
  policy?: PolicyDocumentInput | null;
  tags?: TagsInput;
  /** KMS keys: `describe-key` KeyManager is `AWS`. RCPs do not apply to AWS managed keys. */
  awsManagedKmsKey?: boolean;
  /** The resource's region when its ARN has none (S3: `get-bucket-location`); feeds `aws:RequestedRegion`. */
  region?: string;
  /** KMS keys: alias ARNs that point at this key (`list-aliases`). */
  aliases?: string[];
  /** S3 buckets: the bucket's Block Public Access settings. */
  s3PublicAccessBlock?: S3PublicAccessBlockInput;
  /** S3 buckets: the default encryption (get-bucket-encryption `Rules[0].ApplyServerSideEncryptionByDefault`). */
  s3Encryption?: S3EncryptionInput;
}

/** `ApplyServerSideEncryptionByDefault`: `AES256`, `aws:kms` or `aws:kms:dsse`, and the KMS key for the latter. */
export interface S3EncryptionInput {
  SSEAlgorithm: string;
  KMSMasterKeyID?: string;
}

/** `ec2 describe-vpc-endpoints` → `VpcEndpoints[]`, reduced to what evaluation needs. */
export interface VpcEndpointInput {
  /** `vpce-…`. */
  id: string;
  vpcId?: string;
  serviceName?: string;
  /** `PolicyDocument`; absent means the default full-access policy. */
  policy?: PolicyDocumentInput | null;
}

/**
 * What a capture could not read, and what it therefore lacks. Recorded so an
 * offline answer from the snapshot carries the same unknowns as the live answer.
 * - `inline_policies`, `managed_policies`, `groups`, `permissions_boundary`,
 *   `principal_tags`: of the user, group or role `target` (its ARN);
 * - `managed_policy`: the document of the managed policy `target`;
 * - `trust_policy`: of the role `target`;
 * - `resource_policy`, `resource_tags`, `resource_region`, `resource_key_manager`,
 *   `s3_public_access_block`: of the resource `target` (for the last, an account id
 *   means the account-level setting);
 * - `resources`: the listing of the service `target` (`s3`, `kms`…) in this account;
 * - `organization`: the account's organization (its SCPs, RCPs and ids);
 * - `scp`, `rcp`, `org_paths`: the account's SCP or RCP levels, or its path in the organization.
 */
export type NotReadPart =
  | 'inline_policies'
  | 'managed_policies'
  | 'groups'
  | 'permissions_boundary'
  | 'principal_tags'
  | 'managed_policy'
  | 'trust_policy'
  | 'resource_policy'
  | 'resource_tags'
  | 'resource_region'
  | 'resource_key_manager'
  | 's3_public_access_block'
  | 'resources'
  | 'organization'
  | 'scp'
  | 'rcp'
  | 'org_paths';

export interface NotReadInput {
  /** The call that failed, as `service:Operation`, e.g. `organizations:ListPoliciesForTarget`. */
  operation: string;
  /** AWS's error code (`AccessDenied`, `AccessDeniedException`…). */
  error: string;
  part: NotReadPart;
  /** What it concerns (an ARN, a service prefix, an account id); absent for the account itself. */
  target?: string;
}

export interface SnapshotAccountInput {
  accountId: string;
  /** `aws`, `aws-cn`, `aws-us-gov`; taken from ARNs when absent. */
  partition?: string;
  alias?: string;
  /** GAAD output for this account: one document or a list of pages. */
  authorizationDetails?: GaadDocument | GaadDocument[];
  resources?: ResourceInput[];
  vpcEndpoints?: VpcEndpointInput[];
  /** `s3control get-public-access-block`: account-level S3 Block Public Access. */
  s3PublicAccessBlock?: S3PublicAccessBlockInput;
  /** Reads of this account that failed (see `NotReadInput`). */
  notRead?: NotReadInput[];
  /** `false`: the account belongs to no organization (describe-organization: AWSOrganizationsNotInUseException), so no SCPs or RCPs apply. */
  inOrganization?: boolean;
}

export type OrganizationPolicyType = 'SERVICE_CONTROL_POLICY' | 'RESOURCE_CONTROL_POLICY';

export interface OrganizationRootInput {
  /** `r-…`. */
  id: string;
  name?: string;
  /** `list-roots` PolicyTypes with Status ENABLED. When absent, a type counts as enabled if the snapshot holds policies of it. */
  enabledPolicyTypes?: OrganizationPolicyType[];
}

export interface OrganizationalUnitInput {
  /** `ou-…`. */
  id: string;
  name?: string;
  /** `r-…` or `ou-…` (`list-parents`). */
  parentId: string;
}

export interface OrganizationAccountInput {
  id: string;
  name?: string;
  /** `r-…` or `ou-…` (`list-parents`); absent when it could not be read (the account's levels are then unknown). */
  parentId?: string;
}

export interface OrganizationPolicyInput {
  /** `p-…` (`p-FullAWSAccess` for the AWS managed SCP). */
  id: string;
  arn?: string;
  name?: string;
  type: OrganizationPolicyType;
  awsManaged?: boolean;
  /** `describe-policy` Policy.Content: a JSON string (or the parsed object). */
  content: PolicyDocumentInput;
  /** Root, OU and account ids the policy is attached to (`list-targets-for-policy`). */
  targets: string[];
}

export interface OrganizationInput {
  /** `o-…` (`describe-organization`). */
  id: string;
  arn?: string;
  managementAccountId: string;
  featureSet?: 'ALL' | 'CONSOLIDATED_BILLING';
  roots: OrganizationRootInput[];
  organizationalUnits?: OrganizationalUnitInput[];
  accounts?: OrganizationAccountInput[];
  policies?: OrganizationPolicyInput[];
}

/** iamwhy's snapshot format, version 1. */
export interface IamwhySnapshotDocument {
  iamwhySnapshot: typeof SNAPSHOT_FORMAT_VERSION;
  /** ISO 8601 time the snapshot was taken. */
  capturedAt?: string;
  /** What wrote it (`iamwhy 0.3.0 snapshot`, a script name…). */
  generator?: string;
  accounts: SnapshotAccountInput[];
  organization?: OrganizationInput;
}
