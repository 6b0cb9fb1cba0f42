/**
 * Property-based tests of the policy language ("Grammar of the IAM JSON policy
 * language", "IAM JSON policy elements: Condition operators", "IAM
 * identifiers: ARNs"): whatever the input, the parser gives a policy or typed
 * findings, the condition evaluator a result, the ARN matcher a boolean —
 * never an exception — and all three are deterministic. A failure names
 * fast-check's seed; IAMWHY_PROPERTY_SEED replays it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchArnPattern, parseArn } from '../../src/language/arn.js';
import { BASE_OPERATORS } from '../../src/language/conditions/operator-names.js';
import type { Finding } from '../../src/language/findings.js';
import { parsePolicy, POLICY_FINDING_CODES } from '../../src/language/parse/index.js';
import { POLICY_KINDS } from '../../src/language/policy-kind.js';
import { matchWildcard } from '../../src/language/wildcard.js';
import { propertyRuns } from '../support/properties.js';
import { clauseOf, contextOf } from './conditions/harness.js';
import { evaluateConditionClause } from '../../src/language/conditions/evaluate.js';

const VALID = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:List*'], Resource: 'arn:aws:s3:::bucket/*', Condition: { StringEquals: { 'aws:PrincipalTag/team': ['data', '${aws:username}'] }, Bool: { 'aws:SecureTransport': 'true' } } },
    { Effect: 'Deny', NotAction: 'iam:*', NotResource: ['*'], Principal: { AWS: ['arn:aws:iam::111111111111:root'] } },
  ],
});

/** Insert, delete or replace characters of a valid document (JSON punctuation favoured). */
const mutated = fc
  .array(fc.record({ at: fc.nat(VALID.length), kind: fc.constantFrom('insert', 'delete', 'replace'), char: fc.constantFrom('{', '}', '[', ']', '"', ',', ':', '\\', ' ', 'x', '0', '\u0000', '\u009b', '\ud800') }), { minLength: 1, maxLength: 6 })
  .map((edits) =>
    edits.reduce((text, edit) => {
      const at = Math.min(edit.at, text.length);
      if (edit.kind === 'insert') return text.slice(0, at) + edit.char + text.slice(at);
      if (edit.kind === 'delete') return text.slice(0, at) + text.slice(at + 1);
      return text.slice(0, at) + edit.char + text.slice(at + 1);
    }, VALID),
  );
/** Policy-shaped objects with values of every JSON type in every place. */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const element = fc.oneof(jsonValue, fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constantFrom('*', 's3:GetObject', 'arn:aws:s3:::b/*', 'Allow', 'Deny'));
const statementLike = fc.dictionary(fc.constantFrom('Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition', 'Extra', 'action'), element, { maxKeys: 7 });
const policyLike = fc.record(
  { Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), jsonValue), Statement: fc.oneof(statementLike, fc.array(statementLike, { maxLength: 3 }), jsonValue), Id: jsonValue },
  { requiredKeys: [] },
);
const anyDocument = fc.oneof(mutated, mutated.map((text) => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')), fc.string({ maxLength: 200 }), policyLike, fc.anything({ maxDepth: 3 }), jsonValue);

const CODES = new Set(Object.keys(POLICY_FINDING_CODES));
function expectTypedFindings(findings: readonly Finding[]): void {
  for (const finding of findings) {
    expect(['error', 'warning']).toContain(finding.severity);
    expect(CODES.has(finding.code), finding.code).toBe(true);
    expect(typeof finding.message).toBe('string');
    expect(finding.message.length).toBeGreaterThan(0);
    expect(typeof finding.location.path).toBe('string');
  }
}

describe('the policy parser on random and mutated documents', () => {
  it('gives a policy or an error finding, never an exception; every finding is typed; the same input reads the same', () => {
    fc.assert(
      fc.property(anyDocument, fc.constantFrom(...POLICY_KINDS), (document, kind) => {
        const first = parsePolicy(document, kind, { id: 'p' });
        expectTypedFindings(first.findings);
        if (first.policy === undefined) expect(first.findings.some((finding) => finding.severity === 'error')).toBe(true);
        expect(parsePolicy(document, kind, { id: 'p' })).toEqual(first);
      }),
      propertyRuns(800),
    );
  });
});

const OPERATORS = [...BASE_OPERATORS, ...BASE_OPERATORS.map((name) => `${name}IfExists`), ...BASE_OPERATORS.map((name) => `ForAllValues:${name}`), ...BASE_OPERATORS.map((name) => `ForAnyValue:${name}`), 'Bogus', 'StringEquals:x'];
const VALUES = ['', 'a', 'A', 'a*', '?', '10', '1e3', '-0', 'true', 'FALSE', '10.0.0.0/8', '10.1.2.3', '::1', '2025-01-01T00:00:00Z', '1700000000', 'arn:aws:s3:::b/*', 'YWJj', '${aws:username}', '${*}', 'x\u0000'];
const KEYS = ['aws:username', 'aws:SourceIp', 'aws:CurrentTime', 'aws:PrincipalTag/team', 's3:prefix', 'aws:TagKeys', 'aws:MultiFactorAuthPresent'];
const contextTable = fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...VALUES), fc.array(fc.constantFrom(...VALUES), { maxLength: 3 })), { maxKeys: 4 });

