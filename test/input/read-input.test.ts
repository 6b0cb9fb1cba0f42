import { mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeLimit, formatBytes, INPUT_LIMITS } from '../../src/input/limits.js';
import { decodeInputText, readInputFile } from '../../src/input/read-input.js';
import { describeSystemError } from '../../src/input/system-errors.js';

const dir = mkdtempSync(join(tmpdir(), 'iamwhy-read-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const small = { bytes: 64, what: 'a test file' };

describe('reading input files within their limit', () => {
  it('reads a file up to the limit and refuses one byte more, naming the limit', async () => {
    expect(await readInputFile(file('fits.txt', 'x'.repeat(64)), small)).toEqual({ ok: true, text: 'x'.repeat(64) });
    expect(await readInputFile(file('over.txt', 'x'.repeat(65)), small)).toEqual({ ok: false, code: 'TOO_LARGE', reason: 'it is 65 bytes, more than the 64 bytes limit for a test file' });
  });

  it('stops reading an endless device (/dev/zero) at the limit instead of running out of memory', async () => {
    const read = await readInputFile('/dev/zero', INPUT_LIMITS.policy);
    expect(read).toEqual({ ok: false, code: 'TOO_LARGE', reason: `it is ${describeLimit(INPUT_LIMITS.policy)}` });
  });

  it('says "it is a directory", "no such file" and names a symbolic-link loop in words', async () => {
    mkdirSync(join(dir, 'folder'));
    expect(await readInputFile(join(dir, 'folder'), small)).toMatchObject({ ok: false, reason: 'it is a directory' });
    expect(await readInputFile(join(dir, 'missing.json'), small)).toMatchObject({ ok: false, reason: 'no such file', code: 'ENOENT' });
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const loop = await readInputFile(join(dir, 'loop-a'), small);
    expect(loop).toMatchObject({ ok: false, code: 'ELOOP' });
    expect(loop.ok === false && loop.reason).toMatch(/^too many levels of symbolic links/);
  });
});

describe('decoding input text', () => {
  const json = '{"Version": "2012-10-17", "Sid": "Zürich"}';
  it('reads UTF-8 with or without a byte-order mark', () => {
    expect(decodeInputText(Buffer.from(json))).toEqual({ ok: true, text: json });
    expect(decodeInputText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).toEqual({ ok: true, text: json });
  });

  it('reads UTF-16 with a byte-order mark, little and big endian (what Windows editors write)', () => {
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    expect(decodeInputText(little)).toEqual({ ok: true, text: json });
    const big = Buffer.from(little);
    big.swap16();
    expect(decodeInputText(big)).toEqual({ ok: true, text: json });
  });

  it('refuses UTF-16 without a byte-order mark and UTF-32, saying to save as UTF-8', () => {
    expect(decodeInputText(Buffer.from(json, 'utf16le'))).toEqual({ ok: false, code: 'ENCODING', reason: 'it looks like UTF-16 text without a byte-order mark, which is not supported; save it as UTF-8' });
    expect(decodeInputText(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))).toMatchObject({ ok: false, reason: 'it is UTF-32 text, which is not supported; save it as UTF-8' });
  });

  it('refuses bytes that are not UTF-8 (a Latin-1 file) with the line and column of the first bad byte', () => {
    const latin1 = Buffer.from('{\n  "Sid": "Z\u00fcrich"\n}', 'latin1');
    expect(decodeInputText(latin1)).toEqual({ ok: false, code: 'ENCODING', reason: 'it is not UTF-8 text (byte 0xFC at line 2, column 12); save it as UTF-8' });
    // An encoded surrogate and an overlong form are not UTF-8 either.
    expect(decodeInputText(Buffer.from([0x61, 0xed, 0xa0, 0x80]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte 0xED at line 1, column 2') });
    expect(decodeInputText(Buffer.from([0xc0, 0xaf]))).toMatchObject({ ok: false, reason: expect.stringContaining('byte 0xC0') });
  });
});

describe('system errors in words', () => {
  it('maps the codes users meet and keeps the path out', () => {
    const error = Object.assign(new Error("EIO: i/o error, read '/mnt/share/p.json'"), { code: 'EIO' });
    expect(describeSystemError(error)).toBe('input/output error (a failing disk or a vanished network share?)');
    const odd = Object.assign(new Error("EWEIRD: something odd happened, open '/x'"), { code: 'EWEIRD' });
    expect(describeSystemError(odd)).toBe('something odd happened (EWEIRD)');
  });

  it('formats sizes', () => {
    expect([formatBytes(300), formatBytes(256 * 1024), formatBytes(1024 * 1024), formatBytes(1536)]).toEqual(['300 bytes', '256 KiB', '1 MiB', '1.5 KiB']);
  });
});
