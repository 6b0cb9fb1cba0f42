/** One word and a newline, for scripts: `ALLOW`, `EXPLICIT_DENY` or `IMPLICIT_DENY`. */
import type { Explanation } from '../explain/explanation.js';
import type { Decision } from '../engine/result.js';
import type { RenderOptions } from './options.js';

export const QUIET_WORDS: Record<Decision, 'ALLOW' | 'EXPLICIT_DENY' | 'IMPLICIT_DENY'> = {
  allowed: 'ALLOW',
  explicitDeny: 'EXPLICIT_DENY',
  implicitDeny: 'IMPLICIT_DENY',
};

export function renderQuiet(explanation: Explanation, _options?: RenderOptions): string {
  return `${QUIET_WORDS[explanation.result.decision]}\n`;
}
