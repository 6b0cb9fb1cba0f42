/**
 * `IpAddress` ("IAM JSON policy elements: Condition operators", section "IP
 * address condition operators": IPv4 or IPv6, "The value must be in the standard
 * CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64). If you
 * specify an IP address without the associated routing prefix, IAM uses the
 * default prefix value of /32."; policy variables "Not supported").
 * `NotIpAddress` is its negation (registry.ts).
 *
 * Decisions where the page is silent:
 * - A bare IPv6 address is a single address (/128): the page's "/32" is the IPv4
 *   host prefix; applied to IPv6 it would be a range of 2^96 addresses.
 * - Host bits beyond the prefix (`203.0.113.7/24`) are ignored, as CIDR does.
 * - Families never cross: an IPv4 context address never matches an IPv6 range,
 *   IPv4-mapped IPv6 (`::ffff:203.0.113.7`) included.
 * - The context value must be a plain address; text that is not one (or a CIDR
 *   range in the context) does not coerce. IPv4 octets are 1–3 decimal digits
 *   ≤ 255; IPv6 zone ids (`%eth0`) are rejected.
 */
import { defineOperator } from './types.js';

export interface IpAddress {
  family: 4 | 6;
  /** The address as an unsigned integer of 32 or 128 bits. */
  value: bigint;
}

export interface IpRange extends IpAddress {
  prefixLength: number;
}

const IPV4_OCTET = /^\d{1,3}$/;
const IPV6_GROUP = /^[0-9A-Fa-f]{1,4}$/;

export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIpv4(text);
  return value === undefined ? undefined : { family: 4, value };
}

/** `address/prefix` or a bare address (a single-address range). */
export function parseIpRange(text: string): IpRange | undefined {
  const slash = text.indexOf('/');
  const address = parseIpAddress(slash === -1 ? text : text.slice(0, slash));
  if (address === undefined) return undefined;
  const bits = address.family === 4 ? 32 : 128;
  if (slash === -1) return { ...address, prefixLength: bits };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefixLength = Number(prefixText);
  return prefixLength <= bits ? { ...address, prefixLength } : undefined;
}

export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const hostBits = BigInt((range.family === 4 ? 32 : 128) - range.prefixLength);
  return range.value >> hostBits === address.value >> hostBits;
}

function parseIpv4(text: string): bigint | undefined {
  const octets = text.split('.');
  if (octets.length !== 4) return undefined;
  let value = 0n;
  for (const octet of octets) {
    if (!IPV4_OCTET.test(octet)) return undefined;
    const number = Number(octet);
    if (number > 255) return undefined;
    value = (value << 8n) | BigInt(number);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2 || (halves.length === 2 && (halves[0] ?? '').includes('.'))) return undefined;
  const head = parseIpv6Groups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseIpv6Groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  let value = 0n;
  for (const group of [...head, ...new Array<number>(missing).fill(0), ...tail]) {
    value = (value << 16n) | BigInt(group);
  }
  return value;
}

/** 16-bit groups of one side of `::`; a trailing dotted IPv4 part counts as two groups. */
function parseIpv6Groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index] ?? '';
    if (index === parts.length - 1 && part.includes('.')) {
      const ipv4 = parseIpv4(part);
      if (ipv4 === undefined) return undefined;
      groups.push(Number(ipv4 >> 16n), Number(ipv4 & 0xffffn));
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

export const ipAddress = defineOperator<IpAddress, IpRange>({
  name: 'IpAddress',
  substitutesVariables: false,
  readContextValue: parseIpAddress,
  readPolicyValue: (value) => parseIpRange(value.text),
  matches: (address, range) => rangeContains(range, address),
});
