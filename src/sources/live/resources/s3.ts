/**
 * S3 buckets: the bucket policy, region, Block Public Access (bucket and
 * account) and tags. A bucket ARN carries no account: GetBucketPolicy answers
 * only within the owner's account ("GetBucketPolicy": a caller of another
 * account gets 405 Method Not Allowed), so a readable policy, or
 * NoSuchBucketPolicy, tells that the credentials' account owns the bucket.
 */
import type {
  GetBucketEncryptionCommandOutput,
  GetBucketLocationCommandOutput,
  GetBucketPolicyCommandOutput,
  GetBucketTaggingCommandOutput,
  GetPublicAccessBlockCommandOutput,
  ListBucketsCommandOutput,
} from '@aws-sdk/client-s3';
import type { GetPublicAccessBlockCommandOutput as GetAccountPublicAccessBlockCommandOutput } from '@aws-sdk/client-s3-control';
import type { ResourceInput, S3PublicAccessBlockInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import type { ReadOutcome } from '../reads.js';
import { putResource, tagList, type ReadCount, type ResourceContext } from './context.js';

/** `GetBucketLocation` says `null`/`""` for us-east-1 and `EU` for the oldest eu-west-1 buckets. */
function regionOf(constraint: string | undefined | null): string {
  if (constraint === undefined || constraint === null || constraint === '') return 'us-east-1';
  return constraint === 'EU' ? 'eu-west-1' : constraint;
}

/** No configuration at all (NoSuchPublicAccessBlockConfiguration) means every setting is off at that level. */
const NO_BLOCK: S3PublicAccessBlockInput = { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: false, RestrictPublicBuckets: false };

function blockOf(answer: ReadOutcome<GetPublicAccessBlockCommandOutput | GetAccountPublicAccessBlockCommandOutput>): S3PublicAccessBlockInput | undefined {
  if (!answer.ok) return answer.failure.kind === 'not_found' ? { ...NO_BLOCK } : undefined;
  const config = answer.value.PublicAccessBlockConfiguration;
  if (config === undefined) return undefined;
  const block: S3PublicAccessBlockInput = {};
  for (const key of ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const) {
    const value = config[key];
    if (value !== undefined) block[key] = value;
  }
  return block;
}

/** The bucket of an `arn:aws:s3:::bucket` or `arn:aws:s3:::bucket/key` ARN. */
export function bucketOf(arn: string): { bucket: string; bucketArn: string } | undefined {
  const match = /^arn:([^:]+):s3:::([^/]+)(?:\/.*)?$/.exec(arn);
  if (!match?.[2]) return undefined;
  return { bucket: match[2], bucketArn: `arn:${match[1]}:s3:::${match[2]}` };
}

export async function readBucket(context: ResourceContext, bucket: string, bucketArn: string): Promise<ReadCount> {
  const { reader, account } = context;
  const [policy, location, block, tagging, encryption] = await Promise.all([
    reader.send<GetBucketPolicyCommandOutput>('s3', 'GetBucketPolicy', { Bucket: bucket }, { after: [context.after] }),
    reader.send<GetBucketLocationCommandOutput>('s3', 'GetBucketLocation', { Bucket: bucket }, { after: [context.after] }),
    reader.send<GetPublicAccessBlockCommandOutput>('s3', 'GetPublicAccessBlock', { Bucket: bucket }, { after: [context.after] }),
    reader.send<GetBucketTaggingCommandOutput>('s3', 'GetBucketTagging', { Bucket: bucket }, { after: [context.after] }),
    // Optional: only for the hint that an SSE-KMS bucket's objects also need the key.
    reader.send<GetBucketEncryptionCommandOutput>('s3', 'GetBucketEncryption', { Bucket: bucket }, { after: [context.after] }),
  ]);
  const owned = policy.ok || policy.failure.code === 'NoSuchBucketPolicy';
  if (!owned) {
    if (!policy.ok && policy.failure.code === 'NoSuchBucket') return 1;
    // Another account's bucket (405), or a denied read: the owner is not known, so nothing is filed under this account.
    const failure = !policy.ok && policy.failure.kind !== 'denied' && /MethodNotAllowed|405/.test(`${policy.failure.code} ${policy.failure.message}`)
      ? { kind: 'failed' as const, code: `another account owns the bucket; give --resource-profile`, message: '' }
      : policy.ok ? undefined : policy.failure;
    if (failure) {
      account.addNotRead(notRead('s3:GetBucketPolicy', failure, 'resource_policy', bucketArn));
      account.addNotRead(notRead('s3:GetBucketTagging', failure, 'resource_tags', bucketArn));
    }
    return 0;
  }
  const resource: ResourceInput = { arn: bucketArn, type: 'AWS::S3::Bucket' };
  let count = 1;
  if (policy.ok && policy.value.Policy !== undefined) resource.policy = policy.value.Policy;
  if (location.ok) {
    resource.region = regionOf(location.value.LocationConstraint);
    count++;
  } else account.addNotRead(notRead('s3:GetBucketLocation', location.failure, 'resource_region', bucketArn));
  const bucketBlock = blockOf(block);
  if (bucketBlock !== undefined) resource.s3PublicAccessBlock = bucketBlock;
  if (!block.ok) account.addNotRead(notRead('s3:GetBucketPublicAccessBlock', block.failure, 's3_public_access_block', bucketArn));
  if (tagging.ok) {
    resource.tags = tagList(tagging.value.TagSet);
    count++;
  } else if (tagging.failure.kind === 'not_found') {
    resource.tags = [];
  } else {
    account.addNotRead(notRead('s3:GetBucketTagging', tagging.failure, 'resource_tags', bucketArn));
  }
  const byDefault = encryption.ok ? encryption.value.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault : undefined;
  if (byDefault?.SSEAlgorithm !== undefined) {
    resource.s3Encryption = { SSEAlgorithm: byDefault.SSEAlgorithm, ...(byDefault.KMSMasterKeyID ? { KMSMasterKeyID: byDefault.KMSMasterKeyID } : {}) };
  }
  putResource(context, resource);
  await readAccountPublicAccessBlock(context, policy);
  return count;
}

/** The account-level Block Public Access setting (S3 Control). */
export async function readAccountPublicAccessBlock(context: ResourceContext, after: { round: number } | undefined = context.after): Promise<void> {
  const { reader, account } = context;
  const answer = await reader.send<GetAccountPublicAccessBlockCommandOutput>('s3control', 'GetPublicAccessBlock', { AccountId: account.accountId }, { after: [after] });
  const block = blockOf(answer);
  if (block !== undefined) account.s3PublicAccessBlock = block;
  if (!answer.ok) account.addNotRead(notRead('s3:GetAccountPublicAccessBlock', answer.failure, 's3_public_access_block', account.accountId));
}

/** Every bucket of the account (snapshot capture). */
export async function captureBuckets(context: ResourceContext): Promise<ReadCount> {
  const listed = await context.reader.pages<ListBucketsCommandOutput>('s3', 'ListBuckets', {}, { marker: 'ContinuationToken', next: 'ContinuationToken' }, { after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('s3:ListAllMyBuckets', listed.failure, 'resources', 's3'));
    return 0;
  }
  const names = listed.value.flatMap((page) => page.Buckets ?? []).flatMap((bucket) => (bucket.Name ? [bucket.Name] : []));
  const counts = await Promise.all(names.map((name) => readBucket(context, name, `arn:${context.partition}:s3:::${name}`)));
  if (names.length === 0) await readAccountPublicAccessBlock(context);
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
