/**
 * A small JSON reader that keeps where every value and key was written, so a
 * finding for `Statement[1].NotAction` can point at that key's line and column.
 *
 * Hand-written rather than a dependency: strict RFC 8259 JSON is a page of code,
 * and the one feature we need beyond `JSON.parse` (positions, and every member
 * of an object even when a key repeats) is exactly what the built-in drops.
 * Objects keep all their members in order; {@link effectiveMembers} applies the
 * "last duplicate wins" rule that `JSON.parse` (and thus an already-parsed
 * object input) uses, so text and object inputs read the same.
 *
 * Positions are 1-based; columns count UTF-16 code units (as JavaScript strings
 * and most editors do), a tab counting as one. `\n`, `\r\n` and `\r` end lines.
 */

import { MAX_NESTING_DEPTH } from '../../input/limits.js';

/** Where a token starts. */
export interface JsonPosition {
  /** 0-based index into the parsed text. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonBooleanNode | JsonNullNode;

interface JsonNodeBase {
  /** Start of the value; undefined when the node was built from an in-memory value. */
  position: JsonPosition | undefined;
}

export interface JsonMember {
  key: string;
  keyPosition: JsonPosition | undefined;
  value: JsonNode;
}

export interface JsonObjectNode extends JsonNodeBase {
  kind: 'object';
  /** Every member as written, duplicates included, in document order. */
  members: JsonMember[];
}

export interface JsonArrayNode extends JsonNodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonStringNode extends JsonNodeBase {
  kind: 'string';
  value: string;
}

export interface JsonNumberNode extends JsonNodeBase {
  kind: 'number';
  value: number;
  /** The number as written (`1.50`, `1e3`), or `String(value)` for in-memory values. */
  raw: string;
}

export interface JsonBooleanNode extends JsonNodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface JsonNullNode extends JsonNodeBase {
  kind: 'null';
}

export interface JsonSyntaxError {
  /** One sentence, without the position. */
  message: string;
  position: JsonPosition;
}

export type JsonParseResult = { ok: true; root: JsonNode } | { ok: false; error: JsonSyntaxError };

/** Deeper nesting than any policy needs; the limit keeps hostile input from overflowing the stack. */
const MAX_DEPTH = MAX_NESTING_DEPTH;

/**
 * `not valid JSON: <what>`, or `<subject> is not valid JSON: <what>`: the one
 * wording of JSON syntax errors (policies, context files, snapshots), shown after
 * `file:line:column:`.
 */
export function jsonSyntaxMessage(error: JsonSyntaxError, subject?: string): string {
  return `${subject === undefined ? '' : `${subject} is `}not valid JSON: ${error.message}`;
}

/** The text without a leading byte-order mark, which editors on Windows like to write. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Parse strict JSON text (RFC 8259: no comments, no trailing commas, one value). */
export function parseJson(text: string): JsonParseResult {
  const parser = new JsonParser(text);
  const outcome = parser.parseDocument();
  if (outcome instanceof SyntaxFailure) {
    return { ok: false, error: { message: outcome.message, position: positionAt(text, outcome.offset) } };
  }
  return { ok: true, root: outcome };
}

/** Marks a parse failure travelling up the recursive descent (never thrown). */
class SyntaxFailure {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

class JsonParser {
  private index = 0;
  private readonly lines: LineIndex;

  constructor(private readonly text: string) {
    this.lines = new LineIndex(text);
  }

  parseDocument(): JsonNode | SyntaxFailure {
    this.skipWhitespace();
    if (this.index >= this.text.length) return new SyntaxFailure('the document is empty', this.index);
    const root = this.parseValue(0);
    if (root instanceof SyntaxFailure) return root;
    this.skipWhitespace();
    if (this.index < this.text.length) {
      return this.fail(`unexpected ${this.describeHere()} after the end of the JSON value`);
    }
    return root;
  }

  private parseValue(depth: number): JsonNode | SyntaxFailure {
    if (depth > MAX_DEPTH) return this.fail(`values are nested more than ${MAX_DEPTH} levels deep`);
    const position = this.lines.positionAt(this.index);
    const char = this.text[this.index];
    switch (char) {
      case '{':
        return this.parseObject(position, depth);
      case '[':
        return this.parseArray(position, depth);
      case '"': {
        const value = this.parseString();
        return value instanceof SyntaxFailure ? value : { kind: 'string', value, position };
      }
      case 't':
        return this.parseLiteral('true', { kind: 'boolean', value: true, position });
      case 'f':
        return this.parseLiteral('false', { kind: 'boolean', value: false, position });
      case 'n':
        return this.parseLiteral('null', { kind: 'null', position });
      default:
        if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.parseNumber(position);
        return this.fail(`expected a value but found ${this.describeHere()}`);
    }
  }

