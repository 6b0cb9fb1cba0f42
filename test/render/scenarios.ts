/** The cases every renderer test runs: one of each kind of outcome. */
import type { EvaluationResult } from '../../src/engine/result.js';
import { ALICE, OBJECT, appliedLayer, level, policy, result, statement } from './factories.js';

const request = { action: 's3:GetObject', resource: OBJECT };

export function allowed(): EvaluationResult {
  const read = statement({ layer: 'identity', policyId: 'AllowS3Read', sid: 'ReadData', effect: 'Allow', action: ['s3:GetObject'], resource: ['arn:aws:s3:::my-bucket/*'], request });
  return result({ reason: 'allowed-by-identity', layers: { identity: appliedLayer('identity', [policy('AllowS3Read', 'identity', 'identity', [read])]) } });
}

export function explicitDenyWithCondition(resource = OBJECT, denyPolicyId = 'DenyOutsideVpc'): EvaluationResult {
  const requestHere = { action: 's3:GetObject', resource };
  const allow = statement({ layer: 'identity', policyId: 'AmazonS3FullAccess', sid: 'FullAccess', effect: 'Allow', action: ['s3:*'], resource: ['*'], request: requestHere });
  const deny = statement({
    layer: 'identity',
    policyId: denyPolicyId,
    index: 1,
    sid: 'DenyOutsideVpc',
    effect: 'Deny',
    action: ['s3:*'],
    resource: ['*'],
    conditions: [
      { operator: 'StringEquals', key: 'aws:RequestedRegion', values: ['us-east-1'], context: ['us-east-1'], matched: true, reason: 'matched', matchedPolicyValue: 'us-east-1' },
      { operator: 'StringNotEquals', key: 'aws:SourceVpc', values: ['vpc-123'], context: ['vpc-999'], matched: true, reason: 'negated-no-value-matched' },
    ],
    request: requestHere,
  });
  const identity = appliedLayer('identity', [policy('AmazonS3FullAccess', 'identity', 'identity', [allow]), policy(denyPolicyId, 'identity', 'identity', [deny], 'inline')]);
  return result({ reason: 'explicit-deny', resource, layers: { identity } });
}

export function implicitDenyNearMiss(): EvaluationResult {
  const other = statement({
    layer: 'identity',
    policyId: 'ReadOtherBucket',
    sid: 'ReadOther',
    effect: 'Allow',
    action: ['s3:GetObject', 's3:ListBucket'],
    resource: ['arn:aws:s3:::other-bucket/*'],
    resourceMatched: false,
    request,
  });
  return result({ reason: 'no-allow', layers: { identity: appliedLayer('identity', [policy('ReadOtherBucket', 'identity', 'identity', [other])]) } });
}

export function scpBlock(): EvaluationResult {
  const read = statement({ layer: 'identity', policyId: 'AllowS3Read', sid: 'ReadData', effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], request });
  const full = statement({ layer: 'scp', policyId: 'FullAWSAccess', effect: 'Allow', action: ['*'], resource: ['*'], request });
  const ec2Only = statement({ layer: 'scp', policyId: 'SandboxEc2Only', sid: 'Ec2Only', effect: 'Allow', action: ['ec2:*'], resource: ['*'], actionMatched: false, request });
  const levels = [
    level('r-abcd', 'Root', 'root', [policy('FullAWSAccess', 'scp', 'scp', [full])]),
    level('ou-abcd-sandbox', 'Sandbox', 'ou', [policy('SandboxEc2Only', 'scp', 'scp', [ec2Only])]),
    level('123456789012', 'dev', 'account', [policy('FullAWSAccess', 'scp', 'scp', [full])]),
  ];
  return result({
    reason: 'gate-denies',
    layers: {
      scp: appliedLayer('scp', [], { levels }),
      identity: appliedLayer('identity', [policy('AllowS3Read', 'identity', 'identity', [read])]),
    },
  });
}

export function missingContext(): EvaluationResult {
  const vpcOnly = statement({
    layer: 'identity',
    policyId: 'ReadFromVpc',
    sid: 'ReadFromVpc',
    effect: 'Allow',
    action: ['s3:GetObject'],
    resource: ['arn:aws:s3:::my-bucket/*'],
    conditions: [{ operator: 'StringEquals', key: 'aws:SourceVpc', values: ['vpc-123'], matched: false, reason: 'key-missing' }],
    request,
  });
  return result({
    reason: 'no-allow',
    layers: { identity: appliedLayer('identity', [policy('ReadFromVpc', 'identity', 'identity', [vpcOnly])]) },
    missingContext: [{ key: 'aws:SourceVpc', statements: [vpcOnly.ref], couldChangeDecision: true }],
  });
}

export function bucketPolicyDeny(): EvaluationResult {
  const allow = statement({ layer: 'identity', policyId: 'AllowS3Read', sid: 'ReadData', effect: 'Allow', action: ['s3:GetObject'], resource: ['*'], request });
  const deny = statement({
    layer: 'resource',
    policyId: 'my-bucket',
    sid: 'DenyInsecureTransport',
    effect: 'Deny',
    principal: { wildcard: true },
    action: ['s3:*'],
    resource: ['arn:aws:s3:::my-bucket', 'arn:aws:s3:::my-bucket/*'],
    conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', values: ['false'], context: ['false'], matched: true, reason: 'matched', matchedPolicyValue: 'false' }],
    request: { ...request, principal: ALICE },
  });
  return result({
    reason: 'explicit-deny',
    layers: {
      resource: appliedLayer('resource', [policy('my-bucket', 'resource', 'resource', [deny], 'bucket policy')]),
      identity: appliedLayer('identity', [policy('AllowS3Read', 'identity', 'identity', [allow])]),
    },
  });
}

/** A resource ARN of 300 characters, as deep S3 keys produce. */
export const LONG_ARN = `arn:aws:s3:::my-bucket/${'deeply/nested/path-segment/'.repeat(10)}${'x'.repeat(300 - 23 - 270 - 4)}.csv`;
export const LONG_POLICY_ID = 'arn:aws:iam::123456789012:policy/org/security/baseline/DenyEverythingOutsideTheCorporateVpcUnlessBreakGlass';
