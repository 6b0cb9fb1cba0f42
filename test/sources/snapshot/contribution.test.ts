import { describe, expect, it } from 'vitest';
import {
  isTrustPolicyAction,
  snapshotContribution,
  snapshotRequest,
  type SnapshotContribution,
  type SnapshotRequestOptions,
} from '../../../src/sources/snapshot/contribution.js';
import { loadSnapshot } from '../../../src/sources/snapshot/load-snapshot.js';
import type { Snapshot } from '../../../src/sources/snapshot/model.js';
import { loadFixtures } from './helpers.js';

const iam = loadFixtures('gaad-cli.json');
const org = loadFixtures('snapshot-prod.json', 'snapshot-sandbox.json');

function contribute(snapshot: Snapshot, principal: string, action: string, resourceArn: string, context?: SnapshotRequestOptions['context']): SnapshotContribution {
  const result = snapshotContribution(snapshot, context === undefined ? { principal, action, resourceArn } : { principal, action, resourceArn, context });
  if (!result.ok) expect.fail(result.error.message);
  return result.contribution;
}

const ids = (contribution: SnapshotContribution): string[] => (contribution.identity ?? []).map((policy) => policy.id);

describe('identity side', () => {
  it("collects a user's inline, managed and group policies with their origins", () => {
    const alice = contribute(iam, 'alice', 's3:GetObject', 'arn:aws:s3:::acme-data/report.csv');
    expect(ids(alice)).toEqual([
      'user/alice:AllowOwnAccessKeys',
      'arn:aws:iam::111111111111:policy/data/S3ReadData',
      'group/developers:DevelopersDenyProdDelete',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
    ]);
    expect(alice.identity?.map((policy) => policy.origin)).toEqual([
      { via: 'inline', file: 'gaad-cli.json' },
      { via: 'managed', file: 'gaad-cli.json' },
      { via: 'group-inline', group: 'developers', file: 'gaad-cli.json' },
      { via: 'group-managed', group: 'developers', file: 'gaad-cli.json' },
    ]);
    expect(alice.identity?.every((policy) => policy.kind === 'identity')).toBe(true);
  });

  it('shares group policy objects between members', () => {
    const alice = contribute(iam, 'alice', 's3:GetObject', '*');
    const bob = contribute(iam, 'bob', 's3:GetObject', '*');
    const groupPolicy = (contribution: SnapshotContribution) => contribution.identity?.find((policy) => policy.id === 'group/developers:DevelopersDenyProdDelete');
    expect(groupPolicy(alice)).toBeDefined();
    expect(groupPolicy(alice)).toBe(groupPolicy(bob));
  });

  it('adds the permissions boundary, parsed as a boundary', () => {
    const alice = contribute(iam, 'alice', 's3:GetObject', '*');
    expect(alice.permissionsBoundary?.id).toBe('arn:aws:iam::111111111111:policy/DeveloperBoundary');
    expect(alice.permissionsBoundary?.kind).toBe('permissions-boundary');
    expect(alice.permissionsBoundary?.origin.via).toBe('permissions-boundary');
    const role = contribute(iam, 'role/deploy', 's3:GetObject', '*');
    expect(role.permissionsBoundary).toBe(alice.permissionsBoundary);
    expect(contribute(iam, 'bob', 's3:GetObject', '*').permissionsBoundary).toBeUndefined();
  });

  it('gives the principal its tags, unique id and path', () => {
    const alice = contribute(iam, 'alice', 's3:GetObject', '*');
    expect(alice.principal).toMatchObject({ tags: { team: 'payments', 'cost-center': 'cc-1234' }, uniqueId: 'AIDAEXAMPLEALICE00001', path: '/engineering/' });
    const slr = contribute(iam, 'AWSServiceRoleForSupport', 'support:DescribeCases', '*');
    expect(slr.principal?.serviceLinked).toBe(true);
    expect(slr.unseen?.filter((gap) => gap.layer === 'identity')).toEqual([
      {
        layer: 'identity',
        kind: 'policy_not_supplied',
        detail:
          'AWS managed policy AWSSupportServiceRolePolicy (arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy), attached to role AWSServiceRoleForSupport, is not in the snapshot, so it was evaluated without it.',
      },
    ]);
  });

  it('reports AWS managed policies the GAAD file omits, directly and through groups, and goes on', () => {
    const bob = contribute(iam, 'bob', 's3:GetObject', '*');
    expect(bob.unseen?.filter((gap) => gap.layer === 'identity').map((gap) => gap.detail)).toEqual([
      'AWS managed policy ReadOnlyAccess (arn:aws:iam::aws:policy/ReadOnlyAccess), attached to user bob, is not in the snapshot, so it was evaluated without it.',
      'AWS managed policy SecurityAudit (arn:aws:iam::aws:policy/SecurityAudit), attached to group auditors, is not in the snapshot, so it was evaluated without it.',
    ]);
    // A GAAD file carries no organization: SCPs are unseen too (RCPs concern resources: none for *).
    expect(bob.unseen?.filter((gap) => gap.layer === 'scp' || gap.layer === 'rcp').map((gap) => [gap.layer, gap.couldHold])).toEqual([['scp', 'Deny']]);
    const onBucket = contribute(iam, 'bob', 's3:GetObject', 'arn:aws:s3:::acme-data/report.csv');
    expect(onBucket.unseen?.filter((gap) => gap.layer === 'scp' || gap.layer === 'rcp').map((gap) => gap.layer)).toEqual(['scp', 'rcp']);
    expect(ids(bob)).toEqual(['group/developers:DevelopersDenyProdDelete', 'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess']);
  });

  it('evaluates a session with its role\'s policies', () => {
    const session = contribute(iam, 'arn:aws:sts::111111111111:assumed-role/app-server/i-0abc', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:orders');
    expect(ids(session)).toEqual(['role/app-server:QueueAccess', 'arn:aws:iam::111111111111:policy/data/S3ReadData']);
    expect(session.principal?.kind).toBe('assumed-role');
  });

  it('gives the root user no identity policies, and an external principal an unknown identity side', () => {
    expect(contribute(org, '111111111111', 's3:GetObject', '*').identity).toEqual([]);
    const partner = contribute(org, 'arn:aws:iam::444444444444:role/partner', 'ecr:BatchGetImage', 'arn:aws:ecr:eu-west-1:111111111111:repository/storefront');
    expect(partner.identity).toEqual([]);
    expect(partner.identitySideUnknown).toBe(true);
    expect(partner.unseen?.some((gap) => gap.layer === 'identity' || gap.layer === 'scp')).toBeFalsy();
    expect(partner.resourcePolicy?.id).toBe('arn:aws:ecr:eu-west-1:111111111111:repository/storefront');
  });

  it('returns the lookup error for a principal it cannot find', () => {
    const result = snapshotContribution(iam, { principal: 'deploy', action: 's3:GetObject', resourceArn: '*' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('PRINCIPAL_AMBIGUOUS');
  });

  it('carries the findings of the policies it uses', () => {
    const loaded = loadSnapshot({
      UserDetailList: [
        {
          UserName: 'eve',
          Arn: 'arn:aws:iam::111111111111:user/eve',
          UserPolicyList: [{ PolicyName: 'Typo', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Condtion: {} }] } }],
        },
      ],
    });
    if (!loaded.ok) expect.fail('fixture');
    const eve = contribute(loaded.snapshot, 'eve', 's3:GetObject', '*');
    expect(eve.findings?.length).toBeGreaterThan(0);
    expect(eve.findings?.[0]?.location.path).toMatch(/^UserDetailList\[0\]\.UserPolicyList\[0\]\.PolicyDocument\.Statement\[0\]/);
  });
});

