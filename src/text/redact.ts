/**
 * Keeping secrets out of what iamwhy prints: credentials in URLs, secret access
 * keys, session tokens, signatures, passwords, bearer tokens and private keys.
 * Used for every excerpt of unparseable input, every URL shown in a message,
 * and everything `--debug` prints (live mode routes its debug output here too).
 *
 * The patterns are deliberately broad (a value after `token=` or `Secret:` is
 * hidden whatever it is) and every one runs in time linear in the text: the
 * redactor itself must not be a way to hang iamwhy.
 */

/** What a hidden secret reads as. */
export const REDACTED = '[redacted]';

/** `https://user:password@host/path` → `https://host/path`; anything that is not a URL with credentials is returned as it is. */
export function stripUrlCredentials(url: string): string {
  return url.replace(URL_CREDENTIALS, '$1');
}

/** `scheme://` followed by user information up to the last `@` of the authority. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]{0,31}:\/\/)[^/\s?#@]*(?:@[^/\s?#@]*)*@/gi;

/** `aws_secret_access_key = …`, `"SessionToken": "…"`, `X-Amz-Signature=…`, `password: …`, `Credential=…`. */
const SECRET_ASSIGNMENT =
  /((?:client[_-]?)?secret(?:[_-]?access)?(?:[_-]?key)?|(?:session[_-]?|security[_-]?|access[_-]?|refresh[_-]?|id[_-]?|auth[_-]?|bearer[_-]?)?token|password|passwd|pwd|credentials?|signature|api[_-]?key|private[_-]?key|authorization)("?[ \t]{0,8}[:=][ \t]{0,8}"?)([^\s"'&,;]+)/gi;
/** `Authorization: Bearer …`, `Basic …`. */
const AUTH_SCHEME = /\b(Bearer|Basic)[ \t]+[A-Za-z0-9._~+/=-]+/g;
const PRIVATE_KEY = /-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)/g;
/** An access key id: not a secret by itself, but only its last four characters are needed to tell keys apart. */
const ACCESS_KEY_ID = /\b(AKIA|ASIA)[A-Z0-9]{12}([A-Z0-9]{4})\b/g;
/** A secret access key: exactly 40 characters of base 64, mixing lower case, upper case and a digit or `/`, `+`. */
const SECRET_ACCESS_KEY =
  /(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[a-z])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g;
/** Session tokens and other long base-64 blobs (hundreds of characters mixing cases and digits). */
const LONG_TOKEN =
  /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]{0,99}[0-9])(?=[A-Za-z0-9/+]{0,99}[a-z])(?=[A-Za-z0-9/+]{0,99}[A-Z])[A-Za-z0-9/+]{100,}={0,2}/g;
/** A SigV4 signature or similar 64-hex-digit value. */
const HEX_SIGNATURE = /\b[0-9a-f]{64}\b/g;

/** The text with every secret-looking value replaced by {@link REDACTED}. */
export function redactSecrets(text: string): string {
  return text
    .replace(PRIVATE_KEY, REDACTED)
    .replace(URL_CREDENTIALS, '$1')
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`)
    .replace(SECRET_ASSIGNMENT, (_match, key: string, separator: string) => `${key}${separator}${REDACTED}`)
    .replace(LONG_TOKEN, REDACTED)
    .replace(SECRET_ACCESS_KEY, REDACTED)
    .replace(HEX_SIGNATURE, REDACTED)
    .replace(ACCESS_KEY_ID, '$1…$2');
}
