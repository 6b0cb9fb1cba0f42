/**
 * The organization configuration file of iam-analyzer (`--organization-config`):
 * the SCP and RCP hierarchies from the organization root to one account, in YAML.
 *
 * ```yaml
 * scp_hierarchy:
 *   root: [scp/root.json]          # policies attached to the root
 *   ous:                           # OUs, ordered root → account
 *     - id: ou-ab12-11111111       # required
 *       name: Engineering          # optional
 *       policies: [scp/eng.json]   # required
 *   account: [scp/account.json]    # policies attached to the account
 * rcp_hierarchy:                   # same structure, RCPs
 *   root: []
 * ```
 *
 * Paths are relative to the YAML file. Levels are returned root → OUs → account.
 * A root or account list that is empty or absent gives no level (AWS always has
 * at least one SCP per node, so a level without policies would deny everything;
 * leaving it out is what such a file means).
 */
import { dirname, isAbsolute, join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Finding, Severity } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import type { OrganizationLevel } from '../../engine/policy-set.js';
import { INPUT_LIMITS } from '../../input/limits.js';
import { readInputFile } from '../../input/read-input.js';
import { readTextFile } from './read-text.js';
import { parsePolicyText } from './policy-file.js';
import { didYouMeanClosest } from '../../text/near-match.js';
import { quoteExcerpt } from '../../text/excerpt.js';
import { MAX_NESTING_DEPTH } from '../../input/limits.js';
import { yamlTooDeepAt } from './yaml-nesting.js';

export interface OrganizationConfig {
  /** For messages: `organization config org.yaml`. */
  label: string;
  /** SCP levels of the principal's account, root → OUs → account; empty when the file has none. */
  scpLevels: OrganizationLevel[];
  /** RCP levels of the resource's account, root → OUs → account; empty when the file has none. */
  rcpLevels: OrganizationLevel[];
  /** YAML errors, schema errors and the findings of every policy file. */
  findings: Finding[];
}

const TOP_KEYS = ['scp_hierarchy', 'rcp_hierarchy'] as const;
const HIERARCHY_KEYS = ['root', 'ous', 'account'] as const;
const OU_KEYS = ['id', 'name', 'policies'] as const;

/** Read the YAML file at `path` and every policy file it names. */
export async function readOrganizationConfig(path: string): Promise<OrganizationConfig> {
  const read = await readTextFile(path, 'organization config', INPUT_LIMITS.organization);
  if (!read.ok) return { label: labelOf(path), scpLevels: [], rcpLevels: [], findings: [read.finding] };
  return parseOrganizationConfig(read.text, path);
}

function labelOf(path: string): string {
  return `organization config ${path}`;
}

/** A policy file named in the YAML, with where it was named. */
interface PolicyReference {
  file: string;
  yamlPath: string;
  node: Node;
}

interface LevelPlan {
  id: string;
  name?: string;
  type: OrganizationLevel['type'];
  policies: PolicyReference[];
}

