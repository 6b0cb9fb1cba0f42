/**
 * iamwhy only ever reads an AWS account. Every AWS SDK command the code can
 * send is found statically in the source: each read goes through
 * `reader.send(service, 'Operation', …)` / `reader.pages(…)` with a literal
 * operation, and no module names an SDK command class any other way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

function sources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const READ = /^(Get|List|Describe|Simulate)[A-Z]/;
/** Not reads by name, each allowed for a reason. */
const ALLOWED = new Map([
  ['sts:GetCallerIdentity', 'who the credentials are; needs no permission'],
  ['sts:DecodeAuthorizationMessage', 'decodes an error message; changes nothing'],
  // `iamwhy snapshot --org --role-name`: issues temporary credentials for ROLE in each member account; it creates nothing in the account.
  ['sts:AssumeRole', 'temporary credentials for snapshot --org; creates nothing'],
]);

const files = sources(join(ROOT, 'src'));
const calls = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/\.(send|pages)(?:<[^>(]*>)?\(\s*'([a-z0-9]+)',\s*([^,\s]+)/g)].map((match) => ({ file, service: match[2] as string, operation: match[3] as string }));
});

describe('read-only: every AWS call iamwhy can make', () => {
  it('is found in the source, with a literal operation name', () => {
    expect(calls.length).toBeGreaterThan(40);
    for (const call of calls) expect(call.operation, `${call.file}: ${call.service} ${call.operation}`).toMatch(/^'[A-Za-z]+'$/);
  });

  it('is a Get, List, Describe or Simulate call, or one of the three allowed with their reason', () => {
    const operations = [...new Set(calls.map((call) => `${call.service}:${call.operation.slice(1, -1)}`))].sort();
    const writes = operations.filter((operation) => !READ.test(operation.split(':')[1] as string) && !ALLOWED.has(operation));
    expect(writes).toEqual([]);
    expect(operations).toContain('sts:AssumeRole');
    expect(operations).toContain('iam:SimulatePrincipalPolicy');
  });

  it('no module sends a command any other way: SDK clients are loaded in one place and commands built from those names only', () => {
    // Type-only imports are erased when compiled: they load nothing.
    const code = (file: string): string => readFileSync(file, 'utf8').replace(/^import type[\s\S]*?;$/gm, '');
    const sdkImports = files.filter((file) => /import\(\s*'@aws-sdk\/|from '@aws-sdk\//.test(code(file)));
    expect(sdkImports.map((file) => file.slice(ROOT.length))).toEqual(['src/sources/live/session.ts']);
    for (const file of files) {
      const text = code(file);
      // A command class named in code (new GetUserCommand(...)) would bypass the check above.
      expect(text, file).not.toMatch(/new [A-Z]\w*Command\(/);
      expect(text, file).not.toMatch(/\.send\(\s*new /);
    }
  });
});
