/**
 * A pasted AccessDenied message back to the one line AWS sent: undo terminal and
 * log line wrapping, quoting (`> ` mail quotes, Terraform's `│ ` box, surrounding
 * quotes, JSON string escapes) and drop stack-trace lines. Every step is a single
 * pass over the text, so hostile input costs linear time.
 */

/** Characters that start a line of Terraform's diagnostic box or a mail quote. */
const LINE_DECORATION = new Set(['│', '╷', '╵', '|', '>', '┃']);

function isSpace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\f' || char === '\v';
}

/** The line without its leading decoration (indentation, `│ `, `> `, repeated). */
function undecorated(line: string): string {
  let start = 0;
  while (start < line.length) {
    const char = line[start];
    if (isSpace(char) || (char !== undefined && LINE_DECORATION.has(char))) start++;
    else break;
  }
  let end = line.length;
  while (end > start && isSpace(line[end - 1])) end--;
  return line.slice(start, end);
}

/** A JavaScript, Java or Python stack frame: `    at f (file.js:1:2)`, `  File "x.py", line 3`. */
function isStackFrame(line: string): boolean {
  const trimmed = line.trimStart();
  return trimmed.startsWith('at ') && line.length > trimmed.length ? true : /^File "[^"]*", line \d+/.test(trimmed);
}


/**
 * Lines broken at a fixed width (a terminal copy, a log viewer): every line but the
 * last has the same length. They are joined with nothing in between, since the
 * break may fall inside a word or an ARN.
 */
function brokenAtFixedWidth(lines: readonly string[]): boolean {
  if (lines.length < 2) return false;
  const width = (lines[0] as string).length;
  if (width < 20) return false;
  for (let index = 1; index < lines.length - 1; index++) if ((lines[index] as string).length !== width) return false;
  return (lines[lines.length - 1] as string).length <= width;
}

/**
 * Join word-wrapped lines: with a space, except where the break falls inside an
 * ARN (iamwhy itself, and many log viewers, break long ARNs after `/` or `:`).
 */
function joinWrapped(lines: readonly string[]): string {
  const parts: string[] = [];
  // The word the joined text ends with: only its start and its last character matter.
  let wordIsArn = false;
  for (const line of lines) {
    const previous = parts[parts.length - 1];
    const last: string | undefined = previous?.[previous.length - 1];
    const insideArn: boolean = wordIsArn && (last === '/' || last === ':');
    if (previous !== undefined) parts.push(insideArn ? '' : ' ');
    parts.push(line);
    const space = line.lastIndexOf(' ');
    const word = space === -1 ? line : line.slice(space + 1);
    // A line without a space continues the word it was joined to.
    wordIsArn = space === -1 && insideArn ? wordIsArn : word.startsWith('arn:') || word.startsWith('"arn:');
  }
  return parts.join('');
}

/** `\"`, `\\`, `\n`, `\t`, `\/` and `\uXXXX` as JSON writes them, when the text was copied out of a JSON string. */
function unescapeJsonString(text: string): string {
  let out = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char !== '\\' || index + 1 >= text.length) {
      out += char;
      continue;
    }
    const next = text[index + 1];
    if (next === '"' || next === '\\' || next === '/') out += next;
    else if (next === 'n' || next === 'r' || next === 't') out += ' ';
    else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(index + 2, index + 6))) {
      out += String.fromCharCode(Number.parseInt(text.slice(index + 2, index + 6), 16));
      index += 4;
    } else {
      out += `\\${next}`;
    }
    index++;
  }
  return out;
}

/** Collapse every run of whitespace into one space and trim (one character class: linear). */
function collapseSpace(text: string): string {
  // Most text has single spaces only: then there is nothing to replace.
  if (!/[\t\n\r\f\v\u00a0]| {2}/.test(text)) return text.trim();
  return text.replace(/[ \t\n\r\f\v\u00a0]+/g, ' ').trim();
}

/**
 * The text of one pasted message as one line, with wrapping, quoting and
 * decoration undone. Lines of one length may be a fixed-width copy (joined with
 * nothing) or word-wrapped lines that happen to match (joined with spaces): then
 * both readings are returned, the fixed-width one first, for the parser to choose.
 */
export function unwrapPastedText(raw: string): string[] {
  let text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  // Copied out of a JSON document (a CloudTrail errorMessage, an SDK's JSON log line).
  if (text.includes('\\"') || text.includes('\\n')) text = unescapeJsonString(text);
  const lines: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (isStackFrame(line) || line.trim() === '') continue;
    lines.push(line);
  }
  const wrapped = joinWrapped(lines.map(undecorated).filter((line) => line !== ''));
  // A fixed-width break may fall before a space: keep those lines exactly as they are.
  const readings = brokenAtFixedWidth(lines) ? [lines.join(''), wrapped] : [wrapped];
  return readings.map((joined) => withoutQuotes(collapseSpace(joined)));
}

/** A message pasted in quotes or backticks. */
function withoutQuotes(text: string): string {
  let one = text;
  for (const [open, close] of [
    ['"', '"'],
    ["'", "'"],
    ['`', '`'],
    ['“', '”'],
  ] as const) {
    if (one.length >= 2 && one.startsWith(open) && one.endsWith(close)) one = one.slice(open.length, one.length - close.length).trim();
  }
  return one;
}

/** C0 and C1 control characters, DEL and bidirectional overrides: never part of an ARN or action AWS prints. */
export function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return true;
  }
  return false;
}
