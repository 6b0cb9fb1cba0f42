/** ECR repositories: the repository policy (`policyText`) and tags. */
import type { DescribeRepositoriesCommandOutput, GetRepositoryPolicyCommandOutput, ListTagsForResourceCommandOutput } from '@aws-sdk/client-ecr';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import { putResource, tagList, type ReadCount, type ResourceContext } from './context.js';

export async function readRepository(context: ResourceContext, arn: string, region: string, accountId: string, name: string): Promise<ReadCount> {
  const { reader, account } = context;
  const [policy, tags] = await Promise.all([
    reader.send<GetRepositoryPolicyCommandOutput>('ecr', 'GetRepositoryPolicy', { registryId: accountId, repositoryName: name }, { region, after: [context.after] }),
    reader.send<ListTagsForResourceCommandOutput>('ecr', 'ListTagsForResource', { resourceArn: arn }, { region, after: [context.after] }),
  ]);
  if (!policy.ok && policy.failure.code === 'RepositoryNotFoundException') return 1;
  const resource: ResourceInput = { arn, type: 'AWS::ECR::Repository' };
  let count = 0;
  if (policy.ok) {
    count++;
    if (policy.value.policyText !== undefined) resource.policy = policy.value.policyText;
  } else if (policy.failure.kind === 'not_found') {
    count++;
  } else account.addNotRead(notRead('ecr:GetRepositoryPolicy', policy.failure, 'resource_policy', arn));
  if (tags.ok) {
    count++;
    resource.tags = tagList(tags.value.tags);
  } else account.addNotRead(notRead('ecr:ListTagsForResource', tags.failure, 'resource_tags', arn));
  putResource(context, resource);
  return count;
}

export async function captureRepositories(context: ResourceContext, region: string): Promise<ReadCount> {
  const listed = await context.reader.pages<DescribeRepositoriesCommandOutput>('ecr', 'DescribeRepositories', {}, { marker: 'nextToken', next: 'nextToken' }, { region, after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('ecr:DescribeRepositories', listed.failure, 'resources', 'ecr'));
    return 0;
  }
  const repositories = listed.value.flatMap((page) => page.repositories ?? []);
  const counts = await Promise.all(
    repositories.map((repository) =>
      repository.repositoryArn === undefined || repository.repositoryName === undefined
        ? Promise.resolve(0)
        : readRepository(context, repository.repositoryArn, region, repository.registryId ?? context.account.accountId, repository.repositoryName),
    ),
  );
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
