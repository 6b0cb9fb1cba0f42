/** Shared builders for the parse tests. */

/** A policy with `"Version": "2012-10-17"` whose statement `i` is written on line `4 + i`, from column 5. */
export function policyText(...statements: string[]): string {
  return [
    '{',
    '  "Version": "2012-10-17",',
    '  "Statement": [',
    statements.map((statement) => `    ${statement}`).join(',\n'),
    '  ]',
    '}',
  ].join('\n');
}

/** The text starting at a 1-based line and column (to check that a location points at the right token). */
export function textAt(text: string, line: number, column: number): string {
  return (text.split(/\r\n|\r|\n/)[line - 1] ?? '').slice(column - 1);
}

/** Percent-encodes a document as IAM's API returns it (RFC 3986: everything but unreserved characters). */
export function urlEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