  private parseObject(position: JsonPosition, depth: number): JsonObjectNode | SyntaxFailure {
    this.index++; // {
    const members: JsonMember[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { kind: 'object', members, position };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') {
        const hint = this.text[this.index] === '}' && members.length > 0 ? ' (a trailing comma is not allowed)' : '';
        return this.fail(`expected a quoted key but found ${this.describeHere()}${hint}`);
      }
      const keyPosition = this.lines.positionAt(this.index);
      const key = this.parseString();
      if (key instanceof SyntaxFailure) return key;
      this.skipWhitespace();
      if (this.text[this.index] !== ':') return this.fail(`expected ":" after the key "${key}" but found ${this.describeHere()}`);
      this.index++;
      this.skipWhitespace();
      const value = this.parseValue(depth + 1);
      if (value instanceof SyntaxFailure) return value;
      members.push({ key, keyPosition, value });
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        continue;
      }
      if (next === '}') {
        this.index++;
        return { kind: 'object', members, position };
      }
      return this.fail(`expected "," or "}" after the value of "${key}" but found ${this.describeHere()}`);
    }
  }

  private parseArray(position: JsonPosition, depth: number): JsonArrayNode | SyntaxFailure {
    this.index++; // [
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { kind: 'array', items, position };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] === ']' && items.length > 0) {
        return this.fail('expected a value but found "]" (a trailing comma is not allowed)');
      }
      const item = this.parseValue(depth + 1);
      if (item instanceof SyntaxFailure) return item;
      items.push(item);
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        continue;
      }
      if (next === ']') {
        this.index++;
        return { kind: 'array', items, position };
      }
      return this.fail(`expected "," or "]" in an array but found ${this.describeHere()}`);
    }
  }

  /** Reads a string token starting at the opening quote; returns its decoded content. */
  private parseString(): string | SyntaxFailure {
    const start = this.index;
    this.index++; // opening quote
    let result = '';
    let chunkStart = this.index;
    for (;;) {
      if (this.index >= this.text.length) return new SyntaxFailure('a string is not closed', start);
      const code = this.text.charCodeAt(this.index);
      if (code === QUOTE) {
        result += this.text.slice(chunkStart, this.index);
        this.index++;
        return result;
      }
      if (code < 0x20) {
        return this.fail('a control character (such as a line break) must be escaped inside a string');
      }
      if (code === BACKSLASH) {
        result += this.text.slice(chunkStart, this.index);
        const escaped = this.parseEscape();
        if (escaped instanceof SyntaxFailure) return escaped;
        result += escaped;
        chunkStart = this.index;
        continue;
      }
      this.index++;
    }
  }

  private parseEscape(): string | SyntaxFailure {
    const escapeStart = this.index;
    const char = this.text[this.index + 1];
    this.index += 2;
    switch (char) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.index, this.index + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return new SyntaxFailure('"\\u" must be followed by four hex digits', escapeStart);
        this.index += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return new SyntaxFailure(
          char === undefined ? 'a string is not closed' : `"\\${char}" is not a valid escape sequence`,
          escapeStart,
        );
    }
  }

  private parseNumber(position: JsonPosition): JsonNumberNode | SyntaxFailure {
    const ahead = this.text.slice(this.index, this.index + 1024);
    const match = NUMBER.exec(ahead);
    if (match === null) {
      return this.fail(/^-?0[0-9]/.test(ahead) ? 'a number must not start with a leading zero' : 'expected a digit after "-"');
    }
    const raw = match[0];
    this.index += raw.length;
    return { kind: 'number', value: Number(raw), raw, position };
  }

  private parseLiteral(word: string, node: JsonNode): JsonNode | SyntaxFailure {
    if (this.text.startsWith(word, this.index)) {
      this.index += word.length;
      return node;
    }
    return this.fail(`expected a value but found ${this.describeHere()}`);
  }

  private skipWhitespace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.index);
      if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) this.index++;
      else return;
    }
  }

  private describeHere(): string {
    if (this.index >= this.text.length) return 'the end of the document';
    const char = this.text[this.index] ?? '';
    if (char === '"') return 'a string';
    if (/^[A-Za-z_]$/.test(char)) {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.index, this.index + 40))?.[0] ?? char;
      return `"${word}"`;
    }
    return JSON.stringify(char);
  }

  private fail(message: string): SyntaxFailure {
    return new SyntaxFailure(message, this.index);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
/** RFC 8259 number; the `(?![0-9])` rejects a leading zero followed by digits (`01`). */
const NUMBER = /^-?(?:0(?![0-9])|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/;

/** Maps offsets to line/column with a table of line starts (binary search). */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index);
      if (code === 0x0a) this.starts.push(index + 1);
      else if (code === 0x0d && text.charCodeAt(index + 1) !== 0x0a) this.starts.push(index + 1);
    }
  }

  positionAt(offset: number): JsonPosition {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}

