/**
 * The kinds of policy AWS evaluates. They share one grammar but differ in what
 * each element may hold (see "Grammar of the IAM JSON policy language" and the
 * pages for each policy type).
 * CAUTION: publicly exported.
 */
export const POLICY_KINDS = [
  'identity',
  'resource',
  'trust',
  'kms-key',
  'permissions-boundary',
  'session',
  'scp',
  'rcp',
  'vpc-endpoint',
] as const;

export type PolicyKind = (typeof POLICY_KINDS)[number];

/** Kinds whose statements name a Principal (resource-based policies in AWS's sense). */
export function isResourceBasedKind(kind: PolicyKind): boolean {
  return kind === 'resource' || kind === 'trust' || kind === 'kms-key' || kind === 'vpc-endpoint' || kind === 'rcp';
}

export function isPolicyKind(value: string): value is PolicyKind {
  return (POLICY_KINDS as readonly string[]).includes(value);
}
