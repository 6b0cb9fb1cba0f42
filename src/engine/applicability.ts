/**
 * Which policy layers apply to a request, and why not when they don't
 * ("Service control policies (SCPs)": tasks and entities not restricted by SCPs;
 * "Resource control policies (RCPs)": resources and entities not restricted by RCPs;
 * "Permissions boundaries for IAM entities"; "Session policies").
 */
import { normalizeContextKey } from '../language/condition-keys.js';
import { resolveResourceAccount } from './derive-context.js';
import type { PolicySet } from './policy-set.js';
import { hasIamCredentials, isIdentityProvider } from './principal.js';
import { isTrustPolicyAction, requiredResourcePolicy } from './required-resource-policy.js';
import type { Request } from './request.js';
import type { LayerName, NotApplicable } from './result.js';

export type Applicability = { applies: true } | { applies: false; why: NotApplicable };

const APPLIES: Applicability = { applies: true };
const not = (code: string, message: string): Applicability => ({ applies: false, why: { code, message } });

function hasPolicies(levels: PolicySet['scpLevels']): boolean {
  return (levels ?? []).some((level) => level.policies.length > 0);
}

/** The request travels through a VPC endpoint: said so, or implied by endpoint policies or aws:SourceVpce. */
export function travelsThroughVpcEndpoint(request: Request, policySet: PolicySet): boolean {
  if (request.viaVpcEndpoint !== undefined) return request.viaVpcEndpoint;
  if ((policySet.vpcEndpoint ?? []).length > 0) return true;
  const key = normalizeContextKey('aws:SourceVpce');
  return Object.keys(request.context ?? {}).some((given) => normalizeContextKey(given) === key);
}

export function layerApplicability(layer: LayerName, request: Request, policySet: PolicySet): Applicability {
  const { principal, organization = {} } = request;
  const isIamPrincipal = hasIamCredentials(principal.kind);
  switch (layer) {
    case 'scp':
      if (!hasPolicies(policySet.scpLevels)) return not('NO_SCPS', 'No SCPs were supplied for the principal’s account.');
      if (!isIamPrincipal)
        return not(
          'SCP_NOT_FOR_PRINCIPAL',
          `SCPs restrict only IAM users, roles and root users of member accounts, not ${principal.kind === 'service' ? 'AWS service principals' : isIdentityProvider(principal.kind) ? 'callers federating through an identity provider' : 'anonymous requests'}.`,
        );
      if (organization.principalIsManagementAccount)
        return not('SCP_MANAGEMENT_ACCOUNT', 'SCPs do not apply to the management account.');
      if (principal.serviceLinked) return not('SCP_SERVICE_LINKED_ROLE', 'SCPs do not apply to service-linked roles.');
      return APPLIES;
    case 'rcp':
      if (!hasPolicies(policySet.rcpLevels)) return not('NO_RCPS', 'No customer RCPs were supplied for the resource’s account (RCPFullAWSAccess allows everything).');
      // "RCPs don't affect resources in the management account": given for the resource, or
      // implied when the management account's own principal acts on a resource of its account.
      if (organization.resourceIsManagementAccount || (organization.principalIsManagementAccount && resolveResourceAccount(request).account === principal.account))
        return not('RCP_MANAGEMENT_ACCOUNT', 'RCPs do not apply to resources in the management account.');
      if (principal.serviceLinked) return not('RCP_SERVICE_LINKED_ROLE', 'RCPs do not apply to calls made by service-linked roles.');
      if (isTrustPolicyAction(request.action) && /^arn:[^:]+:iam::\d{12}:role\/aws-service-role\//.test(request.resource.arn))
        return not('RCP_SERVICE_LINKED_ROLE_TRUST', 'RCPs do not affect AWS services assuming a service-linked role (its trust policy).');
      if (request.resource.awsManagedKmsKey) return not('RCP_AWS_MANAGED_KMS_KEY', 'RCPs do not apply to AWS managed KMS keys.');
      if (request.action.toLowerCase() === 'kms:retiregrant') return not('RCP_KMS_RETIRE_GRANT', 'RCPs do not apply to kms:RetireGrant.');
      if (request.rcpSupported === false) return not('RCP_SERVICE_NOT_SUPPORTED', `RCPs do not apply to ${request.action.split(':')[0]}: the service does not support them.`);
      return APPLIES;
    case 'vpc_endpoint':
      if (!travelsThroughVpcEndpoint(request, policySet)) return not('NOT_VIA_VPC_ENDPOINT', 'The request does not pass through a VPC endpoint.');
      if ((policySet.vpcEndpoint ?? []).length === 0)
        return not('NO_VPC_ENDPOINT_POLICY', 'No VPC endpoint policy was supplied (an endpoint without one allows full access).');
      return APPLIES;
    case 'resource':
      // A role always has a trust policy and a KMS key a key policy: when none was
      // supplied, nothing in it allows the principal.
      return policySet.resource || requiredResourcePolicy(request) ? APPLIES : not('NO_RESOURCE_POLICY', 'No resource-based policy was supplied for the resource.');
    case 'identity':
      if (principal.kind === 'anonymous') return not('ANONYMOUS', 'Anonymous requests carry no identity-based policies.');
      if (isIdentityProvider(principal.kind))
        return not('IDENTITY_PROVIDER', 'A caller federating through an identity provider carries no identity-based policies: the role’s trust policy decides.');
      if (request.identitySideUnknown && policySet.identity.length === 0)
        return not('IDENTITY_UNKNOWN', `The identity-based policies of ${principal.arn} are not known; only the resource side is evaluated, assuming its own account allows.`);
      if (principal.kind === 'service') return not('SERVICE_PRINCIPAL', 'AWS service principals carry no identity-based policies.');
      return APPLIES;
    case 'permissions_boundary':
      if (!policySet.permissionsBoundary) return not('NO_BOUNDARY', 'The principal has no permissions boundary.');
      if (!isIamPrincipal || principal.kind === 'root')
        return not('BOUNDARY_NOT_FOR_PRINCIPAL', 'Permissions boundaries apply only to IAM users and roles.');
      return APPLIES;
    case 's3_block_public_access':
      // Not a policy layer: evaluate.ts decides it from the settings and the bucket policy.
      return not('NOT_A_POLICY_LAYER', 'S3 Block Public Access is decided from the bucket’s settings, not from policies.');
    case 'session_policy': {
      const isSession = principal.kind === 'assumed-role' || principal.kind === 'federated-user' || principal.kind === 'role';
      if (!isSession) return not('NOT_A_SESSION', 'Session policies apply only to role and federated-user sessions.');
      if ((policySet.session ?? []).length > 0) return APPLIES;
      // Federated-user sessions come only from GetFederationToken: without a session policy they have no permissions.
      if (principal.kind === 'federated-user') return APPLIES;
      return not('NO_SESSION_POLICY', 'The session was created without a session policy.');
    }
  }
}
