import { describe, expect, it } from 'vitest';
import { decodeDocument } from '../../../src/language/parse/decode-document.js';
import { toPlainValue } from '../../../src/language/parse/json-document.js';
import { parsePolicy } from '../../../src/language/parse/parse-policy.js';
import { urlEncode } from './helpers.js';

const POLICY = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::bucket/a+b c/*',
      Condition: { StringEquals: { 'aws:PrincipalTag/email': 'ops+oncall@example.com' } },
    },
  ],
};

// "GetAccountAuthorizationDetails" / "GetPolicyVersion": documents come back URL-encoded
// per RFC 3986; botocore decodes them with urllib's unquote (not unquote_plus).
describe('GetAccountAuthorizationDetails (URL-encoded policy documents): decoding', () => {
  it.each([
    ['an object', POLICY, 'object'],
    ['a JSON string', JSON.stringify(POLICY, null, 2), 'json'],
    ['a JSON string with a byte order mark', `\uFEFF${JSON.stringify(POLICY)}`, 'json'],
    ['a URL-encoded JSON string (as the JS v3, Go and Java SDKs return it)', urlEncode(JSON.stringify(POLICY)), 'url-encoded'],
    [
      'a URL-encoded string with lower-case escapes',
      urlEncode(JSON.stringify(POLICY)).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
      'url-encoded',
    ],
    ['a URL-encoded string with leading white space', `\n  ${urlEncode(JSON.stringify(POLICY))}`, 'url-encoded'],
  ])('reads %s', (_name, document, form) => {
    const decoded = decodeDocument(document);
    expect(decoded.form).toBe(form);
    expect(decoded.findings).toEqual([]);
    expect(decoded.root && toPlainValue(decoded.root)).toEqual(POLICY);
  });

  it('keeps "+" as a plus sign, as RFC 3986 and botocore do (a space is %20)', () => {
    const encoded = urlEncode(JSON.stringify(POLICY)).replace(/%2B/g, '+');
    expect(encoded).toContain('ops+oncall');
    const decoded = decodeDocument(encoded);
    expect(decoded.root && toPlainValue(decoded.root)).toEqual(POLICY);
  });

  it('reports a malformed percent-escape where it is', () => {
    expect(decodeDocument('%7B%22Version%22%3A%2', { file: 'gaad.json' }).findings).toEqual([
      {
        severity: 'error',
        code: 'DOCUMENT_URL_DECODING',
        message: 'The document looks URL-encoded but "%2" is not a valid percent-escape',
        location: { file: 'gaad.json', path: '', line: 1, column: 20 },
      },
    ]);
  });

  it('reports escapes that do not spell UTF-8 text', () => {
    expect(decodeDocument('%7B%FF%7D').findings).toEqual([
      {
        severity: 'error',
        code: 'DOCUMENT_URL_DECODING',
        message: 'The document looks URL-encoded but its percent-escapes do not spell valid UTF-8 text',
        location: { path: '', line: 1, column: 1 },
      },
    ]);
  });

  it('reports JSON errors in a URL-encoded document at their line and column in the decoded text', () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}';
    const { policy, findings } = parsePolicy(urlEncode(text), 'identity', { file: 'role.json' });
    expect(policy).toBeUndefined();
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'JSON_SYNTAX',
        message: 'The URL-decoded document is not valid JSON: expected a quoted key but found "}" (a trailing comma is not allowed)',
        location: { file: 'role.json', path: '', line: 4, column: 24 },
      },
    ]);
  });
});

describe('Grammar of the IAM JSON policy language: documents that are not JSON', () => {
  it('reports a JSON syntax error with its line and column', () => {
    const { policy, findings } = parsePolicy('{\n  "Version": "2012-10-17"\n  "Statement": []\n}', 'identity', {
      file: 'p.json',
    });
    expect(policy).toBeUndefined();
    expect(findings).toEqual([
      {
        severity: 'error',
        code: 'JSON_SYNTAX',
        message: 'The document is not valid JSON: expected "," or "}" after the value of "Version" but found a string',
        location: { file: 'p.json', path: '', line: 3, column: 3 },
      },
    ]);
  });

  it.each([
    ['undefined', undefined, '', 'The document holds a value of type undefined, which JSON cannot represent'],
    [
      'a function inside',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: () => 's3:*' }] },
      'Statement[0].Action',
      'The document at Statement[0].Action holds a value of type function, which JSON cannot represent',
    ],
  ])('reports %s in an object document', (_name, document, path, message) => {
    expect(parsePolicy(document, 'identity')).toEqual({
      policy: undefined,
      findings: [{ severity: 'error', code: 'DOCUMENT_NOT_JSON', message, location: { path } }],
    });
  });

  it.each([
    ['null', null, 'null'],
    ['a number', 42, 'a number'],
    ['a JSON string holding a string', '"{}"', 'a string'],
  ])('reports %s as not an object', (_name, document, described) => {
    const { policy, findings } = parsePolicy(document, 'identity');
    expect(policy).toBeUndefined();
    expect(findings.map((finding) => [finding.code, finding.message])).toEqual([
      ['DOCUMENT_NOT_OBJECT', `The policy document must be a JSON object, not ${described}`],
    ]);
  });
});
