/**
 * The message corpus: every row parses to exactly the expected fields. Names
 * carry the AWS pages the forms come from.
 */
import { describe, expect, it } from 'vitest';
import { deniedRequestFromMessage, parseDenialMessage } from '../../../src/sources/error-text/index.js';
import { BASE_ROWS, copies, SUFFIX_ROWS, TEMPLATE_ROWS, VARIANT_ROWS, type Expected, type Row } from './corpus.js';

function read(text: string): Expected {
  const parsed = parseDenialMessage(text);
  if (!parsed.ok) throw new Error(`not parsed: ${text}`);
  const denied = deniedRequestFromMessage(parsed.message, 'the message');
  return {
    form: parsed.message.form,
    principal: denied.principal ?? null,
    action: denied.action ?? null,
    resource: denied.resource ?? null,
    explicit: denied.explicit ?? null,
    policyType: denied.policyType ?? null,
    trust: denied.trustPolicy,
    via: denied.viaPolicyType ?? null,
    policyArn: denied.policyArn ?? null,
    authorizationId: denied.authorizationId ?? null,
    encoded: denied.encodedMessage ?? null,
    truncated: denied.encodedMessageTruncated,
    blockPublicAccess: denied.blockPublicAccess ?? null,
    missing: denied.missing.map((entry) => entry.part),
  };
}

const check = (rows: readonly Row[]): void => {
  it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    expect(read(row.text)).toEqual(row.expected);
  });
};

const ALL_ROWS = [...TEMPLATE_ROWS, ...SUFFIX_ROWS, ...VARIANT_ROWS, ...copies(BASE_ROWS)];

describe('"Troubleshoot access denied error messages": the template of every policy type, explicit and implicit', () => check(TEMPLATE_ROWS));

describe('"Enhanced access denied error messages with policy ARNs" and "Troubleshoot access denied error messages with authorization ID": the suffixes', () =>
  check(SUFFIX_ROWS));

describe('AccessDenied messages as the CLI, SDKs, Terraform, EC2, S3 ("Troubleshoot access denied (403 Forbidden) errors in Amazon S3"), IAM and KMS print them', () =>
  check(VARIANT_ROWS));

describe('copies from terminals and logs read the same as the original: line-wrapped, word-wrapped, mail-quoted, in JSON, in quotes', () => check(copies(BASE_ROWS)));

describe('the corpus', () => {
  it('has at least 60 messages, covering every template row in both forms', () => {
    expect(ALL_ROWS.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(TEMPLATE_ROWS.map((row) => `${row.expected.policyType}/${row.expected.trust}/${row.expected.explicit}`));
    for (const layer of ['scp', 'rcp', 'vpc_endpoint', 'permissions_boundary', 'session_policy', 'resource', 'identity']) {
      expect(kinds.has(`${layer}/false/true`), `${layer} explicit`).toBe(true);
      expect(kinds.has(`${layer}/false/false`), `${layer} implicit`).toBe(true);
    }
    expect(kinds.has('resource/true/true') && kinds.has('resource/true/false')).toBe(true);
  });
});

describe('what a message lacks, and how to give it', () => {
  it('KMS "on this resource": the key is missing, and -r is how to give it', () => {
    const parsed = parseDenialMessage('User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: kms:Decrypt on this resource because no identity-based policy allows the kms:Decrypt action');
    if (!parsed.ok) throw new Error('not parsed');
    const missing = deniedRequestFromMessage(parsed.message, 'm').missing;
    expect(missing).toEqual([{ part: 'resource', why: expect.stringContaining('"on this resource"'), how: expect.stringContaining('-r arn:aws:kms:') }]);
  });

  it('a bare "Access Denied" lacks the principal, the action and the resource, each with its flag', () => {
    const parsed = parseDenialMessage('Access Denied');
    if (!parsed.ok) throw new Error('not parsed');
    const missing = deniedRequestFromMessage(parsed.message, 'm').missing;
    expect(missing.map((entry) => entry.part)).toEqual(['principal', 'action', 'resource']);
    expect(missing.map((entry) => entry.how)).toEqual([
      expect.stringMatching(/^give it with -p ARN /),
      expect.stringMatching(/^give it with -a SERVICE:ACTION, e\.g\. -a s3:GetObject$/),
      'give it with -r ARN',
    ]);
  });

  it('the CLI form names the operation: the hint says so', () => {
    const parsed = parseDenialMessage('An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied');
    if (!parsed.ok) throw new Error('not parsed');
    const action = deniedRequestFromMessage(parsed.message, 'm').missing.find((entry) => entry.part === 'action');
    expect(action?.why).toContain('ListBuckets');
    expect(parsed.message.sdk).toEqual({ errorCode: 'AccessDenied', operation: 'ListBuckets', service: undefined, requestId: undefined });
  });

  it('an IAM worded resource is taken to be in the principal’s account, and says so', () => {
    const parsed = parseDenialMessage('User: arn:aws:iam::123456789012:user/tester is not authorized to perform: iam:GetRole on resource: role voclabs because no identity-based policy allows the iam:GetRole action');
    if (!parsed.ok) throw new Error('not parsed');
    expect(deniedRequestFromMessage(parsed.message, 'm').assumptions).toEqual([expect.stringContaining('arn:aws:iam::123456789012:role/voclabs, in the principal\'s account')]);
  });

  it('the SDK operation becomes the action only as an assumption that says so', () => {
    const parsed = parseDenialMessage('operation error S3: HeadObject, https response error StatusCode: 403, RequestID: X, api error Forbidden: Forbidden');
    if (!parsed.ok) throw new Error('not parsed');
    const denied = deniedRequestFromMessage(parsed.message, 'm');
    expect(denied.action).toBe('s3:GetObject');
    expect(denied.assumptions).toEqual([expect.stringContaining('the HeadObject operation is authorized as s3:GetObject')]);
  });
});

describe('text that is no AccessDenied message', () => {
  it.each(['hello world', 'ThrottlingException: Rate exceeded', '{"not": "a message"}', 'User: alice logged in'])('"%s" is not parsed, with what was expected and an example', (text) => {
    const parsed = parseDenialMessage(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.expected).toContain('AccessDenied message');
    expect(parseDenialMessage(parsed.example).ok).toBe(true);
  });

  it('a token holding control characters is not taken as the principal', () => {
    const parsed = parseDenialMessage('User: arn:aws:iam::123456789012:user/\u001b[31mevil is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::b/k" because no identity-based policy allows the s3:GetObject action');
    if (!parsed.ok) throw new Error('not parsed');
    expect(parsed.message.principal).toBeUndefined();
    expect(parsed.message.rejected).toHaveLength(1);
    expect(parsed.message.action).toBe('s3:GetObject');
  });
});
