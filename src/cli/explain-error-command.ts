/**
 * `iamwhy explain-error [TEXT]`: an AccessDenied message (the argument, or
 * standard input) → what it says, and the usual explanation from whichever
 * policy source is given. Wiring only.
 */
import { parseDenialMessage } from '../sources/error-text/index.js';
import { deniedRequestFromMessage } from '../sources/error-text/denied-request.js';
import type { DeniedRequest } from '../sources/denied-request.js';
import { readDecodedFile } from './decoded-file.js';
import { readDecodedAuthorization, withDecodedAuthorization } from '../sources/error-text/decoded-authorization.js';
import { messageLine } from '../text/excerpt.js';
import { explainDenials, standardInputFlags, type DenialOverrides } from './explain-denial.js';
import { UsageError } from './exit-error.js';
import { INPUT_LIMITS } from '../input/limits.js';
import { hasOfflineSource, type ExplainCommandOptions } from './explain-options.js';
import { InputTooLargeError, type Terminal } from './terminal.js';

/** Far more than any AccessDenied message (EC2's encoded ones run to a few thousand characters). */
export const MESSAGE_LIMIT = INPUT_LIMITS.errorMessage.bytes;

export interface ExplainErrorOptions extends ExplainCommandOptions {
  /** `--decoded FILE`: sts:DecodeAuthorizationMessage output. */
  decoded: string | undefined;
}

async function messageText(words: readonly string[], terminal: Terminal): Promise<string> {
  if (words.length > 0) return words.join(' ');
  if (terminal.readStdin === undefined || terminal.stdinIsTTY === true) {
    throw new UsageError('give the AccessDenied message as an argument (quoted), or pipe it in: e.g. pbpaste | iamwhy explain-error', 'USAGE');
  }
  try {
    return await terminal.readStdin(MESSAGE_LIMIT);
  } catch (error) {
    if (error instanceof InputTooLargeError) throw new UsageError(`standard input is longer than ${MESSAGE_LIMIT} characters: that is not one AccessDenied message`, 'INPUT_TOO_LARGE');
    throw error;
  }
}

export async function runExplainError(words: readonly string[], options: ExplainErrorOptions, overrides: DenialOverrides, terminal: Terminal): Promise<number> {
  const readers = standardInputFlags(options, [options.decoded]) + (words.length === 0 ? 1 : 0);
  if (readers > 1) throw new UsageError('standard input ("-") can be read once: give the message as an argument, or the other files by name', 'USAGE');
  const text = await messageText(words, terminal);
  if (text.length > MESSAGE_LIMIT) throw new UsageError(`the message is longer than ${MESSAGE_LIMIT} characters: that is not one AccessDenied message`, 'INPUT_TOO_LARGE');
  if (text.trim() === '') throw new UsageError('the message is empty: give the AccessDenied message as an argument, or pipe it in', 'USAGE');
  const parsed = parseDenialMessage(text);
  if (!parsed.ok) {
    throw new UsageError(`this is not an AccessDenied message iamwhy can read: expected ${parsed.expected}`, 'UNPARSEABLE_MESSAGE', [`for example: ${parsed.example}`]);
  }
  let denied: DeniedRequest = deniedRequestFromMessage(parsed.message, 'the message');
  if (options.decoded !== undefined) denied = await readDecodedFile(options.decoded, denied);
  else if (denied.encodedMessage !== undefined && !denied.encodedMessageTruncated && !options.offline && !hasOfflineSource(options)) {
    denied = await decodedLive(denied, options, terminal);
  }
  return explainDenials([denied], options, overrides, terminal);
}

/**
 * Live mode: EC2's encoded failure message decoded by AWS (sts:DecodeAuthorizationMessage).
 * A failed decode is a warning: the message still says what it says.
 */
async function decodedLive(denied: DeniedRequest, options: ExplainErrorOptions, terminal: Terminal): Promise<DeniedRequest> {
  const { decodeAuthorizationMessage, LiveError } = await import('../sources/live/index.js');
  try {
    const document = await decodeAuthorizationMessage(denied.encodedMessage ?? '', {
      ...(options.profile !== undefined ? { profile: options.profile } : {}),
      ...(options.region !== undefined ? { region: options.region } : {}),
      env: terminal.env,
    });
    const decoded = readDecodedAuthorization(document);
    if (!decoded.ok) throw new UsageError(`sts:DecodeAuthorizationMessage returned ${decoded.path === '' ? 'a document' : decoded.path} that ${decoded.message}`, 'AWS_ERROR');
    return withDecodedAuthorization(denied, decoded.decoded);
  } catch (error) {
    if (!(error instanceof LiveError) && !(error instanceof UsageError)) throw error;
    terminal.stderr(`${messageLine(`warning: the encoded authorization message was not decoded (${error.message}); give the decoded JSON with --decoded FILE`)}\n`);
    return denied;
  }
}