/** Parse YAML text as if read from `file`; policy paths are resolved against `file`'s directory and read. */
export async function parseOrganizationConfig(text: string, file: string): Promise<OrganizationConfig> {
  const lines = new LineCounter();
  const findings: Finding[] = [];
  const tooDeep = yamlTooDeepAt(text, MAX_NESTING_DEPTH);
  if (tooDeep !== undefined) {
    // Refused before the YAML is built: building it would overflow the stack.
    let line = 1;
    let lineStart = 0;
    for (let index = text.indexOf('\n'); index !== -1 && index < tooDeep; index = text.indexOf('\n', index + 1)) {
      line++;
      lineStart = index + 1;
    }
    findings.push({ severity: 'error', code: 'YAML_TOO_DEEP', message: `the YAML is nested more than ${MAX_NESTING_DEPTH} levels deep`, location: { file, path: '', line, column: tooDeep - lineStart + 1 } });
    return { label: labelOf(file), scpLevels: [], rcpLevels: [], findings };
  }
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number | undefined): { line?: number; column?: number } => {
    if (offset === undefined) return {};
    const position = lines.linePos(offset);
    return { line: position.line, column: position.col };
  };
  const makeFinding = (severity: Severity, code: string, node: Node | Pair | undefined, path: string, message: string, suggestion?: string): Finding => {
    const finding: Finding = { severity, code, message, location: { file, path, ...at(offsetOf(node)) } };
    if (suggestion !== undefined) finding.suggestion = suggestion;
    return finding;
  };
  const report = (severity: Severity, code: string, node: Node | Pair | undefined, path: string, message: string, suggestion?: string): void => {
    findings.push(makeFinding(severity, code, node, path, message, suggestion));
  };
  const result: OrganizationConfig = { label: labelOf(file), scpLevels: [], rcpLevels: [], findings };

  // The first syntax error only: the ones after it are mostly its echoes.
  for (const error of document.errors.slice(0, 1)) {
    findings.push({
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: `invalid YAML: ${firstLine(error.message)}`,
      location: { file, path: '', ...at(error.pos[0]) },
    });
  }
  for (const warning of document.warnings) {
    findings.push({
      severity: 'warning',
      code: 'YAML_WARNING',
      message: firstLine(warning.message),
      location: { file, path: '', ...at(warning.pos[0]) },
    });
  }
  if (document.errors.length > 0) return result;

  const root = document.contents;
  if (root === null || isEmptyScalar(root)) {
    report('warning', 'ORG_CONFIG_EMPTY', undefined, '', 'the organization config is empty; expected scp_hierarchy and/or rcp_hierarchy');
    return result;
  }
  if (!isMap(root)) {
    report('error', 'ORG_CONFIG_SCHEMA', root, '', `the organization config must be a mapping with scp_hierarchy and/or rcp_hierarchy, got ${describeNode(root)}`);
    return result;
  }

  const directory = dirname(file);
  const plans: Record<(typeof TOP_KEYS)[number], LevelPlan[]> = { scp_hierarchy: [], rcp_hierarchy: [] };

  const entries = (map: YAMLMap, path: string, allowed: readonly string[]): Map<string, Pair> => {
    const found = new Map<string, Pair>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        const shown = key ?? describeNode(pair.key as Node);
        report(
          'error',
          'ORG_CONFIG_UNKNOWN_KEY',
          pair,
          join2(path, shown),
          `unknown key "${shown}"${path ? ` in ${path}` : ''}; expected ${allowed.join(', ')}`,
          key === undefined ? undefined : didYouMeanClosest(key, allowed),
        );
        continue;
      }
      found.set(key, pair);
    }
    return found;
  };

  /** The paths of a list of policy files; undefined (after reporting) when the list or any entry is not a path. */
  const pathList = (pair: Pair | undefined, path: string): PolicyReference[] | undefined => {
    const value = pair?.value as Node | null | undefined;
    if (value === undefined || value === null || isEmptyScalar(value)) return [];
    if (!isSeq(value)) {
      report('error', 'ORG_CONFIG_SCHEMA', value, path, `${path} must be a list of policy file paths, got ${describeNode(value)}`);
      return undefined;
    }
    const references: PolicyReference[] = [];
    let valid = true;
    value.items.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      const node = item as Node;
      if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
        report('error', 'ORG_CONFIG_SCHEMA', node, itemPath, `${itemPath} must be a policy file path, got ${describeNode(node)}`);
        valid = false;
        return;
      }
      const relative = node.value.trim();
      references.push({ file: isAbsolute(relative) ? relative : join(directory, relative), yamlPath: itemPath, node });
    });
    return valid ? references : undefined;
  };

  for (const [topKey, topPair] of entries(root, '', TOP_KEYS)) {
    const kindName = topKey === 'scp_hierarchy' ? 'SCP' : 'RCP';
    const value = topPair.value as Node | null;
    if (value === null || isEmptyScalar(value)) continue;
    if (!isMap(value)) {
      report('error', 'ORG_CONFIG_SCHEMA', value, topKey, `${topKey} must be a mapping with root, ous and account, got ${describeNode(value)}`);
      continue;
    }
    const levels = plans[topKey as (typeof TOP_KEYS)[number]];
    const parts = entries(value, topKey, HIERARCHY_KEYS);

    const rootPolicies = pathList(parts.get('root'), `${topKey}.root`);
    if (rootPolicies !== undefined && rootPolicies.length > 0) levels.push({ id: 'root', type: 'root', policies: rootPolicies });

    const ousPair = parts.get('ous');
    const ous = ousPair?.value as Node | null | undefined;
    if (ous !== undefined && ous !== null && !isEmptyScalar(ous)) {
      if (!isSeq(ous)) {
        report('error', 'ORG_CONFIG_SCHEMA', ous, `${topKey}.ous`, `${topKey}.ous must be a list of OUs (each with id and policies), got ${describeNode(ous)}`);
      } else {
        ous.items.forEach((item, index) => {
          const ouPath = `${topKey}.ous[${index}]`;
          const node = item as Node;
          if (!isMap(node)) {
            report('error', 'ORG_CONFIG_SCHEMA', node, ouPath, `${ouPath} must be a mapping with id, name and policies, got ${describeNode(node)}`);
            return;
          }
          const fields = entries(node, ouPath, OU_KEYS);
          const id = scalarString(fields.get('id'));
          if (id === undefined) {
            const idPair = fields.get('id');
            report(
              'error',
              'ORG_CONFIG_SCHEMA',
              idPair ?? node,
              `${ouPath}.id`,
              idPair === undefined ? `${ouPath} has no id; every OU needs one, e.g. id: ou-ab12-11111111` : `${ouPath}.id must be a non-empty string`,
            );
          }
          const namePair = fields.get('name');
          const name = scalarString(namePair);
          if (namePair !== undefined && name === undefined && !isEmptyScalar(namePair.value as Node | null)) {
            report('error', 'ORG_CONFIG_SCHEMA', namePair, `${ouPath}.name`, `${ouPath}.name must be a string`);
          }
          const policiesPair = fields.get('policies');
          if (policiesPair === undefined) {
            report('error', 'ORG_CONFIG_SCHEMA', node, `${ouPath}.policies`, `${ouPath} has no policies; list the ${kindName} files attached to ${id ?? 'the OU'}`);
            return;
          }
          const policies = pathList(policiesPair, `${ouPath}.policies`);
          if (policies === undefined || id === undefined) return;
          if (policies.length === 0) {
            if (kindName === 'SCP') {
              report('warning', 'ORG_CONFIG_EMPTY_LEVEL', policiesPair, `${ouPath}.policies`, `OU ${id} lists no SCPs and is left out (AWS requires at least one SCP on every OU)`);
            }
            return;
          }
          const level: LevelPlan = { id, type: 'ou', policies };
          if (name !== undefined) level.name = name;
          levels.push(level);
        });
      }
    }

    const accountPolicies = pathList(parts.get('account'), `${topKey}.account`);
    if (accountPolicies !== undefined && accountPolicies.length > 0) levels.push({ id: 'account', type: 'account', policies: accountPolicies });
  }

  const readOne = async (reference: PolicyReference, kind: 'scp' | 'rcp'): Promise<{ policy?: Policy; findings: Finding[] }> => {
    const read = await readInputFile(reference.file, INPUT_LIMITS.policy);
    if (!read.ok) {
      const finding = makeFinding(
        'error',
        'ORG_CONFIG_POLICY_UNREADABLE',
        reference.node,
        reference.yamlPath,
        `${reference.yamlPath}: cannot read ${kind.toUpperCase()} file "${reference.file}": ${read.reason}`,
      );
      return { findings: [finding] };
    }
    return parsePolicyText(read.text, kind, reference.file);
  };
  const load = async (plan: LevelPlan[], kind: 'scp' | 'rcp'): Promise<OrganizationLevel[]> => {
    const read = await Promise.all(plan.map((level) => Promise.all(level.policies.map((reference) => readOne(reference, kind)))));
    return plan.map((level, index) => {
      const policies: Policy[] = [];
      for (const one of read[index] ?? []) {
        findings.push(...one.findings);
        if (one.policy !== undefined) policies.push(one.policy);
      }
      const out: OrganizationLevel = { id: level.id, type: level.type, policies };
      if (level.name !== undefined) out.name = level.name;
      return out;
    });
  };
  result.scpLevels = await load(plans.scp_hierarchy, 'scp');
  result.rcpLevels = await load(plans.rcp_hierarchy, 'rcp');
  // The config's own findings in line order, then those of the policy files in level order.
  const own = findings.filter((finding) => finding.location.file === file);
  own.sort((a, b) => (a.location.line ?? 0) - (b.location.line ?? 0) || (a.location.column ?? 0) - (b.location.column ?? 0));
  result.findings = [...own, ...findings.filter((finding) => finding.location.file !== file)];
  return result;
}

