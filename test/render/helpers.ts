/** Small readers over rendered text, for content assertions. */
import { visibleWidth } from '../../src/render/ansi.js';

export function linesOf(output: string): string[] {
  return output.replace(/\n$/, '').split('\n');
}

export function widest(output: string): number {
  return Math.max(...linesOf(output).map(visibleWidth));
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
