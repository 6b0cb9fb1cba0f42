/**
 * `--context KEY=VALUE`, repeatable: the same key twice makes a multivalued key.
 * Values are checked against the key's documented type. Only global (`aws:`)
 * keys are typed here: the service tables are loaded asynchronously, so service
 * keys (`s3:prefix`, ...) are taken as strings.
 */
import type { ContextInput } from '../../engine/request.js';
import { checkKeyValue, defaultKeyTypeLookup, looksLikeConditionKey, type ConditionKeyTypeLookup } from './context-values.js';
import { echoArgument } from '../../text/excerpt.js';

export interface ContextAssignmentOptions {
  /** Type information for keys; defaults to the catalog's global condition keys. */
  keyTypes?: ConditionKeyTypeLookup;
  /** How the flag is written in messages; default `--context`. */
  flag?: string;
}

export interface ContextAssignmentResult {
  /**
   * The keys given, spelled as first given. One value gives a string, several a
   * list; keys whose type is `ArrayOf*` are always lists.
   */
  context: Record<string, ContextInput>;
  /** One-line usage errors, e.g. `--context aws:MultiFactorAuthAge=abc: aws:MultiFactorAuthAge is Numeric; "abc" is not a number`. */
  errors: string[];
}

/** Parse repeatable `KEY=VALUE` arguments into condition-key values. Keys are matched case-insensitively. */
export function parseContextAssignments(assignments: readonly string[], options: ContextAssignmentOptions = {}): ContextAssignmentResult {
  const lookup = options.keyTypes ?? defaultKeyTypeLookup;
  const flag = options.flag ?? '--context';
  const values = new Map<string, { key: string; values: string[]; multivalued: boolean }>();
  const errors: string[] = [];
  for (const assignment of assignments) {
    // Echoed in messages: whole unless very long, printable.
    const shown = echoArgument(assignment);
    const equals = assignment.indexOf('=');
    if (equals === -1) {
      errors.push(`${flag} ${shown}: expected KEY=VALUE, e.g. ${flag} aws:SourceIp=203.0.113.7`);
      continue;
    }
    const key = assignment.slice(0, equals).trim();
    const raw = assignment.slice(equals + 1);
    if (key === '') {
      errors.push(`${flag} ${shown}: the key before "=" is empty`);
      continue;
    }
    if (!looksLikeConditionKey(key)) {
      errors.push(
        key.endsWith('/')
          ? `${flag} ${shown}: "${echoArgument(key)}" names no tag key after the "/" (e.g. aws:PrincipalTag/team=data)`
          : `${flag} ${shown}: "${echoArgument(key)}" is not a condition key (expected prefix:Name, e.g. aws:SourceIp or s3:prefix)`,
      );
      continue;
    }
    const info = lookup(key);
    let value = raw;
    if (info !== undefined) {
      const check = checkKeyValue(raw, info);
      if (!check.ok) {
        errors.push(`${flag} ${shown}: ${key} is ${info.type}; ${check.reason}`);
        continue;
      }
      value = check.value;
    }
    const id = key.toLowerCase();
    const entry = values.get(id);
    if (entry === undefined) values.set(id, { key, values: [value], multivalued: info?.multivalued ?? false });
    else entry.values.push(value);
  }
  const context: Record<string, ContextInput> = {};
  for (const entry of values.values()) {
    context[entry.key] = entry.multivalued || entry.values.length > 1 ? entry.values : (entry.values[0] ?? '');
  }
  return { context, errors };
}
