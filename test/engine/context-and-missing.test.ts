import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { parsePrincipal } from '../../src/engine/principal.js';
import { ALICE, BUCKET, DEV_SESSION, OBJECT, allow, deny, policy, principal } from './helpers.js';

const contextOf = (result: ReturnType<typeof evaluate>, key: string) => result.context.find((entry) => entry.key.toLowerCase() === key.toLowerCase());

describe('AWS global condition context keys — values AWS supplies are derived, given values win', () => {
  it('derives principal, resource, region, time and transport keys', () => {
    const result = evaluate(
      {
        principal: principal(DEV_SESSION, { uniqueId: 'AROAEXAMPLE', tags: { team: 'data' } }),
        action: 'ec2:RunInstances',
        resource: { arn: 'arn:aws:ec2:eu-west-1:111111111111:instance/*', tags: { env: 'prod' } },
        time: new Date('2026-01-02T03:04:05Z'),
        organization: { principalOrgId: 'o-acme', principalOrgPaths: ['o-acme/r-ab12/ou-ab12-11111111/'] },
      },
      { identity: [] },
    );
    expect(contextOf(result, 'aws:PrincipalArn')?.values).toEqual(['arn:aws:iam::111111111111:role/Dev']);
    expect(contextOf(result, 'aws:PrincipalAccount')?.values).toEqual(['111111111111']);
    expect(contextOf(result, 'aws:PrincipalType')?.values).toEqual(['AssumedRole']);
    expect(contextOf(result, 'aws:userid')?.values).toEqual(['AROAEXAMPLE:alice-session']);
    expect(contextOf(result, 'aws:PrincipalTag/team')?.values).toEqual(['data']);
    expect(contextOf(result, 'aws:ResourceTag/env')?.values).toEqual(['prod']);
    expect(contextOf(result, 'aws:ResourceAccount')?.values).toEqual(['111111111111']);
    expect(contextOf(result, 'aws:RequestedRegion')?.values).toEqual(['eu-west-1']);
    expect(contextOf(result, 'aws:CurrentTime')?.values).toEqual(['2026-01-02T03:04:05Z']);
    expect(contextOf(result, 'aws:EpochTime')?.values).toEqual(['1767323045']);
    expect(contextOf(result, 'aws:SecureTransport')?.values).toEqual(['true']);
    expect(contextOf(result, 'aws:PrincipalIsAWSService')?.values).toEqual(['false']);
    expect(contextOf(result, 'aws:PrincipalOrgID')?.values).toEqual(['o-acme']);
    expect(contextOf(result, 'aws:PrincipalOrgID')?.origin).toBe('derived');
    expect(contextOf(result, 'aws:username')).toBeUndefined();
  });

  it('explicit values always win over derived ones, whatever their case', () => {
    const result = evaluate(
      { principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT }, context: { 'AWS:SecureTransport': 'false', 'aws:requestedregion': 'us-west-2' } },
      { identity: [] },
    );
    const transport = contextOf(result, 'aws:SecureTransport');
    expect(transport?.values).toEqual(['false']);
    expect(transport?.origin).toBe('given');
    expect(result.context.filter((entry) => entry.key.toLowerCase() === 'aws:securetransport')).toHaveLength(1);
    expect(contextOf(result, 'aws:username')?.values).toEqual(['alice']);
  });

  it('derives aws:TagKeys from request tags, aws:SourceAccount from aws:SourceArn, aws:CalledViaFirst/Last from aws:CalledVia', () => {
    const result = evaluate(
      {
        principal: principal(ALICE),
        action: 'ec2:CreateTags',
        resource: { arn: '*' },
        context: {
          'aws:RequestTag/env': 'dev',
          'aws:RequestTag/team': 'data',
          'aws:SourceArn': 'arn:aws:sns:us-east-1:333333333333:topic',
          'aws:CalledVia': ['cloudformation.amazonaws.com', 'athena.amazonaws.com'],
        },
      },
      { identity: [] },
    );
    expect(contextOf(result, 'aws:TagKeys')?.values).toEqual(['env', 'team']);
    expect(contextOf(result, 'aws:SourceAccount')?.values).toEqual(['333333333333']);
    expect(contextOf(result, 'aws:CalledViaFirst')?.values).toEqual(['cloudformation.amazonaws.com']);
    expect(contextOf(result, 'aws:CalledViaLast')?.values).toEqual(['athena.amazonaws.com']);
  });

  it('service principals get aws:PrincipalIsAWSService and aws:PrincipalServiceName', () => {
    const result = evaluate({ principal: principal('lambda.amazonaws.com'), action: 'sqs:SendMessage', resource: { arn: 'arn:aws:sqs:us-east-1:111111111111:q' } }, { identity: [] });
    expect(contextOf(result, 'aws:PrincipalIsAWSService')?.values).toEqual(['true']);
    expect(contextOf(result, 'aws:PrincipalServiceName')?.values).toEqual(['lambda.amazonaws.com']);
    expect(contextOf(result, 'aws:PrincipalArn')).toBeUndefined();
  });
});

