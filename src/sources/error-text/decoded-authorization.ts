/**
 * The output of `sts:DecodeAuthorizationMessage` ("DecodeAuthorizationMessage",
 * AWS STS API Reference): `{"DecodedMessage": "<JSON string>"}`, or the inner
 * document itself (`--query DecodedMessage --output text`), which says
 *
 *     { "allowed": false, "explicitDeny": true,
 *       "matchedStatements": { "items": [ { "statementId", "effect", "actions", "resources", … } ] },
 *       "context": { "principal": { "id", "arn" }, "action", "resource",
 *                    "conditions": { "items": [ { "key", "values": { "items": [ { "value" } ] } } ] } } }
 *
 * Its matched statements and its request context feed the request iamwhy
 * evaluates. Pure: the caller reads the file.
 */
import type { ContextInput } from '../../engine/request.js';
import type { DeniedRequest } from '../denied-request.js';

export interface DecodedStatement {
  sid: string | undefined;
  /** `Allow` or `Deny`. */
  effect: string;
  actions: string[];
  resources: string[];
}

export interface DecodedAuthorization {
  allowed: boolean;
  explicitDeny: boolean;
  matchedStatements: DecodedStatement[];
  principalArn: string | undefined;
  /** `AROA…:session` / `AIDA…`: the unique id AWS puts in `aws:userid`. */
  principalId: string | undefined;
  /** With its service prefix (AWS sometimes leaves it out: `RunInstances`). */
  action: string | undefined;
  resource: string | undefined;
  /** Every condition item, as AWS wrote it. */
  conditions: Record<string, string[]>;
}

export type DecodedReadResult = { ok: true; decoded: DecodedAuthorization } | { ok: false; path: string; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{"items": [...]}` lists, as the decoded message writes every list. */
function items(value: unknown): unknown[] {
  if (isRecord(value) && Array.isArray(value.items)) return value.items;
  return Array.isArray(value) ? value : [];
}

function values(value: unknown): string[] {
  return items(value).flatMap((item) => {
    if (typeof item === 'string') return [item];
    if (isRecord(item) && typeof item.value === 'string') return [item.value];
    return [];
  });
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Read the decoded message (either shape) from a parsed JSON value. */
export function readDecodedAuthorization(input: unknown): DecodedReadResult {
  let document = input;
  if (isRecord(document) && 'DecodedMessage' in document) {
    if (typeof document.DecodedMessage !== 'string') return { ok: false, path: 'DecodedMessage', message: 'is not a string (the CLI prints the decoded document as a JSON string)' };
    try {
      document = JSON.parse(document.DecodedMessage) as unknown;
    } catch (error) {
      return { ok: false, path: 'DecodedMessage', message: `does not hold valid JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
  } else if (typeof document === 'string') {
    try {
      document = JSON.parse(document) as unknown;
    } catch {
      return { ok: false, path: '', message: 'is a string that does not hold the decoded JSON document' };
    }
  }
  if (!isRecord(document)) return { ok: false, path: '', message: 'is not a decoded authorization message (expected {"DecodedMessage": "…"} or {"allowed": …, "context": …})' };
  if (typeof document.allowed !== 'boolean') return { ok: false, path: 'allowed', message: 'is missing or not true/false: this is not a decoded authorization message' };
  const context = isRecord(document.context) ? document.context : {};
  const principal = isRecord(context.principal) ? context.principal : {};
  const conditions: Record<string, string[]> = {};
  for (const item of items(context.conditions)) {
    if (!isRecord(item) || typeof item.key !== 'string' || item.key === '') continue;
    conditions[item.key] = [...(conditions[item.key] ?? []), ...values(item.values)];
  }
  const service = conditions['aws:Service']?.[0];
  let action = text(context.action);
  if (action !== undefined && !action.includes(':') && service !== undefined) action = `${service}:${action}`;
  const matchedStatements: DecodedStatement[] = items(document.matchedStatements).filter(isRecord).map((statement) => {
    const effect = text(statement.effect) ?? '';
    return {
      sid: text(statement.statementId),
      effect: effect === '' ? '' : `${effect.charAt(0).toUpperCase()}${effect.slice(1).toLowerCase()}`,
      actions: values(statement.actions),
      resources: values(statement.resources),
    };
  });
  return {
    ok: true,
    decoded: {
      allowed: document.allowed,
      explicitDeny: document.explicitDeny === true,
      matchedStatements,
      principalArn: text(principal.arn),
      principalId: text(principal.id),
      action,
      resource: text(context.resource),
      conditions,
    },
  };
}

