import { describe, expect, it } from 'vitest';
import { echoArgument, excerpt, messageLine, quoteExcerpt } from '../../src/text/excerpt.js';

describe('excerpts of outside input in messages', () => {
  it('quotes a short value whole, printable', () => {
    expect(quoteExcerpt('scp/root.json')).toBe('"scp/root.json"');
    expect(quoteExcerpt('a\u001b[2Jb')).toBe('"a\\x1b[2Jb"');
  });

  it('redacts secrets before quoting (a .env file given as the organization config)', () => {
    expect(quoteExcerpt('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe('"AWS_SECRET_ACCESS_KEY=[redacted]"');
  });

  it('cuts long values and says how long they were', () => {
    expect(quoteExcerpt('x'.repeat(100_000), 10)).toBe('"xxxxxxxxxx…" (100,000 characters)');
    expect(excerpt('y'.repeat(50), 5)).toBe('yyyyy…');
  });

  it('never splits a surrogate pair', () => {
    expect(excerpt('ab😀c', 3)).toBe('ab…');
  });

  it('echoes arguments up to 200 characters', () => {
    expect(echoArgument('s3:GetObject')).toBe('s3:GetObject');
    const long = echoArgument('a'.repeat(200_000));
    expect(long.length).toBeLessThan(260);
    expect(long).toMatch(/… \(200,000 characters\)$/);
  });

  it('cuts a message line at 2,000 characters', () => {
    const line = messageLine(`error: ${'z'.repeat(10_000)}`);
    expect(line.length).toBeLessThan(2_100);
    expect(line).toMatch(/cut at 2,000 of 10,007 characters\)$/);
    expect(messageLine('a\nb')).toBe('a\\x0ab');
  });
});
