/**
 * Lambda functions: the function's resource-based policy ("GetPolicy") and
 * tags. A qualified ARN (version or alias) is read as its function, as the
 * snapshot lookup does. ResourceNotFoundException means no policy (or no function).
 */
import type { GetPolicyCommandOutput, ListFunctionsCommandOutput, ListTagsCommandOutput } from '@aws-sdk/client-lambda';
import type { ResourceInput } from '../../snapshot/format.js';
import { notRead } from '../document.js';
import { putResource, type ReadCount, type ResourceContext } from './context.js';

/** `arn:…:function:NAME[:QUALIFIER]` → `arn:…:function:NAME`. */
export function functionArnOf(arn: string): string {
  const match = /^(arn:[^:]+:lambda:[^:]+:\d{12}:function:[^:]+)(?::[^:]+)?$/.exec(arn);
  return match?.[1] ?? arn;
}

export async function readFunction(context: ResourceContext, arn: string, region: string): Promise<ReadCount> {
  const { reader, account } = context;
  const functionArn = functionArnOf(arn);
  const [policy, tags] = await Promise.all([
    reader.send<GetPolicyCommandOutput>('lambda', 'GetPolicy', { FunctionName: functionArn }, { region, after: [context.after] }),
    reader.send<ListTagsCommandOutput>('lambda', 'ListTags', { Resource: functionArn }, { region, after: [context.after] }),
  ]);
  const resource: ResourceInput = { arn: functionArn, type: 'AWS::Lambda::Function' };
  let count = 0;
  if (policy.ok) {
    count++;
    if (policy.value.Policy !== undefined) resource.policy = policy.value.Policy;
  } else if (policy.failure.kind === 'not_found') {
    count++;
  } else account.addNotRead(notRead('lambda:GetPolicy', policy.failure, 'resource_policy', functionArn));
  if (tags.ok) {
    count++;
    resource.tags = { ...(tags.value.Tags ?? {}) };
  } else if (tags.failure.kind !== 'not_found') account.addNotRead(notRead('lambda:ListTags', tags.failure, 'resource_tags', functionArn));
  if (!tags.ok && tags.failure.kind === 'not_found' && !policy.ok) return count;
  putResource(context, resource);
  return count;
}

export async function captureFunctions(context: ResourceContext, region: string): Promise<ReadCount> {
  const listed = await context.reader.pages<ListFunctionsCommandOutput>('lambda', 'ListFunctions', {}, { marker: 'Marker', next: 'NextMarker' }, { region, after: [context.after] });
  if (!listed.ok) {
    context.account.addNotRead(notRead('lambda:ListFunctions', listed.failure, 'resources', 'lambda'));
    return 0;
  }
  const arns = listed.value.flatMap((page) => page.Functions ?? []).flatMap((fn) => (fn.FunctionArn ? [fn.FunctionArn] : []));
  const counts = await Promise.all(arns.map((arn) => readFunction(context, arn, region)));
  return 1 + counts.reduce((sum, count) => sum + count, 0);
}
