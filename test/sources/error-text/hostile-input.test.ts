/**
 * The message parser is linear in its input: keyword search and bounded token
 * reads, no backtracking regular expression over the text. Each input here is
 * about 1 MB shaped to hurt a naive parser (repeated keywords, one endless
 * token, endless quotes, lines of one width); each must parse within a generous
 * bound that a quadratic parser would blow by orders of magnitude.
 */
import { describe, expect, it } from 'vitest';
import { parseDenialMessage } from '../../../src/sources/error-text/index.js';

const MB = 1_000_000;
const repeat = (unit: string): string => unit.repeat(Math.ceil(MB / unit.length));
const HEAD = 'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:GetObject ';

const HOSTILE: Array<[string, string]> = [
  ['"User: " over and over', repeat('User: ')],
  ['" is not authorized to perform" over and over', repeat(' is not authorized to perform')],
  ['" is not authorized to perform this operation" over and over', repeat(' is not authorized to perform this operation')],
  ['one token of a million characters', 'a'.repeat(MB)],
  ['a million spaces', ' '.repeat(MB)],
  ['a million quotes', HEAD + 'on resource: ' + '"'.repeat(MB)],
  ['escaped quotes (JSON unescaping)', repeat('\\"')],
  ['"on resource: role " over and over', HEAD + repeat('on resource: role ')],
  ['"because no " over and over', HEAD + repeat('because no ')],
  ['"with an explicit deny in a " over and over', HEAD + repeat('with an explicit deny in a ')],
  ['newlines only', '\n'.repeat(MB)],
  ['lines of one width without spaces (the fixed-width reading)', repeat('abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl\n')],
  ['short lines ending inside an ARN', repeat('arn:aws:s3:::b/\n')],
  ['mail quotes nested deep', repeat('> > > > > > > > ')],
  ['"Encoded authorization failure message: " and a huge blob', HEAD + 'Encoded authorization failure message: ' + 'A'.repeat(MB)],
  ['"authorization id: " over and over', repeat('authorization id: ')],
  ['"Principal [" without a closing bracket', 'Principal [' + 'x'.repeat(MB) + '] is not allowed to execute ['],
  ['"an error occurred (" without a closing parenthesis', 'An error occurred (' + 'A'.repeat(MB)],
];

describe('the AccessDenied message parser on hostile input', () => {
  it.each(HOSTILE)('%s: parsed (or refused) in well under two seconds', (_name, text) => {
    expect(text.length).toBeGreaterThanOrEqual(MB);
    const started = performance.now();
    parseDenialMessage(text);
    const elapsed = performance.now() - started;
    // Linear parsing takes a few milliseconds here; a quadratic one takes minutes.
    expect(elapsed).toBeLessThan(2000);
  });
});
