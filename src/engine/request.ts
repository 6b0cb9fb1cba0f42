/**
 * What the engine decides on: who, what, on which resource, in which context.
 * CAUTION: publicly exported.
 */
import type { Principal } from './principal.js';

/** Facts about AWS Organizations membership that change which policies apply. */
export interface OrganizationFacts {
  /** Organization id of the principal's account (`aws:PrincipalOrgID`). */
  principalOrgId?: string;
  /** `aws:PrincipalOrgPaths`, e.g. `o-abc/r-ab12/ou-ab12-11111111/`. */
  principalOrgPaths?: string[];
  /** The principal's account is its organization's management account: SCPs do not apply. */
  principalIsManagementAccount?: boolean;
  resourceOrgId?: string;
  resourceOrgPaths?: string[];
  /** The resource's account is its organization's management account: RCPs do not apply. */
  resourceIsManagementAccount?: boolean;
}

export interface RequestResource {
  /** The resource ARN, or `*` for actions that take no resource. */
  arn: string;
  /** Owning account. Taken from the ARN when it has one; S3 bucket ARNs carry none, so give it. */
  account?: string;
  /**
   * The region the resource lives in, for ARNs that carry none (S3 buckets): the
   * region the request goes to, so it feeds `aws:RequestedRegion`.
   */
  region?: string;
  /** Tags of the resource: feed `aws:ResourceTag/*`. */
  tags?: Readonly<Record<string, string>>;
  /** The resource is an AWS managed KMS key (alias/aws/…): RCPs do not apply to it. */
  awsManagedKmsKey?: boolean;
  /** S3 buckets and objects: the effective Block Public Access settings (bucket and owner account combined). Absent: unknown. */
  s3BlockPublicAccess?: S3BlockPublicAccess;
}

/**
 * S3 Block Public Access, effective for one bucket: the most restrictive
 * combination of the bucket's and its owner account's settings. A setting left
 * out is unknown.
 */
export interface S3BlockPublicAccess {
  blockPublicAcls?: boolean;
  ignorePublicAcls?: boolean;
  blockPublicPolicy?: boolean;
  restrictPublicBuckets?: boolean;
}

/** A context value as given: one string, or several for a multivalued key. */
export type ContextInput = string | readonly string[];

export interface Request {
  principal: Principal;
  /** `service:Action`, e.g. `s3:GetObject`. Matched case-insensitively. */
  action: string;
  resource: RequestResource;
  /**
   * The resource ARN is a pattern (`arn:aws:s3:::bucket/*`) standing for every
   * resource it matches: "is there a resource matching it on which the request
   * would be allowed?" Set it for actions that have resource types; an action
   * without any is evaluated against `*` literally, as AWS does.
   */
  resourceIsPattern?: boolean;
  /** Condition keys as given; they win over every derived value. Keys are case-insensitive. */
  context?: Readonly<Record<string, ContextInput>>;
  organization?: OrganizationFacts;
  /**
   * The moment of the request, for `aws:CurrentTime`/`aws:EpochTime`. The engine
   * never reads the clock (it is deterministic); when absent these keys are not derived.
   */
  time?: Date;
  /**
   * The request travels through a VPC endpoint. Defaults to true when VPC endpoint
   * policies are supplied or `aws:SourceVpce` is in the context.
   */
  viaVpcEndpoint?: boolean;
  /**
   * The principal's own account is not known to iamwhy (e.g. an account outside
   * the snapshot): its identity-based policies, boundary and SCPs are unknown.
   * Only the resource side is evaluated, assuming the principal's account allows.
   */
  identitySideUnknown?: boolean;
  /**
   * The action's service supports RCPs ("Resource control policies (RCPs)": the
   * list of supported services). Sources fill it from the service data; when
   * absent RCPs are taken to apply.
   */
  rcpSupported?: boolean;
  /**
   * Condition keys whose absence from the context is a fact, not a gap: exact keys,
   * or prefixes ending in `/` (`aws:PrincipalTag/` when the principal's tags are
   * known in full). An absent key listed here is never an unknown.
   */
  completeContextKeys?: readonly string[];
  /**
   * Condition keys a source tried and failed to learn (e.g. a resource's tags whose
   * read was denied): exact keys or prefixes ending in `/`. An unknown on such a key
   * carries this kind and detail.
   */
  contextGaps?: readonly ContextGap[];
}

export interface ContextGap {
  keys: readonly string[];
  kind: 'policy_not_supplied' | 'read_denied' | 'unsupported';
  detail: string;
}
