import { describe, expect, it } from 'vitest';
import { createContext, normalizeContextKey } from '../../src/language/condition-keys.js';
import { clauseOf, contextOf } from './conditions/harness.js';
import { evaluateConditionClause } from '../../src/language/conditions/evaluate.js';

describe('IAM JSON policy elements: Condition — "Context key names are not case-sensitive"', () => {
  it('aws:SourceIP is equivalent to AWS:SourceIp', () => {
    expect(normalizeContextKey('aws:SourceIP')).toBe(normalizeContextKey('AWS:SourceIp'));
  });
  it('a context given as AWS:SourceIp is found under aws:sourceip', () => {
    const context = createContext([{ key: 'AWS:SourceIp', values: ['203.0.113.1'] }]);
    expect(context.get('aws:sourceip')?.values).toEqual(['203.0.113.1']);
    expect(context.get('aws:SourceIP')?.key).toBe('AWS:SourceIp');
  });
});

describe('IAM JSON policy elements: Condition — "Key names are not case-sensitive": the tag-key part folds too', () => {
  it.each([
    ['aws:ResourceTag/TagKey1', 'aws:ResourceTag/tagkey1'],
    ['aws:PrincipalTag/Team', 'aws:principaltag/team'],
    ['aws:RequestTag/CostCenter', 'AWS:REQUESTTAG/COSTCENTER'],
    ['s3:ExistingObjectTag/Owner', 's3:existingobjecttag/owner'],
    ['ec2:ResourceTag/Env', 'EC2:resourcetag/env'],
    ['kms:EncryptionContext:Department', 'kms:encryptioncontext:department'],
  ])('%s and %s name the same key', (left, right) => {
    expect(normalizeContextKey(left)).toBe(normalizeContextKey(right));
  });
  it('"aws:ResourceTag/TagKey1": "Value1" matches a resource tag key named tagkey1 (AWS global condition context keys, aws:ResourceTag/tag-key)', () => {
    const evaluation = evaluateConditionClause(
      clauseOf('StringEquals', 'aws:ResourceTag/TagKey1', ['Value1']),
      contextOf({ 'aws:ResourceTag/tagkey1': 'Value1' }),
      '2012-10-17',
    );
    expect(evaluation.matched).toBe(true);
  });
  it('the tag *value* keeps its case under StringEquals (Controlling access to AWS resources using tags)', () => {
    const evaluation = evaluateConditionClause(
      clauseOf('StringEquals', 'aws:ResourceTag/TagKey1', ['Value1']),
      contextOf({ 'aws:ResourceTag/TagKey1': 'value1' }),
      '2012-10-17',
    );
    expect(evaluation.matched).toBe(false);
  });
  it('values are not folded by normalizeContextKey consumers: a tag key used as a value (aws:TagKeys) stays case-sensitive', () => {
    const evaluation = evaluateConditionClause(
      clauseOf('ForAnyValue:StringEquals', 'aws:TagKeys', ['environment']),
      contextOf({ 'aws:TagKeys': ['Environment'] }),
      '2012-10-17',
    );
    expect(evaluation.matched).toBe(false);
  });
});

describe('IAM JSON policy elements: Condition — The request context (createContext, a map-backed ContextView)', () => {
  it('the last entry for a key wins, also across spellings ("matches … either TagKey1 or tagkey1, but not both")', () => {
    const context = createContext([
      { key: 'aws:ResourceTag/Env', values: ['prod'] },
      { key: 'aws:resourcetag/env', values: ['test'] },
    ]);
    expect(context.get('AWS:RESOURCETAG/ENV')?.values).toEqual(['test']);
    expect([...context.entries()].map((entry) => entry.key)).toEqual(['aws:resourcetag/env']);
  });
  it('multivalued defaults to "more than one value"; origin defaults to given', () => {
    const context = createContext([
      { key: 'aws:TagKeys', values: ['a', 'b'] },
      { key: 'aws:CalledVia', values: ['athena.amazonaws.com'], multivalued: true, origin: 'derived' },
      { key: 'aws:username', values: ['ana'] },
    ]);
    expect(context.get('aws:TagKeys')).toEqual({ key: 'aws:TagKeys', values: ['a', 'b'], multivalued: true, origin: 'given' });
    expect(context.get('aws:CalledVia')?.multivalued).toBe(true);
    expect(context.get('aws:CalledVia')?.origin).toBe('derived');
    expect(context.get('aws:username')?.multivalued).toBe(false);
    expect(context.get('aws:missing')).toBeUndefined();
  });
  it('copies the values it is given', () => {
    const values = ['a'];
    const context = createContext([{ key: 'k', values }]);
    values.push('b');
    expect(context.get('k')?.values).toEqual(['a']);
  });
  it('enumerates entries in insertion order', () => {
    const context = createContext([
      { key: 'b', values: ['1'] },
      { key: 'a', values: ['2'] },
    ]);
    expect([...context.entries()].map((entry) => entry.key)).toEqual(['b', 'a']);
  });
});
