/**
 * A parsed AccessDenied message → the `DeniedRequest` iamwhy explains: the
 * triple as far as the message carries it (IAM's worded resources turned into
 * ARNs, an SDK's operation into an action), which parts are missing and how to
 * give them, and what iamwhy assumed.
 */
import { actionForOperation, servicePrefixForSdkService } from '../../catalog/operation-actions.js';
import { parseArn } from '../../language/arn.js';
import { emptyDeniedRequest, HOW_TO_SUPPLY, type DeniedRequest, type MissingPart } from '../denied-request.js';
import type { ParsedMessage, WordedResource } from './parse-message.js';

const ACTION_SHAPE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

const IAM_PATH_TYPES: Readonly<Record<string, string>> = { role: 'role', user: 'user', group: 'group', 'instance profile': 'instance-profile' };

function missing(part: MissingPart['part'], why: string, how: string = HOW_TO_SUPPLY[part]): MissingPart {
  return { part, why, how };
}

/** `role voclabs` → the role's ARN in the principal's account (IAM names its own resources in words). */
function wordedResourceArn(worded: WordedResource, principal: string | undefined): { arn: string; assumption: string } | undefined {
  const type = IAM_PATH_TYPES[worded.type];
  const arn = principal === undefined ? undefined : parseArn(principal);
  if (type === undefined || arn === undefined || !/^\d{12}$/.test(arn.account)) return undefined;
  const built = `arn:${arn.partition}:iam::${arn.account}:${type}/${worded.name}`;
  return {
    arn: built,
    assumption: `AWS named the resource in words ("${worded.type} ${worded.name}"); iamwhy takes it to be ${built}, in the principal's account and without a path (give -r ARN if it is another).`,
  };
}

function resourceOf(message: ParsedMessage, request: DeniedRequest): void {
  if (message.resource !== undefined) {
    if (message.resource === '*' || parseArn(message.resource) !== undefined) request.resource = message.resource;
    else request.missing.push(missing('resource', `the message's resource "${message.resource}" is not an ARN`));
    return;
  }
  if (message.wordedResource) {
    const built = wordedResourceArn(message.wordedResource, request.principal);
    if (built) {
      request.resource = built.arn;
      request.assumptions.push(built.assumption);
    } else if (message.wordedResource.type === 'access key') {
      request.missing.push(missing('resource', `AWS named an access key (${message.wordedResource.name}), not a resource ARN: the resource of access key actions is the IAM user that owns the key`, 'give the user with -r arn:aws:iam::ACCOUNT:user/NAME'));
    } else {
      request.missing.push(missing('resource', `AWS named the resource in words ("${message.wordedResource.type} ${message.wordedResource.name}") and the principal's account is not known`));
    }
    return;
  }
  if (message.resourceNotNamed) {
    request.missing.push(missing('resource', 'the message says "on this resource" and names no resource (KMS does this for its keys)', 'give the key with -r arn:aws:kms:REGION:ACCOUNT:key/KEY-ID'));
    return;
  }
  if (message.form === 'enhanced') {
    // AWS leaves the resource clause out for actions that take no resource ("*"); the CLI
    // drops this entry when the service data says the action is one of those.
    request.missing.push(missing('resource', 'the message names no resource (AWS leaves it out for actions that take no resource, and in some S3 denials)'));
    return;
  }
  request.missing.push(missing('resource', 'the message does not name the resource'));
}

function actionOf(message: ParsedMessage, request: DeniedRequest): void {
  if (message.action !== undefined) {
    if (ACTION_SHAPE.test(message.action)) request.action = message.action;
    else request.missing.push(missing('action', `the message's action "${message.action}" is not service:Action`));
    return;
  }
  const { operation, service } = message.sdk;
  const prefix = service === undefined ? undefined : servicePrefixForSdkService(service);
  if (operation !== undefined && prefix !== undefined) {
    const mapped = actionForOperation(prefix, operation);
    if (mapped.kind === 'action') {
      request.action = mapped.action;
      request.assumptions.push(`The message names no action; the SDK says the ${service} ${operation} operation failed, so iamwhy takes the action to be ${mapped.action}${mapped.note ? ` (${mapped.note})` : ''}.`);
      return;
    }
    request.missing.push(missing('action', `the message names no action, and ${mapped.note}`));
    return;
  }
  if (operation !== undefined) {
    request.missing.push(missing('action', `the message names no action, only the ${operation} operation`, `give it with -a SERVICE:ACTION (for most operations the action is SERVICE:${operation})`));
    return;
  }
  request.missing.push(missing('action', 'the message does not name the action'));
}

