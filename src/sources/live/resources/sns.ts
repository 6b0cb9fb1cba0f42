/** SNS topics: the topic policy (the `Policy` attribute) and tags. */
import type { GetTopicAttributesCommandOutput, ListTagsForResourceCommandOutput, ListTopicsCommandOutput } from '@aws-sdk/client-sns';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import { putResource, tagList, type ReadCount, type ResourceContext } from './context.js';

export async function readTopic(context: ResourceContext, arn: string, region: string): Promise<ReadCount> {
  const { reader, account } = context;
  const [attributes, tags] = await Promise.all([
    reader.send<GetTopicAttributesCommandOutput>('sns', 'GetTopicAttributes', { TopicArn: arn }, { region, after: [context.after] }),
    reader.send<ListTagsForResourceCommandOutput>('sns', 'ListTagsForResource', { ResourceArn: arn }, { region, after: [context.after] }),
  ]);
  if (!attributes.ok && attributes.failure.kind === 'not_found') return 1;
  const resource: ResourceInput = { arn, type: 'AWS::SNS::Topic' };
  let count = 0;
  if (attributes.ok) {
    count++;
    const policy = attributes.value.Attributes?.Policy;
    if (policy !== undefined) resource.policy = policy;
  } else account.addNotRead(notRead('sns:GetTopicAttributes', attributes.failure, 'resource_policy', arn));
  if (tags.ok) {
    count++;
    resource.tags = tagList(tags.value.Tags);
  } else account.addNotRead(notRead('sns:ListTagsForResource', tags.failure, 'resource_tags', arn));
  putResource(context, resource);
  return count;
}

export async function captureTopics(context: ResourceContext, region: string): Promise<ReadCount> {
  const listed = await context.reader.pages<ListTopicsCommandOutput>('sns', 'ListTopics', {}, { marker: 'NextToken', next: 'NextToken' }, { region, after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('sns:ListTopics', listed.failure, 'resources', 'sns'));
    return 0;
  }
  const arns = listed.value.flatMap((page) => page.Topics ?? []).flatMap((topic) => (topic.TopicArn ? [topic.TopicArn] : []));
  const counts = await Promise.all(arns.map((arn) => readTopic(context, arn, region)));
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