/** Line and column of an offset in `text`. */
export function positionAt(text: string, offset: number): JsonPosition {
  return new LineIndex(text).positionAt(offset);
}

export type NodeFromValueResult = { ok: true; root: JsonNode } | { ok: false; path: string; message: string };

/**
 * Builds a node tree (without positions) from an in-memory value, accepting only
 * what JSON can hold: plain objects, arrays, strings, finite numbers, booleans
 * and null. Object members whose value is `undefined` are skipped, as
 * `JSON.stringify` does. Values nested deeper than {@link MAX_NESTING_DEPTH}
 * are refused, as the text parser refuses them.
 */
export function nodeFromValue(value: unknown): NodeFromValueResult {
  const ancestors = new Set<object>();
  let problem: { path: string; message: string } | undefined;

  const visit = (current: unknown, path: PathSegment[]): JsonNode | undefined => {
    if (current === null) return { kind: 'null', position: undefined };
    if (path.length > MAX_DEPTH && typeof current === 'object') {
      problem = { path: formatPath(path.slice(0, MAX_DEPTH)), message: `is nested more than ${MAX_DEPTH} levels deep` };
      return undefined;
    }
    switch (typeof current) {
      case 'string':
        return { kind: 'string', value: current, position: undefined };
      case 'boolean':
        return { kind: 'boolean', value: current, position: undefined };
      case 'number':
        if (!Number.isFinite(current)) {
          problem = { path: formatPath(path), message: `holds ${String(current)}, which JSON cannot represent` };
          return undefined;
        }
        return { kind: 'number', value: current, raw: String(current), position: undefined };
      case 'object':
        break;
      default:
        problem = { path: formatPath(path), message: `holds a value of type ${typeof current}, which JSON cannot represent` };
        return undefined;
    }
    if (ancestors.has(current)) {
      problem = { path: formatPath(path), message: 'refers back to one of its own containers' };
      return undefined;
    }
    ancestors.add(current);
    try {
      if (Array.isArray(current)) {
        const items: JsonNode[] = [];
        for (let index = 0; index < current.length; index++) {
          const item = visit(current[index] as unknown, [...path, index]);
          if (item === undefined) return undefined;
          items.push(item);
        }
        return { kind: 'array', items, position: undefined };
      }
      const prototype: unknown = Object.getPrototypeOf(current);
      if (prototype !== Object.prototype && prototype !== null) {
        problem = { path: formatPath(path), message: 'holds an object that is not a plain JSON object' };
        return undefined;
      }
      const members: JsonMember[] = [];
      for (const [key, memberValue] of Object.entries(current)) {
        if (memberValue === undefined) continue;
        const node = visit(memberValue, [...path, key]);
        if (node === undefined) return undefined;
        members.push({ key, keyPosition: undefined, value: node });
      }
      return { kind: 'object', members, position: undefined };
    } finally {
      ancestors.delete(current);
    }
  };

  const root = visit(value, []);
  if (root === undefined) return { ok: false, ...(problem ?? { path: '', message: 'cannot be represented as JSON' }) };
  return { ok: true, root };
}

/** One step of a JSON path: an object key or an array index. */
export type PathSegment = string | number;

/** `['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpc']` → `Statement[0].Condition.StringEquals.aws:SourceVpc`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

/**
 * The members of an object as `JSON.parse` would keep them: a repeated key keeps
 * its first place in the order but takes its last value.
 */
export function effectiveMembers(node: JsonObjectNode): JsonMember[] {
  const byKey = new Map<string, JsonMember>();
  const order: string[] = [];
  for (const member of node.members) {
    if (!byKey.has(member.key)) order.push(member.key);
    byKey.set(member.key, member);
  }
  return order.map((key) => byKey.get(key) as JsonMember);
}

