/**
 * Independent review: iamwhy's answers checked against AWS's documentation.
 *
 * Each test encodes AWS's documented answer; the test name names the page and a
 * comment quotes the sentence it rests on. Tests whose comment starts with
 * `FOUND IN REVIEW:` pin a difference the review found and that was then fixed.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { PolicySet } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';
import { parsePolicy } from '../../src/language/parse/parse-policy.js';
import type { Policy } from '../../src/language/policy.js';
import {
  ALICE,
  BOB_OTHER_ACCOUNT,
  BUCKET,
  DEV_ROLE,
  DEV_SESSION,
  FULL_ACCESS_SCP,
  OBJECT,
  allow,
  deny,
  level,
  policy,
  principal,
} from './helpers.js';

const ACCOUNT = '111111111111';
const ACCOUNT_ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const ROLE_TARGET = `arn:aws:iam::${ACCOUNT}:role/Deployer`;

function req(who: string, action: string, resource: string, extra: Partial<Request> = {}): Request {
  return { principal: principal(who), action, resource: { arn: resource, account: ACCOUNT }, ...extra };
}

/** A policy document with a chosen Version (or none), through the real parser. */
function versioned(id: string, version: string | undefined, statements: object[]): Policy {
  const document = version === undefined ? { Statement: statements } : { Version: version, Statement: statements };
  const { policy: parsed } = parsePolicy(document, 'identity', { id });
  if (!parsed) throw new Error(`test policy ${id} is invalid`);
  return parsed;
}

const contextValue = (result: ReturnType<typeof evaluate>, key: string): readonly string[] | undefined =>
  result.context.find((entry) => entry.key.toLowerCase() === key.toLowerCase())?.values;

const s3All = policy('S3All', 'identity', allow('s3:*'));

// ---------------------------------------------------------------------------
// Discrepancies
// ---------------------------------------------------------------------------

describe('AWS global condition context keys — aws:RequestedRegion for global services', () => {
  // "Some global services, such as IAM, have a single endpoint. Because this endpoint is
  // physically located in the US East (N. Virginia) Region, IAM calls are always made to
  // the us-east-1 Region." (aws:RequestedRegion; "Availability – This key is always
  // included in the request context.")
  const regionLock = policy('RegionLock', 'scp', deny('*', '*', {
    Sid: 'DenyOutsideApproved',
    Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'eu-west-1'] } },
  }));
  const scpLevels = [level('r-root', 'root', [FULL_ACCESS_SCP(), regionLock])];
  const iamAdmin = policy('IamAdmin', 'identity', allow('iam:*'));

  // FOUND IN REVIEW (fixed): iamwhy left aws:RequestedRegion missing for IAM (its ARNs carry no
  // region), so StringNotEquals on the missing key is true and the SCP denies
  // iam:CreateUser; AWS evaluates the request with us-east-1, which the SCP allows.
  it('"AWS global condition context keys" (aws:RequestedRegion): IAM requests are made to us-east-1, so an SCP allowing us-east-1 does not deny iam:CreateUser', () => {
    const result = evaluate(req(ALICE, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/new-user`), { identity: [iamAdmin], scpLevels });
    expect(result.decision).toBe('allowed');
  });

  it('"AWS global condition context keys" (aws:RequestedRegion): "if you create a policy that denies access to all services if the requested Region is not us-west-2, then IAM calls always fail"', () => {
    const westOnly = policy('WestOnly', 'scp', deny('*', '*', { Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-west-2' } } }));
    const result = evaluate(req(ALICE, 'iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/new-user`), {
      identity: [iamAdmin],
      scpLevels: [level('r-root', 'root', [FULL_ACCESS_SCP(), westOnly])],
    });
    expect(result.decision).toBe('explicitDeny');
  });
});

