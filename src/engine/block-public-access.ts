/**
 * S3 Block Public Access at request time ("Blocking public access to your Amazon
 * S3 storage"), as its own step of the evaluation path:
 * - `RestrictPublicBuckets`: when the bucket policy is *public*, only AWS service
 *   principals and principals of the bucket owner's account get in; every other
 *   caller, anonymous ones included, is refused — explicitly ("Any denial
 *   resulting from the RestrictPublicBuckets setting is explicit").
 * - `BlockPublicAcls`: a request that sets a public ACL (`s3:x-amz-acl`
 *   public-read, public-read-write or authenticated-read on PutObject,
 *   PutObjectAcl, PutBucketAcl, CreateBucket) is refused.
 * - `BlockPublicPolicy` affects only PutBucketPolicy (a public new policy is
 *   refused): the new policy is not part of the request, so it is an unknown.
 * - `IgnorePublicAcls` ignores public ACLs, which iamwhy does not model.
 * The settings are the effective ones (bucket and owner account combined).
 */
import { normalizeContextKey } from '../language/condition-keys.js';
import type { ContextView } from '../language/context.js';
import type { ConditionClause, Policy, Statement } from '../language/policy.js';
import { parseIpRange, rangeContains } from '../language/conditions/ip-address.js';
import { parseArn } from '../language/arn.js';
import type { Principal } from './principal.js';
import type { Request, S3BlockPublicAccess } from './request.js';

/**
 * Keys whose fixed values make a statement non-public ("What 'public' means"): an
 * AWS principal, user, role or service principal (aws:PrincipalOrgID and its
 * kin), a set of CIDRs in aws:SourceIp, aws:SourceArn, aws:SourceVpc,
 * aws:SourceVpce, aws:SourceOwner, aws:SourceAccount, aws:userid (outside
 * AROLEID:*), s3:DataAccessPointArn, s3:DataAccessPointAccount.
 */
const RESTRICTING_KEYS = new Set(
  [
    'aws:PrincipalArn',
    'aws:PrincipalAccount',
    'aws:PrincipalOrgID',
    'aws:SourceIp',
    'aws:SourceArn',
    'aws:SourceVpc',
    'aws:SourceVpce',
    'aws:SourceOwner',
    'aws:SourceAccount',
    'aws:userid',
    's3:DataAccessPointArn',
    's3:DataAccessPointAccount',
  ].map(normalizeContextKey),
);

/** Operators whose values pin the key to what they list (no wildcard, no negation). */
const PINNING_OPERATORS = new Set(['StringEquals', 'StringEqualsIgnoreCase', 'ArnEquals', 'ArnLike', 'StringLike', 'IpAddress']);

const RFC_1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((cidr) => parseIpRange(cidr)).filter((range) => range !== undefined);

/** A fixed value: no wildcard and no policy variable (for aws:userid, not the `AROLEID:*` form). */
function isFixedValue(key: string, value: string): boolean {
  if (value.includes('${')) return false;
  if (key === 'aws:sourceip') {
    const range = parseIpRange(value);
    if (range === undefined) return false;
    // Broader than /8 (IPv4) or /32 (IPv6) is public, RFC 1918 ranges excepted.
    const inPrivateRange = RFC_1918.some((block) => block.family === range.family && block.prefixLength <= range.prefixLength && rangeContains(block, range));
    return inPrivateRange || range.prefixLength >= (range.family === 4 ? 8 : 32);
  }
  return !value.includes('*') && !value.includes('?');
}

function pinsPrincipalOrSource(clause: ConditionClause): boolean {
  const key = normalizeContextKey(clause.key);
  if (!RESTRICTING_KEYS.has(key)) return false;
  if (!clause.operator.known || clause.operator.ifExists || !PINNING_OPERATORS.has(clause.operator.base)) return false;
  // A multivalued set operator must not let an absent key through (ForAllValues does).
  if (clause.operator.setOperator === 'ForAllValues') return false;
  return clause.values.length > 0 && clause.values.every((value) => isFixedValue(key, value));
}

