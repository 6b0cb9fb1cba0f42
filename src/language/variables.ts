/**
 * Policy variables, per "IAM policy elements: Variables and tags".
 *
 * - `${key}` is replaced by the value of the context key `key` (any single-valued
 *   key; names are case-insensitive like every key name). "You can use any
 *   single-valued condition key as a variable. You can't use a multivalued
 *   condition key as a variable": a multivalued entry resolves to no value.
 * - `${*}`, `${?}`, `${$}` stand for a literal `*`, `?`, `$` (section "Special
 *   characters"). They, and every substituted value, are literal text: a `*` that
 *   arrives this way never acts as a wildcard (see `conditions/pattern.ts`).
 * - `${key, 'default'}` (section "Specifying default values"): the default is in
 *   single quotes, separated from the name by a comma and a space. We also accept
 *   no space or several, and whitespace before the closing brace. AWS documents no
 *   escape for a quote inside a default, so none is invented: the default ends at
 *   the next single quote, and anything but optional whitespace and `}` after it
 *   makes the whole `${…}` ordinary text. Defaults are literal text, like values.
 * - Only with `"Version": "2012-10-17"`: "If you don't include the Version element
 *   and set it to an appropriate version date, variables like ${aws:username} are
 *   treated as literal strings in the policy."
 * - Text that is not a well-formed variable (`${`, `${}`, an unclosed `${a`) stays
 *   literal text.
 *
 * Section "Policy variables with no value": a variable whose key is absent (and
 * which has no default) makes the value "effectively null. There is no equal or
 * like value." We report that as `value: undefined`:
 * - in a condition, such a policy value matches nothing, so `StringEquals` and
 *   `StringLike` do not match and the inverted operators (`StringNotEquals`,
 *   `StringNotLike`) do ("Inverted condition operators … do match against a null
 *   value") — see `conditions/evaluate.ts`;
 * - in `Resource`/`NotResource`, "the resource that includes a policy variable
 *   with no value will not match any resource": `matchResourcePattern` returns
 *   `matched: false` for it (so in `NotResource` it excludes nothing).
 * CAUTION: publicly exported.
 */
import { matchArnPattern } from './arn.js';
import type { ContextView } from './context.js';
import {
  literalToken,
  matchArnTokens,
  patternFromWrittenText,
  patternToString,
  type PatternToken,
} from './conditions/pattern.js';

const NO_VARIABLES = Object.freeze([]) as unknown as VariableUse[];
const NO_NAMES = Object.freeze([]) as unknown as string[];

/** The policy language version that introduced variables; every other version reads `${…}` literally. */
export const VARIABLES_VERSION = '2012-10-17';

export type TemplatePart =
  /** Text as written; its `*` and `?` are wildcards where the operator allows them. */
  | { kind: 'text'; text: string }
  /** `${name}` or `${name, 'default'}`. `written` is the whole `${…}` as it appears. */
  | { kind: 'variable'; name: string; defaultValue: string | undefined; written: string }
  /** `${*}`, `${?}` or `${$}`: the literal character. */
  | { kind: 'special'; char: '*' | '?' | '$'; written: string };

/** Why a variable has no value. */
export type UnresolvedReason = 'missing' | 'multivalued';

export interface VariableUse {
  /** The variable name as written inside `${…}`, e.g. `aws:PrincipalTag/team`, or `*` for `${*}`. */
  name: string;
  resolved: boolean;
  /** The substituted text, when resolved (the default when `usedDefault`). */
  value?: string;
  usedDefault?: boolean;
  /** True for `${*}`, `${?}`, `${$}`. */
  special?: boolean;
  /** Set when `resolved` is false. */
  unresolvedBecause?: UnresolvedReason;
}

export interface SubstitutionResult {
  /** The text with every variable replaced, or undefined when a variable has no value and no default. */
  value: string | undefined;
  /** The same as tokens: wildcards only where the author wrote `*`/`?`. Undefined exactly when `value` is. */
  pattern: PatternToken[] | undefined;
  /** Every variable in order of appearance (special ones included). */
  variables: VariableUse[];
}

/** Split text into literal text and variables. Without version `2012-10-17` the whole text is literal. */
export function parseTemplate(text: string, version: string | undefined): TemplatePart[] {
  if (version !== VARIABLES_VERSION || !text.includes('${')) return text === '' ? [] : [{ kind: 'text', text }];
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const variable = text.startsWith('${', index) ? readVariable(text, index) : undefined;
    if (variable === undefined) {
      literal += text[index];
      index++;
      continue;
    }
    if (literal !== '') parts.push({ kind: 'text', text: literal });
    literal = '';
    parts.push(variable.part);
    index = variable.end;
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return parts;
}

/** The names of the (non-special) variables in `text`, in order, duplicates kept. */
export function variableNames(text: string, version: string | undefined): string[] {
  return parseTemplate(text, version).flatMap((part) => (part.kind === 'variable' ? [part.name] : []));
}

