/**
 * The resource side of one request, by service: S3, KMS, SQS, SNS, Lambda,
 * Secrets Manager, ECR, and IAM roles (the trust policy, for `sts:AssumeRole*`).
 * A resource whose ARN names another account than the credentials' is not read
 * (its owner's credentials are needed: `--resource-profile`).
 */
import { parseArn } from '../../../language/arn.js';
import { isTrustPolicyAction } from '../../../engine/required-resource-policy.js';
import { readRoleTrust } from '../identity.js';
import type { ReadCount, ResourceContext } from './context.js';
import { readFunction } from './lambda.js';
import { readKey } from './kms.js';
import { readRepository } from './ecr.js';
import { bucketOf, readBucket } from './s3.js';
import { readSecret } from './secrets-manager.js';
import { readTopic } from './sns.js';
import { readQueue } from './sqs.js';

export type { ResourceContext } from './context.js';

/** Which read of a service stands for "the resource's policy" when it is not attempted. */
const POLICY_OPERATION: Record<string, string> = {
  kms: 'kms:GetKeyPolicy',
  sqs: 'sqs:GetQueueAttributes',
  sns: 'sns:GetTopicAttributes',
  lambda: 'lambda:GetPolicy',
  secretsmanager: 'secretsmanager:GetResourcePolicy',
  ecr: 'ecr:GetRepositoryPolicy',
  iam: 'iam:GetRole',
};

/**
 * Read what the request's resource carries into the context's account document.
 * Returns how many reads succeeded, or `undefined` when the resource takes no
 * resource-based policy iamwhy reads.
 */
export async function readResource(context: ResourceContext, resourceArn: string, action: string, sessionRegion: string): Promise<ReadCount | undefined> {
  const arn = parseArn(resourceArn);
  if (arn === undefined) return undefined;
  if (arn.service === 's3') {
    const bucket = bucketOf(resourceArn);
    return bucket === undefined ? undefined : readBucket(context, bucket.bucket, bucket.bucketArn);
  }
  const operation = POLICY_OPERATION[arn.service];
  if (operation === undefined) return undefined;
  if (arn.service === 'iam' && !(isTrustPolicyAction(action) && arn.resource.startsWith('role/'))) return undefined;
  if (arn.account !== context.account.accountId) {
    const error = `credentials are for account ${context.account.accountId}; give --resource-profile for account ${arn.account}`;
    context.account.addNotRead({ operation, error, part: arn.service === 'iam' ? 'trust_policy' : 'resource_policy', target: resourceArn });
    if (arn.service !== 'iam') context.account.addNotRead({ operation, error, part: 'resource_tags', target: resourceArn });
    return 0;
  }
  const region = arn.region === '' ? sessionRegion : arn.region;
  const name = arn.resource.slice(arn.resource.indexOf('/') + 1);
  switch (arn.service) {
    case 'kms':
      return arn.resource.startsWith('key/') || arn.resource.startsWith('alias/') ? readKey(context, resourceArn, region) : undefined;
    case 'sqs':
      return readQueue(context, resourceArn, region, arn.resource, arn.account);
    case 'sns':
      return readTopic(context, resourceArn, region);
    case 'lambda':
      return arn.resource.startsWith('function:') ? readFunction(context, resourceArn, region) : undefined;
    case 'secretsmanager':
      return arn.resource.startsWith('secret:') ? readSecret(context, resourceArn, region) : undefined;
    case 'ecr':
      return arn.resource.startsWith('repository/') ? readRepository(context, resourceArn, region, arn.account, name) : undefined;
    case 'iam':
      return readRoleTrust(context.reader, arn.resource.slice(arn.resource.lastIndexOf('/') + 1), resourceArn, context.account);
    default:
      return undefined;
  }
}
