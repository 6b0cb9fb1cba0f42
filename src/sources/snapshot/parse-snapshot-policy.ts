/**
 * Parses one policy document of a snapshot, and points its findings at the
 * document's place in the snapshot file (`UserDetailList[3].UserPolicyList[0]
 * .PolicyDocument.Statement[1]`) instead of at a position inside the document.
 */
import type { Finding } from '../../language/findings.js';
import type { Policy, PolicyOrigin } from '../../language/policy.js';
import type { PolicyKind } from '../../language/policy-kind.js';
import { parsePolicy } from '../../language/parse/parse-policy.js';
import type { SnapshotPolicy } from './model.js';

export function parseSnapshotPolicy(
  document: unknown,
  kind: PolicyKind,
  id: string,
  origin: PolicyOrigin,
  file: string | undefined,
  documentPath: string,
): SnapshotPolicy {
  // Parsed on first use: a request touches a handful of an account's thousands of
  // documents, so loading a snapshot costs little more than reading its JSON.
  let parsed: { policy: Policy | undefined; findings: Finding[] } | undefined;
  const parse = (): { policy: Policy | undefined; findings: Finding[] } => {
    if (parsed !== undefined) return parsed;
    const options = file === undefined ? { id, origin } : { file, id, origin };
    const { policy, findings } = parsePolicy(document, kind, options);
    const relocated = findings.map((finding) => relocate(finding, file, documentPath));
    // The id and origin are iamwhy's names for the document: keep them whatever the parser derived.
    const named = policy === undefined || (policy.id === id && policy.origin === origin) ? policy : { ...policy, id, origin };
    parsed = { policy: named, findings: relocated };
    return parsed;
  };
  return {
    id,
    get policy() {
      return parse().policy;
    },
    get findings() {
      return parse().findings;
    },
  };
}

/**
 * Line and column would refer to the decoded document (often a URL-encoded
 * string), not to the snapshot file, so they are dropped; the JSON path says where.
 */
function relocate(finding: Finding, file: string | undefined, documentPath: string): Finding {
  const inner = finding.location.path;
  const path = inner === '' ? documentPath : inner.startsWith('[') ? `${documentPath}${inner}` : `${documentPath}.${inner}`;
  return { ...finding, location: file === undefined ? { path } : { file, path } };
}
