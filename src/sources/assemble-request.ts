/**
 * Sources → the engine's input: merge every contribution, then build the
 * `Request` and `PolicySet`. Facts given later win (an explicit flag over a
 * snapshot), policies add up.
 * CAUTION: publicly exported.
 */
import type { Finding } from '../language/findings.js';
import type { Principal } from '../engine/principal.js';
import type { PolicySet } from '../engine/policy-set.js';
import type { ContextInput, Request } from '../engine/request.js';
import { mergeContributions, type SourceContribution } from './contribution.js';

export interface AssembleOptions {
  principal: Principal;
  action: string;
  resourceArn: string;
  contributions: readonly SourceContribution[];
  /** The moment of the request (feeds aws:CurrentTime / aws:EpochTime). */
  time?: Date;
  rcpSupported?: boolean;
  /** The resource ARN is a pattern read existentially (see `Request.resourceIsPattern`). */
  resourceIsPattern?: boolean;
}

export interface AssembledRequest {
  request: Request;
  policySet: PolicySet;
  findings: Finding[];
  gaps: string[];
  /** S3: the bucket's default encryption, when a source knows it (for explanations' next steps). */
  bucketEncryption?: { algorithm: string; kmsKeyId?: string };
}

export function assembleRequest(options: AssembleOptions): AssembledRequest {
  const merged = mergeContributions(options.contributions);
  const principal: Principal = { ...options.principal, ...definedOnly(merged.principal) };
  const context: Record<string, ContextInput> = merged.context;
  const request: Request = {
    principal,
    action: options.action,
    resource: { ...merged.resource, arn: options.resourceArn },
    organization: merged.organization,
    context,
  };
  if (options.time) request.time = options.time;
  if (options.rcpSupported !== undefined) request.rcpSupported = options.rcpSupported;
  if (options.resourceIsPattern) request.resourceIsPattern = true;
  if (merged.completeContextKeys.length > 0) request.completeContextKeys = merged.completeContextKeys;
  if (merged.contextGaps.length > 0) request.contextGaps = merged.contextGaps;
  // Identity policies given explicitly (-i) make the identity side known again.
  if (merged.identitySideUnknown && merged.policySet.identity.length === 0) request.identitySideUnknown = true;
  return { request, policySet: merged.policySet, findings: merged.findings, gaps: merged.gaps, ...(merged.bucketEncryption ? { bucketEncryption: merged.bucketEncryption } : {}) };
}

/** Principal facts from sources refine the parsed principal; undefined fields never erase what is known. */
function definedOnly(facts: Partial<Principal>): Partial<Principal> {
  return Object.fromEntries(Object.entries(facts).filter(([, value]) => value !== undefined)) as Partial<Principal>;
}
