import { describe, expect, it } from 'vitest';
import { evaluateConditionBlock } from '../../../src/language/conditions/evaluate.js';
import { conditionKeysOf } from '../../../src/language/conditions/index.js';
import type { Policy } from '../../../src/language/policy.js';
import { clauseOf, contextOf, type ContextTable } from './harness.js';

const DEPARTMENT = 'aws:PrincipalTag/department';
const ROLE = 'aws:PrincipalTag/role';
const PRINCIPAL = 'aws:PrincipalArn';
const ANA = 'arn:aws:iam::222222222222:user/Ana';
const MARY = 'arn:aws:iam::222222222222:user/Mary';
const NIKKI = 'arn:aws:iam::222222222222:user/Nikki';

const tagClauses = [
  clauseOf('StringEquals', DEPARTMENT, ['finance', 'hr', 'legal']),
  clauseOf('StringEquals', ROLE, ['audit', 'security']),
];

function evaluate(clauses: Parameters<typeof evaluateConditionBlock>[0], context: ContextTable) {
  return evaluateConditionBlock(clauses, contextOf(context), '2012-10-17');
}

describe('Conditions with multiple context keys or values — Evaluation logic for multiple context keys or values', () => {
  const block = [...tagClauses, clauseOf('ArnLike', PRINCIPAL, [ANA, MARY])];
  it.each([
    ['legal, audit, Mary: Match', { [DEPARTMENT]: 'legal', [ROLE]: 'audit', [PRINCIPAL]: MARY }, true],
    ['hr, audit, Nikki: No match', { [DEPARTMENT]: 'hr', [ROLE]: 'audit', [PRINCIPAL]: NIKKI }, false],
    ['hr, payroll, Mary: No match', { [DEPARTMENT]: 'hr', [ROLE]: 'payroll', [PRINCIPAL]: MARY }, false],
    ['no role tag: No match', { [DEPARTMENT]: 'hr', [PRINCIPAL]: MARY }, false],
    ['no principal tags: No match', { [PRINCIPAL]: MARY }, false],
  ] as const)('%s', (_name, context, expected) => {
    expect(evaluate(block, context).matched).toBe(expected);
  });
});

describe('Conditions with multiple context keys or values — Evaluation logic for negated matching condition operators', () => {
  const block = [...tagClauses, clauseOf('ArnNotLike', PRINCIPAL, [ANA, MARY])];
  it.each([
    ['legal, audit, Nikki: Match', { [DEPARTMENT]: 'legal', [ROLE]: 'audit', [PRINCIPAL]: NIKKI }, true],
    ['hr, audit, Mary: No match', { [DEPARTMENT]: 'hr', [ROLE]: 'audit', [PRINCIPAL]: MARY }, false],
    ['hr, payroll, Nikki: No match', { [DEPARTMENT]: 'hr', [ROLE]: 'payroll', [PRINCIPAL]: NIKKI }, false],
    ['no role tag: No match', { [DEPARTMENT]: 'hr', [PRINCIPAL]: NIKKI }, false],
    ['no principal tags: No match', { [PRINCIPAL]: NIKKI }, false],
  ] as const)('%s', (_name, context, expected) => {
    expect(evaluate(block, context).matched).toBe(expected);
  });
});

describe('Conditions with multiple context keys or values — the block keeps every clause for the trace', () => {
  it('evaluates all clauses even after one fails, in order, with their paths', () => {
    const result = evaluate([...tagClauses, clauseOf('ArnLike', PRINCIPAL, [ANA])], { [DEPARTMENT]: 'sales', [ROLE]: 'audit', [PRINCIPAL]: ANA });
    expect(result.matched).toBe(false);
    expect(result.conditions.map((condition) => [condition.key, condition.matched, condition.reason])).toEqual([
      [DEPARTMENT, false, 'no-value-matched'],
      [ROLE, true, 'matched'],
      [PRINCIPAL, true, 'matched'],
    ]);
    expect(result.conditions[0]?.path).toBe(`Statement[0].Condition.StringEquals.${DEPARTMENT}`);
  });
  it('an empty Condition block matches', () => {
    expect(evaluate([], {})).toEqual({ matched: true, conditions: [] });
  });
});

describe('IAM JSON policy elements: Condition — condition keys a policy uses', () => {
  it('conditionKeysOf lists each key once, case-insensitively, first spelling kept', () => {
    const statement = (index: number, keys: string[]): Policy['statements'][number] => ({
      index,
      sid: undefined,
      effect: 'Allow',
      action: undefined,
      resource: undefined,
      principal: undefined,
      conditions: keys.map((key) => clauseOf('StringEquals', key, ['x'])),
      path: `Statement[${index}]`,
    });
    const policy: Policy = {
      id: 'p',
      kind: 'identity',
      version: '2012-10-17',
      documentId: undefined,
      statements: [statement(0, ['aws:SourceVpc', 'aws:PrincipalTag/Team']), statement(1, ['AWS:SOURCEVPC', 's3:prefix'])],
      origin: {},
    };
    expect(conditionKeysOf(policy)).toEqual(['aws:SourceVpc', 'aws:PrincipalTag/Team', 's3:prefix']);
  });
});