describe('AWS global condition context keys — aws:ViaAWSService is false for direct calls', () => {
  // aws:ViaAWSService: "The request context key also returns false when the principal makes
  // the call directly." "Availability – This key is always included in the request context
  // for most services." iamwhy treats a request without aws:CalledVia as a direct call
  // (it derives aws:PrincipalIsAWSService=false and aws:SecureTransport=true the same way)
  // but derives aws:ViaAWSService only as "true", when aws:CalledVia is given.

  // The page's own example policy: "PrincipalPutObjectIfIpAddress" allows s3:PutObject when
  // {"Bool": {"aws:ViaAWSService": "false"}, "IpAddress": {"aws:SourceIp": "123.45.167.89"}}.
  const ipBound = policy('IpBound', 'identity', allow('s3:PutObject', `${BUCKET}/*`, {
    Sid: 'PrincipalPutObjectIfIpAddress',
    Condition: { Bool: { 'aws:ViaAWSService': 'false' }, IpAddress: { 'aws:SourceIp': '123.45.167.89' } },
  }));

  // FOUND IN REVIEW (fixed): the key was missing in iamwhy's context for a direct call, Bool on a missing
  // key is false, so the documented example policy does not allow the direct request.
  it('"AWS global condition context keys" (aws:ViaAWSService): a direct call from the allowed IP is allowed by the page’s PrincipalPutObjectIfIpAddress example', () => {
    const result = evaluate(req(ALICE, 's3:PutObject', OBJECT, { context: { 'aws:SourceIp': '123.45.167.89' } }), { identity: [ipBound] });
    expect(result.decision).toBe('allowed');
  });

  // "AWS: Denies access to AWS based on the source IP" pairs NotIpAddress with
  // {"Bool": {"aws:ViaAWSService": "false"}} in a Deny.
  // FOUND IN REVIEW (fixed): iamwhy did not apply this Deny to a direct call from outside the range
  // (the Bool clause is false on the missing key), so it ALLOWS what AWS denies.
  it('"AWS global condition context keys" (aws:ViaAWSService): the source-IP deny applies to a direct call from outside the range', () => {
    const denyOutsideIp = policy('DenyOutsideIp', 'identity', deny('*', '*', {
      Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] }, Bool: { 'aws:ViaAWSService': 'false' } },
    }));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:SourceIp': '203.0.113.9' } }), { identity: [s3All, denyOutsideIp] });
    expect(result.decision).toBe('explicitDeny');
  });

  it('"AWS global condition context keys" (aws:ViaAWSService): a call made via a service (aws:CalledVia) is not hit by the "direct calls only" source-IP deny', () => {
    const denyOutsideIp = policy('DenyOutsideIp', 'identity', deny('*', '*', {
      Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] }, Bool: { 'aws:ViaAWSService': 'false' } },
    }));
    const result = evaluate(
      req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:SourceIp': '203.0.113.9', 'aws:CalledVia': ['athena.amazonaws.com'] } }),
      { identity: [s3All, denyOutsideIp] },
    );
    expect(result.decision).toBe('allowed');
    expect(contextValue(result, 'aws:ViaAWSService')).toEqual(['true']);
  });
});

describe('STS AssumeRole — the account root user cannot assume a role', () => {
  // STS API Reference, AssumeRole: "You cannot use AWS account root user credentials to call
  // AssumeRole. You must use credentials for an IAM user or an IAM role to call AssumeRole."
  // (older wording: "You cannot call AssumeRole by using AWS root account credentials; access is denied.")
  const trustsAccount = policy('Deployer-trust', 'trust', { Effect: 'Allow', Principal: { AWS: ACCOUNT_ROOT }, Action: 'sts:AssumeRole' });

  // FOUND IN REVIEW (fixed): the root user passed the identity side by default and the trust policy
  // trusts its account, so iamwhy allows sts:AssumeRole for the root user.
  it('"AssumeRole" (STS API Reference): the root user is denied sts:AssumeRole even when the trust policy trusts its account', () => {
    const result = evaluate(req(ACCOUNT, 'sts:AssumeRole', ROLE_TARGET), { identity: [], resource: trustsAccount });
    expect(result.decision).not.toBe('allowed');
  });

  it('"AssumeRole" (STS API Reference): an IAM user of the trusted account with an identity policy may assume the role', () => {
    const assume = policy('Assume', 'identity', allow('sts:AssumeRole', ROLE_TARGET));
    expect(evaluate(req(ALICE, 'sts:AssumeRole', ROLE_TARGET), { identity: [assume], resource: trustsAccount }).decision).toBe('allowed');
  });
});

