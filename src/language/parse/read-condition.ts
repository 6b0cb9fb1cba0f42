/**
 * The Condition block: `{ operator: { key: value-or-values } }`
 * ("IAM JSON policy elements: Condition", "Grammar of the IAM JSON policy language").
 */
import { BASE_OPERATORS, parseOperatorName } from '../conditions/operator-names.js';
import { parseDate } from '../conditions/date.js';
import { parseIpRange } from '../conditions/ip-address.js';
import { parseNumber } from '../conditions/numeric.js';
import type { ConditionClause } from '../policy.js';
import { effectiveMembers, formatPath, type JsonMember, type JsonNode, type PathSegment } from './json-document.js';
import { closestMatch, didYouMean } from '../../text/near-match.js';
import { describeJsonType, type ReadContext } from './read-context.js';

/** Reads the clauses of a Condition element; undefined when its shape cannot be read. */
export function readCondition(
  context: ReadContext,
  member: JsonMember,
  path: PathSegment[],
): ConditionClause[] | undefined {
  const block = member.value;
  if (block.kind !== 'object') {
    context.report(
      'ELEMENT_INVALID_TYPE',
      `${formatPath(path)} must be an object of condition operators, not ${describeJsonType(block)}`,
      path,
      member.keyPosition,
    );
    return undefined;
  }
  const clauses: ConditionClause[] = [];
  let readable = true;
  for (const operatorMember of effectiveMembers(block)) {
    const read = readOperatorBlock(context, operatorMember, [...path, operatorMember.key]);
    if (read === undefined) readable = false;
    else clauses.push(...read);
  }
  return readable ? clauses : undefined;
}

function readOperatorBlock(
  context: ReadContext,
  member: JsonMember,
  path: PathSegment[],
): ConditionClause[] | undefined {
  const operator = parseOperatorName(member.key);
  if (!operator.known) reportUnknownOperator(context, member, path);

  const keys = member.value;
  if (keys.kind !== 'object') {
    context.report(
      'ELEMENT_INVALID_TYPE',
      `${formatPath(path)} must be an object of condition keys and values, not ${describeJsonType(keys)}`,
      path,
      member.keyPosition,
    );
    return undefined;
  }
  const keyMembers = effectiveMembers(keys);
  if (keyMembers.length === 0) {
    context.report('EMPTY_LIST', `${formatPath(path)} has no condition keys`, path, member.keyPosition);
  }

  const clauses: ConditionClause[] = [];
  const seenKeys = new Map<string, string>();
  let readable = true;
  for (const keyMember of keyMembers) {
    const keyPath = [...path, keyMember.key];
    const lower = keyMember.key.toLowerCase();
    const earlier = seenKeys.get(lower);
    if (earlier !== undefined) {
      // Condition keys are case-insensitive, so both clauses test the same key and are AND'ed.
      context.report(
        'CONDITION_KEY_DUPLICATE_CASE',
        `${formatPath(path)} tests the condition key "${keyMember.key}" again, written "${earlier}" before`,
        keyPath,
        keyMember.keyPosition,
      );
    } else {
      seenKeys.set(lower, keyMember.key);
    }
    const values = readConditionValues(context, keyMember, keyPath);
    if (values === undefined) {
      readable = false;
      continue;
    }
    if (operator.known) checkConditionValues(context, operator.base, keyMember, keyPath, values);
    clauses.push({ operator, key: keyMember.key, values, path: formatPath(keyPath) });
  }
  return readable ? clauses : undefined;
}

/** A condition value or list of values; JSON numbers and booleans become strings, as AWS reads them. */
function readConditionValues(context: ReadContext, member: JsonMember, path: PathSegment[]): string[] | undefined {
  const node = member.value;
  const single = conditionValueText(node);
  if (single !== undefined) return [single];
  if (node.kind !== 'array') {
    context.report(
      'CONDITION_VALUE_INVALID_TYPE',
      `${formatPath(path)} must be a string, number, true/false or a list of them, not ${describeJsonType(node)}`,
      path,
      member.keyPosition,
    );
    return undefined;
  }
  if (node.items.length === 0) {
    context.report('EMPTY_LIST', `${formatPath(path)} is an empty list of condition values`, path, member.keyPosition);
    return [];
  }
  const values: string[] = [];
  let readable = true;
  node.items.forEach((item, index) => {
    const text = conditionValueText(item);
    if (text !== undefined) {
      values.push(text);
      return;
    }
    readable = false;
    const itemPath = [...path, index];
    context.report(
      'CONDITION_VALUE_INVALID_TYPE',
      `${formatPath(itemPath)} must be a string, number or true/false, not ${describeJsonType(item)}`,
      itemPath,
      item.position,
    );
  });
  return readable ? values : undefined;
}

