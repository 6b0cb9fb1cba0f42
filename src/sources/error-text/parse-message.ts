/**
 * An AccessDenied message, in every form AWS documents ("Troubleshoot access
 * denied error messages", "Troubleshoot access denied error messages with
 * authorization ID", "Troubleshoot access denied (403 Forbidden) errors in Amazon
 * S3") and the variants seen in the wild, read into its parts.
 *
 * The enhanced form is
 *
 *     User: PRINCIPAL is not authorized to perform: ACTION [on resource: RESOURCE | on this resource]
 *       [because no TYPE allows the ACTION action | with an explicit deny [in TYPE [transitively through TYPE]]]
 *       [: POLICY-ARN] [. Encoded authorization failure message: BLOB]
 *       [. Go to https://… or call the GetRequestAuthorizationDetails API with the following authorization id: ID]
 *
 * and the terse ones yield what they carry. Parsing is keyword search with
 * `indexOf` and bounded token reads — no backtracking regular expression runs
 * over the input — so hostile text costs linear time.
 */
import type { LayerName } from '../../engine/result.js';
import { policyTypeAt } from './policy-types.js';
import { readSdkWrapper, type SdkWrapper } from './sdk-wrapper.js';
import { hasControlCharacters, unwrapPastedText } from './unwrap.js';

export type MessageForm =
  /** `User: … is not authorized to perform: …` */
  | 'enhanced'
  /** `User: X is not authorized to access this resource` */
  | 'not-authorized-to-access'
  /** `Principal [X] is not allowed to execute [Y] on the resource` */
  | 'principal-not-allowed'
  /** `Access to the resource ARN is denied.`, `Not authorized to access resource ARN` */
  | 'resource-denied'
  /** `You are not authorized to perform this operation.` (EC2 without the enhanced part) */
  | 'operation-not-authorized'
  /** `Not authorized to perform sts:AssumeRoleWithWebIdentity` (STS, for federated callers) */
  | 'action-not-authorized'
  /** `Access Denied`, or only an SDK error code */
  | 'access-denied';

/** IAM describes some resources in words: `on resource: role voclabs`, `on resource: access key AKIA…`. */
export interface WordedResource {
  /** `role`, `user`, `group`, `instance profile`, `access key`, `policy`. */
  type: string;
  name: string;
}

export interface ParsedMessage {
  form: MessageForm;
  /** The message as one line, after unwrapping. */
  text: string;
  principal: string | undefined;
  action: string | undefined;
  /** An ARN or `*`; undefined when the message names none or names it in words. */
  resource: string | undefined;
  wordedResource: WordedResource | undefined;
  /** KMS: `on this resource` (the key is not named). */
  resourceNotNamed: boolean;
  explicit: boolean | undefined;
  policyType: LayerName | undefined;
  trustPolicy: boolean;
  policyTypeWords: string | undefined;
  viaPolicyType: LayerName | undefined;
  policyArn: string | undefined;
  authorizationId: string | undefined;
  encodedMessage: string | undefined;
  encodedMessageTruncated: boolean;
  blockPublicAccess: string | undefined;
  /** A "because …" AWS gave that is none of the documented ones. */
  otherReason: string | undefined;
  /** A token that held control characters and was therefore not taken. */
  rejected: string[];
  sdk: SdkWrapper;
}

export type ParseMessageResult = { ok: true; message: ParsedMessage } | { ok: false; expected: string; example: string };

/** What an AccessDenied message looks like, for the error when the text is none. */
export const MESSAGE_EXAMPLE =
  'User: arn:aws:iam::111122223333:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::amzn-s3-demo-bucket/report.csv" because no identity-based policy allows the s3:GetObject action';

/** Longer than any ARN, action or id AWS prints: such a "token" is not one. */
const MAX_TOKEN = 2048;
/** EC2's encoded messages run to a few thousand characters. */
const MAX_ENCODED = 65_536;
/** Punctuation that ends a sentence or a clause after a token, never part of one. */
const TRAILING = new Set(['.', ',', ';', ')', '"', "'", '`', ']', '}']);

interface Token {
  value: string;
  end: number;
}

