/**
 * The default output: request, verdict and reason, AWS's own message, the
 * evaluation path, a panel per deciding (or nearly matching) statement, the
 * per-policy breakdown, missing context and how to fix. Fits the line width and
 * reads the same without colour. Findings are not shown here: the CLI prints
 * them to stderr.
 */
import { levelLabel } from '../explain/near-misses.js';
import type { Explanation, PathStep, StepMark } from '../explain/explanation.js';
import type { Suggestion } from '../explain/suggestions.js';
import type { MissingContextKey, StatementRef } from '../engine/result.js';
import { paint, visibleWidth, type Paint } from './ansi.js';
import { renderBox } from './box.js';
import { lineWidth, type RenderOptions } from './options.js';
import { panelRows, panelTitle } from './panel.js';
import { KEEP, padEnd, wrap } from './wrap.js';
import { printable, stringifyForTerminal } from '../text/printable.js';

const INDENT = '  ';

export const STEP_SYMBOLS: Record<StepMark, string> = {
  allow: '✓',
  deny: '✗',
  'not-needed': '·',
  'not-applicable': '—',
};

function symbol(mark: StepMark, style: Paint): string {
  const text = STEP_SYMBOLS[mark];
  if (mark === 'allow') return style.green(text);
  if (mark === 'deny') return style.red(text);
  return style.dim(text);
}

/** `Label: value`, wrapped under the value. */
function field(label: string, value: string, labelWidth: number, width: number): string[] {
  const lead = `${label}:`.padEnd(labelWidth);
  return wrap(value, width, lead, ' '.repeat(labelWidth));
}

function requestSection(explanation: Explanation, width: number): string[] {
  const { request } = explanation.result;
  return [
    ...field('Principal', request.principal, 11, width),
    ...field('Action', request.action, 11, width),
    ...field('Resource', request.resource, 11, width),
  ];
}

export function verdictText(explanation: Explanation): string {
  return explanation.denialType ? `${explanation.verdict} (${explanation.denialType})` : explanation.verdict;
}

/** The verdict and, for a requested resource pattern, what it covers. */
function verdictWithScope(explanation: Explanation): string {
  return explanation.scope ? `${verdictText(explanation)} ${explanation.scope}` : verdictText(explanation);
}

function verdictSection(explanation: Explanation, width: number, style: Paint): string[] {
  const verdict = verdictText(explanation);
  const colour = explanation.verdict === 'ALLOWED' ? style.green : style.red;
  // Wrapped on plain text, coloured afterwards: colour never changes the layout.
  const scoped = verdictWithScope(explanation);
  const head = explanation.uncertainty ? `Verdict: ${scoped}${explanation.scope ? ';' : ' —'} ${explanation.uncertainty}` : `Verdict: ${scoped}`;
  const verdictLines = wrap(head, width, '', '         ').map((line, index) =>
    index === 0 ? `Verdict: ${colour(style.bold(verdict))}${line.slice(`Verdict: ${verdict}`.length)}` : line,
  );
  const lines = [...verdictLines, ...field('Reason', explanation.reason, 8, width)];
  const check = explanation.crossCheck;
  if (check?.decision !== undefined) {
    const words = check.agrees ? 'agrees' : `differs${check.blindSpots.length > 0 ? ` — ${check.blindSpots.join('; ')}` : ' — see below'}`;
    lines.push(...wrap(`AWS's policy simulator: ${check.decision} (${words})`, width, '', INDENT));
  }
  if (explanation.awsMessage) lines.push(...wrap(explanation.awsMessage, width, 'AWS would say: ', INDENT));
  return lines;
}

