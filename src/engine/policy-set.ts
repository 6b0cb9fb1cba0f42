/**
 * Every policy that may apply to one request, grouped the way AWS evaluates them.
 * CAUTION: publicly exported.
 */
import type { Policy } from '../language/policy.js';
import type { LayerName, UnknownKind } from './result.js';

/**
 * A policy layer, or part of one, that the sources could not see: not part of the
 * input, or a read that failed. The engine lists it in `unknowns` only when what it
 * could hold would change the decision (a gate only when the answer is allowed, a
 * grant only when it is implicitly denied).
 */
export interface UnseenLayer {
  layer: LayerName;
  kind: Exclude<UnknownKind, 'context_key' | 'source_disagrees'>;
  /** One sentence: what was not seen and why, e.g. "Not read: organizations:ListPoliciesForTarget (AccessDenied) — SCPs not evaluated." */
  detail: string;
  /**
   * What the unseen policies are taken to possibly hold: only an Allow (a resource
   * policy the user did not pass is not assumed to deny), only a Deny, or either
   * when absent.
   */
  couldHold?: 'Allow' | 'Deny';
}

/** One level of an AWS Organizations hierarchy: the root, an OU, or the account. */
export interface OrganizationLevel {
  /** `r-…`, `ou-…`, or the account id; any label when unknown. */
  id: string;
  name?: string;
  type: 'root' | 'ou' | 'account';
  /** Policies attached at this level. For SCPs, at least one must allow; for RCPs, the implicit RCPFullAWSAccess always allows. */
  policies: Policy[];
}

export interface PolicySet {
  /** Identity-based policies of the principal (inline, managed, and through groups; see `Policy.origin`). For a role session, the role's. */
  identity: Policy[];
  /** The resource-based policy of the resource (kind `resource`, `trust` or `kms-key`). */
  resource?: Policy;
  permissionsBoundary?: Policy;
  /** Session policies passed when the session was created (inline and managed). */
  session?: Policy[];
  /** SCP hierarchy of the principal's account, ordered root → OUs → account. Empty or absent: no SCPs apply. */
  scpLevels?: OrganizationLevel[];
  /** RCP hierarchy of the resource's account, ordered root → OUs → account (customer RCPs only). */
  rcpLevels?: OrganizationLevel[];
  /** Policies of the VPC endpoint the request passes through. */
  vpcEndpoint?: Policy[];
  /** What the sources could not see. Absent: the set is taken to be complete. */
  unseen?: UnseenLayer[];
}

/** Every policy of the set, each once, in AWS's layer order. */
export function allPolicies(policySet: PolicySet): Policy[] {
  const levels = [...(policySet.rcpLevels ?? []), ...(policySet.scpLevels ?? [])].flatMap((level) => level.policies);
  const listed = [
    ...levels,
    ...(policySet.vpcEndpoint ?? []),
    ...(policySet.resource ? [policySet.resource] : []),
    ...policySet.identity,
    ...(policySet.permissionsBoundary ? [policySet.permissionsBoundary] : []),
    ...(policySet.session ?? []),
  ];
  return [...new Set(listed)];
}
