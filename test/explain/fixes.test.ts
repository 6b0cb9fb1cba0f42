/**
 * "How to fix" for a person: what the request must look like (in words for the
 * common condition keys), who can change what, whether the fixes are
 * alternatives or all needed, policy mistakes linked to the verdict, and
 * proposed statements that are least-privilege and never aimed at a reserved role.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import { explain } from '../../src/explain/explanation.js';
import type { Finding } from '../../src/language/findings.js';
import { ALICE, BOB_OTHER_ACCOUNT, BUCKET, OBJECT, allow, deny, level, policy, req } from '../engine/helpers.js';

const run = (request: Request, set: PolicySet, findings: Finding[] = []) => explain(evaluate(request, set), { findings });
const withCondition = (operator: string, key: string, values: string | string[]) =>
  policy('Conditional', 'identity', allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'OnlyWhen', Condition: { [operator]: { [key]: values } } }));
const denyUnless = (operator: string, key: string, values: string | string[]) =>
  policy('Guard', 'identity', [allow('s3:*'), deny('s3:*', '*', { Sid: 'Guard', Condition: { [operator]: { [key]: values } } })]);

describe('"How to fix": what the request must look like, in words for the common keys', () => {
  it.each([
    ['StringEquals', 'aws:RequestedRegion', ['eu-west-1', 'us-east-1'], 'call it in eu-west-1 or us-east-1'],
    ['IpAddress', 'aws:SourceIp', '203.0.113.0/24', 'send it from an address in 203.0.113.0/24'],
    ['StringEquals', 'aws:SourceVpce', 'vpce-0123456789abcdef0', 'send it through VPC endpoint vpce-0123456789abcdef0'],
    ['StringEquals', 'aws:SourceVpc', 'vpc-0a1b2c3d', 'send it through a VPC endpoint in vpc-0a1b2c3d'],
    ['Bool', 'aws:MultiFactorAuthPresent', 'true', 'use credentials from an MFA-authenticated session (aws sts get-session-token --serial-number'],
    ['StringEquals', 'aws:PrincipalTag/team', 'analytics', 'tag the principal team=analytics'],
    ['StringEquals', 'aws:ResourceTag/stage', 'prod', 'tag the resource stage=prod'],
    ['StringEquals', 'aws:PrincipalOrgID', 'o-a1b2c3d4e5', 'make the request from an account of organization o-a1b2c3d4e5'],
    ['StringEquals', 's3:x-amz-server-side-encryption', 'aws:kms', 'upload with server-side encryption aws:kms'],
    ['StringEquals', 'kms:ViaService', 's3.eu-west-1.amazonaws.com', 'use the key through s3.eu-west-1.amazonaws.com'],
    ['StringEquals', 'iam:PassedToService', 'ec2.amazonaws.com', 'pass the role only to ec2.amazonaws.com'],
  ])('an Allow waiting on %s %s: "%s"', (operator, key, values, words) => {
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [withCondition(operator, key, values)] });
    expect(explanation.suggestions[0]?.kind).toBe('meet-condition');
    expect(explanation.suggestions[0]?.title).toContain(words);
    // Never a value to "give" a key, nor --context, as the fix for a person.
    expect(explanation.suggestions.map((suggestion) => suggestion.title).join(' ')).not.toMatch(/--context|give aws:/);
  });

  it.each([
    ['StringNotEquals', 'aws:RequestedRegion', ['eu-west-1'], 'call it in eu-west-1'],
    ['NotIpAddress', 'aws:SourceIp', '10.0.0.0/8', 'send it from an address in 10.0.0.0/8'],
    ['StringNotEquals', 'aws:SourceVpce', 'vpce-0123456789abcdef0', 'send it through VPC endpoint vpce-0123456789abcdef0'],
    ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false', 'use credentials from an MFA-authenticated session'],
    ['Bool', 'aws:SecureTransport', 'false', 'send it over HTTPS (TLS)'],
  ])('a Deny on %s %s is lifted by: "%s"', (operator, key, values, words) => {
    const context: Record<string, string> = key === 'aws:SecureTransport' ? { 'aws:SecureTransport': 'false' } : key === 'aws:SourceIp' ? { 'aws:SourceIp': '198.51.100.7' } : key === 'aws:SourceVpce' ? { 'aws:SourceVpce': 'vpce-other' } : { 'aws:RequestedRegion': 'us-east-1' };
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT, { context }), { identity: [denyUnless(operator, key, values)] });
    expect(explanation.result.decision).toBe('explicitDeny');
    expect(explanation.suggestions[0]?.title).toContain(words);
    expect(explanation.suggestions[0]?.who).toBe('Whoever makes the request');
  });

  it('an absent key is a case to check, kept apart from the fixes', () => {
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [withCondition('StringEquals', 'aws:SourceVpce', 'vpce-1')] });
    expect(explanation.checks).toEqual(['--context aws:SourceVpce=VALUE: the answer with aws:SourceVpce given (it was evaluated without it).']);
    expect(explanation.suggestions.every((suggestion) => suggestion.kind !== 'pass-context')).toBe(true);
  });
});

describe('"How to fix": who can change it, and how the fixes combine', () => {
  it('"Cross-account policy evaluation logic": both sides are needed — the identity policy and the bucket policy, each by its own account', () => {
    const explanation = run(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [] });
    expect(explanation.fixCombination).toBe('all');
    expect(explanation.suggestions.map((suggestion) => [suggestion.layer, suggestion.who])).toEqual([
      ['resource', 'The bucket owner, account 111111111111 (s3:PutBucketPolicy)'],
      ['identity', 'An IAM administrator of account 222222222222'],
    ]);
    expect(explanation.suggestions[0]?.title).toContain('(the resource’s side)');
    expect(explanation.suggestions[1]?.title).toContain('(the principal’s side)');
  });

  it('several near misses in one layer are alternatives: any one would allow it', () => {
    const two = policy('Two', 'identity', [
      allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'FromOffice', Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
      allow('s3:GetObject', `${BUCKET}/*`, { Sid: 'WithMfa', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }),
    ]);
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:SourceIp': '198.51.100.7', 'aws:MultiFactorAuthPresent': 'false' } }), { identity: [two] });
    expect(explanation.fixCombination).toBe('any');
    expect(explanation.suggestions.map((suggestion) => suggestion.kind)).toEqual(['meet-condition', 'meet-condition']);
  });

  it('"Service control policies (SCPs)": an SCP Deny gets the documented exception pattern (aws:PrincipalArn), not "remove the deny", by the organization’s administrators', () => {
    const scp = policy('DenyLeave', 'scp', [allow('*'), deny('organizations:LeaveOrganization', '*', { Sid: 'NoLeaving' })]);
    const explanation = run(req(ALICE, 'organizations:LeaveOrganization', '*'), { identity: [policy('Admin', 'identity', allow('*'))], scpLevels: [level('r-1', 'root', [scp])] });
    const fix = explanation.suggestions[0];
    expect(fix?.kind).toBe('exempt-from-deny');
    expect(fix?.who).toBe('The organization’s management account, or a delegated administrator for AWS Organizations policies');
    expect(fix?.statement).toEqual({ Sid: 'NoLeaving', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': [ALICE] } } });
  });

  it('an SCP Deny that already lists exempt principals gets this principal added to that list', () => {
    const scp = policy('RegionLock', 'scp', [
      allow('*'),
      deny('*', '*', { Sid: 'Lock', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] }, ArnNotLike: { 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin'] } } }),
    ]);
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:RequestedRegion': 'us-east-1' } }), { identity: [policy('S3', 'identity', allow('s3:*'))], scpLevels: [level('r-1', 'root', [scp])] });
    expect(explanation.suggestions[0]?.title).toContain('call it in eu-west-1');
    expect((explanation.suggestions[0]?.statement?.Condition as Record<string, Record<string, string[]>>).ArnNotLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::*:role/Admin', ALICE] });
  });
});

describe('"How to fix": proposed statements', () => {
  it('"Granting a user permissions to pass a role to an AWS service": iam:PassRole is proposed with iam:PassedToService and the exact role', () => {
    const explanation = run(req(ALICE, 'iam:PassRole', 'arn:aws:iam::111111111111:role/AppServer', { context: { 'iam:PassedToService': 'ec2.amazonaws.com' } }), { identity: [] });
    expect(explanation.suggestions[0]?.statement).toEqual({
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: 'arn:aws:iam::111111111111:role/AppServer',
      Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } },
    });
  });

  it('never aimed at an IAM Identity Center role: change the permission set instead', () => {
    const explanation = run(req('arn:aws:sts::111111111111:assumed-role/AWSReservedSSO_ReadOnly_0123456789abcdef/alice', 's3:PutObject', OBJECT), { identity: [] });
    expect(explanation.suggestions[0]?.statement).toBeUndefined();
    expect(explanation.suggestions[0]?.details.join(' ')).toContain('IAM Identity Center role: change the permission set');
  });

  it('never aimed at a break-glass role', () => {
    const explanation = run(req('arn:aws:sts::111111111111:assumed-role/BreakGlassAdmin/oncall', 's3:PutObject', OBJECT), { identity: [] });
    expect(explanation.suggestions[0]?.statement).toBeUndefined();
    expect(explanation.suggestions[0]?.details.join(' ')).toContain('break-glass role');
  });
});

describe('"How to fix": mistakes in an Allow that was meant to grant, instead of a new Allow', () => {
  it('an action that is not an action: the typo, corrected', () => {
    const typo = policy('Typo', 'identity', allow('s3:GetObjet', `${BUCKET}/*`, { Sid: 'ReadReports' }));
    const path = typo.statements[0]?.action?.path ?? '';
    const finding: Finding = { severity: 'warning', code: 'ACTION_UNKNOWN', message: '"s3:GetObjet" is not an action of s3; did you mean s3:GetObject?', location: { path, policyId: 'Typo' }, name: { written: 's3:GetObjet', closest: ['s3:GetObject'] } };
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [typo] }, [finding]);
    expect(explanation.suggestions.map((suggestion) => suggestion.kind)).toEqual(['fix-policy-mistake']);
    expect(explanation.suggestions[0]?.title).toBe('Correct "s3:GetObjet" to "s3:GetObject" in identity-based policy Typo, Sid "ReadReports".');
  });

  it('a Resource naming the bucket for an object action', () => {
    const bucketOnly = policy('BucketOnly', 'identity', allow('s3:GetObject', BUCKET, { Sid: 'Read' }));
    const explanation = run(req(ALICE, 's3:GetObject', OBJECT), { identity: [bucketOnly] });
    expect(explanation.suggestions[0]?.kind).toBe('fix-policy-mistake');
    expect(explanation.suggestions[0]?.title).toBe(`Use ${BUCKET}/* (or ${OBJECT}) as the Resource in identity-based policy BucketOnly, Sid "Read".`);
  });

  it('"IAM policy elements: Variables and tags": ${…} is literal text without "Version": "2012-10-17"', () => {
    const { policy: old } = { policy: policy('Home', 'identity', allow('s3:GetObject', `${BUCKET}/home/\${aws:username}/*`, { Sid: 'Home' })) };
    const legacy = { ...old, version: '2008-10-17' };
    const explanation = run(req(ALICE, 's3:GetObject', `${BUCKET}/home/alice/notes.txt`), { identity: [legacy] });
    expect(explanation.suggestions[0]?.kind).toBe('fix-policy-mistake');
    expect(explanation.suggestions[0]?.title).toBe('Set "Version": "2012-10-17" in that policy in identity-based policy Home, Sid "Home".');
  });
});
