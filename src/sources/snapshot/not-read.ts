/**
 * Reads a capture could not make, turned into the unknowns of one request:
 * the same sentences whether the answer comes live or from the snapshot the
 * capture wrote ("Not read: organizations:ListPoliciesForTarget (AccessDenied)
 * — SCPs not evaluated.").
 */
import type { NotReadPart } from './format.js';
import type { Snapshot, SnapshotNotRead } from './model.js';

/** `user alice`, `role Deploy`, `group devs`, or the ARN itself. */
function entityWords(arn: string | undefined): string {
  if (arn === undefined) return 'the principal';
  const match = /^arn:[^:]+:iam::\d{12}:(user|role|group)\/(?:.*\/)?([^/]+)$/.exec(arn);
  return match ? `${match[1]} ${match[2]}` : arn;
}

function consequence(entry: SnapshotNotRead): string {
  const target = entry.target;
  switch (entry.part) {
    case 'inline_policies':
      return `inline policies of ${entityWords(target)} not evaluated`;
    case 'managed_policies':
      return `managed policies attached to ${entityWords(target)} not evaluated`;
    case 'groups':
      return `groups of ${entityWords(target)} and their policies not evaluated`;
    case 'permissions_boundary':
      return `the permissions boundary of ${entityWords(target)} not evaluated`;
    case 'principal_tags':
      return `tags of ${entityWords(target)} unknown`;
    case 'managed_policy':
      return `managed policy ${target ?? '?'} not evaluated`;
    case 'trust_policy':
      return `the trust policy of ${entityWords(target)} not evaluated`;
    case 'resource_policy':
      return `the resource-based policy of ${target ?? 'the resource'} not evaluated`;
    case 'resource_tags':
      return `tags of ${target ?? 'the resource'} unknown`;
    case 'resource_region':
      return `the region of ${target ?? 'the resource'} unknown`;
    case 'resource_key_manager':
      return `whether ${target ?? 'the key'} is an AWS managed key (exempt from RCPs) unknown`;
    case 's3_public_access_block':
      return `S3 Block Public Access settings of ${target ?? 'the bucket'} unknown`;
    case 'resources':
      return `${target ?? 'the'} resources of account ${entry.account} not read`;
    case 'organization':
    case 'scp':
      return 'SCPs not evaluated';
    case 'rcp':
      return 'RCPs not evaluated';
    case 'org_paths':
      return `the organization path of account ${target ?? entry.account} unknown`;
  }
}

/** The sentence for one failed read. */
export function notReadDetail(entry: SnapshotNotRead, layerOverride?: 'scp' | 'rcp'): string {
  const what = layerOverride === 'rcp' && entry.part === 'organization' ? 'RCPs not evaluated' : consequence(entry);
  return `Not read: ${entry.operation} (${entry.error}) — ${what}.`;
}

/** Failed reads of `part` about `target` (any account), or about the account itself when `target` is an account id. */
export function notReadOf(snapshot: Snapshot, part: NotReadPart, target: string | undefined): SnapshotNotRead[] {
  if (snapshot.notRead.length === 0) return [];
  return snapshot.notRead.filter((entry) => entry.part === part && (target === undefined || entry.target === target || (entry.target === undefined && entry.account === target)));
}

/** Failed organization reads that leave the SCPs (or RCPs) of `account` unknown. */
export function organizationNotRead(snapshot: Snapshot, account: string, layer: 'scp' | 'rcp'): SnapshotNotRead[] {
  if (snapshot.notRead.length === 0) return [];
  return snapshot.notRead.filter(
    (entry) => (entry.part === 'organization' || entry.part === layer) && (entry.target === undefined ? entry.account === account : entry.target === account),
  );
}
