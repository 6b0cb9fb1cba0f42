/**
 * Findings: problems found in policy documents and inputs, as data.
 * CAUTION: publicly exported — the CLI and library users both read these.
 */

export type Severity = 'error' | 'warning';

/** Where a finding points: a file (when known), a line/column (when the text was parsed), and always a JSON path. */
export interface SourceLocation {
  file?: string;
  /** 1-based line of the offending JSON value, when the document was parsed from text. */
  line?: number;
  /** 1-based column of the offending JSON value, when the document was parsed from text. */
  column?: number;
  /** JSON path in AWS's element names, e.g. `Statement[1].Condition.StringEquals`. Empty for the document itself. */
  path: string;
  /** The policy's id, when the finding concerns a parsed policy (so explanations can link it to its statement). */
  policyId?: string;
}

export interface Finding {
  severity: Severity;
  /** Stable machine-readable code, e.g. `ACTION_AND_NOT_ACTION`. */
  code: string;
  /** One plain sentence, without the location (see {@link formatFinding}). */
  message: string;
  location: SourceLocation;
  /** A near match or a hint ("did you mean `StringEquals`?"), when there is one. */
  suggestion?: string;
  /** The name the finding is about and its closest real names (`s3:GetObjet` → [`s3:GetObject`]), for unknown actions and keys. */
  name?: { written: string; closest: string[] };
}

/** `file:line:column: message` — the one-line form the CLI prints. */
export function formatFinding(finding: Finding): string {
  const { file, line, column, path } = finding.location;
  let where = file ?? '<policy>';
  if (line !== undefined) where += `:${line}`;
  if (line !== undefined && column !== undefined) where += `:${column}`;
  const pathNote = line === undefined && path ? ` at ${path}` : '';
  const hint = finding.suggestion ? ` (${finding.suggestion})` : '';
  return `${where}: ${finding.severity}${pathNote}: ${finding.message}${hint}`;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
