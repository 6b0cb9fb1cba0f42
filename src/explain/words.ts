/** The words iamwhy uses for layers and policy kinds, in one place. */
import type { PolicyKind } from '../language/policy-kind.js';
import type { LayerName } from '../engine/result.js';

export const LAYER_TITLES: Record<LayerName, string> = {
  rcp: 'Resource control policies (RCPs)',
  scp: 'Service control policies (SCPs)',
  vpc_endpoint: 'VPC endpoint policy',
  resource: 'Resource-based policy',
  s3_block_public_access: 'S3 Block Public Access',
  identity: 'Identity-based policies',
  permissions_boundary: 'Permissions boundary',
  session_policy: 'Session policy',
};

/** As AWS's AccessDenied messages name them ("a service control policy", "an identity-based policy"). */
export const LAYER_NOUNS: Record<LayerName, string> = {
  rcp: 'resource control policy',
  scp: 'service control policy',
  vpc_endpoint: 'VPC endpoint policy',
  resource: 'resource-based policy',
  s3_block_public_access: 'S3 Block Public Access setting',
  identity: 'identity-based policy',
  permissions_boundary: 'permissions boundary',
  session_policy: 'session policy',
};

export const KIND_NOUNS: Record<PolicyKind, string> = {
  identity: 'identity-based policy',
  resource: 'resource-based policy',
  trust: 'role trust policy',
  'kms-key': 'KMS key policy',
  'permissions-boundary': 'permissions boundary',
  session: 'session policy',
  scp: 'service control policy',
  rcp: 'resource control policy',
  'vpc-endpoint': 'VPC endpoint policy',
};