describe('Missing context — which absent keys mattered and whether they could change the decision', () => {
  const mfaOnly = policy('NeedMfa', 'identity', allow('s3:GetObject', `${BUCKET}/*`, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }));
  it('an Allow conditioned on an absent key is reported, and supplying it could allow', () => {
    const result = evaluate({ principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT } }, { identity: [mfaOnly] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.missingContext).toEqual([
      { key: 'aws:MultiFactorAuthPresent', statements: [{ layer: 'identity', policyId: 'NeedMfa', statementIndex: 0, sid: undefined }], couldChangeDecision: true, couldLeadTo: 'allowed' },
    ]);
    const statement = result.layers.find((layer) => layer.layer === 'identity')?.policies[0]?.statements[0];
    expect(statement?.conditions[0]?.keyMissing).toBe(true);
    expect(statement?.conditions[0]?.matched).toBe(false);
  });
  it('an absent key that cannot change the outcome is reported as such', () => {
    const denyAll = policy('DenyAll', 'identity', deny('*'));
    const result = evaluate({ principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT } }, { identity: [mfaOnly, denyAll] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.missingContext[0]?.couldChangeDecision).toBe(false);
  });
  it('a key that is present is not missing', () => {
    const result = evaluate({ principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT }, context: { 'aws:MultiFactorAuthPresent': 'true' } }, { identity: [mfaOnly] });
    expect(result.decision).toBe('allowed');
    expect(result.missingContext).toEqual([]);
  });
});

describe('Principals — every kind AWS knows', () => {
  it.each([
    ['arn:aws:iam::111111111111:user/alice', 'user', 'alice'],
    ['arn:aws:iam::111111111111:user/division/team/alice', 'user', 'alice'],
    ['arn:aws:iam::111111111111:role/Dev', 'role', 'Dev'],
    ['arn:aws:sts::111111111111:assumed-role/Dev/s1', 'assumed-role', 'Dev'],
    ['arn:aws:sts::111111111111:federated-user/carol', 'federated-user', 'carol'],
    ['arn:aws:iam::111111111111:root', 'root', undefined],
    ['111111111111', 'root', undefined],
    ['lambda.amazonaws.com', 'service', 'lambda.amazonaws.com'],
    ['anonymous', 'anonymous', undefined],
  ])('%s is a %s principal', (text, kind, name) => {
    const parsed = parsePrincipal(text);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.principal.kind).toBe(kind);
      expect(parsed.principal.name).toBe(name);
    }
  });
  it('recognises service-linked roles by their path', () => {
    const parsed = parsePrincipal('arn:aws:iam::111111111111:role/aws-service-role/elasticbeanstalk.amazonaws.com/AWSServiceRoleForElasticBeanstalk');
    expect(parsed.ok && parsed.principal.serviceLinked).toBe(true);
    const session = parsePrincipal('arn:aws:sts::111111111111:assumed-role/Dev/s1');
    expect(session.ok && session.principal.roleArn).toBe('arn:aws:iam::111111111111:role/Dev');
  });
  it('rejects what is not a principal, saying what was expected', () => {
    const parsed = parsePrincipal('arn:aws:s3:::bucket');
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toMatch(/no 12-digit account id/);
    const bad = parsePrincipal('alice');
    expect(bad.ok ? '' : bad.message).toMatch(/not a principal/);
  });
});

describe('AWS global condition context keys — aws:RequestedRegion for resources whose ARN has no region', () => {
  it('comes from the resource’s known region (an S3 bucket’s location)', () => {
    const result = evaluate({ principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT, region: 'eu-west-1' } }, { identity: [] });
    expect(contextOf(result, 'aws:RequestedRegion')?.values).toEqual(['eu-west-1']);
    expect(contextOf(result, 'aws:RequestedRegion')?.origin).toBe('derived');
  });
  it('stays unknown when neither the ARN nor the resource gives it', () => {
    const result = evaluate({ principal: principal(ALICE), action: 's3:GetObject', resource: { arn: OBJECT } }, { identity: [] });
    expect(contextOf(result, 'aws:RequestedRegion')).toBeUndefined();
  });
});

describe('IAM policy elements: Variables and tags — anonymous requests', () => {
  it('have aws:PrincipalType Anonymous, and no aws:userid or aws:PrincipalArn', () => {
    const result = evaluate({ principal: principal('anonymous'), action: 's3:GetObject', resource: { arn: OBJECT } }, { identity: [] });
    expect(contextOf(result, 'aws:PrincipalType')?.values).toEqual(['Anonymous']);
    expect(contextOf(result, 'aws:userid')).toBeUndefined();
    expect(contextOf(result, 'aws:PrincipalArn')).toBeUndefined();
  });
});
