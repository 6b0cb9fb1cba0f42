/** Small readers over rendered text, for content assertions. */
import { visibleWidth } from '../../src/render/ansi.js';

export function linesOf(output: string): string[] {
  return output.replace(/\n$/, '').split('\n');
}

export function widest(output: string): number {
  return Math.max(...linesOf(output).map(visibleWidth));
}

/** The proposed statements of How to fix: each `Statement:` block's JSON lines, joined. */
export function statementBlocks(output: string): string[] {
  const lines = linesOf(output);
  const blocks: string[] = [];
  lines.forEach((line, index) => {
    if (line.trim() !== 'Statement:') return;
    const indent = /^ */.exec(lines[index + 1] ?? '')?.[0].length ?? 0;
    const end = lines.findIndex((candidate, at) => at > index && candidate.length >= indent && candidate.slice(0, indent).trim() === '' && candidate.trim() === '}' && /^ */.exec(candidate)?.[0].length === indent);
    blocks.push(lines.slice(index + 1, end + 1).join('\n'));
  });
  return blocks;
}

/** The widest line outside the proposed statements (which are whole JSON, never wrapped). */
export function widestProse(output: string): number {
  const skipped = new Set(statementBlocks(output).flatMap((block) => block.split('\n')));
  return Math.max(...linesOf(output).filter((line) => !skipped.has(line)).map(visibleWidth));
}

// eslint-disable-next-line no-control-regex -- looking for the ESC character is the point
export const ANSI = /\u001b\[/;

/** The lines of the section that starts with `heading`, up to the next blank line. */
export function section(output: string, heading: string): string[] {
  const lines = linesOf(output);
  const start = lines.findIndex((line) => line.startsWith(heading));
  if (start === -1) return [];
  const end = lines.findIndex((line, index) => index > start && line === '');
  return lines.slice(start, end === -1 ? undefined : end);
}

/** The first line containing `text`. */
export function lineWith(output: string, text: string): string {
  const found = linesOf(output).find((line) => line.includes(text));
  if (found === undefined) throw new Error(`no line contains ${JSON.stringify(text)}:\n${output}`);
  return found;
}
