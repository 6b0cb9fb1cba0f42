/**
 * Date condition operators ("IAM JSON policy elements: Condition operators",
 * section "Date condition operators": "You must specify date/time values with one
 * of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX)
 * time"; policy variables "Not supported"). Both sides are read the same way and
 * compared as instants, to the millisecond. `DateNotEquals` is derived.
 *
 * Accepted forms (decisions where AWS is silent are marked *):
 * - epoch seconds: `1700000000`, `-5`, `1700000000.25`. *A bare number is always
 *   epoch seconds, so the W3C year-only form `YYYY` reads as seconds, not a year.
 * - W3C "Date and Time Formats" (NOTE-datetime): `YYYY-MM`, `YYYY-MM-DD`,
 *   `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD`, `YYYY-MM-DDThh:mm:ss.sTZD`,
 *   TZD being `Z` or `±hh:mm`. *A time without TZD is read as UTC; dates without
 *   a time are midnight UTC. Fractions beyond milliseconds are truncated.
 * Anything else, or an impossible date (`2024-02-30`), does not coerce.
 */
import { defineOperator, type ValueOperator } from './types.js';

const EPOCH_SECONDS = /^-?\d+(?:\.\d+)?$/;
const W3C_DATETIME =
  /^(\d{4})-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}:\d{2})?)?)?$/;

/** Milliseconds since the epoch, or undefined when `text` is no date AWS's formats allow. */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) {
    const millis = Number(text) * 1000;
    return Number.isFinite(millis) ? Math.trunc(millis) : undefined;
  }
  const match = W3C_DATETIME.exec(text);
  if (match === null) return undefined;
  const [, yearText, monthText, dayText, hourText, minuteText, secondText, fraction, zone] = match;
  const year = Number(yearText);
  const month = Number(monthText);
  const day = dayText === undefined ? 1 : Number(dayText);
  const hour = hourText === undefined ? 0 : Number(hourText);
  const minute = minuteText === undefined ? 0 : Number(minuteText);
  const second = secondText === undefined ? 0 : Number(secondText);
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  return utc - zoneOffsetMillis(zone);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  return sign * (hours * 60 + minutes) * 60_000;
}

function date(name: string, compare: (contextValue: number, policyValue: number) => boolean): ValueOperator {
  return defineOperator<number, number>({
    name,
    substitutesVariables: false,
    readContextValue: parseDate,
    readPolicyValue: (value) => parseDate(value.text),
    matches: compare,
  });
}

export const dateEquals = date('DateEquals', (a, b) => a === b);
export const dateLessThan = date('DateLessThan', (a, b) => a < b);
export const dateLessThanEquals = date('DateLessThanEquals', (a, b) => a <= b);
export const dateGreaterThan = date('DateGreaterThan', (a, b) => a > b);
export const dateGreaterThanEquals = date('DateGreaterThanEquals', (a, b) => a >= b);
