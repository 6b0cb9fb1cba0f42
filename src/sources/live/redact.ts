/**
 * Everything live mode prints for `--debug` passes through here, so no access
 * key secret, session token or signature reaches the terminal. Live mode logs
 * only operation names, rounds and outcomes, never request headers or bodies;
 * this is the second line of defence for the messages AWS sends back.
 */
const REDACTED = '[redacted]';

const PATTERNS: readonly [RegExp, string][] = [
  // Assignments of secrets: aws_secret_access_key=…, "SessionToken": "…", X-Amz-Signature=…, Credential=…
  [/((?:secret|token|signature|credential|password|authorization)[\w.-]{0,40}"?\s{0,4}[:=]\s{0,4}"?)[^\s"'&,;]+/gi, `$1${REDACTED}`],
  // Long base-64 blobs (session tokens).
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{100,}={0,2}/g, REDACTED],
  // A 40-character secret access key.
  [/(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, REDACTED],
  // SigV4 signatures.
  [/\b[0-9a-f]{64}\b/g, REDACTED],
  // Access key ids: keep the last four characters, enough to tell keys apart.
  [/\b(AKIA|ASIA)[A-Z0-9]{12}([A-Z0-9]{4})\b/g, '$1…$2'],
];

/** The text with every credential-looking value hidden. */
export function redactDebug(text: string): string {
  let result = text;
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}
