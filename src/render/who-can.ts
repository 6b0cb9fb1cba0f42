/** Renders a who-can result: a table of principals (text) or a JSON document. */
import type { WhoCanResult } from '../sources/snapshot/index.js';
import { paint } from './ansi.js';
import { padEnd } from './wrap.js';
import { printable, stringifyForTerminal } from '../text/printable.js';

const DECISION_WORDS = { allowed: 'ALLOWED', explicitDeny: 'EXPLICIT DENY', implicitDeny: 'IMPLICIT DENY' } as const;

export function renderWhoCanText(result: WhoCanResult, options: { color: boolean; width?: number }): string {
  const colors = paint(options.color);
  const width = options.width ?? 80;
  const lines: string[] = [`Who can ${printable(result.action)} on ${printable(result.resourceArn)}?`, ''];
  const allowed = result.entries.filter((entry) => entry.decision === 'allowed');
  const singleLayer = result.entries.filter((entry) => entry.decision !== 'allowed' && entry.blockedBy.length === 1);
  const severalLayers = result.entries.filter((entry) => entry.decision !== 'allowed' && entry.blockedBy.length !== 1);
  const arnWidth = Math.max(10, ...result.entries.map((entry) => printable(entry.arn).length));
  // One line per principal when it fits the width, else the reason on the line below.
  const denied = (entry: WhoCanResult['entries'][number]): string[] => {
    const why = `${DECISION_WORDS[entry.decision].toLowerCase()} by ${entry.blockedBy.join(' + ') || 'no layer'}${entry.incomplete ? ' (snapshot incomplete)' : ''}`;
    const mark = `  ${colors.red('✗')} `;
    return 4 + arnWidth + 2 + why.length <= width ? [`${mark}${padEnd(printable(entry.arn), arnWidth)}  ${why}`] : [`${mark}${printable(entry.arn)}`, `      ${why}`];
  };
  lines.push(colors.bold(`Allowed (${allowed.length}):`));
  if (allowed.length === 0) lines.push('  (none)');
  for (const entry of allowed) lines.push(`  ${colors.green('✓')} ${printable(entry.arn)}${entry.incomplete ? '  (snapshot incomplete)' : ''}`);
  lines.push('', colors.bold(`Denied by a single layer (${singleLayer.length}):`));
  if (singleLayer.length === 0) lines.push('  (none)');
  for (const entry of singleLayer) lines.push(...denied(entry));
  if (severalLayers.length > 0) {
    lines.push('', colors.bold(`Denied by several layers (${severalLayers.length}):`));
    for (const entry of severalLayers) lines.push(...denied(entry));
  }
  const total = result.entries.length;
  lines.push('', `${total} ${total === 1 ? 'principal' : 'principals'}: ${result.counts.allowed} allowed, ${result.counts.explicitDeny} explicitly denied, ${result.counts.implicitDeny} implicitly denied.`);
  for (const gap of result.gaps) lines.push(`note: ${printable(gap)}`);
  return `${lines.join('\n')}\n`;
}

export function renderWhoCanJson(result: WhoCanResult): string {
  const output = {
    action: result.action,
    resource: result.resourceArn,
    counts: result.counts,
    principals: result.entries.map((entry) => ({
      arn: entry.arn,
      kind: entry.kind,
      account: entry.account,
      decision: entry.decision,
      blocked_by: entry.blockedBy,
      incomplete: entry.incomplete,
    })),
    gaps: result.gaps,
  };
  return `${stringifyForTerminal(output)}\n`;
}
