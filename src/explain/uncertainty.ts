/**
 * The unknowns of a verdict in a few words, for the verdict line of every
 * output: "depends on aws:RequestedRegion, which the request did not give",
 * "could be DENIED by a service control policy that was not given".
 */
import type { Decision, Unknown } from '../engine/result.js';
import { LAYER_NOUNS } from './words.js';

const DECISION_WORDS: Record<Decision, string> = { allowed: 'ALLOWED', explicitDeny: 'DENIED', implicitDeny: 'DENIED' };

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

function phrase(unknown: Unknown): string {
  if (unknown.key !== undefined) {
    return unknown.kind === 'context_key'
      ? `depends on ${unknown.key}, which the request did not give`
      : `depends on ${unknown.key}, which could not be read`;
  }
  const outcome = DECISION_WORDS[unknown.couldLeadTo];
  if (unknown.kind === 'source_disagrees') {
    return unknown.layer === undefined ? 'AWS’s own account of the request differs' : `AWS names ${article(LAYER_NOUNS[unknown.layer])} ${LAYER_NOUNS[unknown.layer]}, which iamwhy does not find blocking as AWS says`;
  }
  if (unknown.layer === undefined) return `could be ${outcome}: ${unknown.detail.replace(/\.$/, '')}`;
  const noun = LAYER_NOUNS[unknown.layer];
  const how = unknown.kind === 'read_denied' ? 'could not be read' : unknown.kind === 'unsupported' ? 'iamwhy does not model' : 'was not given';
  return `could be ${outcome} by ${article(noun)} ${noun} that ${how}`;
}

export function uncertaintyClause(unknowns: readonly Unknown[]): string | undefined {
  const [first, ...rest] = unknowns;
  if (first === undefined) return undefined;
  const more = rest.length === 0 ? '' : ` (and ${rest.length} more unknown${rest.length === 1 ? '' : 's'})`;
  return `${phrase(first)}${more}`;
}
