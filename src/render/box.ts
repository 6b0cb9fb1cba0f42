/**
 * A rounded box around rows of text, never wider than the line width. Each row
 * has a lead (a label such as `Action:`, whose width is also the hanging indent)
 * and may carry a marker (`◀ matched`) that stays at the right edge of its first
 * line, so the decisive line reads without colour.
 */
import { visibleWidth, type Paint } from './ansi.js';
import { padEnd, wrap } from './wrap.js';
import { printable } from '../text/printable.js';

export interface BoxRow {
  lead: string;
  text: string;
  marker?: string;
}

/** `╭─ ` + title + ` ` + at least one `─` + `╮`. */
const TITLE_FRAME = 6;
/** `│ ` + content + ` │`. */
const SIDE_FRAME = 4;

function naturalWidth(row: BoxRow): number {
  const marker = row.marker ? visibleWidth(row.marker) + 1 : 0;
  return visibleWidth(row.lead) + visibleWidth(printable(row.text)) + marker;
}

export function renderBox(source: string, rows: readonly BoxRow[], maxWidth: number, paint: Paint): string[] {
  // The title names a policy: outside text, shown as data.
  const title = printable(source);
  const titleWidth = visibleWidth(title);
  const wanted = Math.max(titleWidth + TITLE_FRAME, ...rows.map((row) => naturalWidth(row) + SIDE_FRAME));
  const width = Math.min(maxWidth, wanted);
  const inner = width - SIDE_FRAME;
  const side = (content: string): string => `│ ${padEnd(content, inner)} │`;
  const lines: string[] = [];

  if (titleWidth + TITLE_FRAME <= width) {
    lines.push(`╭─ ${paint.bold(title)} ${'─'.repeat(width - titleWidth - 5)}╮`);
  } else {
    // Too long for the border (a long policy ARN): the title becomes the box's first rows.
    lines.push(`╭${'─'.repeat(width - 2)}╮`);
    for (const part of wrap(title, inner)) lines.push(side(paint.bold(part)));
    lines.push(`├${'─'.repeat(width - 2)}┤`);
  }

  for (const row of rows) {
    const marker = row.marker ? ` ${row.marker}` : '';
    const markerWidth = visibleWidth(marker);
    const indent = ' '.repeat(visibleWidth(row.lead));
    const parts = wrap(row.text, inner - markerWidth, row.lead, indent);
    parts.forEach((part, index) => {
      if (index === 0 && marker) lines.push(side(padEnd(part, inner - markerWidth) + paint.yellow(paint.bold(marker))));
      else lines.push(side(part));
    });
  }
  lines.push(`╰${'─'.repeat(width - 2)}╯`);
  return lines;
}