describe('the condition evaluator on random clauses and contexts', () => {
  it('always answers, deterministically, with a boolean and a reason', () => {
    fc.assert(
      fc.property(fc.constantFrom(...OPERATORS), fc.constantFrom(...KEYS), fc.array(fc.oneof(fc.constantFrom(...VALUES), fc.string({ maxLength: 8 })), { maxLength: 4 }), contextTable, fc.constantFrom('2012-10-17', '2008-10-17', undefined), (operator, key, values, context, version) => {
        const result = evaluateConditionClause(clauseOf(operator, key, values), contextOf(context), version);
        expect(typeof result.matched).toBe('boolean');
        expect(typeof result.reason).toBe('string');
        expect(evaluateConditionClause(clauseOf(operator, key, values), contextOf(context), version)).toEqual(result);
      }),
      propertyRuns(1500),
    );
  });

  it('on a present single-valued key, StringNotEquals and StringNotLike are the exact opposites of StringEquals and StringLike', () => {
    fc.assert(
      fc.property(fc.constantFrom(['StringEquals', 'StringNotEquals'], ['StringLike', 'StringNotLike'], ['StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase']), fc.array(fc.constantFrom('a', 'A', 'a*', '?', 'b', ''), { minLength: 1, maxLength: 3 }), fc.constantFrom('a', 'A', 'ab', 'b', ''), ([positive, negative], values, value) => {
        const context = contextOf({ 's3:prefix': value });
        const yes = evaluateConditionClause(clauseOf(positive, 's3:prefix', values), context, '2012-10-17').matched;
        const no = evaluateConditionClause(clauseOf(negative, 's3:prefix', values), context, '2012-10-17').matched;
        expect(no).toBe(!yes);
      }),
      propertyRuns(1000),
    );
  });

  it('…IfExists on a missing key always holds', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BASE_OPERATORS.filter((name) => name !== 'Null')), fc.array(fc.constantFrom(...VALUES), { minLength: 1, maxLength: 3 }), (operator, values) => {
        expect(evaluateConditionClause(clauseOf(`${operator}IfExists`, 'aws:SourceIp', values), contextOf({}), '2012-10-17').matched).toBe(true);
      }),
      propertyRuns(500),
    );
  });
});

const arnPart = fc.array(fc.constantFrom('a', 'b', '-', '/', '*', '?', ':'), { maxLength: 6 }).map((chars) => chars.join(''));
const arnLike = fc.tuple(arnPart, arnPart, arnPart, arnPart, arnPart).map((parts) => `arn:${parts.join(':')}`);

describe('the ARN matcher on random patterns and ARNs', () => {
  it('answers for any two strings, and matches part by part exactly as the wildcard matcher does', () => {
    fc.assert(
      fc.property(fc.oneof(arnLike, fc.string({ maxLength: 30 })), fc.oneof(arnLike, fc.string({ maxLength: 30 })), (pattern, arn) => {
        const result = matchArnPattern(pattern, arn);
        expect(typeof result).toBe('boolean');
        const split = (text: string): string[] | undefined => {
          const parts = text.split(':');
          return parts.length < 6 ? undefined : [...parts.slice(0, 5), parts.slice(5).join(':')];
        };
        const patternParts = split(pattern);
        const arnParts = split(arn);
        const expected =
          pattern === '*' ? true : patternParts === undefined || arnParts === undefined ? matchWildcard(pattern, arn) : patternParts.every((part, index) => matchWildcard(part, arnParts[index] as string));
        expect(result).toBe(expected);
      }),
      propertyRuns(1500),
    );
  });

  it('an ARN without wildcards always matches itself, and parses back to the same parts', () => {
    const plain = fc.tuple(...Array.from({ length: 5 }, () => fc.array(fc.constantFrom('a', 'b', '0', '-', '/'), { maxLength: 6 }).map((chars) => chars.join('')))).map((parts) => `arn:${parts.join(':')}`);
    fc.assert(
      fc.property(plain, (arn) => {
        expect(matchArnPattern(arn, arn)).toBe(true);
        const parsed = parseArn(arn);
        if (parsed !== undefined) expect(`arn:${parsed.partition}:${parsed.service}:${parsed.region}:${parsed.account}:${parsed.resource}`).toBe(arn);
      }),
      propertyRuns(1000),
    );
  });
});
