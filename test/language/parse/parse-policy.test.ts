import { describe, expect, it } from 'vitest';
import { POLICY_FINDING_CODES } from '../../../src/language/parse/finding-codes.js';
import { parsePolicy } from '../../../src/language/parse/parse-policy.js';
import type { Policy } from '../../../src/language/policy.js';
import type { PolicyKind } from '../../../src/language/policy-kind.js';
import { policyText, urlEncode } from './helpers.js';

function parsedPolicy(document: unknown, kind: PolicyKind = 'identity'): Policy {
  const { policy, findings } = parsePolicy(document, kind);
  expect(findings).toEqual([]);
  if (policy === undefined) throw new Error('expected a policy');
  return policy;
}

describe('IAM JSON policy element reference: the parsed policy', () => {
  const bucketPolicy = `{
  "Version": "2012-10-17",
  "Id": "BucketPolicy",
  "Statement": [
    {
      "Sid": "DenyInsecure",
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:*",
      "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"],
      "Condition": {"Bool": {"aws:SecureTransport": false}}
    },
    {
      "Effect": "Allow",
      "Principal": {"AWS": ["111122223333", "arn:aws:iam::444455556666:role/Reader"], "Service": "logging.s3.amazonaws.com"},
      "NotAction": ["s3:Delete*"],
      "NotResource": "arn:aws:s3:::bucket/private/*",
      "Condition": {
        "NumericLessThanEquals": {"s3:max-keys": [10, 1.50]},
        "ForAnyValue:StringLikeIfExists": {"aws:PrincipalTag/team": ["ops", "dev*"]}
      }
    }
  ]
}`;

  it('normalises every string-or-list element to a list and keeps each element path', () => {
    expect(parsedPolicy(bucketPolicy, 'resource')).toEqual({
      id: 'BucketPolicy',
      kind: 'resource',
      version: '2012-10-17',
      documentId: 'BucketPolicy',
      origin: {},
      statements: [
        {
          index: 0,
          sid: 'DenyInsecure',
          effect: 'Deny',
          principal: {
            negated: false,
            wildcard: true,
            aws: [],
            service: [],
            federated: [],
            canonicalUser: [],
            path: 'Statement[0].Principal',
          },
          action: { negated: false, values: ['s3:*'], path: 'Statement[0].Action' },
          resource: {
            negated: false,
            values: ['arn:aws:s3:::bucket', 'arn:aws:s3:::bucket/*'],
            path: 'Statement[0].Resource',
          },
          conditions: [
            {
              operator: { name: 'Bool', setOperator: undefined, base: 'Bool', ifExists: false, known: true },
              key: 'aws:SecureTransport',
              values: ['false'],
              path: 'Statement[0].Condition.Bool.aws:SecureTransport',
            },
          ],
          path: 'Statement[0]',
        },
        {
          index: 1,
          sid: undefined,
          effect: 'Allow',
          principal: {
            negated: false,
            wildcard: false,
            aws: ['111122223333', 'arn:aws:iam::444455556666:role/Reader'],
            service: ['logging.s3.amazonaws.com'],
            federated: [],
            canonicalUser: [],
            path: 'Statement[1].Principal',
          },
          action: { negated: true, values: ['s3:Delete*'], path: 'Statement[1].NotAction' },
          resource: { negated: true, values: ['arn:aws:s3:::bucket/private/*'], path: 'Statement[1].NotResource' },
          conditions: [
            {
              operator: {
                name: 'NumericLessThanEquals',
                setOperator: undefined,
                base: 'NumericLessThanEquals',
                ifExists: false,
                known: true,
              },
              key: 's3:max-keys',
              values: ['10', '1.50'],
              path: 'Statement[1].Condition.NumericLessThanEquals.s3:max-keys',
            },
            {
              operator: {
                name: 'ForAnyValue:StringLikeIfExists',
                setOperator: 'ForAnyValue',
                base: 'StringLike',
                ifExists: true,
                known: true,
              },
              key: 'aws:PrincipalTag/team',
              values: ['ops', 'dev*'],
              path: 'Statement[1].Condition.ForAnyValue:StringLikeIfExists.aws:PrincipalTag/team',
            },
          ],
          path: 'Statement[1]',
        },
      ],
    });
  });

  it('reads the same policy from JSON text, URL-encoded text and an object (numbers as written in text, String() in objects)', () => {
    const fromText = parsedPolicy(bucketPolicy, 'resource');
    expect(parsedPolicy(urlEncode(bucketPolicy), 'resource')).toEqual(fromText);
    const fromObject = parsedPolicy(JSON.parse(bucketPolicy), 'resource');
    // JSON.parse turns 1.50 into 1.5: an object no longer knows how the number was written.
    expect(fromObject.statements[1]?.conditions[0]?.values).toEqual(['10', '1.5']);
    expect({ ...fromObject, statements: fromObject.statements.slice(0, 1) }).toEqual({
      ...fromText,
      statements: fromText.statements.slice(0, 1),
    });
  });

  it('accepts Statement as a single object, whose path is "Statement"', () => {
    const policy = parsedPolicy({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::bucket/*' },
    });
    expect(policy.statements).toHaveLength(1);
    expect(policy.statements[0]).toMatchObject({
      index: 0,
      path: 'Statement',
      action: { values: ['s3:GetObject'], path: 'Statement.Action' },
      resource: { values: ['arn:aws:s3:::bucket/*'], path: 'Statement.Resource' },
      principal: undefined,
      conditions: [],
    });
  });

  it('stringifies JSON booleans and numbers in condition values, as AWS reads them', () => {
    const policy = parsedPolicy(
      policyText(
        '{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": [true, "false"]}, "NumericGreaterThan": {"aws:MultiFactorAuthAge": 3600}}}',
      ),
    );
    expect(policy.statements[0]?.conditions.map((clause) => clause.values)).toEqual([['true', 'false'], ['3600']]);
  });

  it('keeps an unknown condition operator with known: false, so the engine can fail closed', () => {
    const { policy, findings } = parsePolicy(
      policyText('{"Effect": "Allow", "Action": "s3:*", "Resource": "*", "Condition": {"StringEqual": {"aws:SourceVpc": "vpc-1"}}}'),
      'identity',
    );
    expect(findings.map((finding) => finding.code)).toEqual(['CONDITION_OPERATOR_UNKNOWN']);
    expect(policy?.statements[0]?.conditions[0]?.operator).toEqual({
      name: 'StringEqual',
      setOperator: undefined,
      base: 'StringEqual',
      ifExists: false,
      known: false,
    });
  });

  it('reads a repeated key as JSON.parse does: the last value wins', () => {
    const { policy } = parsePolicy(
      policyText('{"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:GetObject", "Resource": "*"}'),
      'identity',
    );
    expect(policy?.statements[0]?.action?.values).toEqual(['s3:GetObject']);
  });

  it('names the policy by id, then file, then its Id element, and records where it came from', () => {
    const document = { Version: '2012-10-17', Id: 'Doc', Statement: [] };
    expect(parsePolicy(document, 'identity', { id: 'arn:aws:iam::111122223333:policy/P', file: 'p.json' }).policy).toMatchObject({
      id: 'arn:aws:iam::111122223333:policy/P',
      origin: { via: 'file', file: 'p.json' },
    });
    expect(parsePolicy(document, 'identity', { file: 'p.json' }).policy?.id).toBe('p.json');
    expect(parsePolicy(document, 'identity').policy).toMatchObject({ id: 'Doc', origin: {} });
    expect(parsePolicy({ Version: '2012-10-17', Statement: [] }, 'identity').policy?.id).toBe('<policy>');
    const origin = { via: 'group-inline', group: 'devs' };
    expect(parsePolicy(document, 'identity', { origin }).policy?.origin).toBe(origin);
  });

  it('takes the file for findings from the origin when no file is given', () => {
    const { findings } = parsePolicy('{"Statement": []}', 'identity', { origin: { via: 'file', file: 'from-origin.json' } });
    expect(findings[0]?.location.file).toBe('from-origin.json');
  });

  it('lists findings in document order', () => {
    const { findings } = parsePolicy(
      policyText(
        '{"Sid": "A-1", "Effect": "Allow", "Action": "s3GetObject", "Resource": "*"}',
        '{"Sid": "A-1", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "bucket"}',
      ),
      'identity',
    );
    expect(findings.map((finding) => [finding.code, finding.location.line, finding.location.column])).toEqual([
      ['SID_INVALID_CHARACTERS', 4, 6],
      ['ACTION_INVALID_FORMAT', 4, 39],
      ['SID_INVALID_CHARACTERS', 5, 6],
      ['SID_DUPLICATE', 5, 6],
      ['RESOURCE_INVALID_ARN', 5, 65],
    ]);
  });

  it('collects every problem instead of stopping at the first', () => {
    const { policy, findings } = parsePolicy(
      policyText('{"Action": "s3:*", "NotAction": "iam:*", "Resource": "*"}', '{"Effect": "Block", "Action": "s3:*"}'),
      'identity',
    );
    expect(policy).toBeUndefined();
    expect(findings.map((finding) => finding.code)).toEqual([
      'EFFECT_MISSING',
      'ACTION_AND_NOT_ACTION',
      'RESOURCE_MISSING',
      'EFFECT_INVALID',
    ]);
  });
});

describe('Policy types: documents each type accepts without findings', () => {
  it.each<[string, PolicyKind, unknown]>([
    [
      'RCP syntax: the AWS-managed RCPFullAWSAccess may Allow "*"',
      'rcp',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] },
    ],
    [
      'RCP syntax: a Deny with Principal "*" narrowed by conditions',
      'rcp',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*', 'sqs:*'],
            NotResource: 'arn:aws:s3:::public-*',
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
          },
        ],
      },
    ],
    [
      'SCP syntax (since September 2025): Allow with Condition, NotAction and NotResource',
      'scp',
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::audit/*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
          { Sid: 'Deny-IAM', Effect: 'Deny', Action: 'iam:*', Resource: 'arn:aws:iam::*:role/Admin' },
        ],
      },
    ],
    [
      'IAM JSON policy elements: Action: a trust policy for web identity with session tags and wildcards',
      'trust',
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
            Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession', 'sts:Set*'],
            Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } },
          },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:*' },
        ],
      },
    ],
    [
      'IAM JSON policy elements: Sid: other services allow more characters in a Sid',
      'resource',
      {
        Version: '2012-10-17',
        Statement: [{ Sid: 'Allow read-only access', Effect: 'Allow', Principal: { CanonicalUser: 'abc123' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
      },
    ],
    [
      'Control access to VPC endpoints using endpoint policies: a policy naming its principal',
      'vpc-endpoint',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'lambda:InvokeFunction', Resource: '*' }] },
    ],
    [
      'IAM JSON policy elements: Principal: a KMS key policy delegating to the account',
      'kms-key',
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }] },
    ],
    [
      'IAM JSON policy elements: Version: the legacy version 2008-10-17',
      'session',
      { Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::*' }] },
    ],
  ])('%s', (_name, kind, document) => {
    expect(parsePolicy(document, kind).findings).toEqual([]);
  });
});

describe('finding codes (one table of severity and fatality)', () => {
  it('makes every fatal code an error, and leaves only the unknown condition operator a non-fatal error', () => {
    const entries = Object.entries(POLICY_FINDING_CODES);
    expect(entries.filter(([, info]) => info.fatal && info.severity !== 'error')).toEqual([]);
    expect(entries.filter(([, info]) => !info.fatal && info.severity === 'error').map(([code]) => code)).toEqual([
      'CONDITION_OPERATOR_UNKNOWN',
    ]);
  });
});
