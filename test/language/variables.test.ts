import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchArnPattern } from '../../src/language/arn.js';
import { createContext } from '../../src/language/condition-keys.js';
import {
  matchResourcePattern,
  parseTemplate,
  substituteVariables,
  variableNames,
} from '../../src/language/variables.js';
import { contextOf } from './conditions/harness.js';

const V = '2012-10-17';

describe('IAM policy elements: Variables and tags — Using variables in policies (parsing)', () => {
  it('splits text and ${key}', () => {
    expect(parseTemplate('arn:aws:s3:::b/${aws:username}/*', V)).toEqual([
      { kind: 'text', text: 'arn:aws:s3:::b/' },
      { kind: 'variable', name: 'aws:username', defaultValue: undefined, written: '${aws:username}' },
      { kind: 'text', text: '/*' },
    ]);
  });
  it('reads the special variables ${*}, ${?}, ${$}', () => {
    expect(parseTemplate('${*}${?}${$}', V).map((part) => (part.kind === 'special' ? part.char : part.kind))).toEqual([
      '*',
      '?',
      '$',
    ]);
  });
  it("reads a default value: ${aws:PrincipalTag/team, 'company-wide'}", () => {
    expect(parseTemplate("b-${aws:PrincipalTag/team, 'company-wide'}", V)[1]).toEqual({
      kind: 'variable',
      name: 'aws:PrincipalTag/team',
      defaultValue: 'company-wide',
      written: "${aws:PrincipalTag/team, 'company-wide'}",
    });
  });
  it.each([
    ["${a,'d'}", 'd'],
    ["${a ,  'd' }", 'd'],
    ["${a, ''}", ''],
    ["${a, 'has } and , inside'}", 'has } and , inside'],
  ])('default spacing and content: %s', (text, defaultValue) => {
    const [part] = parseTemplate(text, V);
    expect(part).toMatchObject({ kind: 'variable', name: 'a', defaultValue });
  });
  it.each(['${', '${}', '${aws:username', "${a, 'unclosed}", '${a, unquoted}', "${a, 'x' y}", '${a{b}', '$aws:username', '{aws:username}'])(
    'text that is no well-formed variable stays literal: %j',
    (text) => {
      expect(parseTemplate(text, V).every((part) => part.kind === 'text')).toBe(true);
      expect(substituteVariables(text, contextOf({ 'aws:username': 'ana', a: 'x' }), V).value).toBe(text);
    },
  );
  it('a malformed prefix does not hide a later variable', () => {
    expect(variableNames('${a{b}-${aws:username}', V)).toEqual(['aws:username']);
  });
  it('"Variables were introduced in version 2012-10-17": other versions read ${…} literally', () => {
    expect(parseTemplate('${aws:username}', '2008-10-17')).toEqual([{ kind: 'text', text: '${aws:username}' }]);
    expect(parseTemplate('${aws:username}', undefined)).toEqual([{ kind: 'text', text: '${aws:username}' }]);
    expect(variableNames('${aws:username}', undefined)).toEqual([]);
  });
});

describe('IAM policy elements: Variables and tags — substitution', () => {
  const context = contextOf({ 'aws:username': 'ana', 'aws:PrincipalTag/team': 'yellow', 'aws:TagKeys': ['a'] });
  it('replaces a variable with the context value (key names are case-insensitive)', () => {
    expect(substituteVariables('home/${AWS:UserName}/', context, V)).toMatchObject({
      value: 'home/ana/',
      variables: [{ name: 'AWS:UserName', resolved: true, value: 'ana' }],
    });
  });
  it('the default value is used only when the key has no value', () => {
    expect(substituteVariables("${aws:PrincipalTag/team, 'company-wide'}", context, V).value).toBe('yellow');
    expect(substituteVariables("${aws:PrincipalTag/dept, 'company-wide'}", context, V)).toMatchObject({
      value: 'company-wide',
      variables: [{ name: 'aws:PrincipalTag/dept', resolved: true, value: 'company-wide', usedDefault: true }],
    });
  });
  it('a variable with no value and no default leaves no value, and says why', () => {
    expect(substituteVariables('x-${aws:PrincipalTag/dept}', context, V)).toEqual({
      value: undefined,
      pattern: undefined,
      variables: [{ name: 'aws:PrincipalTag/dept', resolved: false, unresolvedBecause: 'missing' }],
    });
  });
  it('"You can\'t use a multivalued condition key as a variable"', () => {
    expect(substituteVariables('${aws:TagKeys}', context, V).variables).toEqual([
      { name: 'aws:TagKeys', resolved: false, unresolvedBecause: 'multivalued' },
    ]);
    const several = createContext([{ key: 'k', values: ['a', 'b'] }]);
    expect(substituteVariables('${k}', several, V).value).toBeUndefined();
  });
  it('special variables yield literal characters', () => {
    expect(substituteVariables('a${*}b${?}c${$}', context, V).value).toBe('a*b?c$');
  });
  it('a substituted value is not searched for further variables', () => {
    const nested = contextOf({ 'aws:username': '${aws:PrincipalTag/team}', 'aws:PrincipalTag/team': 'yellow' });
    expect(substituteVariables('${aws:username}', nested, V).value).toBe('${aws:PrincipalTag/team}');
  });
  it('the pattern marks written wildcards and literal substituted text', () => {
    expect(substituteVariables('${*}*', context, V).pattern).toEqual([
      { kind: 'text', text: '*', written: false },
      { kind: 'any' },
    ]);
  });
});

