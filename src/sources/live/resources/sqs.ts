/** SQS queues: the queue policy (the `Policy` attribute) and tags; the queue URL comes from GetQueueUrl. */
import type { GetQueueAttributesCommandOutput, GetQueueUrlCommandOutput, ListQueuesCommandOutput, ListQueueTagsCommandOutput } from '@aws-sdk/client-sqs';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import type { ReadOutcome } from '../reads.js';
import { putResource, type ReadCount, type ResourceContext } from './context.js';

export async function readQueue(context: ResourceContext, arn: string, region: string, name: string, accountId: string): Promise<ReadCount> {
  const url = await context.reader.send<GetQueueUrlCommandOutput>('sqs', 'GetQueueUrl', { QueueName: name, QueueOwnerAWSAccountId: accountId }, { region, after: [context.after] });
  if (!url.ok) {
    if (url.failure.kind === 'not_found') return 1;
    context.account.addNotRead(notRead('sqs:GetQueueUrl', url.failure, 'resource_policy', arn));
    context.account.addNotRead(notRead('sqs:GetQueueUrl', url.failure, 'resource_tags', arn));
    return 0;
  }
  return readQueueAt(context, arn, region, url.value.QueueUrl ?? '', url);
}

async function readQueueAt(context: ResourceContext, arn: string, region: string, queueUrl: string, after: ReadOutcome<unknown> | undefined): Promise<ReadCount> {
  const { reader, account } = context;
  const [attributes, tags] = await Promise.all([
    reader.send<GetQueueAttributesCommandOutput>('sqs', 'GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['Policy'] }, { region, after: [after] }),
    reader.send<ListQueueTagsCommandOutput>('sqs', 'ListQueueTags', { QueueUrl: queueUrl }, { region, after: [after] }),
  ]);
  const resource: ResourceInput = { arn, type: 'AWS::SQS::Queue' };
  let count = 1;
  if (attributes.ok) {
    count++;
    const policy = attributes.value.Attributes?.Policy;
    if (policy !== undefined) resource.policy = policy;
  } else account.addNotRead(notRead('sqs:GetQueueAttributes', attributes.failure, 'resource_policy', arn));
  if (tags.ok) {
    count++;
    resource.tags = { ...(tags.value.Tags ?? {}) };
  } else account.addNotRead(notRead('sqs:ListQueueTags', tags.failure, 'resource_tags', arn));
  putResource(context, resource);
  return count;
}

/** `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME` (or an emulator's URL of the same shape) → the queue ARN. */
function queueArn(partition: string, region: string, url: string): string | undefined {
  const match = /\/(\d{12})\/([^/?#]+)\/?$/.exec(url);
  return match ? `arn:${partition}:sqs:${region}:${match[1]}:${match[2]}` : undefined;
}

export async function captureQueues(context: ResourceContext, region: string): Promise<ReadCount> {
  const listed = await context.reader.pages<ListQueuesCommandOutput>('sqs', 'ListQueues', {}, { marker: 'NextToken', next: 'NextToken' }, { region, after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('sqs:ListQueues', listed.failure, 'resources', 'sqs'));
    return 0;
  }
  const urls = listed.value.flatMap((page) => page.QueueUrls ?? []);
  const counts = await Promise.all(
    urls.map((url) => {
      const arn = queueArn(context.partition, region, url);
      return arn === undefined ? Promise.resolve(0) : readQueueAt(context, arn, region, url, listed);
    }),
  );
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
