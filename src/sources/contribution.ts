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
import type { OrganizationLevel, PolicySet } from '../engine/policy-set.js';
import type { ContextInput, OrganizationFacts, RequestResource } from '../engine/request.js';

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
  /** Things the source could not provide (e.g. AWS managed policies a GAAD file omits), one sentence each. */
  gaps?: string[];
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
} {
  const policySet: PolicySet = { identity: [] };
  let principal: Partial<Principal> = {};
  let resource: Partial<RequestResource> = {};
  let organization: OrganizationFacts = {};
  const context: Record<string, ContextInput> = {};
  const findings: Finding[] = [];
  const gaps: string[] = [];
  let identitySideUnknown = false;
  for (const part of contributions) {
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
  }
  return { policySet, principal, resource, organization, context, findings, gaps, identitySideUnknown };
}