/** Replace the variables in `text` with values from `context`. */
export function substituteVariables(
  text: string,
  context: ContextView,
  version: string | undefined,
): SubstitutionResult {
  let value = '';
  const pattern: PatternToken[] = [];
  const variables: VariableUse[] = [];
  let complete = true;
  for (const part of parseTemplate(text, version)) {
    if (part.kind === 'text') {
      value += part.text;
      pattern.push(...patternFromWrittenText(part.text));
      continue;
    }
    if (part.kind === 'special') {
      value += part.char;
      pattern.push(literalToken(part.char));
      variables.push({ name: part.char, resolved: true, value: part.char, special: true });
      continue;
    }
    const lookup = lookUpVariable(part.name, context);
    if (lookup.value !== undefined) {
      value += lookup.value;
      pattern.push(literalToken(lookup.value));
      variables.push({ name: part.name, resolved: true, value: lookup.value });
    } else if (part.defaultValue !== undefined) {
      value += part.defaultValue;
      pattern.push(literalToken(part.defaultValue));
      variables.push({ name: part.name, resolved: true, value: part.defaultValue, usedDefault: true });
    } else {
      complete = false;
      variables.push({ name: part.name, resolved: false, unresolvedBecause: lookup.reason });
    }
  }
  return complete ? { value, pattern, variables } : { value: undefined, pattern: undefined, variables };
}

/** The value a variable stands for, or why it has none (absent, empty, or multivalued key). */
export function lookUpVariable(
  name: string,
  context: ContextView,
): { value: string; reason?: undefined } | { value?: undefined; reason: UnresolvedReason } {
  const entry = context.get(name);
  if (entry === undefined || entry.values.length === 0) return { reason: 'missing' };
  const [only] = entry.values;
  if (entry.multivalued || entry.values.length > 1 || only === undefined) return { reason: 'multivalued' };
  return { value: only };
}

export interface ResourceMatch {
  matched: boolean;
  /** The pattern after substitution (display form), or undefined when a variable had no value. */
  resolvedPattern: string | undefined;
  variables: VariableUse[];
  /** Names of variables that had no value (then `matched` is false). */
  unresolvedVariables: string[];
}

/**
 * Match one `Resource`/`NotResource` value against the requested resource: the
 * one call the engine makes per value. Substitutes variables (version
 * `2012-10-17` only), then matches part by part like `matchArnPattern`, with
 * substituted text literal. A value with an unresolved variable matches no
 * resource ("Policy variables with no value"). The caller negates for `NotResource`.
 */
export function matchResourcePattern(
  pattern: string,
  resourceArn: string,
  context: ContextView,
  version: string | undefined,
): ResourceMatch {
  // Hot path: most Resource values hold no variable, and then need no tokens.
  if (version !== VARIABLES_VERSION || !pattern.includes('${')) {
    return { matched: matchArnPattern(pattern, resourceArn), resolvedPattern: pattern, variables: NO_VARIABLES, unresolvedVariables: NO_NAMES };
  }
  const substituted = substituteVariables(pattern, context, version);
  const unresolvedVariables = unresolvedNames(substituted.variables);
  if (substituted.pattern === undefined) {
    return { matched: false, resolvedPattern: undefined, variables: substituted.variables, unresolvedVariables };
  }
  return {
    matched: matchArnTokens(substituted.pattern, resourceArn),
    resolvedPattern: patternToString(substituted.pattern),
    variables: substituted.variables,
    unresolvedVariables,
  };
}

export function unresolvedNames(variables: readonly VariableUse[]): string[] {
  return variables.flatMap((variable) => (variable.resolved ? [] : [variable.name]));
}

const SPECIAL_VARIABLES: Readonly<Record<string, '*' | '?' | '$'>> = { '*': '*', '?': '?', $: '$' };

/** Read `${…}` starting at `start` (which holds `$`), or undefined when it is not a well-formed variable. */
function readVariable(text: string, start: number): { part: TemplatePart; end: number } | undefined {
  let index = start + 2;
  while (index < text.length && !',}{'.includes(text[index] ?? '')) index++;
  if (index >= text.length || text[index] === '{') return undefined;
  const rawName = text.slice(start + 2, index);
  if (text[index] === '}') {
    const written = text.slice(start, index + 1);
    const special = SPECIAL_VARIABLES[rawName];
    if (special !== undefined) return { part: { kind: 'special', char: special, written }, end: index + 1 };
    const name = rawName.trim();
    if (name === '') return undefined;
    return { part: { kind: 'variable', name, defaultValue: undefined, written }, end: index + 1 };
  }
  // A comma: the default value follows, in single quotes.
  index = skipWhitespace(text, index + 1);
  if (text[index] !== "'") return undefined;
  const closingQuote = text.indexOf("'", index + 1);
  if (closingQuote === -1) return undefined;
  const defaultValue = text.slice(index + 1, closingQuote);
  const brace = skipWhitespace(text, closingQuote + 1);
  if (text[brace] !== '}') return undefined;
  const name = rawName.trim();
  if (name === '') return undefined;
  const written = text.slice(start, brace + 1);
  return { part: { kind: 'variable', name, defaultValue, written }, end: brace + 1 };
}

function skipWhitespace(text: string, index: number): number {
  while (index < text.length && /\s/.test(text[index] ?? '')) index++;
  return index;
}
