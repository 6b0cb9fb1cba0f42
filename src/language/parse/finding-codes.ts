/**
 * Every finding the policy reader can produce, in one table (one row per code).
 *
 * Severity follows one rule. A problem AWS would reject when a policy is saved,
 * but whose meaning is still unambiguous, is a **warning**: the policy is read
 * the way AWS would read it and evaluation goes on. Input whose meaning is
 * undefined is an **error**. `fatal` marks the errors that leave no policy to
 * evaluate (`parsePolicy` then returns `policy: undefined`); the one non-fatal
 * error is an unknown condition operator, which the parsed policy keeps with
 * `known: false` (such a condition never matches, see `ParsedOperator`).
 *
 * `page` names the AWS documentation page the rule comes from.
 */
import type { Finding, Severity, SourceLocation } from '../findings.js';

export interface FindingCodeInfo {
  severity: Severity;
  fatal: boolean;
  page: string;
}

const GRAMMAR = 'Grammar of the IAM JSON policy language';
const ELEMENTS = 'IAM JSON policy element reference';

export const POLICY_FINDING_CODES = {
  // The document as a whole.
  JSON_SYNTAX: { severity: 'error', fatal: true, page: GRAMMAR },
  DOCUMENT_URL_DECODING: { severity: 'error', fatal: true, page: 'GetAccountAuthorizationDetails (URL-encoded documents)' },
  DOCUMENT_NOT_JSON: { severity: 'error', fatal: true, page: GRAMMAR },
  DOCUMENT_NOT_OBJECT: { severity: 'error', fatal: true, page: GRAMMAR },
  POLICY_KIND_MISMATCH: { severity: 'error', fatal: true, page: 'Policies and permissions in IAM (policy types)' },
  DOCUMENT_TOO_LARGE: { severity: 'error', fatal: true, page: 'IAM and AWS STS quotas' },
  DUPLICATE_KEY: { severity: 'warning', fatal: false, page: GRAMMAR },
  DUPLICATE_KEY_CONFLICT: { severity: 'error', fatal: true, page: GRAMMAR },
  UNKNOWN_ELEMENT: { severity: 'warning', fatal: false, page: ELEMENTS },
  MISSPELLED_ELEMENT: { severity: 'error', fatal: true, page: ELEMENTS },
  VERSION_MISSING: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Version' },
  VERSION_INVALID: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Version' },
  ID_INVALID_TYPE: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Id' },
  STATEMENT_MISSING: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Statement' },
  STATEMENT_INVALID_TYPE: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Statement' },
  EMPTY_LIST: { severity: 'warning', fatal: false, page: GRAMMAR },

  // Statement elements.
  SID_INVALID_TYPE: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Sid' },
  SID_DUPLICATE: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Sid' },
  SID_INVALID_CHARACTERS: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Sid' },
  EFFECT_MISSING: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Effect' },
  EFFECT_INVALID: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Effect' },
  ACTION_MISSING: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Action' },
  ACTION_AND_NOT_ACTION: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: NotAction' },
  ACTION_INVALID_FORMAT: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Action' },
  RESOURCE_MISSING: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Resource' },
  RESOURCE_AND_NOT_RESOURCE: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: NotResource' },
  RESOURCE_INVALID_ARN: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Resource' },
  PRINCIPAL_MISSING: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Principal' },
  PRINCIPAL_AND_NOT_PRINCIPAL: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: NotPrincipal' },
  PRINCIPAL_NOT_ALLOWED: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Principal' },
  PRINCIPAL_INVALID: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Principal' },
  PRINCIPAL_IGNORED: { severity: 'warning', fatal: false, page: 'How can I resolve the error "Has prohibited field Principal" with my IAM policy? (AWS Knowledge Center)' },
  PRINCIPAL_DEFAULTED: { severity: 'warning', fatal: false, page: 'Control access to VPC endpoints using endpoint policies' },
  PRINCIPAL_BARE: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Principal' },
  NOT_PRINCIPAL_WITH_ALLOW: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: NotPrincipal' },
  NOT_PRINCIPAL_NOT_SUPPORTED: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: NotPrincipal' },
  ELEMENT_INVALID_TYPE: { severity: 'error', fatal: true, page: GRAMMAR },

  // Condition block.
  CONDITION_OPERATOR_UNKNOWN: { severity: 'error', fatal: false, page: 'IAM JSON policy elements: Condition operators' },
  CONDITION_VALUE_INVALID_TYPE: { severity: 'error', fatal: true, page: GRAMMAR },
  CONDITION_VALUE_INVALID: { severity: 'error', fatal: true, page: 'IAM JSON policy elements: Condition operators' },
  CONDITION_KEY_DUPLICATE_CASE: { severity: 'warning', fatal: false, page: 'IAM policy validation check reference' },

  // Rules of one policy type.
  TRUST_RESOURCE_NOT_ALLOWED: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Resource' },
  TRUST_ACTION_UNSUPPORTED: { severity: 'warning', fatal: false, page: 'IAM JSON policy elements: Action' },
  RCP_ALLOW: { severity: 'warning', fatal: false, page: 'RCP syntax' },
  RCP_NOT_ACTION: { severity: 'warning', fatal: false, page: 'RCP syntax' },
  RCP_ACTION_WILDCARD: { severity: 'warning', fatal: false, page: 'RCP syntax' },
  RCP_PRINCIPAL_NOT_WILDCARD: { severity: 'warning', fatal: false, page: 'RCP syntax' },
} as const satisfies Record<string, FindingCodeInfo>;

export type PolicyFindingCode = keyof typeof POLICY_FINDING_CODES;

export function isFatalCode(code: string): boolean {
  const info: FindingCodeInfo | undefined = (POLICY_FINDING_CODES as Record<string, FindingCodeInfo>)[code];
  return info?.fatal ?? false;
}

export interface FindingPlace {
  file: string | undefined;
  /** JSON path in AWS's element names; empty for the document itself. */
  path: string;
  position: { line: number; column: number } | undefined;
}

/** A finding for `code`, with the severity from the table. */
export function createFinding(code: PolicyFindingCode, message: string, place: FindingPlace, suggestion?: string): Finding {
  const location: SourceLocation = { path: place.path };
  if (place.file !== undefined) location.file = place.file;
  if (place.position !== undefined) {
    location.line = place.position.line;
    location.column = place.position.column;
  }
  const finding: Finding = { severity: POLICY_FINDING_CODES[code].severity, code, message, location };
  if (suggestion !== undefined) finding.suggestion = suggestion;
  return finding;
}
