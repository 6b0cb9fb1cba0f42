/**
 * Terminal injection: text from policies, names, ARNs, tags, context values,
 * snapshots, file names, YAML and arguments is shown as data in every output
 * format and on stderr. With colour off nothing but printable text and
 * newlines is written; with colour on, only iamwhy's own SGR sequences.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ownSgrSequences } from '../../src/render/ansi.js';
import { ALICE, iamwhy, inProcess, type Run } from './helpers.js';

/** Window title, bell, clear screen; a one-character C1 CSI; a right-to-left override; a carriage return. */
const HOSTILE = ['\u001b]0;pwned\u0007\u001b[2J', '\u009b2J', '\u202eWOLLA', 'x\rDENIED', '\u001b[31m'];
const EVIL = HOSTILE.join('');
/** The same without white space, for condition-key names (`--context` keys cannot hold spaces). */
const EVIL_KEY = EVIL.replace(/\s/g, '');
// eslint-disable-next-line no-control-regex -- the characters a terminal could act on
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Everything written, with iamwhy's own colour sequences taken out when `colour` allows them. */
function expectOnlyPrintable(run: Run, colour = false): void {
  let written = `${run.stdout}${run.stderr}`;
  if (colour) for (const sequence of ownSgrSequences()) written = written.split(sequence).join('');
  const found = UNSAFE.exec(written);
  expect(found === null ? null : { index: found.index, char: found[0].charCodeAt(0).toString(16), around: JSON.stringify(written.slice(Math.max(0, found.index - 40), found.index + 10)) }).toBeNull();
}

const dir = mkdtempSync(join(tmpdir(), 'iamwhy-injection-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: unknown): string => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

const evilPolicy = write(`policy-${EVIL.replace(/\//g, '')}\n.json`, {
  Version: '2012-10-17',
  Statement: [
    { Sid: `Read${EVIL}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/${EVIL}*`, Condition: { StringEquals: { 'aws:PrincipalTag/team': `data${EVIL}`, [`aws:RequestTag/${EVIL_KEY}`]: EVIL } } },
    { Sid: 'DenyOdd', Effect: 'Deny', Action: 's3:GetObject', Resource: '*', Condition: { StringLike: { 's3:prefix': `${EVIL}*` } } },
  ],
});
const principalContext = write('principal.json', { arn: ALICE, tags: { team: `data${EVIL}`, [EVIL]: EVIL } });
mkdirSync(join(dir, 'scps'));
write('scps/allow.json', { Version: '2012-10-17', Statement: [{ Sid: `All${EVIL}`, Effect: 'Allow', Action: '*', Resource: '*' }] });
const org = write('org.yaml', `scp_hierarchy:\n  root: [scps/allow.json]\n  ous:\n    - id: ou-ab12-11111111\n      name: "Work\\e]0;pwned\\a\\u009b2J\\u202e"\n      policies: [scps/allow.json]\n`);
const evilRole = `arn:aws:iam::111111111111:role/${EVIL.replace(/[\r\n]/g, '')}`;
const snapshot = write('gaad.json', {
  UserDetailList: [{ UserName: `alice${EVIL}`, Arn: `arn:aws:iam::111111111111:user/alice${EVIL.replace(/[\r\n]/g, '')}`, UserPolicyList: [{ PolicyName: `p${EVIL}`, PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: `S${EVIL}`, Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } }], Tags: [{ Key: EVIL, Value: EVIL }] }],
  RoleDetailList: [{ RoleName: 'evil', Arn: evilRole, AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] }, RolePolicyList: [] }],
});
const resource = `arn:aws:s3:::bucket/${EVIL}key`;
const explainArgs = [ALICE, 's3:GetObject', '-r', resource, '-i', evilPolicy, '--principal-context', principalContext, '--organization-config', org, '--context', `aws:RequestTag/${EVIL_KEY}=${EVIL}`, '--context', `s3:prefix=${EVIL}`];