/**
 * Values AWS refuses to save for the operator's type, and whose meaning is then
 * undefined ("IAM JSON policy elements: Condition operators": numeric operators
 * compare "an integer or decimal value", date operators a date in one of the W3C
 * ISO 8601 formats or epoch time, IP address operators an address or CIDR range).
 * A silent non-match here would let `Deny … NotIpAddress "10.0.0.0/33"` fail open.
 * Values holding a policy variable are left alone.
 */
function checkConditionValues(context: ReadContext, base: string, member: JsonMember, path: PathSegment[], values: readonly string[]): void {
  const check = VALUE_CHECKS.find((candidate) => candidate.applies(base));
  if (check === undefined) return;
  const node = member.value;
  values.forEach((value, index) => {
    if (value.includes('${') || check.reads(value)) return;
    const atItem = node.kind === 'array';
    const itemPath = atItem ? [...path, index] : path;
    const position = atItem ? (node.items[index]?.position ?? member.keyPosition) : node.position;
    context.report('CONDITION_VALUE_INVALID', `${formatPath(itemPath)}: "${value}" is not ${check.expected} (${base})`, itemPath, position);
  });
}

const VALUE_CHECKS: ReadonlyArray<{ applies: (base: string) => boolean; reads: (value: string) => boolean; expected: string }> = [
  { applies: (base) => base.startsWith('Numeric'), reads: (value) => parseNumber(value) !== undefined, expected: 'an integer or decimal number AWS can compare' },
  { applies: (base) => base.startsWith('Date'), reads: (value) => parseDate(value) !== undefined, expected: 'an ISO 8601 date or epoch seconds' },
  { applies: (base) => base === 'IpAddress' || base === 'NotIpAddress', reads: (value) => parseIpRange(value) !== undefined, expected: 'an IPv4 or IPv6 address or CIDR range' },
];

/** Numbers keep the text they were written with (`1.50` stays `1.50`); in-memory numbers use `String()`. */
function conditionValueText(node: JsonNode): string | undefined {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return node.raw;
    case 'boolean':
      return node.value ? 'true' : 'false';
    default:
      return undefined;
  }
}

function reportUnknownOperator(context: ReadContext, member: JsonMember, path: PathSegment[]): void {
  const name = member.key;
  const isNullIfExists = /^(?:(?:forallvalues|foranyvalue):)?nullifexists$/i.test(name);
  const message = isNullIfExists
    ? `"${name}" is not a condition operator: "Null" takes no "IfExists" suffix`
    : `"${name}" is not a condition operator AWS knows, so this condition never matches`;
  const suggestion = suggestOperator(name);
  context.report(
    'CONDITION_OPERATOR_UNKNOWN',
    message,
    path,
    member.keyPosition,
    suggestion === undefined ? undefined : didYouMean(suggestion),
  );
}

const SET_OPERATORS = ['ForAllValues', 'ForAnyValue'] as const;

/** Every spelling without a set prefix: each base operator, and each with `IfExists` (but `Null`). */
const OPERATOR_SPELLINGS: readonly string[] = [
  ...BASE_OPERATORS,
  ...BASE_OPERATORS.filter((name) => name !== 'Null').map((name) => `${name}IfExists`),
];

/** The closest valid operator name: set prefix and operator are corrected separately. */
export function suggestOperator(name: string): string | undefined {
  let prefix = '';
  let rest = name;
  const colon = name.indexOf(':');
  if (colon !== -1) {
    const written = name.slice(0, colon);
    const setOperator =
      SET_OPERATORS.find((candidate) => candidate.toLowerCase() === written.toLowerCase()) ??
      closestMatch(written, SET_OPERATORS);
    if (setOperator === undefined) return undefined;
    prefix = `${setOperator}:`;
    rest = name.slice(colon + 1);
  }
  const operator = /^nullifexists$/i.test(rest) ? 'Null' : closestMatch(rest, OPERATOR_SPELLINGS);
  if (operator === undefined) return undefined;
  const candidate = prefix + operator;
  return candidate === name ? undefined : candidate;
}
