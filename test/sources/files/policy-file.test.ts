import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { formatFinding } from '../../../src/language/findings.js';
import { POLICY_KINDS } from '../../../src/language/policy-kind.js';
import { POLICY_KIND_LABEL, parsePolicyText, readPolicyFile } from '../../../src/sources/files/policy-file.js';

const fixtures = fileURLToPath(new URL('./fixtures/policies/', import.meta.url));

describe('readPolicyFile', () => {
  it('reads a policy, named by its file and with a file origin', async () => {
    const file = relative(process.cwd(), join(fixtures, 'allow-s3.json'));
    const result = await readPolicyFile(file, 'identity');
    expect(result.findings).toEqual([]);
    expect(result.policy).toMatchObject({ id: 'allow-s3.json', kind: 'identity', version: '2012-10-17', origin: { via: 'file', file } });
    expect(result.policy?.statements[0]?.sid).toBe('ReadBucket');
  });

  it('takes another id when given', async () => {
    const result = await readPolicyFile(join(fixtures, 'allow-s3.json'), 'permissions-boundary', { id: 'Boundary' });
    expect(result.policy).toMatchObject({ id: 'Boundary', kind: 'permissions-boundary' });
  });

  it('reports JSON syntax errors with file, line and column', async () => {
    const file = join(fixtures, 'syntax-error.json');
    const result = await readPolicyFile(file, 'identity');
    expect(result.policy).toBeUndefined();
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.location).toMatchObject({ file, line: 6, column: 7 });
    expect(formatFinding(result.findings[0]!)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:7: error: `));
  });

  it('passes the parser findings on, each naming the file', async () => {
    const file = join(fixtures, 'bad-effect.json');
    const result = await readPolicyFile(file, 'identity');
    expect(result.findings.length).toBeGreaterThan(0);
    for (const finding of result.findings) expect(finding.location.file).toBe(file);
    expect(result.findings[0]?.location.line).toBe(5);
  });

  it('gives a one-line message for an unreadable file', async () => {
    const result = await readPolicyFile('x.json', 'identity');
    expect(result).toEqual({
      findings: [
        {
          severity: 'error',
          code: 'FILE_UNREADABLE',
          message: 'cannot read identity policy file "x.json": no such file',
          location: { file: 'x.json', path: '' },
        },
      ],
    });
    const scp = await readPolicyFile(fixtures, 'scp');
    expect(scp.findings[0]?.message).toMatch(/^cannot read SCP file ".*": it is a directory$/);
  });

  it('fills in the file when the parser leaves it out', () => {
    const result = parsePolicyText('{"Version": "2012-10-17", "Statement": []', 'session', 'inline.json');
    expect(result.findings.every((finding) => finding.location.file === 'inline.json')).toBe(true);
  });

  it('has a label for every policy kind', () => {
    for (const kind of POLICY_KINDS) expect(POLICY_KIND_LABEL[kind]).toBeTruthy();
  });
});