describe('outside text shown as data, never as terminal commands', () => {
  for (const output of ['text', 'summary', 'json', 'quiet']) {
    it(`--output ${output} --color never: only printable text and newlines on stdout and stderr`, async () => {
      const run = await inProcess([...explainArgs, '-o', output, '--color', 'never']);
      expect([0, 1]).toContain(run.status);
      expect(run.stdout).not.toBe('');
      expectOnlyPrintable(run);
    });
  }

  it('shows the hostile text visibly escaped, where it was (a Sid, a file name, the resource, a YAML name)', async () => {
    const run = await inProcess([...explainArgs, '--color', 'never']);
    expect(run.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J');
    expect(run.stdout).toContain('\\x9b2J');
    expect(run.stdout).toContain('\\u202eWOLLA');
    expect(run.stdout).toContain('x\\x0dDENIED');
    expect(run.stdout).toContain('Work\\x1b]0;pwned\\x07\\x9b2J\\u202e');
    // A newline in a file name cannot fake a line of output.
    expect(run.stdout).toContain('\\x0a.json');
  });

  it('--color always with NO_COLOR unset on a TTY: only iamwhy’s own SGR sequences', async () => {
    for (const output of ['text', 'summary']) {
      const run = await inProcess([...explainArgs, '-o', output, '--color', 'always'], { stdoutIsTTY: true });
      expect(run.stdout).toContain('\u001b[3');
      expectOnlyPrintable(run, true);
    }
  });

  it('JSON escapes C1 and bidi characters too, and reads back to the exact policy text', async () => {
    const run = await inProcess([...explainArgs, '-o', 'json']);
    expect(run.stdout).toContain('\\u009b2J');
    expect(run.stdout).toContain('\\u202eWOLLA');
    const value = JSON.parse(run.stdout) as { findings: Array<{ message: string }> };
    expect(value.findings[0]?.message).toContain(`"Read${EVIL}"`);
  });

  it('who-can, text and JSON, with hostile user names, ARNs, tags and policy names in the snapshot', async () => {
    for (const output of ['text', 'json']) {
      const run = await inProcess(['who-can', 's3:GetObject', '-r', resource, '--snapshot', snapshot, '-o', output, '--color', 'never']);
      expect([0, 1]).toContain(run.status);
      expectOnlyPrintable(run);
    }
    const explained = await inProcess([`alice${EVIL}`, 's3:GetObject', '--snapshot', snapshot]);
    expectOnlyPrintable(explained);
  });

  it('echoed arguments and error messages (unknown option, bad format, unknown action, bad resource, bad context, YAML errors)', async () => {
    const runs = await Promise.all([
      inProcess([ALICE, 's3:GetObject', '-i', evilPolicy, `--${EVIL}`]),
      inProcess([ALICE, 's3:GetObject', '-i', evilPolicy, '-o', EVIL]),
      inProcess([ALICE, `s3:Get${EVIL}`, '-i', evilPolicy]),
      inProcess([ALICE, 's3:GetObject', '-i', evilPolicy, '-r', EVIL]),
      inProcess([ALICE, 's3:GetObject', '-i', evilPolicy, '--context', `aws:SourceIp=${EVIL}`]),
      inProcess([ALICE, 's3:GetObject', '-i', evilPolicy, '--context', EVIL]),
      inProcess([EVIL, 's3:GetObject', '-i', evilPolicy]),
      inProcess([ALICE, 's3:GetObject', '--organization-config', write('bad.yaml', `scp_hierarchy: "${EVIL.replace(/"/g, '')}"\n`)]),
      inProcess([ALICE, 's3:GetObject', '-i', write(`missing${EVIL}`, '{').replace(/missing/, 'nothing-here')]),
      inProcess([ALICE, 's3:GetObject', '-i', write('broken.json', `{"Version": "2012-10-17", ${EVIL}`)]),
      inProcess(['completion', EVIL]),
      inProcess(['who-can', 's3:GetObject', '--snapshot', snapshot, '--principals', EVIL]),
    ]);
    for (const run of runs) {
      expect(run.status).toBe(2);
      expectOnlyPrintable(run);
    }
  });

  it('--version shows a cache manifest’s URL as data, without its password', async () => {
    const cacheDir = join(dir, 'cache');
    mkdirSync(join(cacheDir, 'service-reference', 'services'), { recursive: true });
    writeFileSync(join(cacheDir, 'service-reference', 'manifest.json'), JSON.stringify({ format: 1, downloadedAt: '2026-01-01T00:00:00.000Z', baseUrl: `https://u:hunter2@mirror.example/${EVIL}`, serviceCount: 1 }));
    writeFileSync(join(cacheDir, 'service-reference', 'services.json'), '{"s3": {"file": "services/s3.json"}}');
    const run = await inProcess(['--version'], { env: { IAMWHY_CACHE_DIR: cacheDir } });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('from https://mirror.example/\\x1b]0;pwned');
    expect(run.stdout).not.toContain('hunter2');
    expectOnlyPrintable(run);
  });

  it('through the real process: the bytes written to stdout and stderr hold no raw control character', () => {
    for (const output of ['text', 'json']) {
      const run = iamwhy([...explainArgs, '-o', output]);
      expect([0, 1]).toContain(run.status);
      expectOnlyPrintable(run);
    }
  });
});
