/**
 * The RESOURCE argument's length. AWS's API references cap ARNs at 2,048
 * characters ("Length Constraints: … Maximum length of 2048"); a longer
 * argument names no resource AWS has, and comparing it with a policy's
 * resource patterns costs its length times theirs.
 */
import { UsageError } from './exit-error.js';

export const MAX_ARN_LENGTH = 2048;

export function checkResourceLength(resource: string): void {
  if (resource.length <= MAX_ARN_LENGTH) return;
  throw new UsageError(
    `RESOURCE is ${resource.length.toLocaleString('en-US')} characters long; an ARN has at most ${MAX_ARN_LENGTH.toLocaleString('en-US')} (it starts "${resource.slice(0, 60).replace(/[^\x20-\x7e]/g, '?')}…")`,
    'RESOURCE',
  );
}
