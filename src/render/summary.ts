/**
 * A few lines: the decision, where it was decided (layer, policy, statement),
 * and the reason.
 */
import type { Explanation } from '../explain/explanation.js';
import type { StatementRef } from '../engine/result.js';
import { LAYER_TITLES } from '../explain/words.js';
import { paint } from './ansi.js';
import { lineWidth, type RenderOptions } from './options.js';
import { verdictText } from './text.js';
import { wrap } from './wrap.js';

function statementText(ref: StatementRef): string {
  return `${ref.policyId}, ${ref.sid === undefined ? `Statement[${ref.statementIndex}]` : `Sid "${ref.sid}"`}`;
}

/** The "where" lines: the deciding statements, or for an implicit deny the layers that block. */
function decidedAt(explanation: Explanation): Array<[label: string, text: string]> {
  const { result } = explanation;
  const label = result.decision === 'allowed' ? 'Allowed by' : result.decision === 'explicitDeny' ? 'Denied by' : 'Blocked at';
  if (result.decision !== 'implicitDeny' && result.deciding.length > 0) {
    return result.deciding.map((ref) => [label, `${LAYER_TITLES[ref.layer]}: ${statementText(ref)}`]);
  }
  // Allowed without a deciding statement (the account root user): the granting layers are identity and resource.
  const grants = explanation.path.filter((step) => step.mark === 'allow' && (step.layer === 'identity' || step.layer === 'resource'));
  const layers = result.decision === 'allowed' ? grants.map((step) => step.layer) : result.blockedBy;
  return layers.map((layer) => {
    const step = explanation.path.find((candidate) => candidate.layer === layer);
    return [label, step ? `${step.title}: ${step.detail}` : LAYER_TITLES[layer]];
  });
}

export function renderSummary(explanation: Explanation, options: RenderOptions): string {
  const width = lineWidth(options);
  const style = paint(options.color);
  const colour = explanation.verdict === 'ALLOWED' ? style.green : style.red;
  const { request } = explanation.result;
  const verdict = verdictText(explanation);
  // Wrapped on plain text, coloured afterwards: colour never changes the layout.
  const lines = wrap(`${request.action} on ${request.resource}`, width, `${verdict}: `, '  ').map((line, index) =>
    index === 0 ? colour(style.bold(verdict)) + line.slice(verdict.length) : line,
  );
  if (explanation.scope) lines.push(...wrap(explanation.scope, width, 'Scope: ', '  '));
  for (const [label, text] of decidedAt(explanation)) lines.push(...wrap(text, width, `${label}: `, '  '));
  lines.push(...wrap(explanation.reason, width, 'Reason: ', '  '));
  if (explanation.uncertainty) lines.push(...wrap(`${explanation.uncertainty}.`, width, 'Not certain: ', '  '));
  return `${lines.join('\n')}\n`;
}