/** The member with this key (the last one when the key repeats), if any. */
export function getMember(node: JsonObjectNode, key: string): JsonMember | undefined {
  for (let index = node.members.length - 1; index >= 0; index--) {
    const member = node.members[index];
    if (member?.key === key) return member;
  }
  return undefined;
}

/** A key written more than once in the same object. */
export interface DuplicateKey {
  /** Path of the object holding the key. */
  objectPath: PathSegment[];
  key: string;
  /** The earlier member with the key. */
  first: JsonMember;
  /** The later member, whose value `JSON.parse` keeps. */
  repeated: JsonMember;
  /** True when both members hold equal JSON values. */
  sameValue: boolean;
}

/** Every repeated key in the tree, in document order. */
export function findDuplicateKeys(root: JsonNode): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const walk = (node: JsonNode, path: PathSegment[]): void => {
    if (node.kind === 'array') {
      node.items.forEach((item, index) => walk(item, [...path, index]));
      return;
    }
    if (node.kind !== 'object') return;
    const previous = new Map<string, JsonMember>();
    for (const member of node.members) {
      const earlier = previous.get(member.key);
      if (earlier !== undefined) {
        found.push({
          objectPath: path,
          key: member.key,
          first: earlier,
          repeated: member,
          sameValue: jsonEquals(earlier.value, member.value),
        });
      }
      previous.set(member.key, member);
    }
    for (const member of effectiveMembers(node)) walk(member.value, [...path, member.key]);
  };
  walk(root, []);
  return found;
}

/** Structural equality of two JSON values (object member order ignored, numbers by value). */
export function jsonEquals(left: JsonNode, right: JsonNode): boolean {
  switch (left.kind) {
    case 'null':
      return right.kind === 'null';
    case 'boolean':
    case 'number':
    case 'string':
      return right.kind === left.kind && right.value === left.value;
    case 'array':
      return (
        right.kind === 'array' &&
        right.items.length === left.items.length &&
        left.items.every((item, index) => jsonEquals(item, right.items[index] as JsonNode))
      );
    case 'object': {
      if (right.kind !== 'object') return false;
      const leftMembers = effectiveMembers(left);
      const rightMembers = effectiveMembers(right);
      if (leftMembers.length !== rightMembers.length) return false;
      return leftMembers.every((member) => {
        const other = getMember(right, member.key);
        return other !== undefined && jsonEquals(member.value, other.value);
      });
    }
  }
}

/**
 * Where the value at `path` (as written by {@link formatPath}) was written. For
 * a path ending in an object key the key's position is returned (a finding for
 * `Statement[1].NotAction` points at `"NotAction"`); for an array element, the
 * element's. Keys may themselves contain `.` or `[` (condition keys often do):
 * at each object the longest key that fits the rest of the path is taken.
 * Returns undefined when the path does not exist or the tree has no positions.
 */
export function locate(root: JsonNode, path: string): JsonPosition | undefined {
  let node: JsonNode = root;
  let position = root.position;
  let rest = path;
  while (rest !== '') {
    if (node.kind === 'array') {
      const match = /^\[(\d+)\]/.exec(rest);
      if (match === null) return undefined;
      const item: JsonNode | undefined = node.items[Number(match[1])];
      if (item === undefined) return undefined;
      node = item;
      position = item.position;
      rest = rest.slice(match[0].length);
    } else if (node.kind === 'object') {
      const member = longestMemberPrefix(node, rest);
      if (member === undefined) return undefined;
      node = member.value;
      position = member.keyPosition;
      rest = rest.slice(member.key.length);
    } else {
      return undefined;
    }
    if (rest.startsWith('.')) rest = rest.slice(1);
  }
  return position;
}

function longestMemberPrefix(node: JsonObjectNode, rest: string): JsonMember | undefined {
  let best: JsonMember | undefined;
  for (const member of effectiveMembers(node)) {
    const key = member.key;
    if (!rest.startsWith(key)) continue;
    const after = rest.charAt(key.length);
    if (after !== '' && after !== '.' && after !== '[') continue;
    if (best === undefined || key.length > best.key.length) best = member;
  }
  return best;
}

/** The plain JavaScript value of a node, as `JSON.parse` would return it. */
export function toPlainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'null':
      return null;
    case 'boolean':
    case 'number':
    case 'string':
      return node.value;
    case 'array':
      return node.items.map(toPlainValue);
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const member of effectiveMembers(node)) {
        // defineProperty, not assignment: a `__proto__` key must stay an own property, as in JSON.parse.
        Object.defineProperty(result, member.key, {
          value: toPlainValue(member.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
  }
}
