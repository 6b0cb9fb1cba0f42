import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../../src/sources/snapshot/load-snapshot.js';
import { fixtureJson } from './helpers.js';

const schemaPath = fileURLToPath(new URL('../../../schema/iamwhy-snapshot.schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validateSnapshot = ajv.compile(schema);
const validateGaad = ajv.getSchema(`${String(schema['$id'])}#/$defs/authorizationDetails`)!;

describe('schema/iamwhy-snapshot.schema.json', () => {
  it.each(['snapshot-prod.json', 'snapshot-sandbox.json'])('accepts the fixture %s', (name) => {
    const valid = validateSnapshot(fixtureJson(name));
    expect(validateSnapshot.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it.each(['gaad-cli.json', 'gaad-sdk.json', 'gaad-page-1.json', 'gaad-page-2.json'])('describes GAAD output (%s) in $defs/authorizationDetails', (name) => {
    expect(validateGaad(fixtureJson(name))).toBe(true);
  });

  it.each([
    ['a wrong version', { iamwhySnapshot: 2, accounts: [] }],
    ['a short account id', { iamwhySnapshot: 1, accounts: [{ accountId: '1234' }] }],
    ['a resource without ARN', { iamwhySnapshot: 1, accounts: [{ accountId: '111111111111', resources: [{ policy: '{}' }] }] }],
    ['a numeric policy', { iamwhySnapshot: 1, accounts: [{ accountId: '111111111111', resources: [{ arn: 'arn:aws:s3:::b', policy: 42 }] }] }],
    [
      'an unknown organization policy type',
      {
        iamwhySnapshot: 1,
        accounts: [],
        organization: { id: 'o-abcdefghij', managementAccountId: '999999999999', roots: [{ id: 'r-ab12' }], policies: [{ id: 'p-12345678', type: 'TAG_POLICY', content: '{}', targets: [] }] },
      },
    ],
    ['tags with a number', { iamwhySnapshot: 1, accounts: [{ accountId: '111111111111', resources: [{ arn: 'arn:aws:s3:::b', tags: { a: 1 } }] }] }],
  ])('rejects %s, as the loader does', (_what, document) => {
    expect(validateSnapshot(document)).toBe(false);
    expect(loadSnapshot(document).ok).toBe(false);
  });
});
