/**
 * ANSI styling, switched off entirely when colour is off, so the uncoloured
 * output contains no escape codes at all. Layout is always computed on plain
 * text first and styled afterwards, so colour never changes a line's width.
 */

export interface Paint {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
}

const ESC = '\u001b[';

function sgr(open: number, close: number): (text: string) => string {
  return (text) => (text === '' ? text : `${ESC}${open}m${text}${ESC}${close}m`);
}

const PLAIN: Paint = {
  bold: (text) => text,
  dim: (text) => text,
  red: (text) => text,
  green: (text) => text,
  yellow: (text) => text,
};

const COLOURED: Paint = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
};

export function paint(color: boolean): Paint {
  return color ? COLOURED : PLAIN;
}

/**
 * Every escape sequence the coloured paint emits (`\u001b[31m`, `\u001b[39m`, …):
 * the only ones the terminal writer lets through, and only when colour is on.
 */
export function ownSgrSequences(): string[] {
  const sequences = new Set<string>();
  for (const style of Object.values(COLOURED) as Array<(text: string) => string>) {
    for (const sequence of style('x').split('x')) if (sequence !== '') sequences.add(sequence);
  }
  return [...sequences];
}

// eslint-disable-next-line no-control-regex -- matching the ESC control character is the point
const ANSI_PATTERN = /\u001b\[[0-9;]*m/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Columns a line takes on a terminal. Every character iamwhy prints (box drawing, ✓ ✗ — ◀) is one column wide. */
export function visibleWidth(text: string): number {
  return [...stripAnsi(text)].length;
}
