import { describe, expect, it } from 'vitest';
import { matchWildcard } from '../../../src/language/wildcard.js';
import type { Policy } from '../../../src/language/policy.js';
import type { PolicySet } from '../../../src/engine/policy-set.js';
import type { Request } from '../../../src/engine/request.js';
import { whoCan, type EvaluateFunction, type WhoCanVerdict } from '../../../src/sources/snapshot/who-can.js';
import { loadFixtures } from './helpers.js';
import { evaluate } from '../../../src/engine/evaluate.js';

/** A stand-in for the engine: identity statements only, Action lists only, deny wins. */
const identityOnly: EvaluateFunction = (request: Request, policySet: PolicySet): WhoCanVerdict => {
  const matching = (policies: Policy[]) =>
    policies.flatMap((policy) => policy.statements).filter((statement) => statement.action !== undefined && !statement.action.negated && statement.action.values.some((value) => matchWildcard(value, request.action, { ignoreCase: true })));
  const statements = matching(policySet.identity);
  if (statements.some((statement) => statement.effect === 'Deny')) return { decision: 'explicitDeny', blockedBy: ['identity'] };
  if (statements.some((statement) => statement.effect === 'Allow')) return { decision: 'allowed', blockedBy: [] };
  return { decision: 'implicitDeny', blockedBy: ['identity'] };
};