describe('Resource control policies (RCPs) — the trust policy of a service-linked role', () => {
  // "Resources and entities not restricted by RCPs": "RCPs also do not impact AWS services'
  // ability to assume a service-linked role; that is, the service-linked role's trust policy
  // is also not impacted by RCPs."
  const slr = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing`;
  const orgOnlyAssume = policy('OrgOnlyAssume', 'rcp', {
    Effect: 'Deny',
    Principal: '*',
    Action: 'sts:AssumeRole',
    Resource: '*',
    Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-acme' } },
  });
  const slrTrust = policy('SLR-trust', 'trust', { Effect: 'Allow', Principal: { Service: 'elasticloadbalancing.amazonaws.com' }, Action: 'sts:AssumeRole' });

  // FOUND IN REVIEW (fixed): iamwhy exempted only calls made BY a service-linked role (principal.serviceLinked);
  // a service principal assuming the service-linked role is still subject to the RCP, so this
  // is an explicit deny in iamwhy.
  it('"Resource control policies (RCPs)": an RCP does not stop the AWS service from assuming its service-linked role', () => {
    const result = evaluate(req('elasticloadbalancing.amazonaws.com', 'sts:AssumeRole', slr), {
      identity: [],
      resource: slrTrust,
      rcpLevels: [level('r-root', 'root', [orgOnlyAssume])],
    });
    expect(result.decision).toBe('allowed');
  });

  it('"Resource control policies (RCPs)": the same RCP does stop the service from assuming an ordinary (not service-linked) role', () => {
    const serviceRole = `arn:aws:iam::${ACCOUNT}:role/LbHelper`;
    const result = evaluate(req('elasticloadbalancing.amazonaws.com', 'sts:AssumeRole', serviceRole), {
      identity: [],
      resource: slrTrust,
      rcpLevels: [level('r-root', 'root', [orgOnlyAssume])],
    });
    expect(result.decision).toBe('explicitDeny');
  });
});

// ---------------------------------------------------------------------------
// Confirmations (edge cases not covered elsewhere)
// ---------------------------------------------------------------------------

describe('IAM JSON policy elements: Condition operators — missing keys, IfExists, Null', () => {
  // "If the key that you specify in a policy condition is not present in the request context,
  // the values do not match and the condition is false. If the policy condition requires that
  // the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not
  // present, the condition is true. This logic applies to all condition operators except
  // ...IfExists and Null check."
  const withCondition = (condition: object): Policy => policy('Cond', 'identity', allow('s3:GetObject', '*', { Condition: condition }));
  const decisionWith = (condition: object, context: Request['context'] = {}): string =>
    evaluate(req(ALICE, 's3:GetObject', OBJECT, { context }), { identity: [withCondition(condition)] }).decision;

  it('"Condition operators": a positive operator on a missing key is false', () => {
    expect(decisionWith({ StringEquals: { 'aws:SourceVpc': 'vpc-1' } })).toBe('implicitDeny');
    expect(decisionWith({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe('implicitDeny');
    expect(decisionWith({ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } })).toBe('implicitDeny');
  });
  it('"Condition operators": a negated operator on a missing key is true (StringNotLike, ArnNotLike, NotIpAddress)', () => {
    expect(decisionWith({ StringNotLike: { 'aws:SourceVpc': 'vpc-*' } })).toBe('allowed');
    expect(decisionWith({ ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:*:*' } })).toBe('allowed');
    expect(decisionWith({ NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })).toBe('allowed');
  });
  it('"Condition operators" (…IfExists): "If the key is not present, evaluate the condition element as true"; when present it is compared', () => {
    expect(decisionWith({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } })).toBe('allowed');
    expect(decisionWith({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }, { 'aws:SourceVpc': 'vpc-2' })).toBe('implicitDeny');
    expect(decisionWith({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-1' } }, { 'aws:SourceVpc': 'vpc-1' })).toBe('allowed');
  });
  it('"Condition operators" (Null): "true" matches an absent key, "false" a present one', () => {
    expect(decisionWith({ Null: { 'aws:TokenIssueTime': 'true' } })).toBe('allowed');
    expect(decisionWith({ Null: { 'aws:TokenIssueTime': 'false' } })).toBe('implicitDeny');
    expect(decisionWith({ Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2026-01-01T00:00:00Z' })).toBe('allowed');
  });
  it('"AWS global condition context keys" (aws:MultiFactorAuthPresent): Deny + BoolIfExists false denies long-term credentials (key absent)', () => {
    // "This combination of Deny, BoolIfExists, and false denies requests that are not authenticated
    // using MFA ... It also denies requests that are made using long-term credentials".
    const requireMfa = policy('RequireMfa', 'identity', deny('*', '*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }));
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All, requireMfa] }).decision).toBe('explicitDeny');
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT, { context: { 'aws:MultiFactorAuthPresent': 'true' } }), { identity: [s3All, requireMfa] }).decision).toBe('allowed');
    // "Deny, Bool, and false ... does not deny access to requests that are made using long-term credentials"
    const boolOnly = policy('BoolOnly', 'identity', deny('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }));
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All, boolOnly] }).decision).toBe('allowed');
  });
  it('"Condition operators": StringEquals compares "*" literally, StringLike as a wildcard', () => {
    expect(decisionWith({ StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice' })).toBe('implicitDeny');
    expect(decisionWith({ StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/*' })).toBe('allowed');
    expect(decisionWith({ StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/docs' })).toBe('allowed');
    expect(decisionWith({ StringLike: { 's3:prefix': 'home/?' } }, { 's3:prefix': 'home/ab' })).toBe('implicitDeny');
  });
  it('"Condition operators": StringEqualsIgnoreCase ignores case, StringEquals does not', () => {
    expect(decisionWith({ StringEquals: { 'aws:PrincipalTag/team': 'Data' } }, { 'aws:PrincipalTag/team': 'data' })).toBe('implicitDeny');
    expect(decisionWith({ StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Data' } }, { 'aws:PrincipalTag/team': 'data' })).toBe('allowed');
  });
  it('"Condition operators" (ARN): ArnEquals and ArnLike both take wildcards in each segment', () => {
    // "ArnEquals, ArnLike — Case-sensitive matching of the ARN. Each of the six colon-delimited
    // components of the ARN is checked separately and each can include multi-character match
    // wildcards (*) or single-character match wildcards (?)."
    const source = { 'aws:SourceArn': 'arn:aws:s3:::uploads-bucket' };
    expect(decisionWith({ ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::uploads-*' } }, source)).toBe('allowed');
    expect(decisionWith({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::uploads-*' } }, source)).toBe('allowed');
    expect(decisionWith({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::Uploads-*' } }, source)).toBe('implicitDeny');
    expect(decisionWith({ ArnNotEquals: { 'aws:SourceArn': 'arn:aws:s3:::uploads-*' } }, source)).toBe('implicitDeny');
  });
  it('"Condition operators" (IP address): CIDR ranges, IPv6, and NOR over values for NotIpAddress', () => {
    expect(decisionWith({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } }, { 'aws:SourceIp': '2001:db8:1234:5678::1' })).toBe('allowed');
    expect(decisionWith({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.114.1' })).toBe('implicitDeny');
    expect(decisionWith({ NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } }, { 'aws:SourceIp': '198.51.100.7' })).toBe('implicitDeny');
  });
  it('"Condition operators" (Numeric, Date): aws:EpochTime works with numeric and date operators, aws:CurrentTime with date operators', () => {
    // aws:EpochTime: "Works with date operators or numeric operators."
    const time = new Date('2026-03-01T12:00:00Z');
    const at = (condition: object): string =>
      evaluate({ ...req(ALICE, 's3:GetObject', OBJECT), time }, { identity: [withCondition(condition)] }).decision;
    expect(at({ NumericGreaterThan: { 'aws:EpochTime': '1767225600' } })).toBe('allowed');
    expect(at({ DateGreaterThan: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } })).toBe('allowed');
    expect(at({ DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } })).toBe('implicitDeny');
    expect(at({ DateGreaterThanEquals: { 'aws:CurrentTime': '2026-03-01T12:00:00Z' } })).toBe('allowed');
    // Date operators: values "with one of the W3C implementations of the ISO 8601 date formats or in epoch (UNIX) time".
    expect(at({ DateGreaterThan: { 'aws:CurrentTime': '1767225600' } })).toBe('allowed');
    expect(at({ DateLessThan: { 'aws:CurrentTime': '1767225600' } })).toBe('implicitDeny');
  });
  it('"IAM JSON policy elements: Condition": condition key names are case-insensitive ("aws:SourceIP" is "aws:SourceIp")', () => {
    expect(decisionWith({ IpAddress: { 'AWS:SOURCEIP': '10.0.0.0/8' } }, { 'aws:SourceIp': '10.1.2.3' })).toBe('allowed');
  });
  it('"Conditions with multiple context keys or values": keys and operators are ANDed, values of one key ORed', () => {
    const condition = { StringEquals: { 'aws:PrincipalTag/team': ['data', 'ml'], 'aws:RequestedRegion': 'eu-west-1' } };
    expect(decisionWith(condition, { 'aws:PrincipalTag/team': 'ml', 'aws:RequestedRegion': 'eu-west-1' })).toBe('allowed');
    expect(decisionWith(condition, { 'aws:PrincipalTag/team': 'ml', 'aws:RequestedRegion': 'us-east-1' })).toBe('implicitDeny');
    // "If a single negated matching condition operator includes multiple values for a context key,
    // those values are evaluated using a logical NOR."
    expect(decisionWith({ StringNotEquals: { 'aws:PrincipalTag/team': ['data', 'ml'] } }, { 'aws:PrincipalTag/team': 'ml' })).toBe('implicitDeny');
    expect(decisionWith({ StringNotEquals: { 'aws:PrincipalTag/team': ['data', 'ml'] } }, { 'aws:PrincipalTag/team': 'web' })).toBe('allowed');
  });
});

describe('Set operators for multivalued context keys (ForAllValues / ForAnyValue)', () => {
  const withCondition = (condition: object): Policy => policy('Cond', 'identity', allow('ec2:CreateTags', '*', { Condition: condition }));
  const decisionWith = (condition: object, context: Request['context'] = {}): string =>
    evaluate(req(ALICE, 'ec2:CreateTags', `arn:aws:ec2:eu-west-1:${ACCOUNT}:instance/i-1`, { context }), { identity: [withCondition(condition)] }).decision;

  it('ForAllValues: true when every request value is in the policy list, false otherwise', () => {
    const condition = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team'] } };
    expect(decisionWith(condition, { 'aws:TagKeys': ['env', 'team'] })).toBe('allowed');
    expect(decisionWith(condition, { 'aws:TagKeys': ['env', 'owner'] })).toBe('implicitDeny');
  });
  it('ForAllValues: "also returns true if there are no context keys in the request"; ForAnyValue: false', () => {
    expect(decisionWith({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } })).toBe('allowed');
    expect(decisionWith({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } })).toBe('implicitDeny');
  });
  it('ForAnyValue: true when at least one request value matches', () => {
    expect(decisionWith({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': ['owner', 'env'] })).toBe('allowed');
  });
  it('ForAllValues:StringNotEquals — "None of the values of the context key in the request can match"', () => {
    const condition = { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } };
    expect(decisionWith(condition, { 'aws:TagKeys': ['env', 'team'] })).toBe('allowed');
    expect(decisionWith(condition, { 'aws:TagKeys': ['env', 'secret'] })).toBe('implicitDeny');
  });
  it('ForAnyValue:StringNotEquals — "At least one context key value in the request must NOT match"', () => {
    const condition = { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } };
    expect(decisionWith(condition, { 'aws:TagKeys': ['secret', 'env'] })).toBe('allowed');
    expect(decisionWith(condition, { 'aws:TagKeys': ['secret'] })).toBe('implicitDeny');
  });
  it('"Creating a Condition That Tests Multiple Key Values": an empty data set (empty string) makes ForAllValues true and ForAnyValue false', () => {
    // "If the key values in the request resolve to an empty data set (for example, an empty string),
    // a condition operator modified by ForAllValues returns true, and a condition operator modified
    // by ForAnyValue returns false."
    expect(decisionWith({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [''] })).toBe('allowed');
    expect(decisionWith({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['env'] } }, { 'aws:TagKeys': [''] })).toBe('implicitDeny');
  });
  it('"AWS global condition context keys" (aws:PrincipalOrgPaths): ForAnyValue:StringLike "o-a1b2c3d4e5/*" matches every principal of the organization', () => {
    const inOrg = policy('InOrg', 'identity', allow('s3:GetObject', '*', { Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': ['o-a1b2c3d4e5/*'] } } }));
    const inside = req(ALICE, 's3:GetObject', OBJECT, { organization: { principalOrgPaths: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/'] } });
    const outside = req(ALICE, 's3:GetObject', OBJECT, { organization: { principalOrgPaths: ['o-other/r-cd34/'] } });
    expect(evaluate(inside, { identity: [inOrg] }).decision).toBe('allowed');
    expect(evaluate(outside, { identity: [inOrg] }).decision).toBe('implicitDeny');
  });
  it('a set operator with IfExists on a missing key is true', () => {
    expect(decisionWith({ 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['env'] } })).toBe('allowed');
  });
});

describe('IAM policy elements: Variables and tags', () => {
  const homeDirectory = (version: string | undefined): Policy =>
    versioned('Home', version, [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/home/\${aws:username}/*` }]);

  it('"Variables and tags": ${aws:username} in Resource is replaced by the user’s friendly name', () => {
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/home/alice/notes.txt`), { identity: [homeDirectory('2012-10-17')] }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/home/bob/notes.txt`), { identity: [homeDirectory('2012-10-17')] }).decision).toBe('implicitDeny');
  });
  it('"Variables and tags": without Version 2012-10-17 "variables like ${aws:username} are treated as literal strings"', () => {
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/home/alice/notes.txt`), { identity: [homeDirectory(undefined)] }).decision).toBe('implicitDeny');
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/home/alice/notes.txt`), { identity: [homeDirectory('2008-10-17')] }).decision).toBe('implicitDeny');
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/home/\${aws:username}/notes.txt`), { identity: [homeDirectory('2008-10-17')] }).decision).toBe('allowed');
  });
  it('"Variables and tags": aws:username is not present for a role session, so a Resource using it matches nothing', () => {
    // aws:username: "Anonymous requests and requests that are made using the AWS account root user
    // or IAM roles do not include this key."
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', `${BUCKET}/home/Dev/notes.txt`), { identity: [homeDirectory('2012-10-17')] }).decision).toBe('implicitDeny');
  });
  it('"Variables and tags" (Specifying default values): ${aws:PrincipalTag/team, \'none\'} falls back to the default', () => {
    const teamBucket = policy('Team', 'identity', allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team, 'none'}/*`));
    expect(evaluate(req(ALICE, 's3:GetObject', `${BUCKET}/none/x`), { identity: [teamBucket] }).decision).toBe('allowed');
    const tagged = { ...req(ALICE, 's3:GetObject', `${BUCKET}/data/x`), principal: principal(ALICE, { tags: { team: 'data' } }) };
    expect(evaluate(tagged, { identity: [teamBucket] }).decision).toBe('allowed');
  });
  it('"Variables and tags" (Condition element): a variable in a string condition is substituted from the request', () => {
    const ownPrefix = policy('OwnPrefix', 'identity', allow('s3:ListBucket', BUCKET, { Condition: { StringLike: { 's3:prefix': ['${aws:username}/*'] } } }));
    expect(evaluate(req(ALICE, 's3:ListBucket', BUCKET, { context: { 's3:prefix': 'alice/photos' } }), { identity: [ownPrefix] }).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 's3:ListBucket', BUCKET, { context: { 's3:prefix': 'bob/photos' } }), { identity: [ownPrefix] }).decision).toBe('implicitDeny');
  });
  it('"Variables and tags": a "*" inside a substituted value is literal, not a wildcard', () => {
    const teamBucket = policy('Team', 'identity', allow('s3:GetObject', `${BUCKET}/\${aws:PrincipalTag/team}/*`));
    const starTagged = { ...req(ALICE, 's3:GetObject', `${BUCKET}/data/x`), principal: principal(ALICE, { tags: { team: '*' } }) };
    expect(evaluate(starTagged, { identity: [teamBucket] }).decision).toBe('implicitDeny');
  });
});