/** What the message form itself says about where it came from. */
function formNotes(message: ParsedMessage): string[] {
  const notes: string[] = [];
  switch (message.form) {
    case 'access-denied':
      notes.push(
        'AWS said only that access was denied. S3 gives this bare "Access Denied" to callers from another account or organization (its enhanced messages name the policy type only within the same account or organization), and some services never say more.',
      );
      break;
    case 'operation-not-authorized':
      notes.push('EC2 and other Query APIs say "You are not authorized to perform this operation."; their encoded authorization failure message (when there is one) says which statement decided.');
      break;
    case 'not-authorized-to-access':
    case 'principal-not-allowed':
    case 'resource-denied':
    case 'action-not-authorized':
      notes.push('This is a terse message form: it names no policy type.');
      break;
    case 'enhanced':
      if (message.explicit === undefined && message.blockPublicAccess === undefined && message.otherReason === undefined) {
        notes.push('The message names no reason (explicit or implicit deny, or the policy type).');
      }
  }
  if (message.explicit === true && message.policyType === undefined) notes.push('AWS said "with an explicit deny" without naming the policy type.');
  if (message.otherReason !== undefined) notes.push(`AWS gave a reason iamwhy does not know: "because ${message.otherReason}".`);
  if (message.blockPublicAccess !== undefined) {
    notes.push(
      `S3 Block Public Access refused the request (its ${message.blockPublicAccess} setting): no policy statement decided it, and iamwhy does not evaluate Block Public Access settings yet. Changing the setting, or making the ACL or bucket policy non-public, is the fix.`,
    );
  }
  if (message.viaPolicyType !== undefined) notes.push(`AWS named a second policy type: "transitively through" a ${message.viaPolicyType === 'scp' ? 'service control policy' : message.viaPolicyType}.`);
  if (message.encodedMessage !== undefined) {
    notes.push(
      message.encodedMessageTruncated
        ? 'The encoded authorization failure message was cut short (CloudTrail keeps about 1,024 characters of the message): it cannot be decoded. The full one is in the error the caller received.'
        : 'The encoded authorization failure message says which statements matched: decode it with `aws sts decode-authorization-message --encoded-message BLOB --query DecodedMessage --output text > decoded.json` (needs sts:DecodeAuthorizationMessage) and pass --decoded decoded.json.',
    );
  }
  if (message.authorizationId !== undefined) {
    notes.push(`AWS keeps the complete details of this decision under authorization id ${message.authorizationId} (IAM console, or the GetRequestAuthorizationDetails API).`);
  }
  if (message.rejected.length > 0) notes.push('Part of the message held control characters, which no AWS message contains; it was not used.');
  return notes;
}

/** The denied request an AccessDenied message describes. */
export function deniedRequestFromMessage(message: ParsedMessage, label: string): DeniedRequest {
  const request = emptyDeniedRequest(label);
  if (message.principal !== undefined) request.principal = message.principal;
  else request.missing.push(missing('principal', 'the message does not name the principal'));
  actionOf(message, request);
  resourceOf(message, request);
  request.explicit = message.explicit;
  request.policyType = message.policyType;
  request.policyTypeWords = message.policyTypeWords;
  request.trustPolicy = message.trustPolicy;
  request.viaPolicyType = message.viaPolicyType;
  request.policyArn = message.policyArn;
  request.authorizationId = message.authorizationId;
  request.encodedMessage = message.encodedMessage;
  request.encodedMessageTruncated = message.encodedMessageTruncated;
  request.blockPublicAccess = message.blockPublicAccess;
  request.notes.push(...formNotes(message));
  return request;
}
