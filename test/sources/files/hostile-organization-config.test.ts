/** Organization YAML written by others: deep, broken or not YAML at all, answered with one located finding. */
import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../../src/language/findings.js';
import { parseOrganizationConfig } from '../../../src/sources/files/organization-config.js';
import { yamlTooDeepAt } from '../../../src/sources/files/yaml-nesting.js';

const lines = async (text: string): Promise<string[]> => (await parseOrganizationConfig(text, 'org.yaml')).findings.map(formatFinding);

describe('hostile organization YAML', () => {
  it('refuses flow nesting 100,000 deep before the YAML is built, with line and column', async () => {
    const started = performance.now();
    expect(await lines(`scp_hierarchy:\n  root: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`)).toEqual(['org.yaml:2:263: error: the YAML is nested more than 256 levels deep']);
    // Generous: the check stops at the first level too deep.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses compact block nesting (- - - … x) and deep indentation', async () => {
    expect(await lines(`${'- '.repeat(100_000)}x\n`)).toEqual([expect.stringMatching(/^org\.yaml:1:\d+: error: the YAML is nested more than 256 levels deep$/)]);
    const indented = Array.from({ length: 300 }, (_, level) => `${' '.repeat(level)}k${level}:`).join('\n');
    expect(await lines(indented)).toEqual([expect.stringMatching(/^org\.yaml:257:\d+: error: the YAML is nested more than 256 levels deep$/)]);
  });

  it('does not count brackets inside quoted or block scalars, nor comments', () => {
    const text = `scp_hierarchy:\n  # ${'['.repeat(1000)}\n  root: ["${'['.repeat(1000)}"]\n  account: |\n    ${'{'.repeat(1000)}\n`;
    expect(yamlTooDeepAt(text, 256)).toBeUndefined();
  });

  it('reports one line for broken YAML, however many errors the parser finds after the first', async () => {
    expect(await lines('scp_hierarchy:\n  root: [a.json\n  ous: {x: [1\nrcp_hierarchy: ]]]\n')).toHaveLength(1);
  });

  it('quotes at most a short, redacted excerpt of a file that is not the config (a .env file)', async () => {
    const [line] = await lines('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n');
    expect(line).toBe('org.yaml:1:1: error: the organization config must be a mapping with scp_hierarchy and/or rcp_hierarchy, got the string "AWS_SECRET_ACCESS_KEY=[redacted]"');
    const [long] = await lines(`${'x'.repeat(10_000)}\n`);
    expect(long).toMatch(/got the string "x{60}…" \(10,000 characters\)$/);
  });
});