function pathSection(steps: readonly PathStep[], width: number, style: Paint): string[] {
  const titleWidth = Math.max(...steps.map((step) => visibleWidth(step.title)));
  // Side by side when the details keep a useful width; otherwise each detail goes under its title.
  const sideBySide = width - (INDENT.length + 2 + titleWidth + 2) >= 30;
  // The legend makes the marks read without colour (and without knowing the symbols).
  const needed = steps.some((step) => step.mark === 'not-needed') ? `, ${STEP_SYMBOLS['not-needed']} not needed` : '';
  const legend = `(${STEP_SYMBOLS.allow} allows, ${STEP_SYMBOLS.deny} denies${needed}, ${STEP_SYMBOLS['not-applicable']} does not apply):`;
  const lines = wrap(`Evaluation path ${legend}`, width, '', INDENT).map((line, index) =>
    index === 0 ? style.bold('Evaluation path') + line.slice('Evaluation path'.length) : line,
  );
  for (const step of steps) {
    const mark = `${INDENT}${symbol(step.mark, style)} `;
    const detail = step.mark === 'not-applicable' ? style.dim : (text: string): string => text;
    if (sideBySide) {
      const lead = `${mark}${padEnd(step.title, titleWidth)}  `;
      const parts = wrap(step.detail, width, lead, ' '.repeat(visibleWidth(lead)));
      lines.push(...parts.map((part, index) => (index === 0 ? lead + detail(part.slice(lead.length)) : detail(part))));
    } else {
      lines.push(`${mark}${step.title}`);
      lines.push(...wrap(step.detail, width, `${INDENT}    `).map(detail));
    }
  }
  return lines;
}

function panelSection(explanation: Explanation, width: number, style: Paint): string[] {
  return explanation.panels.flatMap((panel, index) => [
    ...(index > 0 ? [''] : []),
    ...renderBox(panelTitle(panel), panelRows(panel), width, style),
  ]);
}

// Per policy: what its statements did. A policy with no matching statement does not deny
// by itself (an SCP like DenyLeaveOrganization that does not match is simply silent).
const VERDICT_WORDS = { allow: 'allows', explicitDeny: 'denies', implicitDeny: 'no statement matches' } as const;

function breakdownSection(explanation: Explanation, width: number, style: Paint): string[] {
  const header = style.bold('Decision breakdown:');
  if (explanation.breakdown.length === 0) return [`${header} (no policies)`];
  const rows = explanation.breakdown.map((row) => ({
    id: printable(row.policyId),
    kind: printable(row.level ? `${row.kind} (${levelLabel(row.level)})` : row.kind),
    verdict: VERDICT_WORDS[row.verdict],
  }));
  const idWidth = Math.max(...rows.map((row) => visibleWidth(row.id)));
  const kindWidth = Math.max(...rows.map((row) => visibleWidth(row.kind)));
  const verdictWidth = Math.max(...rows.map((row) => row.verdict.length));
  const colour = (verdict: string): string => (verdict === VERDICT_WORDS.allow ? style.green(verdict) : verdict === VERDICT_WORDS.explicitDeny ? style.red(verdict) : style.dim(verdict));
  const lines = [header];
  if (INDENT.length + idWidth + 2 + kindWidth + 2 + verdictWidth <= width) {
    for (const row of rows) lines.push(`${INDENT}${padEnd(row.id, idWidth)}  ${padEnd(row.kind, kindWidth)}  ${colour(row.verdict)}`);
    return lines;
  }
  // Long ids (policy ARNs): the id on its own line(s), kind and verdict beneath it.
  for (const row of rows) {
    lines.push(...wrap(row.id, width, INDENT, `${INDENT}  `));
    const detail = `${INDENT}  ${row.kind}  ${row.verdict}`;
    if (visibleWidth(detail) <= width) lines.push(`${INDENT}  ${row.kind}  ${colour(row.verdict)}`);
    else lines.push(...wrap(row.kind, width, `${INDENT}  `), `${INDENT}  ${colour(row.verdict)}`);
  }
  return lines;
}

const OUTCOME_WORDS = { allowed: 'ALLOWED', explicitDeny: 'DENIED', implicitDeny: 'DENIED' } as const;
const AWS_OUTCOME_WORDS = { allowed: 'ALLOWED', explicitDeny: 'DENIED (explicit deny)', implicitDeny: 'DENIED (implicit deny)' } as const;

