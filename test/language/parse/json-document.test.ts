import { describe, expect, it } from 'vitest';
import {
  findDuplicateKeys,
  formatPath,
  locate,
  nodeFromValue,
  parseJson,
  toPlainValue,
  type JsonNode,
} from '../../../src/language/parse/json-document.js';

function parsed(text: string): JsonNode {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`test document does not parse: ${result.error.message}`);
  return result.root;
}

// "Grammar of the IAM JSON policy language" defers to RFC 7159 for what JSON is;
// the reader must accept exactly that and say where it stops making sense.
describe('Grammar of the IAM JSON policy language (The policy language and JSON): JSON syntax errors', () => {
  const rows: Array<{ name: string; text: string; message: string; line: number; column: number }> = [
    {
      name: 'a trailing comma in a list',
      text: '{\n  "Action": ["s3:GetObject",]\n}',
      message: 'expected a value but found "]" (a trailing comma is not allowed)',
      line: 2,
      column: 29,
    },
    {
      name: 'a trailing comma in an object',
      text: '{\n  "Effect": "Allow",\n}',
      message: 'expected a quoted key but found "}" (a trailing comma is not allowed)',
      line: 3,
      column: 1,
    },
    {
      name: 'a missing comma between members',
      text: '{\n  "Version": "2012-10-17"\n  "Statement": []\n}',
      message: 'expected "," or "}" after the value of "Version" but found a string',
      line: 3,
      column: 3,
    },
    {
      name: 'single-quoted keys',
      text: "{'Version': '2012-10-17'}",
      message: 'expected a quoted key but found "\'"',
      line: 1,
      column: 2,
    },
    {
      name: 'a string that is never closed',
      text: '{\n  "Effect": "Allow\n}',
      message: 'a control character (such as a line break) must be escaped inside a string',
      line: 2,
      column: 19,
    },
    {
      name: 'a string cut off by the end of the document',
      text: '{"Effect": "Allo',
      message: 'a string is not closed',
      line: 1,
      column: 12,
    },
    {
      name: 'a capitalised literal',
      text: '{\r\n  "Condition": {"Bool": {"aws:SecureTransport": True}}\r\n}',
      message: 'expected a value but found "True"',
      line: 2,
      column: 49,
    },
    {
      name: 'a comment',
      text: '{\n  // allow reads\n  "Effect": "Allow"\n}',
      message: 'expected a quoted key but found "/"',
      line: 2,
      column: 3,
    },
    {
      name: 'text after the document',
      text: '{"Statement": []}\n}',
      message: 'unexpected "}" after the end of the JSON value',
      line: 2,
      column: 1,
    },
    {
      name: 'an empty document',
      text: '  \n',
      message: 'the document is empty',
      line: 2,
      column: 1,
    },
    {
      name: 'an invalid escape',
      text: '{"Resource": "arn:aws:s3:::a\\qb"}',
      message: '"\\q" is not a valid escape sequence',
      line: 1,
      column: 29,
    },
    {
      name: 'a number with a leading zero',
      text: '{"n": 012}',
      message: 'a number must not start with a leading zero',
      line: 1,
      column: 7,
    },
  ];

  it.each(rows)('reports $name at $line:$column', ({ text, message, line, column }) => {
    const result = parseJson(text);
    expect(result).toEqual({ ok: false, error: { message, position: expect.objectContaining({ line, column }) } });
  });

  it('rejects nesting deeper than the limit instead of overflowing the stack', () => {
    const result = parseJson('['.repeat(10_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toBe('values are nested more than 256 levels deep');
  });
});

describe('Grammar of the IAM JSON policy language (The policy language and JSON): reading values', () => {
  it('reads what JSON.parse reads, including escapes and numbers as written', () => {
    const text = '{"a": "x\\u00e9\\n\\"", "b": [1.50, -2e3, 0], "c": true, "d": null, "e": {}}';
    const root = parsed(text);
    expect(toPlainValue(root)).toEqual(JSON.parse(text));
    const b = root.kind === 'object' ? root.members[1]?.value : undefined;
    expect(b?.kind === 'array' ? b.items.map((item) => (item.kind === 'number' ? item.raw : '')) : []).toEqual([
      '1.50',
      '-2e3',
      '0',
    ]);
  });

  it('keeps a "__proto__" key as an ordinary member, as JSON.parse does', () => {
    const value = toPlainValue(parsed('{"__proto__": {"x": 1}}')) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('counts lines after \\n, \\r\\n and \\r alike', () => {
    const root = parsed('{\n"a": 1,\r\n"b": 2,\r"c": 3}');
    expect(locate(root, 'a')).toMatchObject({ line: 2, column: 1 });
    expect(locate(root, 'b')).toMatchObject({ line: 3, column: 1 });
    expect(locate(root, 'c')).toMatchObject({ line: 4, column: 1 });
  });
});

describe('Grammar of the IAM JSON policy language: locating an element by its JSON path', () => {
  const text = [
    '{',
    '  "Statement": [',
    '    {"Effect": "Allow", "Action": "s3:GetObject"},',
    '    {"Effect": "Deny", "NotAction": ["s3:*", "iam:*"],',
    '     "Condition": {"StringEquals": {"aws:PrincipalTag/team.name": "ops", "aws:PrincipalTag/team": "x"}}}',
    '  ]',
    '}',
  ].join('\n');
  const root = parsed(text);

  it.each([
    ['', 1, 1],
    ['Statement', 2, 3],
    ['Statement[1]', 4, 5],
    ['Statement[1].NotAction', 4, 24],
    ['Statement[1].NotAction[1]', 4, 46],
    ['Statement[1].Condition.StringEquals', 5, 20],
    ['Statement[1].Condition.StringEquals.aws:PrincipalTag/team.name', 5, 37],
    ['Statement[1].Condition.StringEquals.aws:PrincipalTag/team', 5, 74],
  ])('finds %j at %i:%i (the key for object members, the value for list items)', (path, line, column) => {
    expect(locate(root, path)).toMatchObject({ line, column });
  });

  it('returns undefined for a path that is not in the document', () => {
    expect(locate(root, 'Statement[7]')).toBeUndefined();
    expect(locate(root, 'Statement[0].Resource')).toBeUndefined();
  });

  it('formats paths the way findings and the parsed policy name them', () => {
    expect(formatPath(['Statement', 0, 'Condition', 'StringEquals', 'aws:SourceVpc'])).toBe(
      'Statement[0].Condition.StringEquals.aws:SourceVpc',
    );
    expect(formatPath([])).toBe('');
  });
});

describe('Grammar of the IAM JSON policy language (policy grammar notes): repeated keys', () => {
  it('finds every repeated key, says whether the values agree, and reads the last value as JSON.parse does', () => {
    const text = '{"Statement": {"Effect": "Allow", "Action": "a:b", "Action": "a:b", "Effect": "Deny"}}';
    const root = parsed(text);
    const duplicates = findDuplicateKeys(root).map((duplicate) => ({
      at: formatPath([...duplicate.objectPath, duplicate.key]),
      sameValue: duplicate.sameValue,
      column: duplicate.repeated.keyPosition?.column,
    }));
    expect(duplicates).toEqual([
      { at: 'Statement.Action', sameValue: true, column: 52 },
      { at: 'Statement.Effect', sameValue: false, column: 69 },
    ]);
    expect(toPlainValue(root)).toEqual(JSON.parse(text));
  });
});

describe('Grammar of the IAM JSON policy language: in-memory documents', () => {
  it('accepts plain JSON values and skips undefined members as JSON.stringify does', () => {
    const result = nodeFromValue({ Version: '2012-10-17', Id: undefined, Statement: [{ Effect: 'Allow' }] });
    expect(result.ok && toPlainValue(result.root)).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] });
  });

  it.each([
    ['a function', { Statement: [{ Action: () => 's3:*' }] }, 'Statement[0].Action', 'holds a value of type function, which JSON cannot represent'],
    ['NaN', { Statement: { Condition: { NumericEquals: { 'n:x': Number.NaN } } } }, 'Statement.Condition.NumericEquals.n:x', 'holds NaN, which JSON cannot represent'],
    ['a Date', { Statement: [{ Sid: new Date(0) }] }, 'Statement[0].Sid', 'holds an object that is not a plain JSON object'],
    ['undefined', undefined, '', 'holds a value of type undefined, which JSON cannot represent'],
  ])('refuses %s, naming where it is', (_name, value, path, message) => {
    expect(nodeFromValue(value)).toEqual({ ok: false, path, message });
  });

  it('refuses a cycle', () => {
    const statement: Record<string, unknown> = { Effect: 'Allow' };
    statement.Self = statement;
    expect(nodeFromValue({ Statement: statement })).toEqual({
      ok: false,
      path: 'Statement.Self',
      message: 'refers back to one of its own containers',
    });
  });
});
