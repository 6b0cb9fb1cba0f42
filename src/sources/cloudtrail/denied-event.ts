/**
 * One denied CloudTrail event → the `DeniedRequest` iamwhy explains. The
 * event's `errorMessage` is AWS's AccessDenied message and is read as such (the
 * policy type, explicit or implicit, the policy ARN); the structured fields win
 * for the principal, and fill what the message lacks: the action from
 * `eventSource` + `eventName` (saying so when the API name is not the action's),
 * the resource from `resources[]`, and the request context.
 */
import { actionForOperation, servicePrefixForEventSource } from '../../catalog/operation-actions.js';
import { parseArn } from '../../language/arn.js';
import { emptyDeniedRequest, HOW_TO_SUPPLY, type DeniedRequest, type EventFacts } from '../denied-request.js';
import { deniedRequestFromMessage } from '../error-text/denied-request.js';
import { parseDenialMessage } from '../error-text/parse-message.js';
import { hasControlCharacters } from '../error-text/unwrap.js';
import { eventPrincipal } from './event-principal.js';
import { eventContext, eventResource } from './event-request.js';
import type { CloudTrailRecord } from './read-events.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const ACTION_SHAPE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** The message's request, or an empty one when the event has no errorMessage. */
function fromErrorMessage(record: CloudTrailRecord, label: string): DeniedRequest {
  const message = text(record.errorMessage);
  const parsed = message === undefined ? undefined : parseDenialMessage(message);
  if (parsed?.ok) return deniedRequestFromMessage(parsed.message, label);
  const request = emptyDeniedRequest(label);
  request.notes.push(message === undefined ? 'The event has no errorMessage: AWS named no policy type.' : 'The event\'s errorMessage is not an AccessDenied message iamwhy knows; it names no policy type.');
  return request;
}

function withoutMissing(request: DeniedRequest, part: 'principal' | 'action' | 'resource'): void {
  request.missing = request.missing.filter((entry) => entry.part !== part);
}

function actionOfEvent(record: CloudTrailRecord, request: DeniedRequest): void {
  const source = text(record.eventSource);
  const name = text(record.eventName);
  const prefix = source === undefined ? undefined : servicePrefixForEventSource(source);
  if (prefix === undefined || name === undefined) return;
  const mapped = actionForOperation(prefix, name);
  if (request.action !== undefined) {
    // AWS's message names the action it checked; say when the event's API name maps elsewhere.
    if (mapped.kind === 'action' && mapped.action.toLowerCase() !== request.action.toLowerCase()) {
      request.notes.push(`The event's API (${source} ${name}) is usually authorized as ${mapped.action}; AWS's message says it checked ${request.action}, which iamwhy evaluates.`);
    }
    return;
  }
  withoutMissing(request, 'action');
  if (mapped.kind === 'action') {
    request.action = mapped.action;
    if (mapped.assumed) request.assumptions.push(`The event's API is ${source} ${name}; iamwhy takes the action to be ${mapped.action} (${mapped.note}).`);
    return;
  }
  request.missing.push({ part: 'action', why: `the event's API (${source} ${name}) does not name one action: ${mapped.note}`, how: HOW_TO_SUPPLY.action });
}

/** The denied request of one CloudTrail event. */
export function deniedRequestFromEvent(record: CloudTrailRecord, label: string): DeniedRequest {
  const request = fromErrorMessage(record, label);
  const identity = eventPrincipal(record.userIdentity, record.requestParameters);

  if (identity.principal !== undefined) {
    request.principal = identity.principal;
    withoutMissing(request, 'principal');
  } else if (request.principal === undefined) {
    withoutMissing(request, 'principal');
    request.missing.push({ part: 'principal', why: identity.unknownWhy ?? 'the event does not identify the caller', how: HOW_TO_SUPPLY.principal });
  }
  request.notes.push(...identity.notes);

  actionOfEvent(record, request);
  if (request.action !== undefined && !ACTION_SHAPE.test(request.action)) request.action = undefined;

  const partition = (request.principal && parseArn(request.principal)?.partition) || 'aws';
  const found = eventResource(record, partition);
  if (request.resource === undefined && found.arn !== undefined && parseArn(found.arn) !== undefined) {
    request.resource = found.arn;
    withoutMissing(request, 'resource');
    if (found.assumption) request.assumptions.push(found.assumption);
    if (found.others.length > 0) request.notes.push(`The event also lists ${found.others.join(', ')}; iamwhy evaluates ${found.arn} (give -r to choose another).`);
  }

  const derived = eventContext(record, identity);
  request.contribution = {
    ...request.contribution,
    context: { ...request.contribution.context, ...derived.context },
    ...(Object.keys(identity.facts).length > 0 ? { principal: identity.facts } : {}),
    ...(derived.completeKeys.length > 0 ? { completeContextKeys: derived.completeKeys } : {}),
  };

  // A cross-account call is logged in the resource owner's account too: recipientAccountId says whose log it is.
  const recipient = text(record.recipientAccountId);
  const callerAccount = text(isRecordValue(record.userIdentity) ? record.userIdentity.accountId : undefined);
  const resourceArn = request.resource === undefined ? undefined : parseArn(request.resource);
  if (recipient !== undefined && /^\d{12}$/.test(recipient) && resourceArn !== undefined && resourceArn.account === '' && recipient !== callerAccount) {
    request.contribution.resource = { ...request.contribution.resource, account: recipient };
    request.assumptions.push(`The resource's ARN names no account; the event was recorded for account ${recipient} (recipientAccountId), taken to own it.`);
  }
  if (recipient !== undefined && callerAccount !== undefined && /^\d{12}$/.test(callerAccount) && recipient !== callerAccount) {
    request.notes.push(`A cross-account request: the caller is in ${callerAccount}, the event was recorded in ${recipient}. Both accounts' policies must allow it.`);
  }
  if (derived.context['aws:SourceVpce'] !== undefined) {
    request.notes.push('The request came through a VPC endpoint; AWS may not log denials by an endpoint policy that another account owns.');
  }

  // No ARN or action AWS writes holds control characters: such a value is not taken (nor echoed).
  for (const part of ['principal', 'action', 'resource'] as const) {
    const value = request[part];
    if (value === undefined || !hasControlCharacters(value)) continue;
    request[part] = undefined;
    withoutMissing(request, part);
    request.missing.push({ part, why: `the event's ${part} holds control characters, which no AWS ${part} has`, how: HOW_TO_SUPPLY[part] });
  }

  const time = derived.time;
  if (time !== undefined) request.time = new Date(time);
  const facts: EventFacts = {
    eventId: text(record.eventID),
    eventSource: text(record.eventSource),
    eventName: text(record.eventName),
    errorCode: text(record.errorCode),
    role: identity.role,
    region: text(record.awsRegion),
    sourceIp: derived.sourceIp,
    vpcEndpoint: typeof derived.context['aws:SourceVpce'] === 'string' ? derived.context['aws:SourceVpce'] : undefined,
    mfa: derived.mfa,
    userAgent: text(record.userAgent),
    time,
    calledVia: derived.calledVia,
  };
  request.event = facts;
  return request;
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
