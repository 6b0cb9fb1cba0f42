/**
 * Checking condition-key values against the key's documented type, for values
 * the user types (`--context KEY=VALUE`, the `custom` section of a request
 * context file). Values stay strings, as AWS compares them; only Bool values
 * are normalised (to lower case).
 */
import { isFederationProviderKey } from '../../language/federation-keys.js';
import { isIP } from 'node:net';
import { parseArn } from '../../language/arn.js';
import type { ConditionKeyInfo, ConditionKeyType } from '../../catalog/types.js';
import { globalConditionKeyInfo } from '../../catalog/global-keys.js';
import { quoteExcerpt } from '../../text/excerpt.js';

/** What value checking needs to know about a key: its type, other types AWS accepts for it, whether it is multivalued. */
export type ConditionKeyTypeInfo = Pick<ConditionKeyInfo, 'type' | 'multivalued'> & { alsoAccepts?: readonly ConditionKeyType[] };

/** Type information for a condition key, or undefined when the key is not known. Synchronous. */
export type ConditionKeyTypeLookup = (key: string) => ConditionKeyTypeInfo | undefined;

/**
 * The default lookup: global condition keys only (the catalog's synchronous table).
 * Service keys (`s3:prefix`) are untyped here, so any string is accepted for them.
 */
export const defaultKeyTypeLookup: ConditionKeyTypeLookup = globalConditionKeyInfo;

/** Check a value against a key's type or any other type AWS accepts for it; the first type's reason when none fits. */
export function checkKeyValue(value: string, info: ConditionKeyTypeInfo): ValueCheck {
  const first = checkValue(value, info.type);
  if (first.ok) return first;
  for (const other of info.alsoAccepts ?? []) {
    const check = checkValue(value, other);
    if (check.ok) return check;
  }
  return first;
}

export type ValueCheck = { ok: true; value: string } | { ok: false; reason: string };

/** The element type of an `ArrayOf*` type; the type itself otherwise. */
export function scalarTypeOf(type: ConditionKeyType): ConditionKeyType {
  return type.startsWith('ArrayOf') ? (type.slice('ArrayOf'.length) as ConditionKeyType) : type;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const EPOCH_SECONDS = /^\d+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

/** Check one value against a key type. `String`, `Binary` and unknown types accept anything. */
export function checkValue(value: string, type: ConditionKeyType): ValueCheck {
  switch (scalarTypeOf(type)) {
    case 'Numeric':
      if (!NUMBER.test(value)) return { ok: false, reason: `${quote(value)} is not a number` };
      // 1e999 reads as Infinity: no comparison with it means anything.
      return Number.isFinite(Number(value)) ? { ok: true, value } : { ok: false, reason: `${quote(value)} is too large to be a number` };
    case 'Bool': {
      const lower = value.toLowerCase();
      return lower === 'true' || lower === 'false'
        ? { ok: true, value: lower }
        : { ok: false, reason: `${quote(value)} is not true or false` };
    }
    case 'Date':
      return isDate(value)
        ? { ok: true, value }
        : { ok: false, reason: `${quote(value)} is not an ISO 8601 date (2024-05-01T12:00:00Z) or epoch seconds` };
    case 'IPAddress':
      return isIpOrCidr(value)
        ? { ok: true, value }
        : { ok: false, reason: `${quote(value)} is not an IPv4 or IPv6 address or CIDR block` };
    case 'ARN':
      return parseArn(value) !== undefined
        ? { ok: true, value }
        : { ok: false, reason: `${quote(value)} is not an ARN (arn:partition:service:region:account:resource)` };
    default:
      return { ok: true, value };
  }
}

function quote(value: string): string {
  return quoteExcerpt(value);
}

/** ISO 8601 (W3C profile: date, optional time and zone) or epoch seconds. */
export function isDate(value: string): boolean {
  if (EPOCH_SECONDS.test(value)) return true;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part))) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return false;
  const zone = match[7];
  if (zone !== undefined && /^[+-]/.test(zone)) {
    const digits = zone.replace(':', '');
    if (Number(digits.slice(1, 3)) > 23 || Number(digits.slice(3, 5)) > 59) return false;
  }
  return hour <= 23 && minute <= 59 && second <= 60;
}

/** An IPv4 or IPv6 address, optionally with a `/prefix` (CIDR). */
export function isIpOrCidr(value: string): boolean {
  const slash = value.indexOf('/');
  const address = slash === -1 ? value : value.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return false;
  if (slash === -1) return true;
  const prefix = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * A condition key as AWS writes them: `prefix:Name`, the prefix being letters,
 * digits and dashes. A key whose only `/` ends it (`aws:PrincipalTag/`) names no
 * tag: it is not a key.
 */
export function looksLikeConditionKey(key: string): boolean {
  // A service prefix, or a federation provider's host[/path] (token.actions.githubusercontent.com:sub).
  if (isFederationProviderKey(key)) return true;
  if (!/^[A-Za-z0-9-]+:[^\s]+$/.test(key)) return false;
  const slash = key.indexOf('/');
  return slash === -1 || slash < key.length - 1;
}