/** The run of non-space characters at `start` (after spaces), without trailing punctuation. */
function tokenAt(text: string, start: number, limit = MAX_TOKEN, strip = true): Token | undefined {
  let begin = start;
  while (text[begin] === ' ') begin++;
  let end = begin;
  while (end < text.length && text[end] !== ' ') {
    end++;
    if (end - begin > limit) return undefined;
  }
  let value = text.slice(begin, end);
  if (!strip) return value === '' ? undefined : { value, end };
  while (value.length > 0 && TRAILING.has(value[value.length - 1] as string)) value = value.slice(0, -1);
  while (value.length > 0 && (value[0] === '"' || value[0] === "'" || value[0] === '(' || value[0] === '[')) value = value.slice(1);
  return value === '' ? undefined : { value, end };
}

/** A double-quoted value at `start` (S3 quotes its resources). */
function quotedAt(text: string, start: number): Token | undefined {
  let begin = start;
  while (text[begin] === ' ') begin++;
  if (text[begin] !== '"') return undefined;
  const close = text.indexOf('"', begin + 1);
  if (close === -1 || close - begin > MAX_TOKEN) return undefined;
  return { value: text.slice(begin + 1, close), end: close + 1 };
}

function skipSpaceAndPunctuation(text: string, start: number): number {
  let index = start;
  while (index < text.length && (text[index] === ' ' || text[index] === ',' || text[index] === '.')) index++;
  return index;
}

/** The first of `markers` found in `lower` at or after `from`, with where it ends. */
function find(lower: string, markers: readonly string[], from = 0): { at: number; end: number; marker: string } | undefined {
  let best: { at: number; end: number; marker: string } | undefined;
  for (const marker of markers) {
    const at = lower.indexOf(marker, from);
    if (at !== -1 && (best === undefined || at < best.at)) best = { at, end: at + marker.length, marker };
  }
  return best;
}

function emptyMessage(form: MessageForm, text: string, sdk: SdkWrapper): ParsedMessage {
  return {
    form,
    text,
    principal: undefined,
    action: undefined,
    resource: undefined,
    wordedResource: undefined,
    resourceNotNamed: false,
    explicit: undefined,
    policyType: undefined,
    trustPolicy: false,
    policyTypeWords: undefined,
    viaPolicyType: undefined,
    policyArn: undefined,
    authorizationId: undefined,
    encodedMessage: undefined,
    encodedMessageTruncated: false,
    blockPublicAccess: undefined,
    otherReason: undefined,
    rejected: [],
    sdk,
  };
}

/** Take a token unless it holds control characters (which nothing AWS prints does). */
function accept(message: ParsedMessage, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (hasControlCharacters(value)) {
    message.rejected.push(value);
    return undefined;
  }
  return value;
}

/** The principal between `User: ` and ` is not authorized`. */
function principalBefore(text: string, lower: string, at: number): string | undefined {
  const user = lower.lastIndexOf('user: ', at);
  if (user === -1 || at - user > MAX_TOKEN) return undefined;
  const value = text.slice(user + 'user: '.length, at).trim();
  if (value === '' || value.includes(' ')) return undefined;
  // AWS writes "anonymous" for unsigned requests; iamwhy's own message form says "Anonymous".
  return value.toLowerCase() === 'anonymous' ? 'anonymous' : value;
}

const WORDED_TYPES = ['instance profile', 'access key', 'role', 'user', 'group', 'policy'];

/** After `on resource:`: a quoted value, an ARN, `*`, or IAM's words (`role voclabs`). */
function readResource(message: ParsedMessage, text: string, lower: string, start: number): number {
  const quoted = quotedAt(text, start);
  if (quoted) {
    message.resource = accept(message, quoted.value);
    return quoted.end;
  }
  let begin = start;
  while (text[begin] === ' ') begin++;
  for (const type of WORDED_TYPES) {
    if (!lower.startsWith(`${type} `, begin)) continue;
    const named = tokenAt(text, begin + type.length + 1);
    if (!named) return begin;
    // `on resource: policy arn:aws:iam::…:policy/X` names the ARN after the word.
    if (named.value.startsWith('arn:')) message.resource = accept(message, named.value);
    else {
      const name = accept(message, named.value);
      if (name !== undefined) message.wordedResource = { type, name };
    }
    return named.end;
  }
  const token = tokenAt(text, begin);
  if (!token) return begin;
  message.resource = accept(message, token.value);
  return token.end;
}

