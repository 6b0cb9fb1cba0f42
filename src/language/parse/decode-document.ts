/**
 * Turns whatever a caller holds into a JSON tree: an already-parsed object, a
 * JSON string, or a URL-encoded JSON string.
 *
 * Why URL-encoded: IAM's GetAccountAuthorizationDetails, GetPolicyVersion,
 * GetRolePolicy and friends return policy documents percent-encoded (RFC 3986).
 * The AWS CLI and boto3 decode them; the SDKs for JavaScript v3, Go, Java and
 * Rust hand back strings like `%7B%22Version%22%3A...`.
 *
 * Decoding follows botocore (`urllib.parse.unquote`, not `unquote_plus`): only
 * `%XX` escapes are decoded and `+` stays a plus sign. RFC 3986 encodes a space
 * as `%20`, and a literal `+` is legitimate policy text (e-mail addresses in
 * condition values, `+` in S3 keys), so reading `+` as a space would change
 * what a policy says.
 *
 * A string is taken as URL-encoded when, after leading white space, it starts
 * with `%` (a JSON document starts with `{`, and `%7B` is an encoded `{`).
 * Line and column of findings in such a document refer to the decoded text.
 */
import type { Finding } from '../findings.js';
import { createFinding } from './finding-codes.js';
import { jsonSyntaxMessage, nodeFromValue, parseJson, positionAt, withoutByteOrderMark, type JsonNode } from './json-document.js';
import { describeLimit, INPUT_LIMITS } from '../../input/limits.js';

/** How the document was given. */
export type DocumentForm = 'object' | 'json' | 'url-encoded';

export interface DecodedDocument {
  /** The JSON tree, or undefined when the input could not be read (see `findings`). */
  root: JsonNode | undefined;
  form: DocumentForm;
  /** The JSON text that was parsed (decoded, for URL-encoded input); undefined for object input. */
  text: string | undefined;
  findings: Finding[];
}

export interface DecodeOptions {
  /** File name for the findings' locations. */
  file?: string;
}

export function decodeDocument(document: unknown, options: DecodeOptions = {}): DecodedDocument {
  const file = options.file;
  if (typeof document !== 'string') {
    const built = nodeFromValue(document);
    if (built.ok) return { root: built.root, form: 'object', text: undefined, findings: [] };
    const where = built.path === '' ? 'The document' : `The document at ${built.path}`;
    const finding = createFinding('DOCUMENT_NOT_JSON', `${where} ${built.message}`, {
      file,
      path: built.path,
      position: undefined,
    });
    return { root: undefined, form: 'object', text: undefined, findings: [finding] };
  }

  if (document.length > INPUT_LIMITS.policy.bytes) {
    // Checked before parsing: the located parser's tree of a huge text would take gigabytes.
    const finding = createFinding('DOCUMENT_TOO_LARGE', `The document is ${document.length.toLocaleString('en-US')} characters, ${describeLimit(INPUT_LIMITS.policy).replace(/^larger than /, 'more than ')}`, {
      file,
      path: '',
      position: undefined,
    });
    return { root: undefined, form: 'json', text: undefined, findings: [finding] };
  }
  const text = withoutByteOrderMark(document);
  if (!looksUrlEncoded(text)) return parseText(text, 'json', file);

  const decoded = decodePercentEncoding(text);
  if (typeof decoded !== 'string') {
    const finding = createFinding(
      'DOCUMENT_URL_DECODING',
      `The document looks URL-encoded but ${decoded.problem}`,
      { file, path: '', position: positionAt(text, decoded.offset) },
    );
    return { root: undefined, form: 'url-encoded', text: undefined, findings: [finding] };
  }
  return parseText(withoutByteOrderMark(decoded), 'url-encoded', file);
}

function looksUrlEncoded(text: string): boolean {
  return text.trimStart().startsWith('%');
}

function parseText(text: string, form: DocumentForm, file: string | undefined): DecodedDocument {
  const parsed = parseJson(text);
  if (parsed.ok) return { root: parsed.root, form, text, findings: [] };
  const subject = form === 'url-encoded' ? 'The URL-decoded document' : 'The document';
  const finding = createFinding('JSON_SYNTAX', jsonSyntaxMessage(parsed.error, subject), {
    file,
    path: '',
    position: parsed.error.position,
  });
  return { root: undefined, form, text, findings: [finding] };
}

/** Decodes `%XX` escapes (UTF-8), leaving every other character, `+` included, as it is. */
function decodePercentEncoding(text: string): string | { problem: string; offset: number } {
  const badEscape = /%(?![0-9A-Fa-f]{2})/.exec(text);
  if (badEscape !== null) {
    const shown = text.slice(badEscape.index, badEscape.index + 3);
    return { problem: `"${shown}" is not a valid percent-escape`, offset: badEscape.index };
  }
  try {
    return decodeURIComponent(text);
  } catch {
    // Every escape is well-formed, so the bytes they spell are not valid UTF-8.
    return { problem: 'its percent-escapes do not spell valid UTF-8 text', offset: 0 };
  }
}
