/** Renders a who-can result: a table of principals (text) or a JSON document. */
import type { WhoCanResult } from '../sources/snapshot/index.js';
import { paint } from './ansi.js';
import { padEnd } from './wrap.js';

const DECISION_WORDS = { allowed: 'ALLOWED', explicitDeny: 'EXPLICIT DENY', implicitDeny: 'IMPLICIT DENY' } as const;

export function renderWhoCanText(result: WhoCanResult, options: { color: boolean }): string {
  const colors = paint(options.color);
  const lines: string[] = [`Who can ${result.action} on ${result.resourceArn}?`, ''];
  const allowed = result.entries.filter((entry) => entry.decision === 'allowed');
  const singleLayer = result.entries.filter((entry) => entry.decision !== 'allowed' && entry.blockedBy.length === 1);
  const width = Math.min(60, Math.max(10, ...result.entries.map((entry) => entry.arn.length)));
  lines.push(colors.bold(`Allowed (${allowed.length}):`));
  if (allowed.length === 0) lines.push('  (none)');
  for (const entry of allowed) lines.push(`  ${colors.green('✓')} ${entry.arn}${entry.incomplete ? '  (snapshot incomplete)' : ''}`);
  lines.push('', colors.bold(`Denied by a single layer (${singleLayer.length}):`));
  if (singleLayer.length === 0) lines.push('  (none)');
  for (const entry of singleLayer) {
    lines.push(`  ${colors.red('✗')} ${padEnd(entry.arn, width)}  ${DECISION_WORDS[entry.decision].toLowerCase()} by ${entry.blockedBy[0]}`);
  }
  const others = result.entries.length - allowed.length - singleLayer.length;
  lines.push('', `${result.entries.length} ${result.entries.length === 1 ? 'principal' : 'principals'}: ${result.counts.allowed} allowed, ${result.counts.explicitDeny} explicitly denied, ${result.counts.implicitDeny} implicitly denied${others > 0 ? ` (${others} blocked by several layers)` : ''}.`);
  for (const gap of result.gaps) lines.push(`note: ${gap}`);
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
  return `${JSON.stringify(output, null, 2)}\n`;
}