/** `because …` or `with an explicit deny …` at `start`, and a policy ARN after the type. */
function readReason(message: ParsedMessage, text: string, lower: string, start: number): void {
  const at = skipSpaceAndPunctuation(text, start);
  if (lower.startsWith('because no ', at)) {
    message.explicit = false;
    const type = policyTypeAt(text, lower, at + 'because no '.length);
    if (type) {
      message.policyType = type.layer;
      message.trustPolicy = type.trust;
      message.policyTypeWords = type.words;
      readPolicyArn(message, text, lower, at + 'because no '.length + type.length);
    }
    return;
  }
  if (lower.startsWith('because ', at)) {
    const rest = text.slice(at + 'because '.length, at + 'because '.length + 300);
    const setting = /by the (BlockPublicAcls|BlockPublicPolicy|IgnorePublicAcls|RestrictPublicBuckets) setting/i.exec(rest);
    if (setting) message.blockPublicAccess = setting[1];
    else message.otherReason = rest.split('. ')[0];
    return;
  }
  if (lower.startsWith('with an explicit deny', at)) {
    message.explicit = true;
    let next = at + 'with an explicit deny'.length;
    if (lower.startsWith(' in ', next)) {
      const type = policyTypeAt(text, lower, next + ' in '.length);
      if (type) {
        message.policyType = type.layer;
        message.trustPolicy = type.trust;
        message.policyTypeWords = type.words;
        next += ' in '.length + type.length;
        if (lower.startsWith(' transitively through ', next)) {
          const via = policyTypeAt(text, lower, next + ' transitively through '.length);
          if (via) {
            message.viaPolicyType = via.layer;
            next += ' transitively through '.length + via.length;
          }
        }
      }
    }
    readPolicyArn(message, text, lower, next);
  }
}

/** `: arn:…` right after the policy type (AWS's policy-ARN suffix). */
function readPolicyArn(message: ParsedMessage, text: string, lower: string, start: number): void {
  let at = start;
  // "… allows the s3:GetObject action" comes between an implicit type and its ARN.
  if (lower.startsWith(' allows the ', at)) {
    const action = tokenAt(text, at + ' allows the '.length);
    if (action) at = action.end;
    if (lower.startsWith(' action', at)) at += ' action'.length;
  }
  if (text[at] !== ':') return;
  const token = tokenAt(text, at + 1);
  if (token && token.value.startsWith('arn:') && token.value.includes(':policy/')) message.policyArn = accept(message, token.value);
}

/** The encoded authorization failure message and the authorization id, wherever they are. */
function readSuffixes(message: ParsedMessage, text: string, lower: string): void {
  const encoded = find(lower, ['encoded authorization failure message:']);
  if (encoded) {
    const token = tokenAt(text, encoded.end, MAX_ENCODED, false);
    if (token) {
      const truncated = token.value.endsWith('...') || token.value.endsWith('…');
      // One period ends the sentence; three mark CloudTrail's cut.
      const blob = token.value.replace(/(\.\.\.|…|\.)$/, '').replace(/["'`]$/, '');
      if (/^[A-Za-z0-9_\-+/=]+$/.test(blob)) {
        message.encodedMessage = blob;
        // CloudTrail keeps about 1,024 characters of errorMessage; what it cut ends in "...".
        message.encodedMessageTruncated = truncated;
      }
    }
  }
  const id = find(lower, ['authorization id:', 'authorization-details/']);
  if (id) {
    const token = tokenAt(text, id.end);
    const value = token?.value.split(/[^0-9a-z]/)[0];
    if (value !== undefined && /^[0-9a-z]+$/.test(value)) message.authorizationId = value;
  }
}

function parseEnhanced(message: ParsedMessage, text: string, lower: string, at: number): void {
  message.principal = accept(message, principalBefore(text, lower, at));
  let next = at + ' is not authorized to perform'.length;
  if (text[next] === ':') next++;
  const action = tokenAt(text, next);
  if (!action) return;
  message.action = accept(message, action.value);
  next = action.end;
  const clause = skipSpaceAndPunctuation(text, next);
  if (lower.startsWith('on resource:', clause)) {
    next = readResource(message, text, lower, clause + 'on resource:'.length);
  } else if (lower.startsWith('on this resource', clause)) {
    message.resourceNotNamed = true;
    next = clause + 'on this resource'.length;
  } else if (lower.startsWith('on the specified resource', clause)) {
    message.resourceNotNamed = true;
    next = clause + 'on the specified resource'.length;
  } else if (lower.startsWith('on resource ', clause)) {
    next = readResource(message, text, lower, clause + 'on resource '.length);
  }
  readReason(message, text, lower, next);
}

/** How much of the request a reading yields: picks between the two readings of ambiguous line wrapping. */
function completeness(message: ParsedMessage): number {
  const arn = (value: string | undefined): boolean => value !== undefined && /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12}|aws)?:\S+$/.test(value);
  let score = 0;
  if (arn(message.principal) || message.principal === 'anonymous') score += 2;
  if (message.action !== undefined && /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(message.action)) score += 2;
  if (arn(message.resource) || message.resource === '*' || message.wordedResource !== undefined) score += 2;
  if (message.policyType !== undefined || message.blockPublicAccess !== undefined) score += 1;
  if (message.explicit !== undefined) score += 1;
  if (message.policyArn !== undefined) score += 1;
  return message.form === 'enhanced' ? score + 1 : score;
}

