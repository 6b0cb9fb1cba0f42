/**
 * Policies as the AWS CLI prints them: the output of the read commands users
 * paste (`aws s3api get-bucket-policy`, `aws kms get-key-policy`, `aws iam
 * get-role`, `get-policy-version`, `get-role-policy`/`get-user-policy`, `aws sqs
 * get-queue-attributes`, `aws sns get-topic-attributes`, `aws lambda get-policy`,
 * `aws secretsmanager get-resource-policy`, `aws ecr get-repository-policy`, `aws
 * organizations describe-policy`). Each wraps the policy document in a member
 * whose name tells the command ("Telling the outputs apart": `Role.
 * AssumeRolePolicyDocument` is a trust policy, a lone `Policy` an S3 bucket
 * policy, `Policy.Content` + `Policy.PolicySummary` an SCP or RCP, …). The
 * document inside is an object (IAM, through the CLI), a JSON string (most
 * services), or a URL-encoded string (IAM through the SDKs).
 */
import type { PolicyKind } from '../policy-kind.js';
import { effectiveMembers, getMember, type JsonMember, type JsonNode, type JsonObjectNode } from './json-document.js';

export interface WrappedPolicy {
  /** The node holding the document: an object, or a string to parse again. */
  document: JsonNode;
  /** Where it sits, for messages: `Policy`, `Role.AssumeRolePolicyDocument`. */
  path: string;
  /** The command whose output this is, for messages. */
  command: string;
  /** The policy kind the shape tells, when it tells one. */
  kind?: PolicyKind;
}

const isDocument = (node: JsonNode | undefined): node is JsonNode => node?.kind === 'string' || node?.kind === 'object';

function member(node: JsonObjectNode, key: string): JsonMember | undefined {
  return getMember(node, key);
}

function objectAt(node: JsonObjectNode, key: string): JsonObjectNode | undefined {
  const found = member(node, key)?.value;
  return found?.kind === 'object' ? found : undefined;
}

/** The wrapped policy of a CLI output, or undefined when the object is not one (e.g. it is a policy itself). */
export function unwrapCliOutput(root: JsonNode): WrappedPolicy | undefined {
  if (root.kind !== 'object') return undefined;
  // A policy document itself has a Statement: nothing to unwrap.
  if (member(root, 'Statement') !== undefined) return undefined;
  const keys = new Set(effectiveMembers(root).map((entry) => entry.key));

  const role = objectAt(root, 'Role');
  const trust = role ? member(role, 'AssumeRolePolicyDocument')?.value : undefined;
  if (isDocument(trust)) return { document: trust, path: 'Role.AssumeRolePolicyDocument', command: 'aws iam get-role', kind: 'trust' };

  const version = objectAt(root, 'PolicyVersion');
  const versionDocument = version ? member(version, 'Document')?.value : undefined;
  if (isDocument(versionDocument)) return { document: versionDocument, path: 'PolicyVersion.Document', command: 'aws iam get-policy-version' };

  const inline = member(root, 'PolicyDocument')?.value;
  if (isDocument(inline) && (keys.has('RoleName') || keys.has('UserName') || keys.has('GroupName') || keys.has('PolicyName'))) {
    const owner = keys.has('RoleName') ? 'role' : keys.has('UserName') ? 'user' : 'group';
    return { document: inline, path: 'PolicyDocument', command: `aws iam get-${owner}-policy` };
  }

  const organizations = objectAt(root, 'Policy');
  if (organizations) {
    const content = member(organizations, 'Content')?.value;
    const summary = objectAt(organizations, 'PolicySummary');
    if (isDocument(content) && summary) {
      const type = member(summary, 'Type')?.value;
      const kind = type?.kind === 'string' ? ORGANIZATIONS_KINDS[type.value] : undefined;
      return { document: content, path: 'Policy.Content', command: 'aws organizations describe-policy', ...(kind ? { kind } : {}) };
    }
  }

  const attributes = objectAt(root, 'Attributes');
  const attributePolicy = attributes ? member(attributes, 'Policy')?.value : undefined;
  if (isDocument(attributePolicy)) {
    const sns = attributes !== undefined && member(attributes, 'TopicArn') !== undefined;
    return { document: attributePolicy, path: 'Attributes.Policy', command: sns ? 'aws sns get-topic-attributes' : 'aws sqs get-queue-attributes' };
  }

  const secret = member(root, 'ResourcePolicy')?.value;
  if (isDocument(secret)) return { document: secret, path: 'ResourcePolicy', command: 'aws secretsmanager get-resource-policy' };

  const repository = member(root, 'policyText')?.value;
  if (isDocument(repository)) return { document: repository, path: 'policyText', command: 'aws ecr get-repository-policy' };

  const policy = member(root, 'Policy')?.value;
  if (policy?.kind === 'string') {
    const command = keys.has('PolicyName') ? 'aws kms get-key-policy' : keys.has('RevisionId') ? 'aws lambda get-policy' : 'aws s3api get-bucket-policy';
    return { document: policy, path: 'Policy', command };
  }
  return undefined;
}

const ORGANIZATIONS_KINDS: Readonly<Record<string, PolicyKind>> = {
  SERVICE_CONTROL_POLICY: 'scp',
  RESOURCE_CONTROL_POLICY: 'rcp',
};
