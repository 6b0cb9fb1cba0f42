/**
 * Secrets Manager secrets: the resource policy and tags. DescribeSecret gives
 * the full ARN (with its six random characters) for an ARN typed without them.
 */
import type { DescribeSecretCommandOutput, GetResourcePolicyCommandOutput, ListSecretsCommandOutput } from '@aws-sdk/client-secrets-manager';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import { putResource, tagList, type ReadCount, type ResourceContext } from './context.js';

export async function readSecret(context: ResourceContext, arn: string, region: string): Promise<ReadCount> {
  const { reader, account } = context;
  const [described, policy] = await Promise.all([
    reader.send<DescribeSecretCommandOutput>('secretsmanager', 'DescribeSecret', { SecretId: arn }, { region, after: [context.after] }),
    reader.send<GetResourcePolicyCommandOutput>('secretsmanager', 'GetResourcePolicy', { SecretId: arn }, { region, after: [context.after] }),
  ]);
  if (!described.ok && described.failure.kind === 'not_found') return 1;
  const fullArn = (described.ok ? described.value.ARN : undefined) ?? (policy.ok ? policy.value.ARN : undefined) ?? arn;
  const resource: ResourceInput = { arn: fullArn, type: 'AWS::SecretsManager::Secret' };
  let count = 0;
  if (described.ok) {
    count++;
    resource.tags = tagList(described.value.Tags);
  } else account.addNotRead(notRead('secretsmanager:DescribeSecret', described.failure, 'resource_tags', fullArn));
  if (policy.ok) {
    count++;
    if (policy.value.ResourcePolicy !== undefined) resource.policy = policy.value.ResourcePolicy;
  } else account.addNotRead(notRead('secretsmanager:GetResourcePolicy', policy.failure, 'resource_policy', fullArn));
  putResource(context, resource);
  return count;
}

export async function captureSecrets(context: ResourceContext, region: string): Promise<ReadCount> {
  const listed = await context.reader.pages<ListSecretsCommandOutput>('secretsmanager', 'ListSecrets', {}, { marker: 'NextToken', next: 'NextToken' }, { region, after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('secretsmanager:ListSecrets', listed.failure, 'resources', 'secretsmanager'));
    return 0;
  }
  const arns = listed.value.flatMap((page) => page.SecretList ?? []).flatMap((secret) => (secret.ARN ? [secret.ARN] : []));
  const counts = await Promise.all(arns.map((arn) => readSecret(context, arn, region)));
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
