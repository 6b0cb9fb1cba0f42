/**
 * Reading an input file as text, bounded and decoded, with a reason a user
 * can act on when it cannot be read. Every reader of outside files uses it:
 * policy files, context files, the organization config and the policy files it
 * names, snapshots, the service data cache.
 *
 * - Never reads past the limit: a regular file's size is checked first, a pipe
 *   or device (`/dev/zero`, `/dev/stdin`) is read in chunks and stopped at once.
 * - Text is UTF-8 (a leading byte-order mark is dropped). UTF-16 with a
 *   byte-order mark is read too (Windows editors write it); UTF-16 without one,
 *   UTF-32 and bytes that are not UTF-8 are refused with what to do.
 */
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { describeLimit, type InputLimit } from './limits.js';
import { describeSystemError, errorCode } from './system-errors.js';

export type ReadInputResult =
  | { ok: true; text: string }
  | {
      ok: false;
      /** A few words: `no such file`, `larger than the 256 KiB limit for a policy`. */
      reason: string;
      /** `ENOENT`, …, `TOO_LARGE`, `ENCODING`. */
      code: string;
    };

const CHUNK = 64 * 1024;

/** Read the file at `path` as text, at most `limit.bytes` bytes. */
export async function readInputFile(path: string, limit: InputLimit): Promise<ReadInputResult> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return failure(error);
  }
  try {
    const stats = await handle.stat();
    if (stats.isDirectory()) return { ok: false, reason: 'it is a directory', code: 'EISDIR' };
    let bytes: Buffer;
    if (stats.isFile()) {
      if (stats.size > limit.bytes) return { ok: false, reason: `it is ${describeLimit(limit, stats.size)}`, code: 'TOO_LARGE' };
      bytes = await readAll(handle, stats.size + 1, limit);
    } else {
      bytes = await readAll(handle, CHUNK, limit);
    }
    if (bytes.length > limit.bytes) return { ok: false, reason: `it is ${describeLimit(limit)}`, code: 'TOO_LARGE' };
    return decodeInputText(bytes);
  } catch (error) {
    return failure(error);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Reads until the end or until more than `limit.bytes` bytes arrived (then at most one chunk more is held). */
async function readAll(handle: import('node:fs/promises').FileHandle, firstSize: number, limit: InputLimit): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let size = Math.max(1, Math.min(firstSize, limit.bytes + 1));
  for (;;) {
    const buffer = Buffer.allocUnsafe(size);
    const { bytesRead } = await handle.read(buffer, 0, size, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === size ? buffer : buffer.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit.bytes) break;
    size = Math.min(CHUNK * 16, limit.bytes + 1 - total);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/**
 * Read a stream (standard input) as text, at most `limit.bytes` bytes: it is
 * abandoned as soon as more arrive, so `cat /dev/zero | iamwhy … -i -` stops at once.
 */
export async function readInputStream(stream: AsyncIterable<Buffer | string> & { destroy?: () => void }, limit: InputLimit): Promise<ReadInputResult> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      if (total > limit.bytes) {
        stream.destroy?.();
        return { ok: false, reason: `it is ${describeLimit(limit)}`, code: 'TOO_LARGE' };
      }
      chunks.push(bytes);
    }
  } catch (error) {
    return failure(error);
  }
  return decodeInputText(Buffer.concat(chunks, total));
}

function failure(error: unknown): ReadInputResult {
  return { ok: false, reason: describeSystemError(error), code: errorCode(error) ?? 'READ_FAILED' };
}

/**
 * The text of an input file's bytes: UTF-8 without or with a byte-order mark,
 * or UTF-16 with one. Anything else is refused, saying how to fix it.
 */
export function decodeInputText(bytes: Uint8Array): ReadInputResult {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if ((b0 === 0xff && b1 === 0xfe && bytes[2] === 0 && bytes[3] === 0) || (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff)) {
    return { ok: false, reason: 'it is UTF-32 text, which is not supported; save it as UTF-8', code: 'ENCODING' };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const encoding = b0 === 0xff ? 'utf-16le' : 'utf-16be';
    if (bytes.length % 2 !== 0) return { ok: false, reason: `it starts as ${encoding.toUpperCase()} text but has an odd number of bytes; save it as UTF-8`, code: 'ENCODING' };
    try {
      return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2)) };
    } catch {
      return { ok: false, reason: `it starts as ${encoding.toUpperCase()} text but is not valid ${encoding.toUpperCase()}; save it as UTF-8`, code: 'ENCODING' };
    }
  }
  if (looksLikeUtf16WithoutMark(bytes)) {
    return { ok: false, reason: 'it looks like UTF-16 text without a byte-order mark, which is not supported; save it as UTF-8', code: 'ENCODING' };
  }
  const body = b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) {
    const offset = firstInvalidUtf8(body);
    const { line, column } = lineAndColumn(body, offset);
    const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, reason: `it is not UTF-8 text (byte 0x${byte} at line ${line}, column ${column}); save it as UTF-8`, code: 'ENCODING' };
  }
  return { ok: true, text: Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') };
}

/** JSON and YAML start with ASCII: a zero byte beside each of the first few characters is UTF-16. */
function looksLikeUtf16WithoutMark(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const pairs = Math.min(8, Math.floor(bytes.length / 2));
  let little = 0;
  let big = 0;
  for (let index = 0; index < pairs; index++) {
    const even = bytes[index * 2] as number;
    const odd = bytes[index * 2 + 1] as number;
    if (even !== 0 && odd === 0) little++;
    if (even === 0 && odd !== 0) big++;
  }
  return little === pairs || big === pairs;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index] as number;
    let length: number;
    let min: number;
    if (byte < 0x80) {
      index++;
      continue;
    } else if (byte >= 0xc2 && byte <= 0xdf) {
      length = 2;
      min = 0x80;
    } else if (byte >= 0xe0 && byte <= 0xef) {
      length = 3;
      min = 0x800;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      length = 4;
      min = 0x10000;
    } else {
      return index;
    }
    let code = byte & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const continuation = bytes[index + next];
      if (continuation === undefined || (continuation & 0xc0) !== 0x80) return index;
      code = (code << 6) | (continuation & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return index;
    index += length;
  }
  return bytes.length;
}

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line++;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
