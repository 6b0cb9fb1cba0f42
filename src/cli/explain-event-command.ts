/**
 * `iamwhy explain-event FILE|-`: CloudTrail events (one, a list, a `Records`
 * log file, or `lookup-events` output; JSON Lines too) → each denied event
 * explained. Wiring only.
 */
import { cloudTrailRecords, deniedRequestFromEvent, DENIED_ERROR_CODES, isDeniedEvent, type IndexedRecord } from '../sources/cloudtrail/index.js';
import type { DeniedRequest } from '../sources/denied-request.js';
import { INPUT_LIMITS } from '../input/limits.js';
import { readInputFile } from '../input/read-input.js';
import { parseJsonText } from '../sources/json-text.js';
import { readDecodedFile } from './decoded-file.js';
import { explainDenials, standardInputFlags, type DenialOverrides } from './explain-denial.js';
import { UsageError } from './exit-error.js';
import type { ExplainCommandOptions } from './explain-options.js';
import { describeFinding } from './gather-sources.js';
import { InputTooLargeError, type Terminal } from './terminal.js';

/** A CloudTrail log file is a few megabytes; this leaves room for big exports (`src/input/limits.ts`). */
export const EVENTS_LIMIT = INPUT_LIMITS.events.bytes;

export interface ExplainEventOptions extends ExplainCommandOptions {
  decoded: string | undefined;
  /** `--event-id ID`: only that event. */
  eventId: string | undefined;
}

async function eventsText(file: string, terminal: Terminal): Promise<string> {
  if (file === '-') {
    if (terminal.readStdin === undefined || terminal.stdinIsTTY === true) throw new UsageError('explain-event -: pipe the events in, e.g. aws cloudtrail lookup-events … | iamwhy explain-event -', 'USAGE');
    try {
      return await terminal.readStdin(EVENTS_LIMIT);
    } catch (error) {
      if (error instanceof InputTooLargeError) throw new UsageError(`standard input is longer than ${EVENTS_LIMIT} characters`, 'INPUT_TOO_LARGE');
      throw error;
    }
  }
  // Bounded and decoded like every input file: a file too big is refused before it is read.
  const read = await readInputFile(file, INPUT_LIMITS.events);
  if (read.ok) return read.text;
  throw new UsageError(`cannot read event file "${file}": ${read.reason}`, read.code === 'TOO_LARGE' ? 'INPUT_TOO_LARGE' : 'INVALID_INPUT');
}

/** The parsed input: one JSON document, or JSON Lines (one event per line, as `jq -c` and log exports write). */
function parseEvents(text: string, name: string): unknown {
  const parsed = parseJsonText(text, name, 'EVENT_JSON');
  if (parsed.ok) return parsed.value;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length > 1 && lines.every((line) => line.trimStart().startsWith('{'))) {
    const values: unknown[] = [];
    for (const [index, line] of lines.entries()) {
      const one = parseJsonText(line, name, 'EVENT_JSON');
      if (!one.ok) throw new UsageError(`${name}: line ${index + 1} is not a JSON event: ${one.finding.message}`, 'INVALID_INPUT');
      values.push(one.value);
    }
    return values;
  }
  throw new UsageError(describeFinding(parsed.finding), 'INVALID_INPUT');
}

function labelOf(entry: IndexedRecord, total: number, name: string): string {
  const id = typeof entry.record.eventID === 'string' ? `, eventID ${entry.record.eventID}` : '';
  return `event ${entry.index} of ${total} in ${name}${id}`;
}

export async function runExplainEvent(file: string, options: ExplainEventOptions, overrides: DenialOverrides, terminal: Terminal): Promise<number> {
  if (standardInputFlags(options, [options.decoded, file]) > 1) throw new UsageError('standard input ("-") can be read once: give the other files by name', 'USAGE');
  const name = file === '-' ? 'standard input' : file;
  const text = await eventsText(file, terminal);
  if (text.length > EVENTS_LIMIT) throw new UsageError(`${name} is longer than ${EVENTS_LIMIT} characters`, 'INPUT_TOO_LARGE');
  const records = cloudTrailRecords(parseEvents(text, name));
  if (!records.ok) throw new UsageError(`${name} ${records.message}`, 'INVALID_INPUT');
  const total = records.records.length;
  let denied = records.records.filter((entry) => isDeniedEvent(entry.record));
  if (options.eventId !== undefined) {
    denied = denied.filter((entry) => entry.record.eventID === options.eventId);
    if (denied.length === 0) throw new UsageError(`${name} has no denied event with eventID ${options.eventId}`, 'NO_DENIED_EVENT');
  }
  if (denied.length === 0) {
    throw new UsageError(`${name} holds ${total} event${total === 1 ? '' : 's'}, none denied (errorCode ${DENIED_ERROR_CODES.join(', ')})`, 'NO_DENIED_EVENT');
  }
  if (options.decoded !== undefined && denied.length > 1) {
    throw new UsageError(`--decoded belongs to one event, and ${name} holds ${denied.length} denied events: pick one with --event-id ID`, 'USAGE');
  }
  const requests: DeniedRequest[] = [];
  for (const entry of denied) {
    let request = deniedRequestFromEvent(entry.record, labelOf(entry, total, name));
    if (options.decoded !== undefined) request = await readDecodedFile(options.decoded, request);
    requests.push(request);
  }
  return explainDenials(requests, options, overrides, terminal);
}
