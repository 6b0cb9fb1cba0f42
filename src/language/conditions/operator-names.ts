/**
 * Names of AWS's condition operators ("IAM JSON policy elements: Condition operators")
 * and the parser that splits `ForAnyValue:StringLikeIfExists` into its parts.
 */
import type { ParsedOperator, SetOperator } from '../policy.js';

export const BASE_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
  'NumericEquals',
  'NumericNotEquals',
  'NumericLessThan',
  'NumericLessThanEquals',
  'NumericGreaterThan',
  'NumericGreaterThanEquals',
  'DateEquals',
  'DateNotEquals',
  'DateLessThan',
  'DateLessThanEquals',
  'DateGreaterThan',
  'DateGreaterThanEquals',
  'Bool',
  'BinaryEquals',
  'IpAddress',
  'NotIpAddress',
  'ArnEquals',
  'ArnLike',
  'ArnNotEquals',
  'ArnNotLike',
  'Null',
] as const;

export type BaseOperatorName = (typeof BASE_OPERATORS)[number];

const BASE_BY_LOWER = new Map<string, BaseOperatorName>(BASE_OPERATORS.map((name) => [name.toLowerCase(), name]));

/**
 * Split an operator name. Operator names are matched case-insensitively, as AWS's
 * policy engine accepts them; the canonical spelling is kept in `base`.
 * `Null` takes no `IfExists` suffix (AWS rejects `NullIfExists`): it is reported unknown.
 */
export function parseOperatorName(name: string): ParsedOperator {
  let rest = name;
  let setOperator: SetOperator | undefined;
  const colon = rest.indexOf(':');
  if (colon !== -1) {
    const prefix = rest.slice(0, colon).toLowerCase();
    if (prefix === 'forallvalues') setOperator = 'ForAllValues';
    else if (prefix === 'foranyvalue') setOperator = 'ForAnyValue';
    else return { name, setOperator: undefined, base: name, ifExists: false, known: false };
    rest = rest.slice(colon + 1);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = BASE_BY_LOWER.get(rest.toLowerCase());
  if (base === undefined || (base === 'Null' && ifExists)) {
    return { name, setOperator, base: rest, ifExists, known: false };
  }
  return { name, setOperator, base, ifExists, known: true };
}
