import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { readSnapshotFile } from '../../../src/sources/snapshot/load-snapshot.js';

const generator = fileURLToPath(new URL('../../../bench/snapshot/generate.js', import.meta.url));
const schemaPath = fileURLToPath(new URL('../../../schema/iamwhy-snapshot.schema.json', import.meta.url));
const directory = mkdtempSync(join(tmpdir(), 'iamwhy-snapshot-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('bench/snapshot/generate.js', () => {
  it('writes a snapshot that matches the schema and loads without errors', async () => {
    const out = join(directory, 'small.json');
    execFileSync(process.execPath, [generator, '--out', out, '--scale', '0.02']);
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>);
    expect(validate(JSON.parse(readFileSync(out, 'utf8')))).toBe(true);
    const result = await readSnapshotFile(out);
    if (!result.ok) expect.fail(result.errors.map((error) => error.message).join('\n'));
    expect(result.snapshot.roles.size).toBe(100);
    expect(result.snapshot.users.size).toBe(20);
    expect(result.snapshot.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
