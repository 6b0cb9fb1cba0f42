/**
 * The parsed form of an IAM policy document: what the engine evaluates.
 * Every string-or-array element is normalised to an array; every element keeps
 * its JSON path so traces and findings can point back at the source.
 * CAUTION: publicly exported.
 */
import type { PolicyKind } from './policy-kind.js';

export type Effect = 'Allow' | 'Deny';

/** Action/NotAction or Resource/NotResource. `negated` is true for the Not* form. */
export interface NameList {
  negated: boolean;
  values: string[];
  /** JSON path of the element, e.g. `Statement[0].NotAction`. */
  path: string;
}

/** Principal/NotPrincipal. `"*"` is `wildcard: true`; `{"AWS": "*"}` is `aws: ["*"]`. */
export interface PrincipalBlock {
  negated: boolean;
  wildcard: boolean;
  aws: string[];
  service: string[];
  federated: string[];
  canonicalUser: string[];
  path: string;
}

export type SetOperator = 'ForAllValues' | 'ForAnyValue';

/** A condition operator as written, split into its parts. `base` is e.g. `StringNotEquals`. */
export interface ParsedOperator {
  /** The operator exactly as written in the policy, e.g. `ForAnyValue:StringLikeIfExists`. */
  name: string;
  setOperator: SetOperator | undefined;
  /** The operator without set prefix or IfExists suffix, as AWS spells it (e.g. `StringEquals`), or as written when unknown. */
  base: string;
  ifExists: boolean;
  /** False when `base` is no operator AWS knows; such a condition never matches (fail closed) and is an error finding. */
  known: boolean;
}

/** One key of one operator in a Condition block: `"StringEquals": {"aws:SourceVpc": ["vpc-1"]}`. */
export interface ConditionClause {
  operator: ParsedOperator;
  /** Condition key as written; matched case-insensitively (see condition-keys). */
  key: string;
  /** Policy values, stringified as AWS reads them (JSON numbers and booleans become strings). */
  values: string[];
  /** JSON path, e.g. `Statement[0].Condition.StringEquals.aws:SourceVpc`. */
  path: string;
}

export interface Statement {
  /** 0-based position in the policy's Statement list. */
  index: number;
  sid: string | undefined;
  effect: Effect;
  action: NameList | undefined;
  resource: NameList | undefined;
  principal: PrincipalBlock | undefined;
  /** All clauses of the Condition block; they are AND'ed. */
  conditions: ConditionClause[];
  /** JSON path of the statement, e.g. `Statement[2]` (or `Statement` when it is a single object). */
  path: string;
}

/** Where a policy came from, for explanations ("inline policy of group devs", a file name, a snapshot). */
export interface PolicyOrigin {
  /** e.g. `inline`, `managed`, `group-inline`, `group-managed`, `file`, `snapshot`. */
  via?: string;
  /** Group name when the policy comes through a group. */
  group?: string;
  /** File it was read from. */
  file?: string;
  /** The policy's ARN when its id is a shorter name (SCPs and RCPs: `id` is the policy name). */
  arn?: string;
}

export interface Policy {
  /** A name or ARN that identifies the policy in explanations. */
  id: string;
  kind: PolicyKind;
  /** `2012-10-17`, `2008-10-17`, or undefined when absent (policy variables then are literal text). */
  version: string | undefined;
  /** The document's optional `Id` element. */
  documentId: string | undefined;
  statements: Statement[];
  origin: PolicyOrigin;
}
