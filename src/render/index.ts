/**
 * Renderers: pure functions from an explanation (and colour/width options) to
 * the text the CLI prints. They never evaluate anything.
 * CAUTION: publicly exported.
 */
import type { Explanation } from '../explain/explanation.js';
import { renderJson } from './json.js';
import type { RenderOptions } from './options.js';
import { renderQuiet } from './quiet.js';
import { renderSummary } from './summary.js';
import { renderText } from './text.js';

export const OUTPUT_FORMATS = ['text', 'summary', 'quiet', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export type Renderer = (explanation: Explanation, options: RenderOptions) => string;

export const RENDERERS: Record<OutputFormat, Renderer> = {
  text: renderText,
  summary: renderSummary,
  quiet: renderQuiet,
  json: renderJson,
};

export function render(format: OutputFormat, explanation: Explanation, options: RenderOptions): string {
  return RENDERERS[format](explanation, options);
}

export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

export { DEFAULT_WIDTH, lineWidth, type RenderOptions } from './options.js';
export { stripAnsi } from './ansi.js';
export { renderText } from './text.js';
export { renderSummary } from './summary.js';
export { renderQuiet, QUIET_WORDS } from './quiet.js';
export {
  renderJson,
  renderJsonError,
  toJsonOutput,
  statementJson,
  type JsonBlockingPolicy,
  type JsonBreakdownRow,
  type JsonError,
  type JsonFinding,
  type JsonLayer,
  type JsonLayerPolicy,
  type JsonLevel,
  type JsonLevelRef,
  type JsonMissingContext,
  type JsonNearMiss,
  type JsonOutput,
  type JsonPolicyStatement,
  type JsonPrincipal,
  type JsonStatementRef,
  type JsonSuggestion,
  type JsonVerdict,
} from './json.js';