function offsetOf(node: Node | Pair | undefined): number | undefined {
  if (node === undefined) return undefined;
  if ('range' in node && node.range) return node.range[0];
  const pair = node as Pair;
  const key = pair.key as Node | null;
  if (key && key.range) return key.range[0];
  const value = pair.value as Node | null;
  return value && value.range ? value.range[0] : undefined;
}

function isEmptyScalar(node: Node | null): boolean {
  return node !== null && isScalar(node) && (node.value === null || node.value === undefined);
}

function scalarString(pair: Pair | undefined): string | undefined {
  const value = pair?.value as Node | null | undefined;
  if (value === undefined || value === null || !isScalar(value)) return undefined;
  const scalar = value as Scalar;
  if (typeof scalar.value === 'string' && scalar.value.trim() !== '') return scalar.value.trim();
  if (typeof scalar.value === 'number') return String(scalar.value);
  return undefined;
}

function describeNode(node: Node | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) {
    if (node.value === null || node.value === undefined) return 'nothing';
    // A short, redacted excerpt: a `.env` file given as the config must not be echoed.
    return typeof node.value === 'string' ? `the string ${quoteExcerpt(node.value)}` : `${typeof node.value} ${quoteExcerpt(String(node.value)).slice(1, -1)}`;
  }
  return 'an alias or other node';
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function join2(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}
