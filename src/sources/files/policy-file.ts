/**
 * Policy documents read from files (`--identity-policy x.json`, ...).
 */
import { basename } from 'node:path';
import type { Finding } from '../../language/findings.js';
import type { Policy } from '../../language/policy.js';
import type { PolicyKind } from '../../language/policy-kind.js';
import { parsePolicy } from '../../language/parse/parse-policy.js';
import { INPUT_LIMITS } from '../../input/limits.js';
import { readTextFile, STANDARD_INPUT } from './read-text.js';

export interface PolicyFileResult {
  /** Undefined when the file cannot be read or is not a policy at all. */
  policy?: Policy;
  /** Findings of the parser (and the read error), each naming the file. */
  findings: Finding[];
}

export interface PolicyFileOptions {
  /** Policy id in explanations; defaults to the file's base name (`deny-s3.json`). */
  id?: string;
}

/** How each kind is named in messages: `cannot read identity policy file "x.json"`. */
export const POLICY_KIND_LABEL: Readonly<Record<PolicyKind, string>> = {
  identity: 'identity policy',
  resource: 'resource policy',
  trust: 'trust policy',
  'kms-key': 'KMS key policy',
  'permissions-boundary': 'permissions boundary',
  session: 'session policy',
  scp: 'SCP',
  rcp: 'RCP',
  'vpc-endpoint': 'VPC endpoint policy',
};

/**
 * Read and parse a policy file. The policy's id is the file's base name and its
 * origin `{ via: 'file', file: path }`. The text goes to the parser as text, so
 * its findings carry line and column.
 */
export async function readPolicyFile(path: string, kind: PolicyKind, options: PolicyFileOptions = {}): Promise<PolicyFileResult> {
  const read = await readTextFile(path, POLICY_KIND_LABEL[kind], INPUT_LIMITS.policy);
  if (!read.ok) return { findings: [read.finding] };
  // Standard input is named as such in findings and explanations.
  return path === STANDARD_INPUT ? parsePolicyText(read.text, kind, '<stdin>', { id: 'stdin', ...options }) : parsePolicyText(read.text, kind, path, options);
}

/** Parse policy text as if read from `file`. */
export function parsePolicyText(text: string, kind: PolicyKind, file: string, options: PolicyFileOptions = {}): PolicyFileResult {
  const { policy, findings } = parsePolicy(text, kind, {
    file,
    id: options.id ?? basename(file),
    origin: { via: 'file', file },
  });
  const located = findings.map((finding) =>
    finding.location.file === undefined ? { ...finding, location: { ...finding.location, file } } : finding,
  );
  return policy === undefined ? { findings: located } : { policy, findings: located };
}
