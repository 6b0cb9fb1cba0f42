/**
 * What a source (policy files, context files, an account snapshot, live AWS)
 * contributes to one request. Sources are gathered, merged in order (later
 * wins for scalar facts; policies add up), then turned into a `Request` and a
 * `PolicySet` for the engine.
 * CAUTION: publicly exported.
 */
import type { Finding } from '../language/findings.js';
import type { Policy } from '../language/policy.js';
import type { Principal } from '../engine/principal.js';
import type { OrganizationLevel, PolicySet, UnseenLayer } from '../engine/policy-set.js';
import type { ContextGap, ContextInput, OrganizationFacts, RequestResource } from '../engine/request.js';

export interface SourceContribution {
  /** Where this came from, for messages ("snapshot acme.json", "--identity-policy"). */
  label: string;
  identity?: Policy[];
  resourcePolicy?: Policy;
  permissionsBoundary?: Policy;
  session?: Policy[];
  scpLevels?: OrganizationLevel[];
  rcpLevels?: OrganizationLevel[];
  vpcEndpoint?: Policy[];
  /** The principal's own account is unknown to this source: evaluate the resource side only. */
  identitySideUnknown?: boolean;
  /** Facts about the principal (tags, unique id, path, a resolved ARN). */
  principal?: Partial<Principal>;
  resource?: Partial<RequestResource>;
  organization?: OrganizationFacts;
  /** Condition keys; explicit values given by the user win over derived ones in the engine. */
  context?: Record<string, ContextInput>;
  findings?: Finding[];
  /** Things the source could not provide that are no policy layer, one sentence each (notes). */
  gaps?: string[];
  /** Policy layers (or parts) the source could not see: the engine lists those that could change the decision. */
  unseen?: UnseenLayer[];
  /** Condition keys (or `…/` prefixes) whose absence this source knows to be a fact. */
  completeContextKeys?: string[];
  /** Condition keys this source tried and failed to learn. */
  contextGaps?: ContextGap[];
  /** S3: the bucket's default encryption, for what the task also needs (not evaluated). */
  bucketEncryption?: { algorithm: string; kmsKeyId?: string };
}

/** The contribution supplies the whole layer, replacing what earlier sources had (or lacked) of it. */
function replaces(part: SourceContribution, layer: UnseenLayer['layer']): boolean {
  switch (layer) {
    case 'scp':
      return part.scpLevels !== undefined;
    case 'rcp':
      return part.rcpLevels !== undefined;
    case 'resource':
      return part.resourcePolicy !== undefined;
    case 'permissions_boundary':
      return part.permissionsBoundary !== undefined;
    case 'vpc_endpoint':
      return part.vpcEndpoint !== undefined;
    case 'identity':
    case 'session_policy':
    case 's3_block_public_access':
      // Policies of these layers add up: what an earlier source could not see stays unseen.
      return false;
  }
}

/** Merge contributions in order: policies accumulate, single facts from later sources override earlier ones. */
export function mergeContributions(contributions: readonly SourceContribution[]): {
  policySet: PolicySet;
  principal: Partial<Principal>;
  resource: Partial<RequestResource>;
  organization: OrganizationFacts;
  context: Record<string, ContextInput>;
  findings: Finding[];
  gaps: string[];
  identitySideUnknown: boolean;
  completeContextKeys: string[];
  contextGaps: ContextGap[];
  bucketEncryption: SourceContribution['bucketEncryption'];
} {
  const policySet: PolicySet = { identity: [] };
  let principal: Partial<Principal> = {};
  let resource: Partial<RequestResource> = {};
  let organization: OrganizationFacts = {};
  const context: Record<string, ContextInput> = {};
  const findings: Finding[] = [];
  const gaps: string[] = [];
  let identitySideUnknown = false;
  let unseen: UnseenLayer[] = [];
  const completeContextKeys: string[] = [];
  const contextGaps: ContextGap[] = [];
  let bucketEncryption: SourceContribution['bucketEncryption'];
  for (const part of contributions) {
    if (part.bucketEncryption) bucketEncryption = part.bucketEncryption;
    if (part.identitySideUnknown) identitySideUnknown = true;
    if (part.identity) policySet.identity.push(...part.identity);
    if (part.resourcePolicy) policySet.resource = part.resourcePolicy;
    if (part.permissionsBoundary) policySet.permissionsBoundary = part.permissionsBoundary;
    if (part.session) policySet.session = [...(policySet.session ?? []), ...part.session];
    if (part.scpLevels) policySet.scpLevels = part.scpLevels;
    if (part.rcpLevels) policySet.rcpLevels = part.rcpLevels;
    if (part.vpcEndpoint) policySet.vpcEndpoint = [...(policySet.vpcEndpoint ?? []), ...part.vpcEndpoint];
    if (part.principal) principal = { ...principal, ...part.principal };
    if (part.resource) resource = { ...resource, ...part.resource };
    if (part.organization) organization = { ...organization, ...part.organization };
    if (part.context) Object.assign(context, part.context);
    if (part.findings) findings.push(...part.findings);
    if (part.gaps) gaps.push(...part.gaps);
    // What a later source supplies in place of an earlier one is no longer unseen
    // (an explicit -R or --organization-config beside a snapshot that lacked them).
    unseen = unseen.filter((gap) => !replaces(part, gap.layer));
    if (part.unseen) unseen.push(...part.unseen);
    if (part.completeContextKeys) completeContextKeys.push(...part.completeContextKeys);
    if (part.contextGaps) contextGaps.push(...part.contextGaps);
  }
  if (unseen.length > 0) policySet.unseen = unseen;
  return { policySet, principal, resource, organization, context, findings, gaps, identitySideUnknown, completeContextKeys, contextGaps, bucketEncryption };
}