describe('whoCan', () => {
  const iam = loadFixtures('gaad-cli.json');

  it('evaluates every user and role and returns each decision', () => {
    const result = whoCan(iam, { action: 's3:GetObject', resourceArn: 'arn:aws:s3:::acme-data/report.csv', evaluate: identityOnly });
    expect(result.entries.map((entry) => [entry.arn, entry.decision])).toEqual([
      ['arn:aws:iam::111111111111:role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport', 'implicitDeny'],
      ['arn:aws:iam::111111111111:role/deploy', 'implicitDeny'],
      ['arn:aws:iam::111111111111:role/service/app-server', 'allowed'],
      ['arn:aws:iam::111111111111:user/bob', 'allowed'],
      ['arn:aws:iam::111111111111:user/deploy', 'implicitDeny'],
      ['arn:aws:iam::111111111111:user/engineering/alice', 'allowed'],
    ]);
    expect(result.counts).toEqual({ allowed: 3, explicitDeny: 0, implicitDeny: 3 });
    expect(result.entries.find((entry) => entry.arn.endsWith('user/deploy'))?.blockedBy).toEqual(['identity']);
  });

  it('marks principals whose answer depends on what the snapshot lacks, and lists each gap once', () => {
    const result = whoCan(iam, { action: 's3:GetObject', resourceArn: '*', evaluate });
    const incomplete = result.entries.filter((entry) => entry.incomplete).map((entry) => entry.arn.split(':').pop());
    // GAAD has no organization: every allowed answer could be denied by an SCP; deploy and the
    // service-linked role are denied, and their missing AWS managed policies could allow them.
    expect(incomplete).toEqual(['role/aws-service-role/support.amazonaws.com/AWSServiceRoleForSupport', 'role/deploy', 'user/bob', 'user/engineering/alice']);
    expect(result.gaps).toEqual(
      expect.arrayContaining([
        'The snapshot has no organization data, so SCPs were not evaluated.',
        'AWS managed policy AdministratorAccess (arn:aws:iam::aws:policy/AdministratorAccess), attached to role deploy, is not in the snapshot, so it was evaluated without it.',
      ]),
    );
    expect(new Set(result.gaps).size).toBe(result.gaps.length);
  });

  it('hands the evaluator shared, pre-parsed policy objects and one request per principal', () => {
    const seen: { request: Request; policySet: PolicySet }[] = [];
    whoCan(iam, {
      action: 's3:DeleteBucket',
      resourceArn: 'arn:aws:s3:::acme-prod-data',
      evaluate: (request, policySet) => {
        seen.push({ request, policySet });
        return identityOnly(request, policySet);
      },
    });
    expect(seen).toHaveLength(6);
    const groupPolicy = (arn: string) => seen.find((call) => call.request.principal.arn === arn)?.policySet.identity.find((policy) => policy.id === 'group/developers:DevelopersDenyProdDelete');
    expect(groupPolicy('arn:aws:iam::111111111111:user/bob')).toBeDefined();
    expect(groupPolicy('arn:aws:iam::111111111111:user/bob')).toBe(groupPolicy('arn:aws:iam::111111111111:user/engineering/alice'));
    expect(groupPolicy('arn:aws:iam::111111111111:user/bob')).toBe(iam.groups.get('arn:aws:iam::111111111111:group/developers')?.identityPolicies[0]);
    const alice = seen.find((call) => call.request.principal.name === 'alice')!;
    expect(alice.request).toMatchObject({ action: 's3:DeleteBucket', resource: { arn: 'arn:aws:s3:::acme-prod-data' } });
    expect(alice.request.principal.tags).toEqual({ team: 'payments', 'cost-center': 'cc-1234' });
    expect(alice.policySet.permissionsBoundary?.kind).toBe('permissions-boundary');
  });

  it('uses the trust policy for every principal when the action assumes a role', () => {
    const org = loadFixtures('snapshot-prod.json', 'snapshot-sandbox.json');
    const resources = new Set<string | undefined>();
    const result = whoCan(org, {
      action: 'sts:AssumeRole',
      resourceArn: 'arn:aws:iam::222222222222:role/data-reader',
      evaluate: (request, policySet) => {
        resources.add(policySet.resource?.id);
        expect(policySet.resource?.kind).toBe('trust');
        expect(request.organization?.resourceOrgPaths).toEqual(['o-a1b2c3d4e5/r-a1b2/ou-a1b2-33333333/']);
        return { decision: 'implicitDeny', blockedBy: ['resource'] };
      },
    });
    expect([...resources]).toEqual(['arn:aws:iam::222222222222:role/data-reader']);
    expect(result.entries).toHaveLength(5);
  });

  it('filters principals by kind and account', () => {
    const org = loadFixtures('snapshot-prod.json', 'snapshot-sandbox.json');
    const users = whoCan(org, { action: 's3:GetObject', resourceArn: '*', evaluate: identityOnly, principals: 'users' });
    expect(users.entries.every((entry) => entry.kind === 'user')).toBe(true);
    expect(users.entries).toHaveLength(3);
    const roles = whoCan(org, { action: 's3:GetObject', resourceArn: '*', evaluate: identityOnly, principals: 'roles', accounts: ['222222222222'] });
    expect(roles.entries.map((entry) => entry.arn)).toEqual(['arn:aws:iam::222222222222:role/data-reader']);
  });

  it('passes the context and org facts through, with SCP levels of each principal account', () => {
    const org = loadFixtures('snapshot-prod.json', 'snapshot-sandbox.json');
    const levelsByAccount = new Map<string, string[] | undefined>();
    whoCan(org, {
      action: 's3:GetObject',
      resourceArn: 'arn:aws:s3:::acme-prod-logs/x',
      context: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' },
      evaluate: (request, policySet) => {
        levelsByAccount.set(request.principal.account ?? '', policySet.scpLevels?.map((level) => level.id));
        expect(request.context).toEqual({ 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f60718' });
        expect(policySet.vpcEndpoint?.map((policy) => policy.id)).toEqual(['vpce-0a1b2c3d4e5f60718']);
        expect(policySet.resource?.id).toBe('arn:aws:s3:::acme-prod-logs');
        return { decision: 'allowed', blockedBy: [] };
      },
    });
    expect(Object.fromEntries(levelsByAccount)).toEqual({
      '111111111111': ['r-a1b2', 'ou-a1b2-11111111', 'ou-a1b2-22222222', '111111111111'],
      '222222222222': ['r-a1b2', 'ou-a1b2-33333333', '222222222222'],
      '999999999999': ['r-a1b2', '999999999999'],
    });
  });
});
