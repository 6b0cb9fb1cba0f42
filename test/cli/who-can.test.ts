/** `iamwhy who-can ACTION -r ARN --snapshot FILE`. */
import { describe, expect, it } from 'vitest';
import { ANSI, OBJECT, expectJsonError, expectUsageError, fixture, iamwhy } from './helpers.js';

const GAAD = fixture('gaad.json');

interface WhoCanJson {
  action: string;
  resource: string;
  counts: { allowed: number; explicitDeny: number; implicitDeny: number };
  principals: Array<{ arn: string; kind: string; decision: string; blocked_by: string[] }>;
  gaps: string[];
}

describe('who-can', () => {
  it('lists who is allowed and what blocks the others (text; exit 0 when someone is allowed)', () => {
    const run = iamwhy(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Who can s3:GetObject on arn:aws:s3:::bucket\/reports\/q1\.csv\?$/m);
    expect(run.stdout).toMatch(/Allowed \(1\):\n {2}✓ arn:aws:iam::111111111111:user\/alice/);
    expect(run.stdout).toMatch(/✗ arn:aws:iam::111111111111:role\/builder\s+implicit deny by identity/);
    expect(run.stdout).not.toMatch(ANSI);
  });

  it('-o json: valid JSON with counts and one entry per principal', () => {
    const run = iamwhy(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '-o', 'json']);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as WhoCanJson;
    expect(output.action).toBe('s3:GetObject');
    expect(output.resource).toBe(OBJECT);
    expect(output.counts).toEqual({ allowed: 1, explicitDeny: 0, implicitDeny: 1 });
    expect(output.principals.map((entry) => [entry.arn, entry.decision]).sort()).toEqual([
      ['arn:aws:iam::111111111111:role/builder', 'implicitDeny'],
      ['arn:aws:iam::111111111111:user/alice', 'allowed'],
    ]);
  });

  it('--principals roles narrows the list; nobody allowed is exit 1', () => {
    const run = iamwhy(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '--principals', 'roles', '-o', 'json']);
    expect(run.status).toBe(1);
    const output = JSON.parse(run.stdout) as WhoCanJson;
    expect(output.principals.map((entry) => entry.kind)).toEqual(['role']);
  });

  it('the resource defaults to *, and options given before "who-can" are honoured', () => {
    const run = iamwhy(['-o', 'json', 'who-can', 'logs:PutLogEvents', '--snapshot', GAAD]);
    expect(run.status).toBe(0);
    const output = JSON.parse(run.stdout) as WhoCanJson;
    expect(output.resource).toBe('*');
    expect(output.counts.allowed).toBe(1);
  });

  it('--color always colours the text; never and NO_COLOR do not', () => {
    expect(iamwhy(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '--color', 'always']).stdout).toMatch(ANSI);
    expect(iamwhy(['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '--color', 'never'], { env: { NO_COLOR: undefined } }).stdout).not.toMatch(ANSI);
  });

  it('needs a snapshot', () => {
    expectUsageError(iamwhy(['who-can', 's3:GetObject', '-r', OBJECT]), /who-can needs an account snapshot: --snapshot FILE/);
    expectJsonError(iamwhy(['who-can', 's3:GetObject', '-o', 'json']), /who-can needs an account snapshot/);
  });

  it('needs an action', () => {
    expectUsageError(iamwhy(['who-can', '--snapshot', GAAD]), /missing required argument 'action' \(see iamwhy who-can --help\)/);
  });

  it('a typo in the action suggests the right one', () => {
    expectUsageError(iamwhy(['who-can', 's3:GetObjects', '--snapshot', GAAD]), /unknown action "s3:GetObjects"; did you mean s3:GetObject\b/);
  });

  it('a typo in an option suggests the right one', () => {
    expectUsageError(iamwhy(['who-can', 's3:GetObject', '--snapshto', GAAD]), /unknown option '--snapshto'; did you mean --snapshot\?/);
  });

  it.each([
    [['--principals', 'bots'], /--principals must be one of all, users, roles, not "bots"/],
    [['-o', 'summary'], /--output must be one of text, json, not "summary"/],
    [['--color', 'rainbow'], /--color must be one of auto, always, never, not "rainbow"/],
    [['--context', 'aws:SecureTransport=yes'], /aws:SecureTransport is Bool/],
  ])('rejects %j with one line', (extra, pattern) => {
    expectUsageError(iamwhy(['who-can', 's3:GetObject', '--snapshot', GAAD, ...extra]), pattern);
  });

  it('a broken snapshot: exit 2, file:line:column', () => {
    expectUsageError(iamwhy(['who-can', 's3:GetObject', '--snapshot', fixture('broken.json')]), /broken\.json:4:\d+: error: not valid JSON/);
  });

  it('--help shows examples and the exit codes', () => {
    const run = iamwhy(['who-can', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: iamwhy who-can ACTION -r ARN --snapshot FILE \[options\]/);
    expect(run.stdout).toMatch(/Examples:\n/);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 {2}at least one principal is allowed\n {2}1 {2}no principal is allowed\n {2}2 /);
    // Each default is stated once.
    expect(run.stdout).not.toMatch(/\(default: .*\) \(default:/);
    expect(iamwhy(['help', 'who-can']).stdout).toBe(run.stdout);
  });
});

describe('who-can -o json follows schema/iamwhy-who-can.schema.json', () => {
  it('validates, for the bundled example organization and for a GAAD file', async () => {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../schema/iamwhy-who-can.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    for (const args of [
      ['who-can', 's3:GetObject', '-r', 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv', '--snapshot', 'examples/acme/acme-snapshot.json', '-o', 'json'],
      ['who-can', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD, '-o', 'json'],
    ]) {
      const output: unknown = JSON.parse(iamwhy(args).stdout);
      expect(validate(output), JSON.stringify(validate.errors)).toBe(true);
    }
  });
});
