import { describe, expect, it } from 'vitest';
import { REDACTED, redactSecrets, stripUrlCredentials } from '../../src/text/redact.js';

// AWS's documented example credentials ("Managing access keys for IAM users").
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

describe('stripUrlCredentials', () => {
  it('removes user and password from a URL', () => {
    expect(stripUrlCredentials('https://mirror-user:hunter2@mirror.example.com/reference/')).toBe('https://mirror.example.com/reference/');
    expect(stripUrlCredentials('http://a:b@c@127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080/x');
  });

  it('leaves URLs without credentials, and other text, as they are', () => {
    expect(stripUrlCredentials('https://servicereference.us-east-1.amazonaws.com/')).toBe('https://servicereference.us-east-1.amazonaws.com/');
    expect(stripUrlCredentials('alice@example.com')).toBe('alice@example.com');
  });
});

describe('redactSecrets', () => {
  it('hides secret access keys, in an assignment and alone', () => {
    expect(redactSecrets(`AWS_SECRET_ACCESS_KEY=${SECRET}`)).toBe(`AWS_SECRET_ACCESS_KEY=${REDACTED}`);
    expect(redactSecrets(`aws_secret_access_key = ${SECRET}`)).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(redactSecrets(`the key ${SECRET} leaked`)).toBe(`the key ${REDACTED} leaked`);
    expect(redactSecrets(`{"SecretAccessKey": "${SECRET}"}`)).toBe(`{"SecretAccessKey": "${REDACTED}"}`);
  });

  it('hides session tokens, signatures and credentials in presigned URLs and Authorization headers', () => {
    const token = `IQoJb3JpZ2luX2VjE${'A'.repeat(300)}`;
    expect(redactSecrets(`AWS_SESSION_TOKEN=${token}`)).not.toContain('IQoJb3JpZ2lu');
    expect(redactSecrets(`token ${token}`)).not.toContain('AAAAAAAAAA');
    const signature = 'fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024';
    const url = `https://bucket.s3.amazonaws.com/k?X-Amz-Credential=${KEY_ID}%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Security-Token=abc&X-Amz-Signature=${signature}`;
    const redacted = redactSecrets(url);
    expect(redacted).not.toContain(signature);
    expect(redacted).not.toContain('abc&');
    expect(redacted).not.toContain(KEY_ID);
    const header = `Authorization: AWS4-HMAC-SHA256 Credential=${KEY_ID}/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=${signature}`;
    expect(redactSecrets(header)).not.toMatch(new RegExp(`${signature}|${KEY_ID}`));
    expect(redactSecrets('Authorization: Bearer eyJhbGciOi.eyJzdWIi.sig')).not.toContain('eyJ');
  });

  it('hides passwords in URLs and assignments, and private keys', () => {
    expect(redactSecrets('fetch https://u:hunter2@mirror.example.com/ failed')).toBe('fetch https://mirror.example.com/ failed');
    expect(redactSecrets('password: hunter2')).toBe(`password: ${REDACTED}`);
    expect(redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----')).toBe(REDACTED);
  });

  it('keeps only the last four characters of an access key id', () => {
    expect(redactSecrets(`key ${KEY_ID}`)).toBe('key AKIA…MPLE');
  });

  it('leaves policy text, ARNs and messages alone', () => {
    const text = 'arn:aws:iam::111111111111:role/Deploy is not allowed to perform s3:GetObject on arn:aws:s3:::bucket/key (Sid AllowRead)';
    expect(redactSecrets(text)).toBe(text);
  });

  it('takes time linear in the text, even on long runs built to make regular expressions backtrack', () => {
    const started = performance.now();
    for (const text of ['a'.repeat(1_000_000), `${'A1/'.repeat(300_000)}`, 'token'.repeat(200_000), `http://${'@'.repeat(200_000)}`, `${'a'.repeat(99)}.`.repeat(10_000)]) {
      redactSecrets(text);
    }
    // Generous: the old-style patterns took minutes on these; linear ones take well under a second.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('redactSecrets leaves condition keys that merely contain a secret-sounding word', () => {
  it('keeps aws:TokenIssueTime=… and aws:SecureTransport: …', () => {
    expect(redactSecrets('aws:TokenIssueTime=2025-02-30')).toBe('aws:TokenIssueTime=2025-02-30');
    expect(redactSecrets('aws:SecureTransport: true')).toBe('aws:SecureTransport: true');
  });
});
