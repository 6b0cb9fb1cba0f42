/**
 * The policy types AWS names in AccessDenied messages ("Troubleshoot access denied
 * error messages": "with an explicit deny in a <type>", "because no <type> allows
 * the <action> action"), read into iamwhy's layer names. AWS's own pages spell some
 * of them more than one way ("a sessions policy", "the role trust policy"); each
 * spelling is listed.
 */
import type { LayerName } from '../../engine/result.js';

export interface PolicyTypeMatch {
  layer: LayerName;
  trust: boolean;
  /** The words as they appear in the message. */
  words: string;
  /** Characters of the text they took, articles included. */
  length: number;
}

/** Longest first, so "permissions boundary policy" wins over "permissions boundary". */
const PHRASES: ReadonlyArray<readonly [phrase: string, layer: LayerName, trust: boolean]> = [
  ['permissions boundary policy', 'permissions_boundary', false],
  ['resource control policy', 'rcp', false],
  ['service control policy', 'scp', false],
  ['identity-based policy', 'identity', false],
  ['identity based policy', 'identity', false],
  ['resource-based policy', 'resource', false],
  ['resource based policy', 'resource', false],
  ['permissions boundary', 'permissions_boundary', false],
  ['permission boundary', 'permissions_boundary', false],
  ['vpc endpoint policy', 'vpc_endpoint', false],
  ['role trust policy', 'resource', true],
  ['sessions policy', 'session_policy', false],
  ['session policy', 'session_policy', false],
  ['trust policy', 'resource', true],
];

const ARTICLES = ['an ', 'a ', 'the '];

/** The policy type named at `offset` of `text` (`lower` is `text` lower-cased), after an optional article. */
export function policyTypeAt(text: string, lower: string, offset: number): PolicyTypeMatch | undefined {
  let start = offset;
  for (const article of ARTICLES) {
    if (lower.startsWith(article, start)) {
      start += article.length;
      break;
    }
  }
  for (const [phrase, layer, trust] of PHRASES) {
    if (lower.startsWith(phrase, start)) {
      return { layer, trust, words: text.slice(start, start + phrase.length), length: start + phrase.length - offset };
    }
  }
  return undefined;
}
