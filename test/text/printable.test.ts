import { describe, expect, it } from 'vitest';
import { hasUnsafeCharacters, printable, printableLines, stringifyForTerminal, terminalSafe, terminalSafeJson } from '../../src/text/printable.js';

const SGR_RED = '\u001b[31m';
const SGR_RESET = '\u001b[39m';

describe('printable: outside text shown as data', () => {
  it('makes the OSC title and clear-screen sequences of a hostile Sid visible', () => {
    expect(printable('A\u001b]0;pwned\u0007\u001b[2J')).toBe('A\\x1b]0;pwned\\x07\\x1b[2J');
  });

  it('escapes every C0 control, newline, tab and CR included, and DEL', () => {
    for (let code = 0; code < 0x20; code++) {
      const escaped = printable(String.fromCharCode(code));
      expect(escaped).toBe(`\\x${code.toString(16).padStart(2, '0')}`);
    }
    expect(printable('ALLOWED\rDENIED')).toBe('ALLOWED\\x0dDENIED');
    expect(printable('a\u007fb')).toBe('a\\x7fb');
  });

  it('escapes C1 controls (U+009B is a one-character CSI) and bidi overrides, isolates and marks', () => {
    expect(printable('\u009b2J')).toBe('\\x9b2J');
    expect(printable('\u0085')).toBe('\\x85');
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x2028, 0x2029]) {
      expect(printable(String.fromCharCode(code))).toBe(`\\u${code.toString(16).padStart(4, '0')}`);
    }
    expect(printable('Allow\u202eyneD')).toBe('Allow\\u202eyneD');
  });

  it('leaves printable text alone, non-ASCII letters, the no-break space and backslashes included', () => {
    const text = 'arn:aws:s3:::bücket/日本/\\x1b ok\u00a0kept ✓ ✗ —';
    expect(printable(text)).toBe(text);
    expect(hasUnsafeCharacters(text)).toBe(false);
  });

  it('is idempotent: escaping escaped text changes nothing', () => {
    const once = printable('a\u001b[2J\u202e\nb');
    expect(printable(once)).toBe(once);
    expect(hasUnsafeCharacters(once)).toBe(false);
  });

  it('printableLines keeps newlines but escapes the rest', () => {
    expect(printableLines('a\nb\u001b[2J\r\n')).toBe('a\nb\\x1b[2J\\x0d\n');
  });
});

describe('JSON for a terminal', () => {
  it('escapes C1, DEL, bidi and line separators, which JSON.stringify leaves raw, and reads back the same', () => {
    const value = { sid: 'x\u009b2Jy\u202e\u2028\u007f\u001b' };
    const json = stringifyForTerminal(value);
    expect(json).toContain('\\u009b');
    expect(json).toContain('\\u202e');
    expect(json).toContain('\\u2028');
    expect(json).toContain('\\u007f');
    expect(json).toContain('\\u001b');
    expect(hasUnsafeCharacters(json.replace(/\n/g, ''))).toBe(false);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('changes nothing in JSON without such characters', () => {
    const json = JSON.stringify({ a: 'b', c: [1, 2] }, null, 2);
    expect(terminalSafeJson(json)).toBe(json);
  });
});

describe('terminalSafe: the terminal writer’s last line of defence', () => {
  it('lets only the exact allowed SGR sequences through, and only when given', () => {
    const coloured = `${SGR_RED}DENIED${SGR_RESET}`;
    expect(terminalSafe(coloured, { allowedSequences: [SGR_RED, SGR_RESET] })).toBe(coloured);
    expect(terminalSafe(coloured)).toBe('\\u001b[31mDENIED\\u001b[39m');
    // A sequence that only starts like an allowed one is escaped.
    expect(terminalSafe('\u001b[31;1m', { allowedSequences: [SGR_RED] })).toBe('\\u001b[31;1m');
    expect(terminalSafe('\u001b[2J', { allowedSequences: [SGR_RED] })).toBe('\\u001b[2J');
  });

  it('keeps newlines and tabs, escapes CR, C1 and bidi', () => {
    expect(terminalSafe('a\tb\nc\rd\u009be\u202ef')).toBe('a\tb\nc\\u000dd\\u009be\\u202ef');
  });

  it('keeps JSON valid when it has to escape inside a JSON string', () => {
    const json = `{"sid": "a\u001bb\u009bc"}`;
    expect(JSON.parse(terminalSafe(json))).toEqual({ sid: 'a\u001bb\u009bc' });
  });
});