function unknownsSection(explanation: Explanation, width: number, style: Paint): string[] {
  if (explanation.certain) return [];
  const lines = [style.bold('Not certain — what iamwhy did not have could change this:')];
  for (const unknown of explanation.unknowns) {
    // A disagreement with AWS's own account of the request: say what AWS reported.
    const outcome = unknown.kind === 'source_disagrees' ? `AWS reported it ${AWS_OUTCOME_WORDS[unknown.couldLeadTo]}` : `could make it ${OUTCOME_WORDS[unknown.couldLeadTo]}`;
    lines.push(...wrap(`${unknown.detail} → ${outcome}`, width, `${INDENT}? `, `${INDENT}  `));
  }
  return lines;
}

function refText(ref: StatementRef): string {
  return `${ref.policyId}${KEEP}${ref.sid === undefined ? `Statement[${ref.statementIndex}]` : `Sid=${ref.sid}`}`;
}

function missingSection(keys: readonly MissingContextKey[], width: number, style: Paint): string[] {
  const header = style.bold('Missing context:');
  if (keys.length === 0) return [`${header} (none)`];
  const lines = [header];
  for (const key of keys) {
    const effect = key.couldChangeDecision ? 'could change the decision' : 'would not change the decision';
    const where = key.statements.length > 0 ? `; tested by ${key.statements.map(refText).join(', ')}` : '';
    lines.push(...wrap(`${key.key} — ${effect}${where}`, width, `${INDENT}? `, `${INDENT}  `));
  }
  return lines;
}

function suggestionLines(suggestion: Suggestion, number: number, width: number): string[] {
  const lead = `${INDENT}${number}. `;
  const indent = ' '.repeat(lead.length);
  const lines = wrap(suggestion.title, width, lead, indent);
  if (suggestion.who) lines.push(...wrap(`Who: ${suggestion.who}.`, width, indent));
  for (const detail of suggestion.details) lines.push(...wrap(detail, width, indent));
  if (suggestion.statement) {
    lines.push(`${indent}Statement:`);
    // Whole, valid JSON to paste: never wrapped, whatever the width (outside text escaped as JSON).
    lines.push(...stringifyForTerminal(suggestion.statement, 2).split('\n').map((line) => `${indent}  ${line}`));
  }
  return lines;
}

const COMBINATION_WORDS = { single: '', any: ' (any one of these would allow it)', all: ' (all of these are needed)' } as const;

function fixSection(explanation: Explanation, width: number, style: Paint): string[] {
  const { suggestions, checks } = explanation;
  const lines: string[] = [];
  if (suggestions.length > 0) {
    const combination = suggestions.length > 1 ? COMBINATION_WORDS[explanation.fixCombination] : '';
    lines.push(...wrap(`How to fix${combination}:`, width, '', INDENT).map((line, index) => (index === 0 ? style.bold(line) : line)));
    lines.push(...suggestions.flatMap((suggestion, index) => suggestionLines(suggestion, index + 1, width)));
  }
  if (explanation.nextSteps.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(style.bold('Also needed:'), ...explanation.nextSteps.flatMap((step) => wrap(step, width, `${INDENT}- `, `${INDENT}  `)));
  }
  if (checks.length > 0) {
    if (lines.length > 0) lines.push('');
    lines.push(style.bold('To check another case:'), ...checks.flatMap((check) => wrap(check, width, `${INDENT}- `, `${INDENT}  `)));
  }
  return lines;
}

function notesSection(notes: readonly string[], width: number, style: Paint): string[] {
  if (notes.length === 0) return [];
  return [style.bold('Notes:'), ...notes.flatMap((note) => wrap(note, width, `${INDENT}- `, `${INDENT}  `))];
}

export function renderText(explanation: Explanation, options: RenderOptions): string {
  const width = lineWidth(options);
  const style = paint(options.color);
  const sections = [
    requestSection(explanation, width),
    verdictSection(explanation, width, style),
    unknownsSection(explanation, width, style),
    pathSection(explanation.path, width, style),
    panelSection(explanation, width, style),
    breakdownSection(explanation, width, style),
    missingSection(explanation.missingContext, width, style),
    fixSection(explanation, width, style),
    notesSection(explanation.notes, width, style),
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}
