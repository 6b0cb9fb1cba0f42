/**
 * Requests whose resource always carries a policy that must allow the principal:
 * a role's trust policy for sts:AssumeRole* on the role, a KMS key's key policy
 * for KMS actions on the key ("How AWS enforcement code logic evaluates requests
 * to allow or deny access": role trust policies and KMS key policies must allow
 * the principal; an identity-based policy alone is never enough).
 */
import { parseArn } from '../language/arn.js';
import type { Request } from './request.js';

const TRUST_ACTIONS = new Set([
  'sts:assumerole',
  'sts:assumerolewithsaml',
  'sts:assumerolewithwebidentity',
  'sts:tagsession',
  'sts:setsourceidentity',
  'sts:setcontext',
]);

export type RequiredResourcePolicy = 'trust' | 'kms-key';

/** Actions a role's trust policy authorizes (the role is the resource). */
export function isTrustPolicyAction(action: string): boolean {
  return TRUST_ACTIONS.has(action.toLowerCase());
}

export function requiredResourcePolicy(request: Request): RequiredResourcePolicy | undefined {
  const arn = parseArn(request.resource.arn);
  if (arn === undefined) return undefined;
  const action = request.action.toLowerCase();
  if (isTrustPolicyAction(action) && arn.service === 'iam' && arn.resource.startsWith('role/')) return 'trust';
  if (action.startsWith('kms:') && arn.service === 'kms' && arn.resource.startsWith('key/')) return 'kms-key';
  return undefined;
}
