/**
 * CloudTrail events → the denied requests they record ("CloudTrail record
 * contents for management, data, and network activity events", "CloudTrail
 * userIdentity element"): IAM users, assumed roles, federated users, Identity
 * Center, cross-account and VPC endpoint calls, a Records file with several
 * denials, lookup-events output, and the API names whose action differs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cloudTrailRecords, deniedRequestFromEvent, isDeniedEvent, type CloudTrailRecord } from '../../../src/sources/cloudtrail/index.js';
import type { DeniedRequest } from '../../../src/sources/denied-request.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

function records(name: string): CloudTrailRecord[] {
  const read = cloudTrailRecords(fixture(name));
  if (!read.ok) throw new Error(read.message);
  return read.records.map((entry) => entry.record);
}

const denied = (name: string, index = 0): DeniedRequest => deniedRequestFromEvent(records(name)[index] as CloudTrailRecord, `${name}#${index}`);

/** The parsed fields as the JSON `parsed` object names them. */
function parsed(request: DeniedRequest): Record<string, unknown> {
  const event = request.event;
  return {
    principal: request.principal ?? null,
    action: request.action ?? null,
    resource: request.resource ?? null,
    explicit: request.explicit ?? null,
    policy_type: request.policyType ?? null,
    policy_arn: request.policyArn ?? null,
    authorization_id: request.authorizationId ?? null,
    role: event?.role ?? null,
    region: event?.region ?? null,
    source_ip: event?.sourceIp ?? null,
    vpc_endpoint: event?.vpcEndpoint ?? null,
    mfa: event?.mfa ?? null,
    user_agent: event?.userAgent ?? null,
    time: event?.time ?? null,
    called_via: event?.calledVia ?? null,
  };
}

describe('"CloudTrail userIdentity element": who made the request', () => {
  it('an IAM user with long-term keys: its ARN; MFA keys are known to be absent', () => {
    const request = denied('iam-user.json');
    expect(parsed(request)).toEqual({
      principal: 'arn:aws:iam::111111111111:user/bob',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      explicit: true,
      policy_type: 'scp',
      policy_arn: null,
      authorization_id: null,
      role: null,
      region: 'ap-southeast-2',
      source_ip: '203.0.113.17',
      vpc_endpoint: null,
      mfa: null,
      user_agent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64.ubuntu.22 prompt/off command/ec2.run-instances',
      time: '2026-01-05T10:15:42Z',
      called_via: null,
    });
    expect(request.event?.errorCode).toBe('Client.UnauthorizedOperation');
    expect(request.encodedMessageTruncated).toBe(true);
    expect(request.contribution.context).toEqual({
      'aws:SourceIp': '203.0.113.17',
      'aws:RequestedRegion': 'ap-southeast-2',
      'aws:UserAgent': 'aws-cli/2.15.0 Python/3.11.6 Linux/6.5 exe/x86_64.ubuntu.22 prompt/off command/ec2.run-instances',
      'aws:userid': 'AIDAACMEPRODBOB000001',
    });
    // "AWS global condition context keys": aws:MultiFactorAuthPresent is absent for long-term access keys.
    expect(request.contribution.completeContextKeys).toEqual(['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge']);
    expect(request.time?.toISOString()).toBe('2026-01-05T10:15:42.000Z');
  });

  it('an assumed role: the session ARN is the principal, the role comes from sessionIssuer, MFA and the session start from its attributes', () => {
    const request = denied('cross-account.json');
    expect(parsed(request)).toMatchObject({
      principal: 'arn:aws:sts::222222222222:assumed-role/ml-training/training-job-42',
      role: 'arn:aws:iam::222222222222:role/ml-training',
      mfa: false,
    });
    expect(request.contribution.context).toMatchObject({
      'aws:MultiFactorAuthPresent': 'false',
      'aws:TokenIssueTime': '2026-01-05T09:00:00Z',
      'aws:userid': 'AROAACMEDEVMLTRAIN01:training-job-42',
    });
    expect(request.contribution.principal).toEqual({ roleArn: 'arn:aws:iam::222222222222:role/ml-training', path: '/' });
    expect(request.contribution.completeContextKeys).toBeUndefined();
  });

  it('a federated user: its federated-user ARN; the IAM user who federated is said, not taken as the role', () => {
    const request = denied('federated-user.json');
    expect(parsed(request)).toMatchObject({
      principal: 'arn:aws:sts::111111111111:federated-user/contractor',
      action: 's3:PutObject',
      resource: 'arn:aws:s3:::acme-artifacts/builds/app.zip',
      explicit: false,
      policy_type: 'session_policy',
      role: null,
    });
    expect(request.notes).toContainEqual(expect.stringContaining('created by arn:aws:iam::111111111111:user/bob (GetFederationToken)'));
  });

  it('an IAM Identity Center permission set: the AWSReservedSSO role with its path, and a note', () => {
    const request = denied('identity-center.json');
    expect(parsed(request)).toMatchObject({
      principal: 'arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/mary@example.com',
      action: 'lambda:ListFunctions',
      resource: '*',
      role: 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef',
      mfa: true,
      policy_type: 'identity',
    });
    expect(request.contribution.principal).toEqual({
      roleArn: 'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_ReadOnly_0123456789abcdef',
      path: '/aws-reserved/sso.amazonaws.com/eu-west-1/',
    });
    expect(request.notes).toContainEqual(expect.stringContaining('IAM Identity Center'));
  });

  it('web identity and SAML federation ("Values for AWS STS APIs with SAML and web identity federation"): the identity provider is the caller', () => {
    const web = denied('federation.json', 0);
    expect([web.principal, web.action, web.resource]).toEqual([
      'arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com',
      'sts:AssumeRoleWithWebIdentity',
      'arn:aws:iam::222222222222:role/ci-runner',
    ]);
    expect(web.notes).toContainEqual(expect.stringContaining('its token\'s claims (sub, aud, …) are not in the event'));
    const saml = denied('federation.json', 1);
    expect([saml.principal, saml.action, saml.resource]).toEqual(['arn:aws:iam::111111111111:saml-provider/Okta', 'sts:AssumeRoleWithSAML', 'arn:aws:iam::111111111111:role/DeployRole']);
    expect(saml.missing).toEqual([]);
  });

  it('a caller from another account recorded as AWSAccount: the principal is missing, with why and how to give it', () => {
    const request = denied('cross-account.json', 1);
    expect(request.principal).toBeUndefined();
    expect(request.missing).toEqual([
      { part: 'principal', why: expect.stringContaining('another account (222222222222)'), how: expect.stringContaining('-p ARN') },
    ]);
  });
});

