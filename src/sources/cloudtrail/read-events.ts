/**
 * CloudTrail events as users have them: one event, a JSON list of events, a
 * log file with `Records` (as CloudTrail delivers to S3), or the output of
 * `aws cloudtrail lookup-events` (`Events[].CloudTrailEvent`, each a JSON string).
 * The denied ones are those whose `errorCode` is an authorization failure
 * ("CloudTrail record contents"): AccessDenied, AccessDeniedException,
 * UnauthorizedOperation, Client.UnauthorizedOperation, UnauthorizedAccess.
 * Pure: the caller reads and parses the file.
 */

export type CloudTrailRecord = Record<string, unknown>;

export interface IndexedRecord {
  /** 1-based position among all records of the input. */
  index: number;
  record: CloudTrailRecord;
}

export type RecordsResult = { ok: true; records: IndexedRecord[] } | { ok: false; message: string };

export const DENIED_ERROR_CODES = ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'UnauthorizedAccess'] as const;
const DENIED = new Set(DENIED_ERROR_CODES.map((code) => code.toLowerCase()));

function isRecord(value: unknown): value is CloudTrailRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A CloudTrail event has at least an eventSource or an eventName. */
function looksLikeEvent(value: CloudTrailRecord): boolean {
  return typeof value.eventName === 'string' || typeof value.eventSource === 'string';
}

/** A `lookup-events` item carries the event as a JSON string. */
function unwrapLookupItem(value: unknown): unknown {
  if (isRecord(value) && typeof value.CloudTrailEvent === 'string') {
    try {
      return JSON.parse(value.CloudTrailEvent) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}

/** Every record of the input, in order. */
export function cloudTrailRecords(input: unknown): RecordsResult {
  let list: unknown[];
  if (Array.isArray(input)) list = input;
  else if (isRecord(input) && Array.isArray(input.Records)) list = input.Records;
  else if (isRecord(input) && Array.isArray(input.Events)) list = input.Events;
  else if (isRecord(input)) list = [input];
  else return { ok: false, message: 'is not a CloudTrail event, a list of events, or a log file with "Records"' };
  const records: IndexedRecord[] = [];
  list.forEach((item, position) => {
    const record = unwrapLookupItem(item);
    if (isRecord(record) && looksLikeEvent(record)) records.push({ index: position + 1, record });
  });
  if (records.length === 0) {
    return { ok: false, message: list.length === 0 ? 'holds no events' : 'holds no CloudTrail events (objects with eventSource and eventName)' };
  }
  return { ok: true, records };
}

/** The event was denied for lack of authorization. */
export function isDeniedEvent(record: CloudTrailRecord): boolean {
  return typeof record.errorCode === 'string' && DENIED.has(record.errorCode.toLowerCase());
}
