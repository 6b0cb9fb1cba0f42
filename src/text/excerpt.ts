/**
 * Quoting a piece of outside input in a message: at most a short excerpt,
 * secrets redacted, control characters made visible. A `.env` file passed as
 * the organization config must not end up on the screen (or in a CI log) in
 * full, and a 200,000-character argument is not worth echoing whole.
 */
import { printable } from './printable.js';
import { redactSecrets } from './redact.js';

/** Characters of a value quoted in a message, by default. */
export const EXCERPT_LENGTH = 60;
/** Characters of an argument echoed back in a usage error. */
export const ARGUMENT_ECHO_LENGTH = 200;
/** The longest line iamwhy prints for one message. */
export const MESSAGE_LINE_LENGTH = 2_000;

/**
 * The first `max` characters of `text` (whole code points), redacted and
 * printable, followed by `…` when cut.
 */
export function excerpt(text: string, max: number = EXCERPT_LENGTH): string {
  // Redact first, then cut: a cut secret might no longer look like one. The
  // window keeps the cost bounded; a secret would have to shrink by a whole
  // window to move from its end into the excerpt.
  const redacted = redactSecrets(text.length > REDACTION_WINDOW ? text.slice(0, REDACTION_WINDOW) : text);
  const cut = cutAt(redacted, max);
  const shown = printable(cut);
  return cut.length < redacted.length || text.length > REDACTION_WINDOW ? `${shown}…` : shown;
}

/** How much of a long text is redacted before an excerpt is cut from it. */
const REDACTION_WINDOW = 1 << 20;

/** `"AWS_SECRET_ACCESS_KEY=[redacted]"`, or `"aaaa…" (200,000 characters)` when cut. */
export function quoteExcerpt(text: string, max: number = EXCERPT_LENGTH): string {
  const shown = excerpt(text, max);
  return shown.endsWith('…') && text.length > max ? `"${shown}" (${text.length.toLocaleString('en-US')} characters)` : `"${shown}"`;
}

/**
 * An argument as echoed in a usage error: printable, whole unless it is longer
 * than {@link ARGUMENT_ECHO_LENGTH}. Not redacted: the user typed it, and needs
 * to see what was wrong with it.
 */
export function echoArgument(text: string): string {
  if (text.length <= ARGUMENT_ECHO_LENGTH) return printable(text);
  return `${printable(cutAt(text, ARGUMENT_ECHO_LENGTH))}… (${text.length.toLocaleString('en-US')} characters)`;
}

/**
 * One line of a message as printed: printable, and cut at
 * {@link MESSAGE_LINE_LENGTH} characters, saying so.
 */
export function messageLine(text: string): string {
  return cutMessage(printable(text));
}

/** A message cut at {@link MESSAGE_LINE_LENGTH} characters, saying so (JSON error messages: JSON escapes the rest). */
export function cutMessage(text: string): string {
  if (text.length <= MESSAGE_LINE_LENGTH) return text;
  return `${cutAt(text, MESSAGE_LINE_LENGTH)}… (cut at ${MESSAGE_LINE_LENGTH.toLocaleString('en-US')} of ${text.length.toLocaleString('en-US')} characters)`;
}

/** The first `max` UTF-16 units of `text`, not splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
