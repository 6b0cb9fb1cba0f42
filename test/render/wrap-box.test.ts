import { describe, expect, it } from 'vitest';
import { paint, visibleWidth } from '../../src/render/ansi.js';
import { renderBox } from '../../src/render/box.js';
import { keepTogether, wrap } from '../../src/render/wrap.js';

describe('wrap', () => {
  it('breaks at spaces with a hanging indent', () => {
    expect(wrap('one two three four', 12, '- ', '  ')).toEqual(['- one two', '  three four']);
  });

  it('breaks a long ARN after a / or : and loses nothing', () => {
    const arn = 'arn:aws:s3:::bucket/a/very/long/key/that/goes/on/and/on.csv';
    const lines = wrap(arn, 20);
    expect(lines.every((line) => visibleWidth(line) <= 20)).toBe(true);
    expect(lines.slice(0, -1).every((line) => /[/:]$/.test(line))).toBe(true);
    expect(lines.join('')).toBe(arn);
  });

  it('hard-breaks a word with no separator', () => {
    expect(wrap('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('keeps joined words together and prints them with spaces', () => {
    expect(wrap(`policy: vpc-1 ${keepTogether('(request: vpc-2)')}`, 24)).toEqual(['policy: vpc-1', '(request: vpc-2)']);
  });

  it('breaks a joined group that does not fit where it was joined', () => {
    expect(wrap(keepTogether('(missing from request; holds when absent)'), 30, '', ' ')).toEqual(['(missing from request; holds', ' when absent)']);
  });
});

describe('renderBox', () => {
  const plain = paint(false);

  it('fits its content, titles the top border and puts markers at the right edge', () => {
    const box = renderBox('Policy', [{ lead: 'Effect: ', text: 'Deny' }, { lead: 'Action: ', text: 's3:*', marker: '◀ matched' }], 80, plain);
    expect(box).toEqual([
      '╭─ Policy ───────────────╮',
      '│ Effect: Deny           │',
      '│ Action: s3:* ◀ matched │',
      '╰────────────────────────╯',
    ]);
  });

  it('never exceeds the width, moving a long title inside', () => {
    const box = renderBox('T'.repeat(60), [{ lead: 'Resource: ', text: 'r/'.repeat(60), marker: '◀ did not match' }], 40, plain);
    expect(box.every((line) => visibleWidth(line) === 40)).toBe(true);
    expect(box[0]).toBe(`╭${'─'.repeat(38)}╮`);
    expect(box.some((line) => line.startsWith('├'))).toBe(true);
    expect(box.find((line) => line.includes('Resource:'))).toMatch(/◀ did not match │$/);
  });

  it('measures coloured text by what shows', () => {
    const box = renderBox('Policy', [{ lead: '', text: 'x', marker: '◀ matched' }], 80, paint(true));
    expect(new Set(box.map(visibleWidth)).size).toBe(1);
  });
});
