import { describe, expect, it } from 'vitest';
import { scanJsonStructure } from '../../../src/language/parse/json-scan.js';

describe('scanJsonStructure: what JSON.parse does not tell', () => {
  it('finds a key repeated in the same object, with both places and the object’s path', () => {
    const text = '{"a": [1, {"x": 1, "y": "}", "x": 2}], "b": {"x": 1}, "b": 3}';
    const scan = scanJsonStructure(text, { maxDepth: 256 });
    expect(scan.tooDeep).toBeUndefined();
    expect(scan.repeated).toEqual([
      { key: 'x', objectPath: ['a', 1], firstOffset: text.indexOf('"x"'), offset: text.indexOf('"x": 2') },
      { key: 'b', objectPath: [], firstOffset: text.indexOf('"b"'), offset: text.lastIndexOf('"b"') },
    ]);
  });

  it('compares keys as JSON reads them (escapes decoded) and ignores string values that look like keys', () => {
    expect(scanJsonStructure('{"k": 1, "\\u006b": 2}', { maxDepth: 8 }).repeated.map((entry) => entry.key)).toEqual(['k']);
    expect(scanJsonStructure('{"k": "k", "j": ["k", "k"]}', { maxDepth: 8 }).repeated).toEqual([]);
    expect(scanJsonStructure('{"a\\"b": 1, "c": "\\\\", "a\\"b": 2}', { maxDepth: 8 }).repeated.map((entry) => entry.key)).toEqual(['a"b']);
  });

  it('checks objects with many keys (beyond the small-object list)', () => {
    const keys = Array.from({ length: 40 }, (_, index) => `"k${index}": ${index}`);
    const text = `{${keys.join(', ')}, "k3": 0, "k39": 0}`;
    expect(scanJsonStructure(text, { maxDepth: 8 }).repeated.map((entry) => entry.key)).toEqual(['k3', 'k39']);
  });

  it('stops at the first value nested deeper than the limit, saying where', () => {
    const deep = `{"a": {"b": [${'['.repeat(300)}${']'.repeat(300)}]}}`;
    const scan = scanJsonStructure(deep, { maxDepth: 256 });
    expect(scan.tooDeep?.offset).toBe(deep.indexOf('[') + 254);
    expect(scan.tooDeep?.path.slice(0, 3)).toEqual(['a', 'b', 0]);
    expect(scanJsonStructure('[[1]]', { maxDepth: 2 }).tooDeep).toBeUndefined();
    expect(scanJsonStructure('[[[1]]]', { maxDepth: 2 }).tooDeep?.offset).toBe(2);
  });

  it('never throws on text that is not JSON', () => {
    for (const text of ['', '"', '{"a', '}}}]]]', '{"a": 1,,,', '\\"']) {
      expect(() => scanJsonStructure(text, { maxDepth: 4 })).not.toThrow();
    }
  });
});
