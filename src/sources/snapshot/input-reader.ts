/**
 * Light structural checks while reading snapshot JSON: each problem becomes one
 * finding with the file, the JSON path and what is wrong, never an exception.
 * The JSON Schema (`schema/iamwhy-snapshot.schema.json`) states the same shapes
 * in full; these checks cover what the loader relies on.
 */
import type { Finding } from '../../language/findings.js';
import type { PolicyOrigin } from '../../language/policy.js';

/** Past this many errors the reader stops recording them (one summary finding is added). */
const MAX_ERRORS = 50;

export type JsonRecord = Record<string, unknown>;

export class InputReader {
  readonly findings: Finding[];
  private errorCount = 0;

  constructor(
    readonly file: string | undefined,
    findings: Finding[],
  ) {
    this.findings = findings;
  }

  private readonly origins = new Map<string, PolicyOrigin>();

  origin(via: string, group: string | undefined): PolicyOrigin {
    const key = group === undefined ? via : `${via}\u0000${group}`;
    let origin = this.origins.get(key);
    if (origin === undefined) {
      origin = { via };
      if (group !== undefined) origin.group = group;
      if (this.file !== undefined) origin.file = this.file;
      this.origins.set(key, origin);
    }
    return origin;
  }

  get failed(): boolean {
    return this.errorCount > 0;
  }

  error(path: string, message: string, code = 'SNAPSHOT_INVALID'): void {
    this.errorCount++;
    if (this.errorCount > MAX_ERRORS) return;
    if (this.errorCount === MAX_ERRORS) {
      message += ` (further errors are not reported)`;
    }
    this.findings.push({ severity: 'error', code, message, location: this.location(path) });
  }

  warn(path: string, code: string, message: string): void {
    this.findings.push({ severity: 'warning', code, message, location: this.location(path) });
  }

  private location(path: string): Finding['location'] {
    return this.file === undefined ? { path } : { file: this.file, path };
  }

  /** The value as a JSON object, or an error. */
  record(value: unknown, path: string): JsonRecord | undefined {
    if (isRecord(value)) return value;
    this.error(path, `expected an object, found ${describe(value)}`);
    return undefined;
  }

  /** An optional array member: absent or null reads as empty. */
  list(owner: JsonRecord, key: string, path: string): unknown[] {
    const value = owner[key];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.error(join(path, key), `expected an array, found ${describe(value)}`);
    return [];
  }

  requiredString(owner: JsonRecord, key: string, path: string): string | undefined {
    const value = owner[key];
    if (typeof value === 'string' && value !== '') return value;
    this.error(join(path, key), value === undefined ? `missing required "${key}"` : `expected a non-empty string, found ${describe(value)}`);
    return undefined;
  }

  optionalString(owner: JsonRecord, key: string, path: string): string | undefined {
    const value = owner[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.error(join(path, key), `expected a string, found ${describe(value)}`);
    return undefined;
  }

  optionalBoolean(owner: JsonRecord, key: string, path: string): boolean | undefined {
    const value = owner[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    this.error(join(path, key), `expected true or false, found ${describe(value)}`);
    return undefined;
  }

  /** A policy document member: an object or a (possibly URL-encoded) JSON string. */
  document(owner: JsonRecord, key: string, path: string, required: boolean): unknown {
    const value = owner[key];
    if (value === undefined || value === null) {
      if (required) this.error(join(path, key), `missing required "${key}"`);
      return undefined;
    }
    if (typeof value === 'string' || isRecord(value)) return value;
    this.error(join(path, key), `expected a policy document (an object or a JSON string), found ${describe(value)}`);
    return undefined;
  }

  /** A list of strings (`GroupList`, `targets`, `aliases`). */
  stringList(owner: JsonRecord, key: string, path: string): string[] {
    const result: string[] = [];
    this.list(owner, key, path).forEach((item, index) => {
      if (typeof item === 'string') result.push(item);
      else this.error(`${join(path, key)}[${index}]`, `expected a string, found ${describe(item)}`);
    });
    return result;
  }

  /** Tags as `[{Key, Value}]` or as a `{key: value}` map. */
  tags(owner: JsonRecord, key: string, path: string): Record<string, string> {
    const value = owner[key];
    const tags: Record<string, string> = {};
    if (value === undefined || value === null) return tags;
    const tagsPath = join(path, key);
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemPath = `${tagsPath}[${index}]`;
        const tag = this.record(item, itemPath);
        if (!tag) return;
        const tagKey = this.requiredString(tag, 'Key', itemPath);
        const tagValue = tag['Value'];
        if (tagKey === undefined) return;
        if (typeof tagValue !== 'string') {
          this.error(join(itemPath, 'Value'), `expected a string, found ${describe(tagValue)}`);
          return;
        }
        tags[tagKey] = tagValue;
      });
      return tags;
    }
    if (isRecord(value)) {
      for (const [tagKey, tagValue] of Object.entries(value)) {
        if (typeof tagValue === 'string') tags[tagKey] = tagValue;
        else this.error(join(tagsPath, tagKey), `expected a string tag value, found ${describe(tagValue)}`);
      }
      return tags;
    }
    this.error(tagsPath, `expected a list of {Key, Value} or an object of strings, found ${describe(value)}`);
    return tags;
  }
}

/** The origin with the file it was read from, when known. One shared object per distinct origin (thousands of policies have the same). */
export function originOf(reader: InputReader, origin: { via: string; group?: string; arn?: string }): PolicyOrigin {
  const base = reader.origin(origin.via, origin.group);
  return origin.arn === undefined ? base : { ...base, arn: origin.arn };
}

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `a.b`, `a[0]`; a key that is not a plain identifier is quoted: `tags["team name"]`. */
export function join(path: string, key: string): string {
  const part = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `[${JSON.stringify(key)}]`;
  if (path === '') return part;
  return part.startsWith('[') ? `${path}${part}` : `${path}.${part}`;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the boolean' : typeof value} ${String(value)}`;
}
