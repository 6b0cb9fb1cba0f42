/**
 * A small strict JSON reader for context files that remembers where every
 * value sits (1-based line and column), so schema errors can point at the text.
 * It accepts exactly RFC 8259 JSON (plus a leading byte-order mark).
 */

/** A JSON value as `JSON.parse` would return it. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface TextPosition {
  line: number;
  column: number;
}

export type JsonParseResult =
  | {
      ok: true;
      value: JsonValue;
      /** Position of the value at a formatted path (see {@link formatJsonPath}); `''` is the document. */
      positions: ReadonlyMap<string, TextPosition>;
      /** Duplicate object keys, with the path and position of the second occurrence. */
      duplicates: { path: string; position: TextPosition }[];
    }
  | { ok: false; message: string; position: TextPosition };

/** One step of a JSON path: an object key or an array index. */
export type JsonPathSegment = string | number;

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const SIMPLE_KEY = /^[A-Za-z0-9_:/+=@$-]+$/;

/** `session.mfa_present`, `request.called_via[0]`, `tags["Cost Center"]`. */
export function formatJsonPath(segments: readonly JsonPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (SIMPLE_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Parse JSON text, recording positions. Never throws. */
export function parseJsonText(text: string): JsonParseResult {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const lineStarts = [0];
  for (let index = 0; index < source.length; index++) {
    if (source.charCodeAt(index) === 10) lineStarts.push(index + 1);
  }
  const positionOf = (offset: number): TextPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
  };
  const reader = new Reader(source, positionOf);
  try {
    reader.skipWhitespace();
    if (reader.atEnd()) throw new JsonSyntaxError('the file is empty; expected a JSON object', reader.offset);
    const value = reader.readValue([]);
    reader.skipWhitespace();
    if (!reader.atEnd()) throw new JsonSyntaxError(`unexpected ${reader.describeNext()} after the end of the JSON value`, reader.offset);
    return { ok: true, value, positions: reader.positions, duplicates: reader.duplicates };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, message: `invalid JSON: ${error.message}`, position: positionOf(error.offset) };
    }
    throw error;
  }
}

class Reader {
  offset = 0;
  readonly positions = new Map<string, TextPosition>();
  readonly duplicates: { path: string; position: TextPosition }[] = [];

  constructor(
    private readonly text: string,
    private readonly positionOf: (offset: number) => TextPosition,
  ) {}

  atEnd(): boolean {
    return this.offset >= this.text.length;
  }

  skipWhitespace(): void {
    while (this.offset < this.text.length) {
      const char = this.text[this.offset];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') this.offset++;
      else break;
    }
  }

  describeNext(): string {
    if (this.atEnd()) return 'end of file';
    const char = this.text[this.offset] ?? '';
    return `character ${JSON.stringify(char)}`;
  }

  readValue(path: JsonPathSegment[]): JsonValue {
    this.skipWhitespace();
    this.positions.set(formatJsonPath(path), this.positionOf(this.offset));
    const char = this.text[this.offset];
    if (char === '{') return this.readObject(path);
    if (char === '[') return this.readArray(path);
    if (char === '"') return this.readString();
    if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.readNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.offset)) {
        this.offset += word.length;
        return value;
      }
    }
    if (char === "'") throw new JsonSyntaxError('strings must use double quotes', this.offset);
    throw new JsonSyntaxError(`expected a value, found ${this.describeNext()}`, this.offset);
  }

  private readObject(path: JsonPathSegment[]): JsonValue {
    const result: { [key: string]: JsonValue } = {};
    const seen = new Set<string>();
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === '}') {
      this.offset++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.offset] !== '"') {
        const what = this.text[this.offset] === '}' ? 'a trailing comma' : this.describeNext();
        throw new JsonSyntaxError(`expected a double-quoted property name, found ${what}`, this.offset);
      }
      const keyOffset = this.offset;
      const key = this.readString();
      const childPath = [...path, key];
      if (seen.has(key)) this.duplicates.push({ path: formatJsonPath(childPath), position: this.positionOf(keyOffset) });
      seen.add(key);
      this.skipWhitespace();
      if (this.text[this.offset] !== ':') throw new JsonSyntaxError(`expected ':' after property name "${key}", found ${this.describeNext()}`, this.offset);
      this.offset++;
      const value = this.readValue(childPath);
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipWhitespace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        continue;
      }
      if (next === '}') {
        this.offset++;
        return result;
      }
      throw new JsonSyntaxError(`expected ',' or '}' after the value of "${key}", found ${this.describeNext()}`, this.offset);
    }
  }

  private readArray(path: JsonPathSegment[]): JsonValue {
    const result: JsonValue[] = [];
    this.offset++;
    this.skipWhitespace();
    if (this.text[this.offset] === ']') {
      this.offset++;
      return result;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.offset] === ']') throw new JsonSyntaxError('expected a value, found a trailing comma', this.offset);
      result.push(this.readValue([...path, result.length]));
      this.skipWhitespace();
      const next = this.text[this.offset];
      if (next === ',') {
        this.offset++;
        continue;
      }
      if (next === ']') {
        this.offset++;
        return result;
      }
      throw new JsonSyntaxError(`expected ',' or ']' in a list, found ${this.describeNext()}`, this.offset);
    }
  }

  private readString(): string {
    const start = this.offset;
    this.offset++;
    let out = '';
    for (;;) {
      if (this.atEnd()) throw new JsonSyntaxError('unterminated string', start);
      const char = this.text[this.offset] ?? '';
      if (char === '"') {
        this.offset++;
        return out;
      }
      if (char < ' ') throw new JsonSyntaxError('control character in a string (escape it, e.g. \\n)', this.offset);
      if (char !== '\\') {
        out += char;
        this.offset++;
        continue;
      }
      const escape = this.text[this.offset + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (escape !== undefined && escape in simple) {
        out += simple[escape];
        this.offset += 2;
      } else if (escape === 'u') {
        const hex = this.text.slice(this.offset + 2, this.offset + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('invalid \\u escape in a string', this.offset);
        out += String.fromCharCode(parseInt(hex, 16));
        this.offset += 6;
      } else {
        throw new JsonSyntaxError('invalid escape in a string', this.offset);
      }
    }
  }

  private readNumber(): number {
    NUMBER.lastIndex = this.offset;
    const match = NUMBER.exec(this.text);
    if (!match) throw new JsonSyntaxError('invalid number', this.offset);
    this.offset += match[0].length;
    return Number(match[0]);
  }
}
