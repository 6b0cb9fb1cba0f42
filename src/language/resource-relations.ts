/**
 * A Resource value against a requested *pattern* of resources (the existential
 * reading of `-r 'arn:aws:s3:::bucket/*'`): does the value match some resource
 * the pattern names (intersects), every one of them (covers), and an example of
 * what both name. ARN-shaped patterns relate part by part, as `matchArnPattern`
 * matches them; anything else as a whole string.
 */
import { patternFromWrittenText, patternToString, splitPatternIntoArnParts, type PatternToken } from './conditions/pattern.js';
import type { ContextView } from './context.js';
import { intersectionWitness, patternCovers, patternsIntersect } from './pattern-relations.js';
import { substituteVariables, unresolvedNames, type VariableUse } from './variables.js';

export interface ResourceRelation {
  intersects: boolean;
  covers: boolean;
  /** The policy value after substitution (display form), undefined when a variable had no value. */
  resolvedPattern: string | undefined;
  /** A pattern for part of what both name, when they share any. */
  witness: string | undefined;
  unresolvedVariables: string[];
  /** The value's variables and what they stood for. */
  variables: VariableUse[];
}

const VARIABLES_VERSION = '2012-10-17';

function policyTokens(value: string, context: ContextView, version: string | undefined): { tokens: PatternToken[] | undefined; unresolved: string[]; variables: VariableUse[] } {
  if (version !== VARIABLES_VERSION || !value.includes('${')) return { tokens: patternFromWrittenText(value), unresolved: [], variables: [] };
  const substituted = substituteVariables(value, context, version);
  return { tokens: substituted.pattern, unresolved: unresolvedNames(substituted.variables), variables: substituted.variables };
}

function relateParts(policy: PatternToken[], requested: PatternToken[]): { intersects: boolean; covers: boolean; witness: string | undefined } {
  const policyParts = splitPatternIntoArnParts(policy);
  const requestedParts = splitPatternIntoArnParts(requested);
  const isAll = (tokens: readonly PatternToken[]): boolean => tokens.length === 1 && tokens[0]?.kind === 'any';
  if (policyParts === undefined || requestedParts === undefined) {
    const witness = intersectionWitness(policy, requested);
    return { intersects: patternsIntersect(policy, requested), covers: isAll(policy) || patternCovers(policy, requested), witness: witness && patternToString(witness) };
  }
  let intersects = true;
  let covers = true;
  const witnessParts: string[] = [];
  for (let index = 0; index < policyParts.length; index++) {
    const left = policyParts[index] ?? [];
    const right = requestedParts[index] ?? [];
    if (intersects && !patternsIntersect(left, right)) intersects = false;
    if (covers && !patternCovers(left, right)) covers = false;
    if (intersects) {
      const part = intersectionWitness(left, right);
      witnessParts.push(part ? patternToString(part) : patternToString(right));
    }
  }
  return { intersects, covers, witness: intersects ? witnessParts.join(':') : undefined };
}

export function relateResourcePattern(value: string, requestedPattern: string, context: ContextView, version: string | undefined): ResourceRelation {
  const { tokens, unresolved, variables } = policyTokens(value, context, version);
  if (tokens === undefined) return { intersects: false, covers: false, resolvedPattern: undefined, witness: undefined, unresolvedVariables: unresolved, variables };
  const relation = relateParts(tokens, patternFromWrittenText(requestedPattern));
  return { ...relation, resolvedPattern: patternToString(tokens), unresolvedVariables: unresolved, variables };
}