describe('"CloudTrail record contents": the request', () => {
  it('cross-account: S3 says only "Access Denied"; the action comes from the event, the object from resources[], its owner from recipientAccountId', () => {
    const request = denied('cross-account.json');
    expect(parsed(request)).toMatchObject({ action: 's3:GetObject', resource: 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv', explicit: null, policy_type: null });
    expect(request.contribution.resource).toEqual({ account: '111111111111' });
    expect(request.notes).toContainEqual(expect.stringContaining('cross-account request: the caller is in 222222222222, the event was recorded in 111111111111'));
    expect(request.notes).toContainEqual(expect.stringContaining('also lists arn:aws:s3:::acme-reports'));
  });

  it('through a VPC endpoint: aws:SourceVpce, aws:VpceAccount, the address as aws:VpcSourceIp ("AWS global condition context keys": no aws:SourceIp then), and the note that other owners’ endpoint denials may not be logged', () => {
    const request = denied('vpc-endpoint.json');
    expect(parsed(request)).toMatchObject({ vpc_endpoint: 'vpce-0acme5e3a1b2c3d4e', source_ip: '10.0.12.34', policy_type: 'vpc_endpoint', explicit: false });
    expect(request.contribution.context).toMatchObject({ 'aws:SourceVpce': 'vpce-0acme5e3a1b2c3d4e', 'aws:VpceAccount': '111111111111', 'aws:VpcSourceIp': '10.0.12.34' });
    expect(request.contribution.context).not.toHaveProperty('aws:SourceIp');
    expect(request.contribution.completeContextKeys).toContain('aws:SourceIp');
    expect(request.notes).toContainEqual(expect.stringContaining('VPC endpoint'));
  });

  it('a call an AWS service made with the principal’s credentials: aws:CalledVia from invokedBy; the service name in sourceIPAddress is no address', () => {
    const request = denied('called-via.json');
    expect(parsed(request)).toMatchObject({ called_via: ['cloudformation.amazonaws.com'], source_ip: null });
    expect(request.contribution.context).toMatchObject({
      'aws:CalledVia': ['cloudformation.amazonaws.com'],
      'aws:SourceIdentity': 'bob',
      'aws:TokenIssueTime': '2026-01-05T15:55:00Z',
    });
    expect(request.contribution.context?.['aws:SourceIp']).toBeUndefined();
  });
});

describe('eventSource + eventName → the IAM action, saying which was assumed where the API name differs', () => {
  const mapping = records('event-name-mapping.json').map((record, index) => deniedRequestFromEvent(record, `#${index}`));
  it.each([
    ['S3 HeadObject is authorized as s3:GetObject', 0, 's3:GetObject', 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv'],
    ['S3 ListObjects is authorized as s3:ListBucket', 1, 's3:ListBucket', 'arn:aws:s3:::acme-reports'],
    ['Lambda ListFunctions20150331 is the versioned name of lambda:ListFunctions', 2, 'lambda:ListFunctions', undefined],
    ['Lambda Invoke is authorized as lambda:InvokeFunction', 3, 'lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:111111111111:function:acme-orders-api'],
    ['S3 GetBucketEncryption is authorized as s3:GetEncryptionConfiguration', 4, 's3:GetEncryptionConfiguration', 'arn:aws:s3:::acme-reports'],
  ] as const)('%s', (_name, index, action, resource) => {
    const request = mapping[index] as DeniedRequest;
    expect(request.action).toBe(action);
    expect(request.resource).toBe(resource);
    expect(request.assumptions).toContainEqual(expect.stringContaining(`iamwhy takes the action to be ${action}`));
  });

  it('CloudWatch’s eventSource monitoring.amazonaws.com is the cloudwatch prefix, and the same name needs no assumption', () => {
    const request = mapping[5] as DeniedRequest;
    expect(request.action).toBe('cloudwatch:GetMetricData');
    expect(request.assumptions).toEqual([]);
  });

  it('DynamoDB TransactWriteItems maps to one of several actions: the action is missing, with the candidates', () => {
    const request = mapping[6] as DeniedRequest;
    expect(request.action).toBeUndefined();
    expect(request.missing).toEqual([{ part: 'action', why: expect.stringContaining('dynamodb:PutItem, dynamodb:UpdateItem'), how: expect.stringContaining('-a') }]);
  });

  it('EC2’s terse message: the action from the event, a note that no policy type was named', () => {
    const request = mapping[7] as DeniedRequest;
    expect(request.action).toBe('ec2:DescribeInstances');
    expect(request.assumptions).toEqual([]);
    expect(request.policyType).toBeUndefined();
  });
});

describe('files of events', () => {
  it('a Records log file: only the denied events, in order (not a success, not a throttle)', () => {
    const all = cloudTrailRecords(fixture('records.json'));
    if (!all.ok) throw new Error(all.message);
    const deniedOnes = all.records.filter((entry) => isDeniedEvent(entry.record));
    expect(all.records).toHaveLength(6);
    expect(deniedOnes.map((entry) => [entry.index, entry.record.eventName])).toEqual([
      [2, 'CreateUser'],
      [4, 'AssumeRole'],
      [6, 'RunInstances'],
    ]);
    expect(deniedOnes.map((entry) => deniedRequestFromEvent(entry.record, '').action)).toEqual(['iam:CreateUser', 'sts:AssumeRole', 'ec2:RunInstances']);
  });

  it('lookup-events output: each CloudTrailEvent JSON string is read', () => {
    const read = cloudTrailRecords(fixture('lookup-events.json'));
    if (!read.ok) throw new Error(read.message);
    expect(read.records.map((entry) => [entry.record.eventName, isDeniedEvent(entry.record)])).toEqual([
      ['PutObject', true],
      ['GetObject', false],
    ]);
  });

  it('one event, or a list of events', () => {
    const one = cloudTrailRecords(fixture('iam-user.json'));
    const list = cloudTrailRecords(fixture('cross-account.json'));
    expect(one.ok && one.records.length).toBe(1);
    expect(list.ok && list.records.length).toBe(2);
  });

  it.each([
    ['a number', 42, 'is not a CloudTrail event'],
    ['an empty Records list', { Records: [] }, 'holds no events'],
    ['objects that are no events', [{ hello: 'world' }], 'holds no CloudTrail events'],
  ])('%s is refused with what was expected', (_name, value, message) => {
    const read = cloudTrailRecords(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain(message);
  });

  it('the denied error codes the issue lists, and no others', () => {
    for (const code of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'UnauthorizedAccess']) {
      expect(isDeniedEvent({ eventName: 'X', errorCode: code })).toBe(true);
    }
    for (const code of ['RequestLimitExceeded', 'NoSuchKey', 'ValidationException', undefined]) expect(isDeniedEvent({ eventName: 'X', errorCode: code })).toBe(false);
  });
});