describe('IAM policy elements: Variables and tags — Resource element', () => {
  const arnDepartment = 'arn:aws:s3:::amzn-s3-demo-bucket/${aws:PrincipalTag/department}';
  it('the bucket named after the department tag', () => {
    const context = contextOf({ 'aws:PrincipalTag/department': 'finance' });
    expect(matchResourcePattern(arnDepartment, 'arn:aws:s3:::amzn-s3-demo-bucket/finance', context, V)).toMatchObject({
      matched: true,
      resolvedPattern: 'arn:aws:s3:::amzn-s3-demo-bucket/finance',
      unresolvedVariables: [],
    });
    expect(matchResourcePattern(arnDepartment, 'arn:aws:s3:::amzn-s3-demo-bucket/hr', context, V).matched).toBe(false);
  });
  it('tag values joined with - and a * suffix (AllowAccessBasedOnArnMatching)', () => {
    const pattern =
      'arn:aws:sns:*:*:${aws:PrincipalTag/access-project}-${aws:PrincipalTag/access-application}-${aws:PrincipalTag/access-environment}-*';
    const context = contextOf({
      'aws:PrincipalTag/access-project': 'peg',
      'aws:PrincipalTag/access-application': 'billing',
      'aws:PrincipalTag/access-environment': 'prod',
    });
    expect(matchResourcePattern(pattern, 'arn:aws:sns:us-east-1:111122223333:peg-billing-prod-alerts', context, V).matched).toBe(true);
    expect(matchResourcePattern(pattern, 'arn:aws:sns:us-east-1:111122223333:peg-billing-dev-alerts', context, V).matched).toBe(false);
  });
  it("Specifying default values: ${aws:PrincipalTag/team, 'company-wide'} in a bucket name", () => {
    const pattern = "arn:aws:s3:::amzn-s3-demo-bucket-${aws:PrincipalTag/team, 'company-wide'}";
    expect(matchResourcePattern(pattern, 'arn:aws:s3:::amzn-s3-demo-bucket-yellow', contextOf({ 'aws:PrincipalTag/team': 'yellow' }), V).matched).toBe(true);
    expect(matchResourcePattern(pattern, 'arn:aws:s3:::amzn-s3-demo-bucket-company-wide', contextOf({}), V).matched).toBe(true);
    expect(matchResourcePattern(pattern, 'arn:aws:s3:::amzn-s3-demo-bucket-yellow', contextOf({}), V).matched).toBe(false);
  });
  it('Policy variables with no value: the resource "will not match any resource"', () => {
    const result = matchResourcePattern('arn:aws:s3:::b/${aws:username}*', 'arn:aws:s3:::b/anything', contextOf({}), V);
    expect(result).toEqual({
      matched: false,
      resolvedPattern: undefined,
      variables: [{ name: 'aws:username', resolved: false, unresolvedBecause: 'missing' }],
      unresolvedVariables: ['aws:username'],
    });
  });
  it('a substituted * or ? in a resource is literal (Special characters)', () => {
    const context = contextOf({ 'aws:username': '*' });
    expect(matchResourcePattern('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/ana', context, V).matched).toBe(false);
    expect(matchResourcePattern('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/*', context, V).matched).toBe(true);
    expect(matchResourcePattern('arn:aws:s3:::b/${?}', 'arn:aws:s3:::b/x', context, V).matched).toBe(false);
    expect(matchResourcePattern('arn:aws:s3:::b/${?}', 'arn:aws:s3:::b/?', context, V).matched).toBe(true);
  });
  it('colons in a substituted value stay in the component they land in', () => {
    const context = contextOf({ 'aws:PrincipalTag/stream': 'app:log-stream:s1' });
    expect(matchResourcePattern('arn:aws:logs:us-east-1:111122223333:log-group:${aws:PrincipalTag/stream}', 'arn:aws:logs:us-east-1:111122223333:log-group:app:log-stream:s1', context, V).matched).toBe(true);
  });
  it('without Version 2012-10-17 the variable is literal text in Resource', () => {
    const context = contextOf({ 'aws:username': 'ana' });
    expect(matchResourcePattern('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/ana', context, undefined).matched).toBe(false);
    expect(matchResourcePattern('arn:aws:s3:::b/${aws:username}', 'arn:aws:s3:::b/${aws:username}', context, undefined).matched).toBe(true);
  });
  it('with no variables it agrees with matchArnPattern (property test)', () => {
    const chars = fc.constantFrom('a', 'b', ':', '/', '*', '?');
    const text = fc.array(chars, { maxLength: 14 }).map((list) => list.join(''));
    const arnText = fc.array(fc.constantFrom('a', 'b', ':', '/'), { maxLength: 14 }).map((list) => list.join(''));
    fc.assert(
      fc.property(text, arnText, (pattern, arn) => {
        expect(matchResourcePattern(pattern, arn, contextOf({}), V).matched).toBe(matchArnPattern(pattern, arn));
      }),
      { numRuns: 3000 },
    );
  });
});
