/** `--decoded FILE`: read the sts:DecodeAuthorizationMessage output and add it to the denied request. */
import { readDecodedAuthorization, withDecodedAuthorization } from '../sources/error-text/decoded-authorization.js';
import type { DeniedRequest } from '../sources/denied-request.js';
import { readTextFile } from '../sources/files/read-text.js';
import { INPUT_LIMITS } from '../input/limits.js';
import { parseJsonText } from '../sources/json-text.js';
import { UsageError } from './exit-error.js';
import { describeFinding } from './gather-sources.js';

export async function readDecodedFile(path: string, denied: DeniedRequest): Promise<DeniedRequest> {
  const read = await readTextFile(path, 'decoded authorization message', INPUT_LIMITS.decodedMessage);
  if (!read.ok) throw new UsageError(describeFinding(read.finding), 'INVALID_INPUT');
  const parsed = parseJsonText(read.text, path, 'DECODED_JSON');
  if (!parsed.ok) throw new UsageError(describeFinding(parsed.finding), 'INVALID_INPUT');
  const decoded = readDecodedAuthorization(parsed.value);
  if (!decoded.ok) throw new UsageError(`${path}: ${decoded.path === '' ? 'the document' : decoded.path} ${decoded.message}`, 'INVALID_INPUT');
  return withDecodedAuthorization(denied, decoded.decoded);
}
