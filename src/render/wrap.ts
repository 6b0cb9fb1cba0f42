/**
 * Word wrapping for terminal output. Lines break at spaces; a word wider than
 * the line (a long ARN, a JSON string) is broken after a `/`, `:` or `,` where
 * possible, so the pieces still read as parts of the value. Words joined by
 * {@link KEEP} stay on one line when they fit; it prints as a space.
 */
import { visibleWidth } from './ansi.js';
import { printable as shownAsData } from '../text/printable.js';

/** A no-break space: joins words that belong together, e.g. `(request: vpc-1)`. */
export const KEEP = '\u00a0';

/** Join words so that wrapping keeps them together when they fit on a line. */
export function keepTogether(text: string): string {
  return text.replace(/ /g, KEEP);
}

const PREFERRED_BREAKS = new Set(['/', ':', ',']);
const FALLBACK_BREAKS = new Set(['.', '-', '_', '=', '&', '?', '*', '}']);

/** Split a word so that its head fits `room` columns, preferring a separator in the last two thirds. */
function splitWord(word: string, room: number): [string, string] {
  const chars = [...word];
  const fit = Math.max(1, room);
  if (chars.length <= fit) return [word, ''];
  const earliest = Math.max(1, Math.ceil(fit / 3));
  // A joined group that does not fit breaks first where it was joined.
  for (const breaks of [new Set([KEEP]), PREFERRED_BREAKS, FALLBACK_BREAKS]) {
    for (let cut = fit; cut >= earliest; cut--) {
      if (breaks.has(chars[cut - 1] ?? '')) return [chars.slice(0, cut).join(''), chars.slice(cut).join('')];
    }
  }
  return [chars.slice(0, fit).join(''), chars.slice(fit).join('')];
}

/**
 * Wrap `text` to `width` columns. The first line starts with `first`, the
 * others with `rest` (a hanging indent). Spaces inside the text are kept as
 * they are, except where a line breaks. The text is outside text as far as the
 * terminal is concerned: control and bidi characters are made visible (`\x1b`)
 * before the layout is computed, so a value can neither move the cursor nor
 * break the line.
 */
export function wrap(source: string, width: number, first = '', rest = first): string[] {
  const text = shownAsData(source);
  const lines: string[] = [];
  let prefix = first;
  let line = '';
  const room = (): number => width - visibleWidth(prefix);
  const flush = (): void => {
    lines.push(prefix + printable(line.trimEnd()));
    prefix = rest;
    line = '';
  };
  for (const token of text.split(/(?<= )/)) {
    let pending = token;
    while (pending !== '') {
      if (visibleWidth(line + pending.trimEnd()) <= room()) {
        line += pending;
        break;
      }
      if (line.trim() !== '') {
        flush();
        continue;
      }
      const [head, tail] = splitWord(pending, room() - visibleWidth(line));
      line += head;
      flush();
      pending = tail;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(prefix + printable(line.trimEnd()));
  return lines;
}

function printable(text: string): string {
  return text.replaceAll(KEEP, ' ');
}

export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - visibleWidth(text)));
}