/** An Allow statement that grants to anyone: Principal "*" (or NotPrincipal) with no condition pinning who or where. */
export function isPublicStatement(statement: Statement): boolean {
  if (statement.effect !== 'Allow' || statement.principal === undefined) return false;
  const block = statement.principal;
  const open = block.negated || block.wildcard || block.aws.includes('*');
  if (!open) return false;
  return !statement.conditions.some(pinsPrincipalOrSource);
}

/** "Amazon S3 begins by assuming that the policy is public" — public unless every Allow is pinned. */
export function isPublicBucketPolicy(policy: Policy): boolean {
  return policy.statements.some(isPublicStatement);
}

const PUBLIC_CANNED_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const ACL_ACTIONS = new Set(['s3:putobject', 's3:putobjectacl', 's3:putbucketacl', 's3:createbucket']);

export type BlockPublicAccessVerdict =
  | { applies: false; code: 'BPA_NOT_S3' | 'BPA_SETTINGS_UNKNOWN'; reason: string }
  | { applies: true; blocks: false; note: string }
  | { applies: true; blocks: true; setting: 'RestrictPublicBuckets' | 'BlockPublicAcls'; message: string };

export function isS3BucketOrObject(request: Request): boolean {
  const arn = parseArn(request.resource.arn);
  return request.action.toLowerCase().startsWith('s3:') && arn?.service === 's3' && arn.account === '' && arn.region === '';
}

/** The caller is inside the bucket owner's account, or an AWS service principal: RestrictPublicBuckets lets it in. */
export function insideOwnerAccount(principal: Principal, owner: string | undefined): boolean {
  if (principal.kind === 'service') return true;
  if (principal.kind === 'anonymous') return false;
  return owner !== undefined && principal.account === owner;
}

export function blockPublicAccessVerdict(request: Request, resourcePolicy: Policy | undefined, owner: string | undefined, context: ContextView): BlockPublicAccessVerdict {
  if (!isS3BucketOrObject(request)) return { applies: false, code: 'BPA_NOT_S3', reason: 'S3 Block Public Access applies only to S3 buckets and objects.' };
  const settings: S3BlockPublicAccess | undefined = request.resource.s3BlockPublicAccess;
  if (settings === undefined) return { applies: false, code: 'BPA_SETTINGS_UNKNOWN', reason: 'The bucket’s S3 Block Public Access settings were not given.' };
  const action = request.action.toLowerCase();
  if (settings.blockPublicAcls === true && ACL_ACTIONS.has(action)) {
    const acl = context.get('s3:x-amz-acl')?.values ?? [];
    if (acl.some((value) => PUBLIC_CANNED_ACLS.has(value.toLowerCase()))) {
      return { applies: true, blocks: true, setting: 'BlockPublicAcls', message: `BlockPublicAcls refuses a request that sets a public ACL (s3:x-amz-acl ${acl.join(', ')}).` };
    }
  }
  const isPublic = resourcePolicy !== undefined && resourcePolicy.kind === 'resource' && isPublicBucketPolicy(resourcePolicy);
  if (settings.restrictPublicBuckets === true && isPublic && !insideOwnerAccount(request.principal, owner)) {
    const who = request.principal.kind === 'anonymous' ? 'anonymous callers' : 'callers outside the bucket owner’s account';
    return { applies: true, blocks: true, setting: 'RestrictPublicBuckets', message: `RestrictPublicBuckets: the bucket policy is public, so ${who} are refused (only AWS services and the owner account get in).` };
  }
  const on = Object.entries(settings)
    .filter(([, value]) => value === true)
    .map(([name]) => name.charAt(0).toUpperCase() + name.slice(1));
  const publicNote = resourcePolicy === undefined ? 'no bucket policy' : isPublic ? 'a public bucket policy' : 'a bucket policy that is not public';
  return { applies: true, blocks: false, note: `${on.length > 0 ? on.join(', ') : 'no setting'} on, ${publicNote}: nothing blocked.` };
}
