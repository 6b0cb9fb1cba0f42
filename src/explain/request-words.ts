/**
 * What the *request* must look like for a condition to let it through, in words
 * a person acts on: "call it in eu-west-1 or us-east-1", "use credentials from an
 * MFA-authenticated session", "send it through VPC endpoint vpce-0123…". Read off
 * one condition's trace; `through` says whether the request must satisfy the
 * condition (an Allow waiting on it) or must not (a Deny it triggers).
 */
import { normalizeContextKey } from '../language/condition-keys.js';
import type { ConditionEvaluation } from '../language/conditions/evaluate.js';

/** Whether the request must satisfy the condition (an Allow) or fail it (a Deny). */
export type Need = 'satisfy' | 'fail';

function list(values: readonly string[], conjunction = 'or'): string {
  if (values.length <= 1) return values[0] ?? '';
  return `${values.slice(0, -1).join(', ')} ${conjunction} ${values[values.length - 1] ?? ''}`;
}

/** Must the request's value be one of the policy's values (true), or none of them (false)? */
function mustMatch(condition: ConditionEvaluation, need: Need): boolean {
  const positive = !condition.negated && condition.base !== 'NotIpAddress';
  return need === 'satisfy' ? positive : !positive;
}

/** For Bool keys: the value the request must carry. */
function boolWanted(condition: ConditionEvaluation, need: Need): boolean {
  const written = (condition.policyValues[0] ?? 'true').toLowerCase() === 'true';
  return mustMatch(condition, need) ? written : !written;
}

const TAG = /^(aws:(?:principal|resource|request)tag)\/(.+)$/;

/** One sentence (lower case start, no full stop) for the request a condition wants. */
export function requestNeed(condition: ConditionEvaluation, need: Need): string {
  const key = normalizeContextKey(condition.key);
  const values = condition.policyValues;
  const match = mustMatch(condition, need);
  const oneOf = match ? list(values) : `anything but ${list(values)}`;
  if (condition.base === 'Null') {
    const mustBeAbsent = (values[0] ?? 'true').toLowerCase() === 'true' ? need === 'satisfy' : need === 'fail';
    return mustBeAbsent ? `make the request without ${condition.key}` : `make the request with ${condition.key} set`;
  }
  switch (key) {
    case 'aws:requestedregion':
      return match ? `call it in ${list(values)}` : `call it in a region other than ${list(values)}`;
    case 'aws:sourceip':
      return match ? `send it from an address in ${list(values)}` : `send it from an address outside ${list(values)}`;
    case 'aws:vpcsourceip':
      return match ? `send it from a VPC address in ${list(values)}` : `send it from a VPC address outside ${list(values)}`;
    case 'aws:sourcevpc':
      return match ? `send it through a VPC endpoint in ${list(values)}` : `send it from outside ${list(values)}`;
    case 'aws:sourcevpce':
      return match ? `send it through VPC endpoint ${list(values)}` : `send it through another network path than VPC endpoint ${list(values)}`;
    case 'aws:sourcevpcarn':
      return match ? `send it through a VPC endpoint in ${list(values)}` : `send it from outside ${list(values)}`;
    case 'aws:securetransport':
      return boolWanted(condition, need) ? 'send it over HTTPS (TLS)' : 'send it without TLS (this condition only lets plain HTTP through)';
    case 'aws:multifactorauthpresent':
      return boolWanted(condition, need)
        ? 'use credentials from an MFA-authenticated session (aws sts get-session-token --serial-number MFA_DEVICE_ARN --token-code CODE, or sign in with MFA)'
        : 'use credentials without MFA (this condition only lets those through)';
    case 'aws:multifactorauthage':
      return `authenticate with MFA ${condition.base.includes('LessThan') === match ? 'no more than' : 'at least'} ${list(values)} seconds before the request`;
    case 'aws:principalorgid':
      return match ? `make the request from an account of organization ${list(values)}` : `make the request from an account outside organization ${list(values)}`;
    case 'aws:resourceorgid':
      return match ? `use a resource of organization ${list(values)}` : `use a resource outside organization ${list(values)}`;
    case 'aws:principalaccount':
      return match ? `make the request from account ${list(values)}` : `make the request from another account than ${list(values)}`;
    case 'aws:resourceaccount':
      return match ? `use a resource of account ${list(values)}` : `use a resource of another account than ${list(values)}`;
    case 'aws:principalarn':
      return match ? `make the request as ${list(values)}` : `make the request as another principal than ${list(values)}`;
    case 'aws:calledvia':
    case 'aws:calledviafirst':
    case 'aws:calledvialast':
      return match ? `make the call through ${list(values)} (an AWS service acting for you)` : `make the call directly, not through ${list(values)}`;
    case 'aws:viaawsservice':
      return boolWanted(condition, need) ? 'make the call through an AWS service acting for you' : 'make the call directly, not through an AWS service';
    case 'kms:viaservice':
      return match ? `use the key through ${list(values)} (for example by reading the object through S3), not by calling KMS directly` : `use the key other than through ${list(values)}`;
    case 'iam:passedtoservice':
      return match ? `pass the role only to ${list(values)}` : `pass the role to another service than ${list(values)}`;
    case 's3:x-amz-server-side-encryption':
      return match ? `upload with server-side encryption ${list(values)} (header x-amz-server-side-encryption; aws s3 cp --sse ${values[0] ?? 'aws:kms'})` : `upload without server-side encryption ${list(values)}`;
    case 's3:x-amz-server-side-encryption-aws-kms-key-id':
      return match ? `upload encrypted with KMS key ${list(values)} (aws s3 cp --sse aws:kms --sse-kms-key-id KEY)` : `upload encrypted with another KMS key than ${list(values)}`;
    case 's3:x-amz-acl':
      return match ? `upload with the canned ACL ${list(values)}` : `upload without the ACL ${list(values)}`;
    case 'aws:currenttime':
    case 'aws:epochtime':
      return `make the request when ${condition.key} ${condition.operator} ${list(values)} holds`;
    default:
      break;
  }
  const tag = TAG.exec(condition.key.toLowerCase());
  if (tag) {
    const tagKey = condition.key.slice(condition.key.indexOf('/') + 1);
    const shown = match ? `${tagKey}=${list(values)}` : `${tagKey} set to anything but ${list(values)}`;
    if (tag[1] === 'aws:principaltag') return `tag the principal ${shown} (aws iam tag-user or tag-role)`;
    if (tag[1] === 'aws:resourcetag') return `tag the resource ${shown}`;
    return `send the request with tag ${shown}`;
  }
  if (key === 'aws:tagkeys') return match ? `send only tags with keys ${list(values)}` : `send no tag with key ${list(values)}`;
  return `make the request with ${condition.key} ${oneOf}`;
}
