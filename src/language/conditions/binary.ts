/**
 * `BinaryEquals` ("IAM JSON policy elements: Condition operators", section
 * "Binary condition operators": "compares the value of the specified key byte for
 * byte against a base-64 encoded representation of the binary value in the
 * policy"; policy variables "Not supported"). Request-context values are strings
 * here, so the context side is base-64 too (as in AWS's example table). Both
 * sides are decoded and compared byte for byte, so padding and other
 * non-canonical spellings of the same bytes are equal; text outside the base-64
 * alphabet, or of a length no base-64 text has, does not coerce.
 */
import { defineOperator } from './types.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes `text` encodes, or undefined when it is not base-64 (padding optional). */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const digits = text.replace(/=+$/, '');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of digits) {
    buffer = ((buffer << 6) | ALPHABET.indexOf(char)) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

function sameBytes(left: Uint8Array, right: Uint8Array): boolean {
  if (left.length !== right.length) return false;
  for (let index = 0; index < left.length; index++) if (left[index] !== right[index]) return false;
  return true;
}

export const binaryEquals = defineOperator<Uint8Array, Uint8Array>({
  name: 'BinaryEquals',
  substitutesVariables: false,
  readContextValue: decodeBase64,
  readPolicyValue: (value) => decodeBase64(value.text),
  matches: sameBytes,
});