/** Parse one AccessDenied message (any form, wrapped or quoted). */
export function parseDenialMessage(raw: string): ParseMessageResult {
  let best: ParseMessageResult | undefined;
  let bestScore = -1;
  for (const text of unwrapPastedText(raw)) {
    const parsed = parseOneLine(text);
    const score = parsed.ok ? completeness(parsed.message) : -1;
    if (best === undefined || score > bestScore) {
      best = parsed;
      bestScore = score;
    }
  }
  return best as ParseMessageResult;
}

function parseOneLine(text: string): ParseMessageResult {
  const lower = text.toLowerCase();
  const sdk = readSdkWrapper(text, lower);

  // "… is not authorized to perform this operation" is EC2's terse form, not the enhanced one.
  let enhanced = lower.indexOf(' is not authorized to perform');
  while (enhanced !== -1 && lower.startsWith(' is not authorized to perform this operation', enhanced)) {
    enhanced = lower.indexOf(' is not authorized to perform', enhanced + 1);
  }
  if (enhanced !== -1) {
    const message = emptyMessage('enhanced', text, sdk);
    parseEnhanced(message, text, lower, enhanced);
    readSuffixes(message, text, lower);
    return { ok: true, message };
  }
  const access = lower.indexOf(' is not authorized to access this resource');
  if (access !== -1) {
    const message = emptyMessage('not-authorized-to-access', text, sdk);
    message.principal = accept(message, principalBefore(text, lower, access));
    readSuffixes(message, text, lower);
    return { ok: true, message };
  }
  const principalForm = lower.indexOf('principal [');
  if (principalForm !== -1 && lower.indexOf('] is not allowed to execute [', principalForm) !== -1) {
    const message = emptyMessage('principal-not-allowed', text, sdk);
    const open = principalForm + 'principal ['.length;
    const close = text.indexOf(']', open);
    if (close - open <= MAX_TOKEN) message.principal = accept(message, text.slice(open, close).trim() || undefined);
    const execute = lower.indexOf('is not allowed to execute [', close) + 'is not allowed to execute ['.length;
    const end = text.indexOf(']', execute);
    if (end !== -1 && end - execute <= MAX_TOKEN) message.action = accept(message, text.slice(execute, end).trim() || undefined);
    return { ok: true, message };
  }
  const resourceForm = find(lower, ['access to the resource ', 'not authorized to access resource ']);
  if (resourceForm) {
    const message = emptyMessage('resource-denied', text, sdk);
    const token = tokenAt(text, resourceForm.end);
    if (token && token.value.startsWith('arn:')) message.resource = accept(message, token.value);
    return { ok: true, message };
  }
  const actionForm = lower.indexOf('not authorized to perform ');
  if (actionForm !== -1 && !lower.startsWith('not authorized to perform this operation', actionForm)) {
    const token = tokenAt(text, actionForm + 'not authorized to perform '.length);
    if (token && /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/.test(token.value)) {
      const message = emptyMessage('action-not-authorized', text, sdk);
      message.action = accept(message, token.value);
      return { ok: true, message };
    }
  }
  if (lower.includes('not authorized to perform this operation')) {
    const message = emptyMessage('operation-not-authorized', text, sdk);
    readSuffixes(message, text, lower);
    return { ok: true, message };
  }
  if (lower.includes('access denied') || lower.includes('accessdenied') || sdk.errorCode !== undefined) {
    const message = emptyMessage('access-denied', text, sdk);
    readSuffixes(message, text, lower);
    return { ok: true, message };
  }
  return {
    ok: false,
    expected: 'an AWS AccessDenied message ("User: ARN is not authorized to perform: ACTION …", "Access Denied", or an SDK error that carries one)',
    example: MESSAGE_EXAMPLE,
  };
}