describe('trust policy selection', () => {
  it.each(['sts:AssumeRole', 'sts:TagSession', 'STS:assumerole'])('uses the role trust policy as resource policy for %s', (action) => {
    const carol = contribute(org, 'carol', action, 'arn:aws:iam::111111111111:role/ci-runner');
    expect(carol.resourcePolicy?.kind).toBe('trust');
    expect(carol.resourcePolicy?.id).toBe('arn:aws:iam::111111111111:role/ci-runner');
    expect(carol.resource).toEqual({ arn: 'arn:aws:iam::111111111111:role/ci-runner', account: '111111111111', tags: { team: 'platform' } });
  });

  it('covers the web identity, SAML and source identity actions', () => {
    expect(['sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity', 'sts:SetSourceIdentity'].every(isTrustPolicyAction)).toBe(true);
    expect(isTrustPolicyAction('sts:GetCallerIdentity')).toBe(false);
    const oidc = contribute(iam, 'alice', 'sts:AssumeRoleWithWebIdentity', 'arn:aws:iam::111111111111:role/deploy');
    expect(oidc.resourcePolicy?.statements[0]?.principal?.federated).toEqual(['arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com']);
  });

  it('finds the role when the ARN is typed without its path', () => {
    const deploy = contribute(iam, 'user/deploy', 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/app-server');
    expect(deploy.resourcePolicy?.id).toBe('arn:aws:iam::111111111111:role/service/app-server');
    expect(deploy.resource?.arn).toBe('arn:aws:iam::111111111111:role/service/app-server');
  });

  it('does not use the trust policy for other actions on the role', () => {
    const passRole = contribute(org, 'carol', 'iam:PassRole', 'arn:aws:iam::111111111111:role/ci-runner');
    expect(passRole.resourcePolicy).toBeUndefined();
    expect(passRole.resource?.tags).toEqual({ team: 'platform' });
  });

  it('uses the trust policy of a role in another account', () => {
    const cross = contribute(org, 'ci-runner', 'sts:AssumeRole', 'arn:aws:iam::222222222222:role/data-reader');
    expect(cross.resourcePolicy?.id).toBe('arn:aws:iam::222222222222:role/data-reader');
    expect(cross.resource?.account).toBe('222222222222');
  });

  it('reports a role missing from an account of the snapshot', () => {
    const missing = contribute(org, 'carol', 'sts:AssumeRole', 'arn:aws:iam::111111111111:role/ghost');
    expect(missing.resourcePolicy).toBeUndefined();
    expect(missing.unseen).toContainEqual({ layer: 'resource', kind: 'policy_not_supplied', detail: 'Role arn:aws:iam::111111111111:role/ghost is not in the snapshot, so its trust policy is unknown.' });
  });
});

describe('resource side', () => {
  it('uses the bucket policy for an S3 object, and the owning account from the snapshot', () => {
    const logs = contribute(org, 'carol', 's3:GetObject', 'arn:aws:s3:::acme-prod-logs/2025/06/01/app.log');
    expect(logs.resourcePolicy?.id).toBe('arn:aws:s3:::acme-prod-logs');
    expect(logs.resourcePolicy?.kind).toBe('resource');
    expect(logs.resource).toEqual({
      arn: 'arn:aws:s3:::acme-prod-logs/2025/06/01/app.log',
      account: '111111111111',
      tags: { classification: 'internal', owner: 'platform' },
      // "Blocking public access to your Amazon S3 storage": the most restrictive of the bucket's and the account's.
      s3BlockPublicAccess: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true },
    });
    expect(logs.s3PublicAccessBlock).toEqual({
      bucket: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false },
      account: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
  });

  it('uses the key policy (kind kms-key) for KMS keys, directly or through an alias', () => {
    const key = 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const direct = contribute(org, 'carol', 'kms:Decrypt', key);
    expect(direct.resourcePolicy?.kind).toBe('kms-key');
    expect(direct.resource).toEqual({ arn: key, account: '111111111111', tags: { purpose: 'logs' } });
    const alias = contribute(org, 'carol', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:alias/logs');
    expect(alias.resourcePolicy).toBe(direct.resourcePolicy);
  });

  it('flags AWS managed KMS keys, also when only their alias is known', () => {
    const managed = contribute(org, 'carol', 'kms:Decrypt', 'arn:aws:kms:eu-west-1:111111111111:key/abcd0000-aaaa-bbbb-cccc-000000000001');
    expect(managed.resource?.awsManagedKmsKey).toBe(true);
    const unknownAlias = contribute(org, 'carol', 'kms:Decrypt', 'arn:aws:kms:us-east-1:111111111111:alias/aws/ebs');
    expect(unknownAlias.resource?.awsManagedKmsKey).toBe(true);
  });

  it.each([
    ['sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:orders', 'arn:aws:sqs:eu-west-1:111111111111:orders'],
    ['sns:Publish', 'arn:aws:sns:eu-west-1:111111111111:order-events', 'arn:aws:sns:eu-west-1:111111111111:order-events'],
    ['lambda:InvokeFunction', 'arn:aws:lambda:eu-west-1:111111111111:function:resize-images:live', 'arn:aws:lambda:eu-west-1:111111111111:function:resize-images'],
    ['secretsmanager:GetSecretValue', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-password', 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:prod/db-password-a1B2c3'],
    ['ecr:BatchGetImage', 'arn:aws:ecr:eu-west-1:111111111111:repository/storefront', 'arn:aws:ecr:eu-west-1:111111111111:repository/storefront'],
  ])('finds the resource policy for %s on %s', (action, arn, policyId) => {
    const result = contribute(org, 'carol', action, arn);
    expect(result.resourcePolicy?.id).toBe(policyId);
    expect(result.resource?.account).toBe('111111111111');
    expect(result.gaps).toEqual([]);
    expect(result.unseen).toBeUndefined();
  });

  it('reports a resource missing from an account with resource data', () => {
    const missing = contribute(org, 'carol', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:ghost');
    expect(missing.resourcePolicy).toBeUndefined();
    expect(missing.unseen).toEqual([{ layer: 'resource', kind: 'policy_not_supplied', detail: 'arn:aws:sqs:eu-west-1:111111111111:ghost is not in the snapshot, so its resource-based policy is unknown.' }]);
    expect(missing.contextGaps).toEqual([{ keys: ['aws:ResourceTag/'], kind: 'policy_not_supplied', detail: 'arn:aws:sqs:eu-west-1:111111111111:ghost is not in the snapshot, so its tags are unknown' }]);
  });

  it('says when an account has no resource data at all (GAAD only)', () => {
    const gaadOnly = contribute(iam, 'alice', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:orders');
    expect(gaadOnly.unseen).toContainEqual({
      layer: 'resource',
      kind: 'policy_not_supplied',
      detail: 'The snapshot has no resource data for account 111111111111, so its resource-based policy is unknown.',
    });
  });

  it('has no gap for resources that cannot carry a resource policy, or for *', () => {
    expect(contribute(org, 'carol', 'ec2:StartInstances', 'arn:aws:ec2:eu-west-1:111111111111:instance/i-0abc').unseen).toBeUndefined();
    expect(contribute(org, 'carol', 's3:ListAllMyBuckets', '*').unseen).toBeUndefined();
  });

  it('takes the principal account for the RCPs of a bucket whose owner is unknown', () => {
    const unknown = contribute(org, 'carol', 's3:GetObject', 'arn:aws:s3:::someone-elses-bucket/key');
    expect(unknown.resource?.account).toBeUndefined();
    expect(unknown.rcpLevels?.[0]?.id).toBe('r-a1b2');
    expect(unknown.gaps).toContain(
      'the account that owns arn:aws:s3:::someone-elses-bucket/key is unknown (it is not in the snapshot): taken to be the principal\'s account 111111111111, whose RCPs apply',
    );
  });
});

describe('organization', () => {
  it('gives SCP levels of the principal account and RCP levels of the resource account', () => {
    const cross = contribute(org, 'ci-runner', 's3:GetObject', 'arn:aws:s3:::acme-sandbox-share/data.csv');
    expect(cross.scpLevels?.map((level) => level.id)).toEqual(['r-a1b2', 'ou-a1b2-11111111', 'ou-a1b2-22222222', '111111111111']);
    expect(cross.rcpLevels?.map((level) => level.id)).toEqual(['r-a1b2', 'ou-a1b2-33333333', '222222222222']);
    expect(cross.scpLevels?.[0]?.policies.map((policy) => policy.kind)).toEqual(['scp', 'scp']);
    expect(cross.rcpLevels?.[0]?.policies.map((policy) => policy.kind)).toEqual(['rcp']);
    expect(cross.organization).toEqual({
      principalOrgId: 'o-a1b2c3d4e5',
      principalOrgPaths: ['o-a1b2c3d4e5/r-a1b2/ou-a1b2-11111111/ou-a1b2-22222222/'],
      principalIsManagementAccount: false,
      resourceOrgId: 'o-a1b2c3d4e5',
      resourceOrgPaths: ['o-a1b2c3d4e5/r-a1b2/ou-a1b2-33333333/'],
      resourceIsManagementAccount: false,
    });
  });

  it('flags the management account', () => {
    const admin = contribute(org, 'org-admin', 's3:GetObject', 'arn:aws:s3:::acme-sandbox-share/x');
    expect(admin.organization?.principalIsManagementAccount).toBe(true);
    expect(admin.organization?.principalOrgPaths).toEqual(['o-a1b2c3d4e5/r-a1b2/']);
    const toManagement = contribute(org, 'carol', 'iam:GetUser', 'arn:aws:iam::999999999999:user/org-admin');
    expect(toManagement.organization?.resourceIsManagementAccount).toBe(true);
  });

  it('gives a cross-account request the identity of one account and the resource policy of the other', () => {
    const cross = contribute(org, 'ci-runner', 's3:GetObject', 'arn:aws:s3:::acme-sandbox-share/data.csv');
    expect(ids(cross)).toEqual(['arn:aws:iam::111111111111:policy/CiDeploy']);
    expect(cross.resourcePolicy?.id).toBe('arn:aws:s3:::acme-sandbox-share');
    expect(cross.resource?.account).toBe('222222222222');
    expect(cross.principal?.account).toBe('111111111111');
  });

  it('has no organization data for accounts outside any organization in the snapshot', () => {
    const alone = contribute(iam, 'alice', 's3:GetObject', '*');
    expect(alone.scpLevels).toBeUndefined();
    expect(alone.rcpLevels).toBeUndefined();
    expect(alone.organization).toEqual({});
  });

  it('reports an SCP level with no policy, and a broken hierarchy', () => {
    const loaded = loadSnapshot({
      iamwhySnapshot: 1,
      accounts: [{ accountId: '111111111111', authorizationDetails: { UserDetailList: [{ UserName: 'u', Arn: 'arn:aws:iam::111111111111:user/u' }] } }, { accountId: '222222222222' }],
      organization: {
        id: 'o-abcdefghij',
        managementAccountId: '999999999999',
        roots: [{ id: 'r-ab12' }],
        organizationalUnits: [{ id: 'ou-ab12-11111111', name: 'Empty', parentId: 'r-ab12' }],
        accounts: [
          { id: '111111111111', parentId: 'ou-ab12-11111111' },
          { id: '222222222222', parentId: 'ou-ab12-99999999' },
        ],
        policies: [{ id: 'p-FullAWSAccess', type: 'SERVICE_CONTROL_POLICY', content: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', targets: ['r-ab12', '111111111111'] }],
      },
    });
    if (!loaded.ok) expect.fail(loaded.errors.map((error) => error.message).join('; '));
    const user = contribute(loaded.snapshot, 'u', 's3:GetObject', '*');
    expect(user.scpLevels?.map((level) => level.policies.length)).toEqual([1, 0, 1]);
    expect(user.unseen).toEqual([
      {
        layer: 'scp',
        kind: 'policy_not_supplied',
        detail:
          'No SCP attached at OU ou-ab12-11111111 (Empty) in the snapshot: AWS requires at least one, so the snapshot is incomplete and SCPs deny every request from account 111111111111.',
      },
    ]);
    const root = contribute(loaded.snapshot, '222222222222', 's3:GetObject', '*');
    expect(root.scpLevels).toBeUndefined();
    expect(root.unseen?.map((gap) => [gap.layer, gap.detail])).toEqual([
      ['scp', 'The organization hierarchy of account 222222222222 is incomplete: parent ou-ab12-99999999 is not in the snapshot, so its SCPs, RCPs and org paths are unknown.'],
    ]);
  });
});

describe('VPC endpoints', () => {
  it('adds endpoint policies only when the context names an endpoint', () => {
    expect(contribute(org, 'carol', 's3:GetObject', 'arn:aws:s3:::acme-prod-logs/x').vpcEndpoint).toBeUndefined();
    const through = contribute(org, 'carol', 's3:GetObject', 'arn:aws:s3:::acme-prod-logs/x', { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' });
    expect(through.vpcEndpoint?.map((policy) => [policy.id, policy.kind])).toEqual([['vpce-0a1b2c3d4e5f60718', 'vpc-endpoint']]);
  });

  it('reads the key case-insensitively and uses the default policy of an endpoint without one', () => {
    const through = contribute(org, 'carol', 'sqs:SendMessage', 'arn:aws:sqs:eu-west-1:111111111111:orders', { 'AWS:sourcevpce': ['vpce-0fedcba9876543210'] });
    expect(through.vpcEndpoint?.map((policy) => policy.id)).toEqual(['vpce-0fedcba9876543210 (default policy)']);
  });

  it('reports an endpoint missing from the snapshot', () => {
    const unknown = contribute(org, 'carol', 's3:GetObject', '*', { 'aws:SourceVpce': 'vpce-11111111111111111' });
    expect(unknown.vpcEndpoint).toBeUndefined();
    expect(unknown.unseen).toEqual([{ layer: 'vpc_endpoint', kind: 'policy_not_supplied', detail: 'VPC endpoint vpce-11111111111111111 (aws:SourceVpce) is not in the snapshot, so its policy is unknown.' }]);
  });
});

describe('snapshotRequest', () => {
  it('builds the engine request and policy set', () => {
    const result = snapshotRequest(org, {
      principal: 'arn:aws:sts::111111111111:assumed-role/ci-runner/build-42',
      action: 's3:GetObject',
      resourceArn: 'arn:aws:s3:::acme-sandbox-share/data.csv',
      context: { 'aws:SourceIp': '203.0.113.7' },
    });
    if (!result.ok) expect.fail(result.error.message);
    expect(result.request.principal).toMatchObject({ kind: 'assumed-role', roleArn: 'arn:aws:iam::111111111111:role/ci-runner', sessionName: 'build-42' });
    expect(result.request.resource).toEqual({ arn: 'arn:aws:s3:::acme-sandbox-share/data.csv', account: '222222222222', tags: { env: 'sandbox' } });
    expect(result.request.context).toEqual({ 'aws:SourceIp': '203.0.113.7' });
    expect(result.request.organization?.principalOrgId).toBe('o-a1b2c3d4e5');
    expect(result.policySet.identity.map((policy) => policy.id)).toEqual(['arn:aws:iam::111111111111:policy/CiDeploy']);
    expect(result.policySet.resource?.id).toBe('arn:aws:s3:::acme-sandbox-share');
    expect(result.policySet.scpLevels).toHaveLength(4);
    expect(result.policySet.rcpLevels).toHaveLength(3);
    expect(result.contribution.label).toBe('snapshot snapshot-prod.json, snapshot-sandbox.json');
  });
});
