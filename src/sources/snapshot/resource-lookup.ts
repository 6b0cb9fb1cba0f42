/**
 * Finding the resource a request names among a snapshot's resources. Requests
 * often name something more specific than what carries the policy: an S3 object
 * (its bucket's policy applies), a KMS alias (its key), a qualified Lambda
 * function (the function), a secret without its random suffix.
 */
import { parseArn, type Arn } from '../../language/arn.js';
import type { Snapshot, SnapshotResource } from './model.js';

export { RESOURCE_POLICY_SERVICES } from '../../catalog/resource-policy-services.js';

export type ResourceMatch = 'exact' | 'bucket' | 'kms-alias' | 'function' | 'secret-name';

export interface ResourceLookup {
  resource: SnapshotResource | undefined;
  /** How the request's ARN led to the resource. */
  match: ResourceMatch | undefined;
  /** The parsed request ARN (undefined for `*` and non-ARNs). */
  arn: Arn | undefined;
}


export function findResource(snapshot: Snapshot, requestArn: string): ResourceLookup {
  const exact = snapshot.resources.get(requestArn);
  const arn = parseArn(requestArn);
  if (exact) return { resource: exact, match: 'exact', arn };
  if (arn === undefined) return { resource: undefined, match: undefined, arn };
  const found = (resource: SnapshotResource | undefined, match: ResourceMatch): ResourceLookup =>
    resource === undefined ? { resource: undefined, match: undefined, arn } : { resource, match, arn };
  switch (arn.service) {
    case 's3': {
      // arn:aws:s3:::bucket/key → the bucket policy governs objects.
      const slash = arn.resource.indexOf('/');
      if (arn.account === '' && slash > 0) {
        return found(snapshot.resources.get(`arn:${arn.partition}:s3:::${arn.resource.slice(0, slash)}`), 'bucket');
      }
      break;
    }
    case 'kms': {
      const keyArn = snapshot.index.kmsAliases.get(requestArn);
      if (keyArn !== undefined) return found(snapshot.resources.get(keyArn), 'kms-alias');
      break;
    }
    case 'lambda': {
      // function:NAME:QUALIFIER (version or alias) → function:NAME
      const parts = arn.resource.split(':');
      if (parts[0] === 'function' && parts.length === 3) {
        return found(snapshot.resources.get(requestArn.slice(0, requestArn.lastIndexOf(':'))), 'function');
      }
      break;
    }
    case 'secretsmanager': {
      // Secret ARNs end in -XXXXXX (six random characters) that people leave out.
      const prefix = `${requestArn}-`;
      for (const resource of snapshot.resources.values()) {
        if (resource.arn.length === prefix.length + 6 && resource.arn.startsWith(prefix)) return found(resource, 'secret-name');
      }
      break;
    }
  }
  return { resource: undefined, match: undefined, arn };
}

/** AWS managed KMS keys are used through `alias/aws/…` aliases. */
export function isAwsManagedKmsAlias(arn: Arn | undefined): boolean {
  return arn !== undefined && arn.service === 'kms' && arn.resource.startsWith('alias/aws/');
}
