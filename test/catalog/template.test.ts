import { describe, expect, it } from 'vitest';
import { arnFitsFormat, compileArnFormat, compileTemplate, conditionKeyFitsTemplate } from '../../src/catalog/index.js';

describe('Actions, resources, and condition keys for AWS services: ARN formats', () => {
  const object = 'arn:${Partition}:s3:::${BucketName}/${ObjectName}';
  const bucket = 'arn:${Partition}:s3:::${BucketName}';

  it('placeholders take one or more characters; the last resource placeholder may hold slashes and colons', () => {
    expect(arnFitsFormat(object, 'arn:aws:s3:::bucket/key')).toBe(true);
    expect(arnFitsFormat(object, 'arn:aws:s3:::bucket/a/b/c')).toBe(true);
    expect(arnFitsFormat(object, 'arn:aws-cn:s3:::bucket/a:b')).toBe(true);
    expect(arnFitsFormat(object, 'arn:aws:s3:::bucket/')).toBe(false);
    expect(arnFitsFormat(object, 'arn:aws:s3:::/key')).toBe(false);
    expect(arnFitsFormat(object, 'arn:aws:s3:::bucket')).toBe(false);
    expect(arnFitsFormat(bucket, 'arn:aws:s3:::bucket')).toBe(true);
  });

  it('the first five parts are compared separately: an empty region or account must stay empty', () => {
    expect(arnFitsFormat(bucket, 'arn:aws:s3:us-east-1::bucket')).toBe(false);
    expect(arnFitsFormat(bucket, 'arn:aws:s3:::bucket:more')).toBe(true);
    expect(arnFitsFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', 'arn:aws:iam::123456789012:role/a/b')).toBe(true);
    expect(arnFitsFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', 'arn:aws:iam:::role/a')).toBe(false);
    expect(arnFitsFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', 'arn:aws:sts::1:role/a')).toBe(false);
  });

  it('ARNs are case-sensitive', () => {
    expect(arnFitsFormat('arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}', 'arn:aws:iam::1:Role/a')).toBe(false);
  });

  it('a literal * in a format takes any run, possibly empty (dms cert:*)', () => {
    const cert = 'arn:${Partition}:dms:${Region}:${Account}:cert:*';
    expect(arnFitsFormat(cert, 'arn:aws:dms:us-east-1:123456789012:cert:ABC')).toBe(true);
    expect(arnFitsFormat(cert, 'arn:aws:dms:us-east-1:123456789012:cert:')).toBe(true);
    expect(arnFitsFormat(cert, 'arn:aws:dms:us-east-1:123456789012:rep:ABC')).toBe(false);
  });

  it('regular-expression characters in formats are literal text', () => {
    expect(arnFitsFormat('arn:${Partition}:x:::a.b+(c)|[d]', 'arn:aws:x:::a.b+(c)|[d]')).toBe(true);
    expect(arnFitsFormat('arn:${Partition}:x:::a.b', 'arn:aws:x:::aXb')).toBe(false);
  });

  it('more literal text is more specific', () => {
    expect(compileArnFormat(object).specificity).toBeGreaterThan(compileArnFormat(bucket).specificity);
  });

  it('stays fast on adversarial input (no backtracking)', () => {
    const template = compileTemplate('${A}a${B}a${C}a${D}a${E}b');
    const text = 'a'.repeat(200_000);
    const start = performance.now();
    expect(template.matches(text)).toBe(false);
    expect(performance.now() - start).toBeLessThan(500);
  });
});

describe('Actions, resources, and condition keys for AWS services: condition keys with a variable part', () => {
  it('${TagKey} and <key> take one or more characters, case-insensitively', () => {
    expect(conditionKeyFitsTemplate('aws:ResourceTag/${TagKey}', 'AWS:resourcetag/Team')).toBe(true);
    expect(conditionKeyFitsTemplate('aws:ResourceTag/${TagKey}', 'aws:ResourceTag/')).toBe(false);
    expect(conditionKeyFitsTemplate('s3:ExistingObjectTag/<key>', 's3:ExistingObjectTag/classification')).toBe(true);
    expect(
      conditionKeyFitsTemplate(
        'codebuild:environment.environmentVariables/${name}.value',
        'codebuild:environment.environmentVariables/FOO.value',
      ),
    ).toBe(true);
    expect(
      conditionKeyFitsTemplate(
        'codebuild:environment.environmentVariables/${name}.value',
        'codebuild:environment.environmentVariables/.value',
      ),
    ).toBe(false);
  });

  it('adjacent and leading placeholders count their minimum length', () => {
    expect(compileTemplate('${A}${B}').matches('x')).toBe(false);
    expect(compileTemplate('${A}${B}').matches('xy')).toBe(true);
    expect(compileTemplate('${A}:x').matches(':x')).toBe(false);
    expect(compileTemplate('${A}:x').matches('a:x')).toBe(true);
    expect(compileTemplate('abc').matches('abc')).toBe(true);
    expect(compileTemplate('abc').matches('abcd')).toBe(false);
    expect(compileTemplate('').matches('')).toBe(true);
    expect(compileTemplate('a${X}a').matches('aa')).toBe(false);
    expect(compileTemplate('a${X}a').matches('aba')).toBe(true);
  });
});
