/**
 * JSON text from outside (an event file, a decoded authorization message) to a
 * value: `JSON.parse` first, which is fast on big files; only when it fails is
 * the text read again with the located parser, so the error says where, in the
 * words every JSON syntax error of iamwhy uses.
 */
import type { Finding } from '../language/findings.js';
import { jsonSyntaxMessage, parseJson, withoutByteOrderMark } from '../language/parse/json-document.js';

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; finding: Finding };

export function parseJsonText(text: string, file: string | undefined, code: string): JsonTextResult {
  const body = withoutByteOrderMark(text);
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const location: Finding['location'] = file === undefined ? { path: '' } : { file, path: '' };
    const located = parseJson(body);
    let message: string;
    if (located.ok) {
      message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
    } else {
      message = jsonSyntaxMessage(located.error);
      location.line = located.error.position.line;
      location.column = located.error.position.column;
    }
    return { ok: false, finding: { severity: 'error', code, message, location } };
  }
}
