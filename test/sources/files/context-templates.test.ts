import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTEXT_FILE_FIELDS, readContextFile } from '../../../src/sources/files/context-files.js';
import { contextTemplates } from '../../../src/sources/files/context-templates.js';

describe('contextTemplates', () => {
  it('has every field of every context file', () => {
    const templates = contextTemplates();
    for (const kind of ['principal', 'resource', 'request'] as const) {
      expect(Object.keys(templates[kind].document)).toEqual([...CONTEXT_FILE_FIELDS[kind]]);
      expect(JSON.parse(templates[kind].text)).toEqual(templates[kind].document);
    }
    expect(templates.request.document).toMatchObject({
      network: { source_ip: expect.any(String), source_vpc: expect.any(String), source_vpce: expect.any(String) },
      session: { mfa_present: expect.any(Boolean), mfa_auth_age: expect.any(Number), source_identity: expect.any(String) },
      request: {
        region: expect.any(String),
        secure_transport: expect.any(Boolean),
        via_aws_service: expect.any(Boolean),
        called_via: expect.any(Array),
        tags: expect.any(Object),
      },
      custom: expect.any(Object),
    });
    expect(templates.principal).toMatchObject({ fileName: 'principal-context.json', flag: '--principal-context' });
  });

  it('round-trips: each template written to a file loads without findings', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'iamwhy-templates-'));
    try {
      for (const template of Object.values(contextTemplates())) {
        const file = join(directory, template.fileName);
        await writeFile(file, template.text);
        const result = await readContextFile(file, template.kind);
        expect(result.findings, template.kind).toEqual([]);
      }
      const request = await readContextFile(join(directory, 'request-context.json'), 'request');
      expect(Object.keys(request.context ?? {})).toHaveLength(14);
      const principal = await readContextFile(join(directory, 'principal-context.json'), 'principal');
      expect(principal.principal).toMatchObject({ kind: 'user', name: 'alice', uniqueId: 'AIDAEXAMPLEUSERID' });
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('returns fresh objects', () => {
    const first = contextTemplates();
    (first.principal.document as { arn: string }).arn = 'changed';
    expect(contextTemplates().principal.document.arn).toBe('arn:aws:iam::123456789012:user/alice');
  });
});
