/**
 * Outside text (policy documents, names, ARNs, tag and context values, file
 * names, YAML values, arguments, log lines) shown as data, never as terminal
 * commands. A Sid like `"A\u001b]0;pwned\u0007\u001b[2J"` would otherwise retitle
 * the window and clear the screen; a bidi override (U+202E) would make `ALLOW`
 * read as `WOLLA`; a bare CR or a line separator would let a value overwrite or
 * fake a line of the verdict.
 *
 * Every character that is not plain printable text is made visible as an
 * escape: `\x1b` for code points below U+0100, `\u202e` above. Backslashes are
 * left alone, so escaping is idempotent (escaping twice gives the same text):
 * renderers may escape a value that was already escaped upstream.
 */

/**
 * The characters a terminal may act on instead of showing: C0 controls
 * (U+0000–U+001F, newline and tab included), DEL (U+007F), C1 controls
 * (U+0080–U+009F, e.g. U+009B, a one-character CSI), the bidirectional marks,
 * embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
 * U+2066–U+2069), and the line and paragraph separators U+2028, U+2029.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same set, except newline
const UNSAFE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- the same set, except newline and tab
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** What `JSON.stringify` leaves raw: DEL, C1, bidi and separators (it escapes C0 itself). */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b`, `\x9b`, `\u202e`: how one unsafe character is shown. */
export function escapeCharacter(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `\u001b`, `\u202e`: the same character as a JSON string escape (valid inside JSON strings). */
export function jsonEscapeCharacter(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** True when the text holds a character a terminal could act on (newlines and tabs included). */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/**
 * One piece of outside text, safe to place inside a line: every control and
 * bidi character, newline and tab included, made visible.
 */
export function printable(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escapeCharacter) : text;
}

/** Outside text that may span lines (a YAML excerpt): like {@link printable} but newlines stay. */
export function printableLines(text: string): string {
  return text.replace(UNSAFE_BUT_NEWLINE, escapeCharacter);
}

/**
 * JSON text safe for a terminal: `JSON.stringify` escapes C0 controls but not
 * DEL, C1 (U+009B is a CSI on many terminals), bidi overrides or U+2028/U+2029;
 * those become `\u009b`-style escapes, which JSON reads back as the same string.
 * They can only occur inside JSON strings, so the document's meaning is unchanged.
 */
export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, jsonEscapeCharacter);
}

/** `JSON.stringify(value, null, indent)` with {@link terminalSafeJson} applied. */
export function stringifyForTerminal(value: unknown, indent: number | undefined = 2): string {
  return terminalSafeJson(JSON.stringify(value, null, indent));
}

export interface TerminalSafeOptions {
  /** Escape sequences allowed through as they are (iamwhy's own SGR colours, when colour is on). */
  allowedSequences?: readonly string[];
}

/**
 * The last line of defence, applied by the terminal writer to everything it
 * writes: every control and bidi character except newline and tab becomes a
 * `\u001b`-style escape (valid inside JSON strings too, so JSON stays JSON),
 * except the exact `allowedSequences`. Tabs only move the cursor right and
 * cannot hide or overwrite text, so they pass.
 */
export function terminalSafe(text: string, options: TerminalSafeOptions = {}): string {
  // Almost always nothing to do: let the regular expression engine say so at native speed.
  TERMINAL_UNSAFE.lastIndex = 0;
  if (!TERMINAL_UNSAFE.test(text)) return text;
  const allowed = options.allowedSequences ?? [];
  let out = '';
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (!isTerminalUnsafe(code)) continue;
    if (code === 0x1b && allowed.length > 0) {
      const sequence = allowed.find((candidate) => text.startsWith(candidate, index));
      if (sequence !== undefined) {
        index += sequence.length - 1;
        continue;
      }
    }
    out += text.slice(start, index) + jsonEscapeCharacter(text[index] as string);
    start = index + 1;
  }
  return start === 0 ? text : out + text.slice(start);
}

function isTerminalUnsafe(code: number): boolean {
  if (code < 0x20) return code !== 0x0a && code !== 0x09;
  if (code < 0x7f) return false;
  if (code <= 0x9f) return true;
  return code === 0x061c || code === 0x200e || code === 0x200f || code === 0x2028 || code === 0x2029 || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}
