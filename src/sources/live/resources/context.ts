/** What every resource reader gets: the reader of the resource's credentials and the account document it writes into. */
import type { ResourceInput } from '../../snapshot/format.js';
import type { AccountDocument } from '../document.js';
import type { Reader } from '../reads.js';

export interface ResourceContext {
  reader: Reader;
  /** The account the credentials belong to (the resource's owner, for the services whose ARNs carry an account). */
  account: AccountDocument;
  /** `aws`, `aws-cn`…, of the credentials. */
  partition: string;
  /** The answer the first reads wait for (the caller's identity), for their round. */
  after?: { round: number } | undefined;
}

/** How many reads succeeded (0 means nothing at all could be read about the resource). */
export type ReadCount = number;

/** `{Key, Value}` lists and `{key: value}` maps as the snapshot format takes them. */
export function tagList(tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined): Array<{ Key: string; Value: string }> {
  return (tags ?? []).flatMap((tag) => (tag.Key === undefined ? [] : [{ Key: tag.Key, Value: tag.Value ?? '' }]));
}

/** Record a resource, merging with what an earlier read of it found. */
export function putResource(context: ResourceContext, resource: ResourceInput): void {
  const known = context.account.resources.get(resource.arn);
  context.account.resources.set(resource.arn, known === undefined ? resource : { ...known, ...resource });
}
