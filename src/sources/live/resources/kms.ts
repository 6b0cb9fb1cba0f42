/**
 * KMS keys: the key policy ("The only valid value is default"), whether AWS
 * manages the key (RCPs do not apply to AWS managed keys), and tags. An alias
 * ARN is resolved to its key by DescribeKey first.
 */
import type { DescribeKeyCommandOutput, GetKeyPolicyCommandOutput, ListAliasesCommandOutput, ListKeysCommandOutput, ListResourceTagsCommandOutput } from '@aws-sdk/client-kms';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import type { ReadOutcome } from '../reads.js';
import { putResource, type ReadCount, type ResourceContext } from './context.js';

const TAG_PAGING = { marker: 'Marker', next: 'NextMarker' } as const;

export async function readKey(context: ResourceContext, arn: string, region: string, aliases: readonly string[] = []): Promise<ReadCount> {
  const { reader, account } = context;
  const isAlias = /:alias\//.test(arn);
  const described = await reader.send<DescribeKeyCommandOutput>('kms', 'DescribeKey', { KeyId: arn }, { region, after: [context.after] });
  if (!described.ok && described.failure.kind === 'not_found') return 1;
  const keyArn = described.ok ? (described.value.KeyMetadata?.Arn ?? arn) : arn;
  if (isAlias && !described.ok) {
    // Which key the alias names is unknown: so is its policy.
    account.addNotRead(notRead('kms:DescribeKey', described.failure, 'resource_policy', arn));
    account.addNotRead(notRead('kms:DescribeKey', described.failure, 'resource_tags', arn));
    return 0;
  }
  return finishKey(context, keyArn, region, described, isAlias ? [arn, ...aliases] : [...aliases]);
}

async function finishKey(context: ResourceContext, keyArn: string, region: string, described: ReadOutcome<DescribeKeyCommandOutput>, aliases: string[]): Promise<ReadCount> {
  const { reader, account } = context;
  const [policy, tags] = await Promise.all([
    reader.send<GetKeyPolicyCommandOutput>('kms', 'GetKeyPolicy', { KeyId: keyArn, PolicyName: 'default' }, { region, after: [described] }),
    reader.pages<ListResourceTagsCommandOutput>('kms', 'ListResourceTags', { KeyId: keyArn }, TAG_PAGING, { region, after: [described] }),
  ]);
  const resource: ResourceInput = { arn: keyArn, type: 'AWS::KMS::Key' };
  let count = described.ok ? 1 : 0;
  if (described.ok) resource.awsManagedKmsKey = described.value.KeyMetadata?.KeyManager === 'AWS';
  else account.addNotRead(notRead('kms:DescribeKey', described.failure, 'resource_key_manager', keyArn));
  if (aliases.length > 0) resource.aliases = aliases;
  if (policy.ok) {
    count++;
    if (policy.value.Policy !== undefined) resource.policy = policy.value.Policy;
  } else account.addNotRead(notRead('kms:GetKeyPolicy', policy.failure, 'resource_policy', keyArn));
  if (tags.ok) {
    count++;
    resource.tags = tags.value.flatMap((page) => page.Tags ?? []).flatMap((tag) => (tag.TagKey === undefined ? [] : [{ Key: tag.TagKey, Value: tag.TagValue ?? '' }]));
  } else account.addNotRead(notRead('kms:ListResourceTags', tags.failure, 'resource_tags', keyArn));
  putResource(context, resource);
  return count;
}

/** Every key of the account in a region, with the aliases that point at each (snapshot capture). */
export async function captureKeys(context: ResourceContext, region: string): Promise<ReadCount> {
  const { reader, account } = context;
  const [keys, aliases] = await Promise.all([
    reader.pages<ListKeysCommandOutput>('kms', 'ListKeys', {}, { marker: 'Marker', next: 'NextMarker' }, { region, after: [context.after] }),
    reader.pages<ListAliasesCommandOutput>('kms', 'ListAliases', {}, { marker: 'Marker', next: 'NextMarker' }, { region, after: [context.after] }),
  ]);
  if (!keys.ok) {
    account.addNotRead(notRead('kms:ListKeys', keys.failure, 'resources', 'kms'));
    return 0;
  }
  const aliasesOf = new Map<string, string[]>();
  if (aliases.ok) {
    for (const alias of aliases.value.flatMap((page) => page.Aliases ?? [])) {
      if (alias.TargetKeyId === undefined || alias.AliasArn === undefined) continue;
      aliasesOf.set(alias.TargetKeyId, [...(aliasesOf.get(alias.TargetKeyId) ?? []), alias.AliasArn]);
    }
  }
  const listed = keys.value.flatMap((page) => page.Keys ?? []);
  const counts = await Promise.all(
    listed.map((key) => (key.KeyArn === undefined ? Promise.resolve(0) : readKey(context, key.KeyArn, region, aliasesOf.get(key.KeyId ?? '') ?? []))),
  );
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
