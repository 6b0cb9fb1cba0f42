import { describe, expect, it } from 'vitest';
import { formatJsonPath, parseJsonText } from '../../../src/sources/files/json-text.js';

describe('parseJsonText', () => {
  it('parses what JSON.parse parses and records positions', () => {
    const text = '\uFEFF{\n  "a": [1, -2.5e3, "x\\n\\u0041"],\n  "b c": {"d": null, "e": true}\n}';
    const result = parseJsonText(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toEqual(JSON.parse(text.slice(1)));
    expect(result.positions.get('')).toEqual({ line: 1, column: 1 });
    expect(result.positions.get('a[1]')).toEqual({ line: 2, column: 12 });
    expect(result.positions.get('["b c"].e')).toEqual({ line: 3, column: 27 });
  });

  it('keeps "__proto__" as a plain key', () => {
    const result = parseJsonText('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
  });

  it.each([
    ['{"a": 1,}', 'expected a double-quoted property name, found a trailing comma', 1, 9],
    ['{"a" 1}', `expected ':' after property name "a", found character "1"`, 1, 6],
    ['[1 2]', `expected ',' or ']' in a list, found character "2"`, 1, 4],
    ["{'a': 1}", 'expected a double-quoted property name, found character "\'"', 1, 2],
    ['{"a": tru}', 'expected a value, found character "t"', 1, 7],
    ['{"a": "b', 'unterminated string', 1, 7],
    ['{}\n{}', 'unexpected character "{" after the end of the JSON value', 2, 1],
    ['{"a": 01}', `expected ',' or '}' after the value of "a", found character "1"`, 1, 8],
    ['[1,]', 'expected a value, found a trailing comma', 1, 4],
  ])('%s → %s', (text, message, line, column) => {
    expect(parseJsonText(text)).toEqual({ ok: false, message: `invalid JSON: ${message}`, position: { line, column } });
  });

  it('formats paths', () => {
    expect(formatJsonPath(['request', 'called_via', 0])).toBe('request.called_via[0]');
    expect(formatJsonPath(['custom', 'aws:RequestTag/a b'])).toBe('custom["aws:RequestTag/a b"]');
  });
});
