import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { formatFinding } from '../../../src/language/findings.js';
import { parseOrganizationConfig, readOrganizationConfig } from '../../../src/sources/files/organization-config.js';
import type { OrganizationLevel } from '../../../src/engine/policy-set.js';

const org = fileURLToPath(new URL('./fixtures/org/', import.meta.url));
const policies = fileURLToPath(new URL('./fixtures/policies/', import.meta.url));

function summary(levels: OrganizationLevel[]): unknown[] {
  return levels.map((level) => ({ id: level.id, name: level.name, type: level.type, policies: level.policies.map((policy) => policy.id) }));
}

describe('readOrganizationConfig', () => {
  it('reads both hierarchies, ordered root → OUs → account, paths relative to the YAML file', async () => {
    const file = relative(process.cwd(), join(org, 'org.yaml'));
    const config = await readOrganizationConfig(file);
    expect(config.findings).toEqual([]);
    expect(config.label).toBe(`organization config ${file}`);
    expect(summary(config.scpLevels)).toEqual([
      { id: 'root', name: undefined, type: 'root', policies: ['full-access.json', 'deny-regions.json'] },
      { id: 'ou-ab12-11111111', name: 'Engineering', type: 'ou', policies: ['eng.json'] },
      { id: 'ou-ab12-22222222', name: undefined, type: 'ou', policies: ['full-access.json'] },
      { id: 'account', name: undefined, type: 'account', policies: ['account.json'] },
    ]);
    expect(summary(config.rcpLevels)).toEqual([{ id: 'root', name: undefined, type: 'root', policies: ['deny-outside-org.json'] }]);
    expect(config.scpLevels.every((level) => level.policies.every((policy) => policy.kind === 'scp'))).toBe(true);
    const rcp = config.rcpLevels[0]?.policies[0];
    expect(rcp?.kind).toBe('rcp');
    expect(rcp?.origin).toEqual({ via: 'file', file: join(file, '..', 'rcp', 'deny-outside-org.json') });
    expect(config.scpLevels[0]?.policies[1]?.statements[0]?.conditions[0]?.key).toBe('aws:RequestedRegion');
  });

  it('resolves ../ paths against the YAML file', async () => {
    const config = await readOrganizationConfig(join(org, 'nested', 'up.yaml'));
    expect(config.findings).toEqual([]);
    expect(config.scpLevels[0]?.policies[0]?.origin.file).toBe(join(org, 'scp', 'full-access.json'));
  });

  it('accepts absolute policy paths', async () => {
    const text = `rcp_hierarchy:\n  account:\n    - ${join(org, 'rcp', 'deny-outside-org.json')}\n`;
    const config = await parseOrganizationConfig(text, '/nowhere/org.yaml');
    expect(config.findings).toEqual([]);
    expect(summary(config.rcpLevels)).toEqual([{ id: 'account', name: undefined, type: 'account', policies: ['deny-outside-org.json'] }]);
  });

  it('reports schema errors in line order: unknown keys, missing id and policies, wrong types, missing files', async () => {
    const file = join(org, 'schema-errors.yaml');
    const config = await readOrganizationConfig(file);
    expect(config.findings.map(formatFinding)).toEqual([
      `${file}:4:7: error: scp_hierarchy.root[1]: cannot read SCP file "${join(org, 'scp', 'missing.json')}": no such file`,
      `${file}:6:7: error: scp_hierarchy.ous[0] has no id; every OU needs one, e.g. id: ou-ab12-11111111`,
      `${file}:8:7: error: scp_hierarchy.ous[1] has no policies; list the SCP files attached to ou-ab12-33333333`,
      `${file}:9:7: error: unknown key "policys" in scp_hierarchy.ous[1]; expected id, name, policies (did you mean "policies"?)`,
      `${file}:10:7: error: scp_hierarchy.ous[2] has no policies; list the SCP files attached to ou-ab12-44444444`,
      `${file}:11:3: error: unknown key "acount" in scp_hierarchy; expected root, ous, account (did you mean "account"?)`,
      `${file}:13:9: error: rcp_hierarchy.root must be a list of policy file paths, got the string "rcp/deny-outside-org.json"`,
      `${file}:14:1: error: unknown key "extra"; expected scp_hierarchy, rcp_hierarchy`,
    ]);
    expect(config.findings[0]?.location.path).toBe('scp_hierarchy.root[1]');
    expect(config.findings[1]?.code).toBe('ORG_CONFIG_SCHEMA');
  });

  it('reports YAML errors with their line', async () => {
    const file = join(org, 'syntax-error.yaml');
    const config = await readOrganizationConfig(file);
    expect(config.findings.map(formatFinding)).toEqual([`${file}:4:3: error: invalid YAML: Map keys must be unique`]);
    expect(config.scpLevels).toEqual([]);
  });

  it('reports an unterminated quote on one line', async () => {
    const config = await parseOrganizationConfig('scp_hierarchy:\n  root: ["a.json\n', 'o.yaml');
    expect(config.findings.length).toBeGreaterThan(0);
    for (const finding of config.findings) {
      expect(finding.message).not.toContain('\n');
      expect(finding.location.line).toBeGreaterThan(0);
    }
  });

  it('passes on the findings of the policy files, located in those files', async () => {
    const config = await readOrganizationConfig(join(org, 'bad-policy.yaml'));
    expect(config.findings.length).toBeGreaterThan(0);
    expect(config.findings[0]?.location).toMatchObject({ file: join(policies, 'bad-effect.json'), line: 5 });
  });

  it('leaves out OUs without policies, warning for SCPs only', async () => {
    const file = join(org, 'empty-ou.yaml');
    const config = await readOrganizationConfig(file);
    expect(config.findings.map(formatFinding)).toEqual([
      `${file}:4:7: warning: OU ou-ab12-55555555 lists no SCPs and is left out (AWS requires at least one SCP on every OU)`,
    ]);
    expect(config.scpLevels).toEqual([]);
    expect(config.rcpLevels).toEqual([]);
  });

  it('warns about an empty file and rejects a document that is not a mapping', async () => {
    expect((await readOrganizationConfig(join(org, 'empty.yaml'))).findings.map((finding) => finding.code)).toEqual(['ORG_CONFIG_EMPTY']);
    const list = await readOrganizationConfig(join(org, 'list.yaml'));
    expect(list.findings.map((finding) => finding.message)).toEqual([
      'the organization config must be a mapping with scp_hierarchy and/or rcp_hierarchy, got a list',
    ]);
  });

  it('checks OU entries and policy paths', async () => {
    const text = ['scp_hierarchy:', '  ous:', '    - ou-x', '    - id: ou-y', '      name: [1]', '      policies: [3, ""]', '  root: {a: 1}'].join('\n');
    const config = await parseOrganizationConfig(text, join(org, 'inline.yaml'));
    expect(config.findings.map((finding) => `${finding.location.line}:${finding.location.column} ${finding.message}`)).toEqual([
      '3:7 scp_hierarchy.ous[0] must be a mapping with id, name and policies, got the string "ou-x"',
      '5:7 scp_hierarchy.ous[1].name must be a string',
      '6:18 scp_hierarchy.ous[1].policies[0] must be a policy file path, got number 3',
      '6:21 scp_hierarchy.ous[1].policies[1] must be a policy file path, got the string ""',
      '7:9 scp_hierarchy.root must be a list of policy file paths, got a mapping',
    ]);
  });

  it('names an unreadable config file', async () => {
    const config = await readOrganizationConfig('org-missing.yaml');
    expect(config.findings.map((finding) => finding.message)).toEqual(['cannot read organization config file "org-missing.yaml": no such file']);
  });
});
