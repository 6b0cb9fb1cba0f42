/**
 * Who can make a fix: the person or account that may change the policy a fix
 * touches, in words ("an IAM administrator of account 111111111111", "the
 * organization's management account or a delegated administrator").
 */
import type { EvaluationResult, LayerName } from '../engine/result.js';
import { parseArn } from '../language/arn.js';
import { resourcePolicyKindOf } from './near-misses.js';

const ORGANIZATION_ADMINS = 'the organization’s management account, or a delegated administrator for AWS Organizations policies';

function principalAccountWords(result: EvaluationResult): string {
  const account = result.request.principalAccount;
  return account ? `account ${account}` : 'the principal’s account';
}

function resourceAccountWords(result: EvaluationResult): string {
  const account = result.request.resourceAccount;
  return account ? `account ${account}` : 'the resource’s account';
}

export function whoChanges(layer: LayerName, result: EvaluationResult): string {
  switch (layer) {
    case 'identity':
      return `An IAM administrator of ${principalAccountWords(result)}`;
    case 'permissions_boundary':
      return `An IAM administrator of ${principalAccountWords(result)} (whoever manages the boundary policy)`;
    case 'session_policy':
      return 'Whoever creates the session (the Policy and PolicyArns of its sts:AssumeRole or GetFederationToken call)';
    case 'scp':
    case 'rcp':
      return ORGANIZATION_ADMINS.charAt(0).toUpperCase() + ORGANIZATION_ADMINS.slice(1);
    case 'vpc_endpoint':
      return 'The owner of the VPC endpoint (ec2:ModifyVpcEndpoint)';
    case 's3_block_public_access':
      return `The bucket owner, ${resourceAccountWords(result)} (s3:PutBucketPublicAccessBlock, or s3:PutAccountPublicAccessBlock for the account)`;
    case 'resource': {
      const kind = resourcePolicyKindOf(result);
      if (kind === 'trust') return `An IAM administrator of ${resourceAccountWords(result)} (iam:UpdateAssumeRolePolicy on the role)`;
      if (kind === 'kms-key') return `The key’s administrators in ${resourceAccountWords(result)} (kms:PutKeyPolicy)`;
      const service = parseArn(result.request.resource)?.service;
      if (service === 's3') return `The bucket owner, ${resourceAccountWords(result)} (s3:PutBucketPolicy)`;
      return `The owner of the resource, ${resourceAccountWords(result)}`;
    }
  }
}