describe('AWS JSON policy elements: Principal', () => {
  const bucketPolicy = (principalValue: unknown): Policy => policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: principalValue }));

  it('"Principal": "Principal": {"AWS": "*"} grants anonymous access like "Principal": "*"', () => {
    // "To grant permission to everyone, also referred as anonymous access, you set the wildcard ("*")
    // as the Principal value ... "Principal":"*"  "Principal":{"AWS":"*"}"
    expect(evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ AWS: '*' }) }).decision).toBe('allowed');
    expect(evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy('*') }).decision).toBe('allowed');
  });
  it('"Principal": a wildcard cannot match part of a principal ARN', () => {
    // "You cannot use a wildcard to match part of a principal name or ARN."
    const partial = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` } }));
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: partial }).decision).toBe('implicitDeny');
  });
  it('"Principal": the bare account id and the :root ARN both name the account (and delegate to identity policies)', () => {
    for (const value of [ACCOUNT, ACCOUNT_ROOT]) {
      const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], resource: bucketPolicy({ AWS: value }) });
      expect(result.decision).toBe('allowed');
      expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ AWS: value }) }).decision).toBe('implicitDeny');
    }
  });
  it('"Principal": naming a role does not name the users of the account, nor another role', () => {
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ AWS: DEV_ROLE }) }).decision).toBe('implicitDeny');
    expect(evaluate(req(`arn:aws:sts::${ACCOUNT}:assumed-role/Other/s`, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ AWS: DEV_ROLE }) }).decision).toBe('implicitDeny');
  });
  it('"Principal": a cross-account "Principal": "*" still needs the caller’s identity policy ("Cross-account policy evaluation logic")', () => {
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy('*') }).decision).toBe('implicitDeny');
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 's3:GetObject', OBJECT), { identity: [s3All], resource: bucketPolicy('*') }).decision).toBe('allowed');
  });
  it('"Cross-account policy evaluation logic": the root user of another account is allowed when the resource policy names its account (the root user has full access in its own account)', () => {
    const namesOther = bucketPolicy({ AWS: '222222222222' });
    expect(evaluate(req('222222222222', 's3:GetObject', OBJECT), { identity: [], resource: namesOther }).decision).toBe('allowed');
    expect(evaluate(req('333333333333', 's3:GetObject', OBJECT), { identity: [], resource: namesOther }).decision).toBe('implicitDeny');
  });
  it('"Principal": a service principal is granted only by naming the service (not by naming an account)', () => {
    expect(evaluate(req('lambda.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ AWS: ACCOUNT_ROOT }) }).decision).toBe('implicitDeny');
    expect(evaluate(req('lambda.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ Service: 'sns.amazonaws.com' }) }).decision).toBe('implicitDeny');
    expect(evaluate(req('lambda.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: bucketPolicy({ Service: ['sns.amazonaws.com', 'lambda.amazonaws.com'] }) }).decision).toBe('allowed');
  });
});

describe('AWS JSON policy elements: NotPrincipal', () => {
  const onlyListed = (listed: object): Policy =>
    policy('BucketPolicy', 'resource', [
      allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }),
      deny('s3:*', `${BUCKET}/*`, { Sid: 'OnlyListed', NotPrincipal: listed }),
    ]);
  it('"NotPrincipal": listing the user without its account does not exempt it', () => {
    // "When you use NotPrincipal with Deny, you must also specify the account ARN of the not-denied principal."
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: onlyListed({ AWS: [ALICE] }) }).decision).toBe('explicitDeny');
  });
  it('"NotPrincipal": the account root user is exempt when its account is listed', () => {
    expect(evaluate(req(ACCOUNT, 's3:GetObject', OBJECT), { identity: [], resource: onlyListed({ AWS: [ACCOUNT_ROOT] }) }).decision).toBe('allowed');
  });
  it('"NotPrincipal": an anonymous request is denied; a listed service principal is exempt', () => {
    expect(evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: onlyListed({ AWS: [ALICE, ACCOUNT_ROOT] }) }).decision).toBe('explicitDeny');
    expect(evaluate(req('cloudtrail.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: onlyListed({ Service: ['cloudtrail.amazonaws.com'] }) }).decision).toBe('allowed');
  });
});

describe('Service control policies (SCPs) — what they do not restrict', () => {
  const denyS3 = policy('DenyS3', 'scp', deny('s3:*'));
  const scpLevels = [level('r-root', 'root', [FULL_ACCESS_SCP(), denyS3])];
  const publicRead = policy('PublicRead', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }));

  it('"SCPs": they affect only principals of member accounts — not AWS service principals or anonymous callers', () => {
    // "SCPs affect only IAM users and roles that are managed by accounts that are part of the organization."
    expect(evaluate(req('cloudtrail.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: publicRead, scpLevels }).decision).toBe('allowed');
    expect(evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [], resource: publicRead, scpLevels }).decision).toBe('allowed');
  });
  it('"SCPs": a deny SCP restricts a role session of a member account even when a same-account resource policy names the session', () => {
    const namesSession = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: DEV_SESSION } }));
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [], resource: namesSession, scpLevels }).decision).toBe('explicitDeny');
  });
  it('"SCPs": an SCP level that only allows other services denies implicitly even what a resource policy grants', () => {
    const ec2Only = policy('Ec2Only', 'scp', allow('ec2:*'));
    const levels = [level('r-root', 'root', [FULL_ACCESS_SCP()]), level(ACCOUNT, 'account', [ec2Only])];
    const namesUser = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: ALICE } }));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: namesUser, scpLevels: levels });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['scp']);
  });
});

describe('Resource control policies (RCPs) — whom they restrict', () => {
  const secureOnly = policy('EnforceTls', 'rcp', {
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: '*',
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  });
  const rcpLevels = [level('r-root', 'root', [secureOnly])];
  const publicRead = policy('PublicRead', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: '*' }));

  it('"RCPs": an RCP deny applies to anonymous requests to the organization’s resources', () => {
    const result = evaluate(req('anonymous', 's3:GetObject', OBJECT, { context: { 'aws:SecureTransport': 'false' } }), { identity: [], resource: publicRead, rcpLevels });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['rcp']);
  });
  it('"Resource control policies in AWS KMS": RCPs apply to AWS service principals (the page’s example exempts them with aws:PrincipalIsAWSService)', () => {
    // The example RCP denies kms:* unless {"Bool": {"aws:PrincipalIsAWSService": "false"}} is false,
    // i.e. it needs that clause precisely because RCPs also reach service principals.
    const orgOnlyNoServiceExemption = policy('OrgOnly', 'rcp', {
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: '*',
      Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-acme' } },
    });
    const forService = policy('ForService', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { Service: 'cloudtrail.amazonaws.com' } }));
    const result = evaluate(req('cloudtrail.amazonaws.com', 's3:GetObject', OBJECT), { identity: [], resource: forService, rcpLevels: [level('r-root', 'root', [orgOnlyNoServiceExemption])] });
    expect(result.decision).toBe('explicitDeny');
    expect(result.blockedBy).toEqual(['rcp']);
  });
  it('"RCPs": an RCP deny applies to the root user of the resource’s own member account', () => {
    expect(evaluate(req(ACCOUNT, 's3:GetObject', OBJECT, { context: { 'aws:SecureTransport': 'false' } }), { identity: [], rcpLevels }).decision).toBe('explicitDeny');
  });
  it('"Resource control policies in AWS KMS": RCPs do not apply to kms:RetireGrant', () => {
    // "The kms:RetireGrant permission isn't effective in an RCP, even if the Action element specifies an asterisk (*)"
    const denyKms = policy('DenyKms', 'rcp', { Effect: 'Deny', Principal: '*', Action: 'kms:*', Resource: '*' });
    const keyPolicy = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Principal: { AWS: ALICE } }));
    const set: PolicySet = { identity: [], resource: keyPolicy, rcpLevels: [level('r-root', 'root', [denyKms])] };
    expect(evaluate(req(ALICE, 'kms:RetireGrant', KEY), set).decision).toBe('allowed');
    expect(evaluate(req(ALICE, 'kms:Decrypt', KEY), set).decision).toBe('explicitDeny');
  });
});

describe('Key policies in AWS KMS', () => {
  // "Unless the key policy explicitly allows it, you cannot use IAM policies to allow access to a KMS key."
  const kmsAdmin = policy('KmsAll', 'identity', allow('kms:*'));
  it('"Key policies in AWS KMS": a key policy naming the IAM user grants without any IAM policy', () => {
    const namesAlice = policy('KeyPolicy', 'kms-key', allow('kms:Decrypt', '*', { Principal: { AWS: ALICE } }));
    expect(evaluate(req(ALICE, 'kms:Decrypt', KEY), { identity: [], resource: namesAlice }).decision).toBe('allowed');
  });
  it('"Key policies in AWS KMS": the account root user is denied when the key policy does not name its account', () => {
    const adminOnly = policy('KeyPolicy', 'kms-key', allow('kms:*', '*', { Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` } }));
    expect(evaluate(req(ACCOUNT, 'kms:Decrypt', KEY), { identity: [], resource: adminOnly }).decision).toBe('implicitDeny');
  });
  it('"Key policies in AWS KMS": a key policy delegating to another account still needs that account’s IAM policy (cross account)', () => {
    const delegatesToOther = policy('KeyPolicy', 'kms-key', allow('kms:Decrypt', '*', { Principal: { AWS: 'arn:aws:iam::222222222222:root' } }));
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 'kms:Decrypt', KEY), { identity: [], resource: delegatesToOther }).decision).toBe('implicitDeny');
    expect(evaluate(req(BOB_OTHER_ACCOUNT, 'kms:Decrypt', KEY), { identity: [kmsAdmin], resource: delegatesToOther }).decision).toBe('allowed');
  });
  it('"Key policies in AWS KMS": an explicit deny in the key policy overrides the IAM policy', () => {
    const denying = policy('KeyPolicy', 'kms-key', [
      allow('kms:*', '*', { Principal: { AWS: ACCOUNT_ROOT } }),
      deny('kms:Decrypt', '*', { Principal: { AWS: ALICE } }),
    ]);
    expect(evaluate(req(ALICE, 'kms:Decrypt', KEY), { identity: [kmsAdmin], resource: denying }).decision).toBe('explicitDeny');
  });
});

describe('Permissions boundaries and session policies — edge cases', () => {
  const narrowBoundary = policy('Boundary', 'permissions-boundary', allow('ec2:Describe*'));
  it('"Permissions boundaries for IAM entities": a same-account resource policy naming the account (not the user) is limited by the boundary', () => {
    const namesAccount = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: ACCOUNT_ROOT } }));
    const result = evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [s3All], resource: namesAccount, permissionsBoundary: narrowBoundary });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toContain('permissions_boundary');
  });
  it('"Permissions boundaries for IAM entities": an explicit deny in the boundary denies even a resource policy naming the user', () => {
    const denyingBoundary = policy('Boundary', 'permissions-boundary', [allow('*'), deny('s3:GetObject')]);
    const namesAlice = policy('BucketPolicy', 'resource', allow('s3:GetObject', `${BUCKET}/*`, { Principal: { AWS: ALICE } }));
    expect(evaluate(req(ALICE, 's3:GetObject', OBJECT), { identity: [], resource: namesAlice, permissionsBoundary: denyingBoundary }).decision).toBe('explicitDeny');
  });
  it('"Session policies": the session policy cannot grant more than the role’s identity policies', () => {
    const broadSession = policy('Session', 'session', allow('*'));
    const ec2Only = policy('Ec2', 'identity', allow('ec2:*'));
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [ec2Only], session: [broadSession] }).decision).toBe('implicitDeny');
    expect(evaluate(req(DEV_SESSION, 'ec2:DescribeInstances', '*'), { identity: [ec2Only], session: [broadSession] }).decision).toBe('allowed');
  });
  it('"Session policies": with several session policies, a deny in any of them denies', () => {
    const allowAll = policy('Session1', 'session', allow('*'));
    const denyS3 = policy('Session2', 'session', deny('s3:*'));
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [s3All], session: [allowAll, denyS3] }).decision).toBe('explicitDeny');
  });
});

describe('AWS global condition context keys — derived values per principal type', () => {
  it('"AWS global condition context keys": the root user has aws:PrincipalType "Account", aws:PrincipalArn the :root ARN, aws:userid the account id, no aws:username', () => {
    const result = evaluate(req(ACCOUNT, 's3:GetObject', OBJECT), { identity: [] });
    expect(contextValue(result, 'aws:PrincipalType')).toEqual(['Account']);
    expect(contextValue(result, 'aws:PrincipalArn')).toEqual([ACCOUNT_ROOT]);
    expect(contextValue(result, 'aws:userid')).toEqual([ACCOUNT]);
    expect(contextValue(result, 'aws:username')).toBeUndefined();
  });
  it('"AWS global condition context keys": a federated user has aws:PrincipalType "FederatedUser" and aws:userid "account:caller-specified-name"', () => {
    const result = evaluate(req(`arn:aws:sts::${ACCOUNT}:federated-user/carol`, 's3:GetObject', OBJECT), { identity: [] });
    expect(contextValue(result, 'aws:PrincipalType')).toEqual(['FederatedUser']);
    expect(contextValue(result, 'aws:userid')).toEqual([`${ACCOUNT}:carol`]);
    expect(contextValue(result, 'aws:PrincipalArn')).toEqual([`arn:aws:sts::${ACCOUNT}:federated-user/carol`]);
  });
  it('"AWS global condition context keys": an IAM user has aws:username and aws:userid (unique id)', () => {
    const result = evaluate({ ...req(ALICE, 's3:GetObject', OBJECT), principal: principal(ALICE, { uniqueId: 'AIDAEXAMPLE' }) }, { identity: [] });
    expect(contextValue(result, 'aws:username')).toEqual(['alice']);
    expect(contextValue(result, 'aws:userid')).toEqual(['AIDAEXAMPLE']);
    expect(contextValue(result, 'aws:PrincipalType')).toEqual(['User']);
  });
  it('"AWS global condition context keys": an anonymous request carries no aws:userid and no aws:PrincipalArn; aws:SecureTransport is always present', () => {
    // aws:userid: "Anonymous requests do not include this key." aws:SecureTransport: "This key is always included".
    const result = evaluate(req('anonymous', 's3:GetObject', OBJECT), { identity: [] });
    expect(contextValue(result, 'aws:userid')).toBeUndefined();
    expect(contextValue(result, 'aws:PrincipalArn')).toBeUndefined();
    expect(contextValue(result, 'aws:SecureTransport')).toEqual(['true']);
  });
  it('"AWS global condition context keys" (aws:PrincipalArn): "For IAM roles, the request context returns the ARN of the role, not the ARN of the user that assumed the role"', () => {
    const byRoleArn = policy('ByRole', 'identity', allow('s3:GetObject', '*', { Condition: { ArnEquals: { 'aws:PrincipalArn': DEV_ROLE } } }));
    expect(evaluate(req(DEV_SESSION, 's3:GetObject', OBJECT), { identity: [byRoleArn] }).decision).toBe('allowed');
  });
});