/**
 * Condition items that are the authorization's own bookkeeping, not condition
 * keys a policy can test: AWS lists them in the decoded context beside the real
 * keys. `aws:Region` is the region of the request, which policies test as
 * `aws:RequestedRegion`.
 */
const BOOKKEEPING = new Set(['aws:service', 'aws:resource', 'aws:type', 'aws:account', 'aws:arn']);
const RENAMED: Readonly<Record<string, string>> = { 'aws:region': 'aws:RequestedRegion' };

/** The condition keys of the decoded context, as the request context iamwhy evaluates. */
export function decodedContext(decoded: DecodedAuthorization): Record<string, ContextInput> {
  const context: Record<string, ContextInput> = {};
  for (const [key, list] of Object.entries(decoded.conditions)) {
    const lower = key.toLowerCase();
    if (BOOKKEEPING.has(lower) || list.length === 0) continue;
    context[RENAMED[lower] ?? key] = list.length === 1 ? (list[0] as string) : list;
  }
  return context;
}

function statementWords(statement: DecodedStatement): string {
  const sid = statement.sid === undefined ? 'a statement without Sid' : `statement "${statement.sid}"`;
  const actions = statement.actions.length > 0 ? ` ${statement.actions.join(', ')}` : '';
  const resources = statement.resources.length > 0 ? ` on ${statement.resources.join(', ')}` : '';
  return `${sid} (${statement.effect}${actions}${resources})`;
}

/**
 * Add what the decoded message says to a denied request: the triple where the
 * message lacked it, whether the deny was explicit, the request context, and its
 * matched statements as notes.
 */
export function withDecodedAuthorization(request: DeniedRequest, decoded: DecodedAuthorization): DeniedRequest {
  const next: DeniedRequest = {
    ...request,
    missing: [...request.missing],
    assumptions: [...request.assumptions],
    notes: [...request.notes],
    contribution: { ...request.contribution, context: { ...request.contribution.context } },
  };
  const fill = (part: 'principal' | 'action' | 'resource', value: string | undefined): void => {
    if (value === undefined) return;
    if (next[part] === undefined) {
      next[part] = value;
      next.missing = next.missing.filter((entry) => entry.part !== part);
    } else if (next[part]?.toLowerCase() !== value.toLowerCase()) {
      next.notes.push(`The decoded message's ${part} is ${value}; the message said ${next[part]}.`);
    }
  };
  fill('principal', decoded.principalArn);
  fill('action', decoded.action);
  fill('resource', decoded.resource);
  if (next.explicit === undefined) next.explicit = decoded.allowed ? undefined : decoded.explicitDeny;
  const context = next.contribution.context as Record<string, ContextInput>;
  // The principal's id is what AWS puts in aws:userid (`AROA…:session` for a role session).
  if (decoded.principalId !== undefined) context['aws:userid'] = decoded.principalId;
  Object.assign(context, decodedContext(decoded));
  if (decoded.allowed) next.notes.push('The decoded message says the request was allowed: it may belong to another request.');
  if (decoded.matchedStatements.length > 0) {
    next.notes.push(`The decoded message says these statements matched: ${decoded.matchedStatements.map(statementWords).join('; ')}.`);
  } else if (!decoded.allowed) {
    next.notes.push('The decoded message lists no matched statement: nothing allowed the request (an implicit deny).');
  }
  return next;
}
