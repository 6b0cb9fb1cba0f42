/**
 * The operator table (style practice 8): every base operator AWS defines
 * ("IAM JSON policy elements: Condition operators"), as a positive operator
 * plus a `negated` flag. The `Not…` forms are the negation of their positive
 * operator — "Negated matching" in each section's table — and are evaluated as
 * such in evaluate.ts, never with a body of their own. `ArnEquals`/`ArnLike` and
 * `ArnNotEquals`/`ArnNotLike` "behave identically", so they share one operator.
 * `Null` tests presence, not values, and has its own kind.
 * Typed as a `Record` over every base name, so a missing operator is a compile error.
 */
import type { BaseOperatorName } from './operator-names.js';
import { arnLike } from './arn.js';
import { binaryEquals } from './binary.js';
import { bool } from './bool.js';
import { dateEquals, dateGreaterThan, dateGreaterThanEquals, dateLessThan, dateLessThanEquals } from './date.js';
import { ipAddress } from './ip-address.js';
import {
  numericEquals,
  numericGreaterThan,
  numericGreaterThanEquals,
  numericLessThan,
  numericLessThanEquals,
} from './numeric.js';
import { stringEquals, stringEqualsIgnoreCase, stringLike } from './string.js';
import type { ValueOperator } from './types.js';

export type OperatorEntry =
  | { kind: 'value'; operator: ValueOperator; negated: boolean }
  /** `Null`: "true (the key doesn't exist — it is null) or false (the key exists and its value is not null)". */
  | { kind: 'presence' };

const positive = (operator: ValueOperator): OperatorEntry => ({ kind: 'value', operator, negated: false });
const negationOf = (operator: ValueOperator): OperatorEntry => ({ kind: 'value', operator, negated: true });

export const OPERATORS: Readonly<Record<BaseOperatorName, OperatorEntry>> = {
  StringEquals: positive(stringEquals),
  StringNotEquals: negationOf(stringEquals),
  StringEqualsIgnoreCase: positive(stringEqualsIgnoreCase),
  StringNotEqualsIgnoreCase: negationOf(stringEqualsIgnoreCase),
  StringLike: positive(stringLike),
  StringNotLike: negationOf(stringLike),
  NumericEquals: positive(numericEquals),
  NumericNotEquals: negationOf(numericEquals),
  NumericLessThan: positive(numericLessThan),
  NumericLessThanEquals: positive(numericLessThanEquals),
  NumericGreaterThan: positive(numericGreaterThan),
  NumericGreaterThanEquals: positive(numericGreaterThanEquals),
  DateEquals: positive(dateEquals),
  DateNotEquals: negationOf(dateEquals),
  DateLessThan: positive(dateLessThan),
  DateLessThanEquals: positive(dateLessThanEquals),
  DateGreaterThan: positive(dateGreaterThan),
  DateGreaterThanEquals: positive(dateGreaterThanEquals),
  Bool: positive(bool),
  BinaryEquals: positive(binaryEquals),
  IpAddress: positive(ipAddress),
  NotIpAddress: negationOf(ipAddress),
  ArnEquals: positive(arnLike),
  ArnLike: positive(arnLike),
  ArnNotEquals: negationOf(arnLike),
  ArnNotLike: negationOf(arnLike),
  Null: { kind: 'presence' },
};

/** The table entry for a base operator name as `parseOperatorName` spells it, or undefined when unknown. */
export function operatorEntry(base: string): OperatorEntry | undefined {
  return Object.hasOwn(OPERATORS, base) ? OPERATORS[base as BaseOperatorName] : undefined;
}
