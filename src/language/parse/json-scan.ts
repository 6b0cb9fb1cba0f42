/**
 * One linear pass over JSON text that `JSON.parse` has already accepted,
 * for the two things `JSON.parse` does not tell: how deep the values nest, and
 * which keys an object repeats (it silently keeps the last, so a repeated
 * `UserDetailList` makes every user of the first one vanish).
 *
 * Built for snapshots (tens of megabytes): strings are skipped with `indexOf`,
 * and per-level key lists are reused, so the pass allocates little beyond the
 * keys themselves. Never recursive; never throws, even on text that is not JSON.
 */
import type { PathSegment } from './json-document.js';

export interface JsonRepeatedKey {
  key: string;
  /** Where the object holding the key is. */
  objectPath: PathSegment[];
  /** Offsets of the first and the repeated key (its opening quote). */
  firstOffset: number;
  offset: number;
}

export interface JsonScan {
  /** The first value nested deeper than the limit, if any (the scan stops there). */
  tooDeep?: { offset: number; path: PathSegment[] };
  /** Repeated keys, in document order (at most `maxRepeated`). */
  repeated: JsonRepeatedKey[];
}

export interface JsonScanOptions {
  maxDepth: number;
  /** Stop recording repeated keys after this many (default 20). */
  maxRepeated?: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
/** Objects with more keys than this are checked with a Set rather than a list. */
const SMALL_OBJECT = 16;

interface Frame {
  isObject: boolean;
  expectingKey: boolean;
  key: string | undefined;
  index: number;
  /** The first `keyCount` entries are this object's keys (the arrays are reused, never truncated). */
  keys: string[];
  keyOffsets: number[];
  keyCount: number;
  set: Map<string, number> | undefined;
}

export function scanJsonStructure(text: string, options: JsonScanOptions): JsonScan {
  const maxRepeated = options.maxRepeated ?? 20;
  const repeated: JsonRepeatedKey[] = [];
  const frames: Frame[] = [];
  let depth = 0;
  const pathOf = (levels: number): PathSegment[] => {
    const path: PathSegment[] = [];
    for (let level = 0; level < levels; level++) {
      const frame = frames[level] as Frame;
      if (frame.isObject) {
        if (frame.key !== undefined) path.push(frame.key);
      } else {
        path.push(frame.index);
      }
    }
    return path;
  };
  const open = (isObject: boolean): void => {
    let frame = frames[depth];
    if (frame === undefined) {
      frame = { isObject, expectingKey: isObject, key: undefined, index: 0, keys: [], keyOffsets: [], keyCount: 0, set: undefined };
      frames[depth] = frame;
    } else {
      frame.isObject = isObject;
      frame.expectingKey = isObject;
      frame.key = undefined;
      frame.index = 0;
      frame.keyCount = 0;
      if (frame.set !== undefined && frame.set.size > 0) frame.set.clear();
    }
    depth++;
  };
  const recordKey = (frame: Frame, key: string, offset: number): void => {
    frame.key = key;
    frame.expectingKey = false;
    let firstOffset: number | undefined;
    if (frame.set !== undefined && frame.set.size > 0) {
      firstOffset = frame.set.get(key);
      if (firstOffset === undefined) frame.set.set(key, offset);
    } else {
      for (let at = 0; at < frame.keyCount; at++) {
        if (frame.keys[at] === key) {
          firstOffset = frame.keyOffsets[at];
          break;
        }
      }
      if (firstOffset !== undefined) {
        // Repeated: recorded below.
      } else if (frame.keyCount < SMALL_OBJECT) {
        frame.keys[frame.keyCount] = key;
        frame.keyOffsets[frame.keyCount] = offset;
        frame.keyCount++;
      } else {
        const set = (frame.set ??= new Map());
        for (let at = 0; at < frame.keyCount; at++) set.set(frame.keys[at] as string, frame.keyOffsets[at] as number);
        set.set(key, offset);
      }
    }
    if (firstOffset !== undefined && repeated.length < maxRepeated) {
      repeated.push({ key, objectPath: pathOf(depth - 1), firstOffset, offset });
    }
  };

  let index = 0;
  const length = text.length;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      const end = closingQuote(text, index + 1);
      if (end === -1) break;
      const frame = depth > 0 ? frames[depth - 1] : undefined;
      if (frame !== undefined && frame.isObject && frame.expectingKey) {
        const raw = text.slice(index + 1, end);
        recordKey(frame, raw.includes('\\') ? decodeKey(text.slice(index, end + 1), raw) : raw, index);
      }
      index = end + 1;
      continue;
    }
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      if (depth >= options.maxDepth) return { tooDeep: { offset: index, path: pathOf(depth) }, repeated };
      open(code === OPEN_OBJECT);
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      if (depth > 0) depth--;
    } else if (code === COMMA && depth > 0) {
      const frame = frames[depth - 1] as Frame;
      if (frame.isObject) frame.expectingKey = true;
      else frame.index++;
    }
    index++;
  }
  return { repeated };
}

/** Index of the quote that closes a string whose content starts at `from`, or -1. */
function closingQuote(text: string, from: number): number {
  let at = text.indexOf('"', from);
  while (at !== -1) {
    let backslashes = 0;
    for (let before = at - 1; before >= from && text.charCodeAt(before) === BACKSLASH; before--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

function decodeKey(quoted: string, raw: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return raw;
  }
}
