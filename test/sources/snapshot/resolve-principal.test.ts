import { describe, expect, it } from 'vitest';
import { loadSnapshot, mergeSnapshots } from '../../../src/sources/snapshot/load-snapshot.js';
import { resolvePrincipal, type PrincipalLookupResult } from '../../../src/sources/snapshot/resolve-principal.js';
import { loadFixtures } from './helpers.js';

const snapshot = loadFixtures('gaad-cli.json', 'snapshot-prod.json', 'snapshot-sandbox.json');

function resolved(result: PrincipalLookupResult) {
  if (!result.ok) expect.fail(result.error.message);
  return result.resolved;
}

function failed(result: PrincipalLookupResult) {
  if (result.ok) expect.fail(`resolved to ${result.resolved.principal.arn}`);
  return result.error;
}

describe('resolvePrincipal', () => {
  it('finds a user by full ARN with its path', () => {
    const found = resolved(resolvePrincipal(snapshot, 'arn:aws:iam::111111111111:user/engineering/alice'));
    expect(found.match).toBe('user');
    expect(found.principal).toMatchObject({
      kind: 'user',
      arn: 'arn:aws:iam::111111111111:user/engineering/alice',
      account: '111111111111',
      name: 'alice',
      path: '/engineering/',
      uniqueId: 'AIDAEXAMPLEALICE00001',
      tags: { team: 'payments', 'cost-center': 'cc-1234' },
    });
  });

  it('finds a user by an ARN typed without its path, and answers with the real ARN', () => {
    expect(resolved(resolvePrincipal(snapshot, 'arn:aws:iam::111111111111:user/alice')).principal.arn).toBe('arn:aws:iam::111111111111:user/engineering/alice');
  });

  it('finds a user and a role by bare name', () => {
    expect(resolved(resolvePrincipal(snapshot, 'alice')).principal.arn).toBe('arn:aws:iam::111111111111:user/engineering/alice');
    const role = resolved(resolvePrincipal(snapshot, 'app-server'));
    expect(role.match).toBe('role');
    expect(role.principal).toMatchObject({ kind: 'role', arn: 'arn:aws:iam::111111111111:role/service/app-server', path: '/service/', uniqueId: 'AROAEXAMPLEAPPSERVER1' });
  });

  it('matches bare names case-insensitively, as IAM does', () => {
    expect(resolved(resolvePrincipal(snapshot, 'ALICE')).principal.name).toBe('alice');
  });

  it('flags service-linked roles by their path', () => {
    expect(resolved(resolvePrincipal(snapshot, 'AWSServiceRoleForSupport')).principal.serviceLinked).toBe(true);
    expect(resolved(resolvePrincipal(snapshot, 'app-server')).principal.serviceLinked).toBe(false);
  });

  it('resolves an assumed-role session ARN to a session of its role', () => {
    const session = resolved(resolvePrincipal(snapshot, 'arn:aws:sts::111111111111:assumed-role/app-server/i-0abc123'));
    expect(session.match).toBe('session');
    expect(session.principal).toMatchObject({
      kind: 'assumed-role',
      arn: 'arn:aws:sts::111111111111:assumed-role/app-server/i-0abc123',
      name: 'app-server',
      sessionName: 'i-0abc123',
      roleArn: 'arn:aws:iam::111111111111:role/service/app-server',
      path: '/service/',
      uniqueId: 'AROAEXAMPLEAPPSERVER1',
      tags: { app: 'storefront' },
    });
    if (session.match === 'session') expect(session.role.name).toBe('app-server');
  });

  it('resolves an account id and a root ARN to the root user', () => {
    for (const text of ['111111111111', 'arn:aws:iam::111111111111:root']) {
      const root = resolved(resolvePrincipal(snapshot, text));
      expect(root.match).toBe('root');
      expect(root.principal).toMatchObject({ kind: 'root', account: '111111111111', arn: 'arn:aws:iam::111111111111:root' });
    }
  });

  it('reports a name that is both a user and a role, with both ARNs', () => {
    const error = failed(resolvePrincipal(snapshot, 'deploy'));
    expect(error.code).toBe('PRINCIPAL_AMBIGUOUS');
    expect(error.candidates).toEqual(['arn:aws:iam::111111111111:role/deploy', 'arn:aws:iam::111111111111:user/deploy']);
    expect(error.message).toBe(
      '"deploy" names both a user and a role: arn:aws:iam::111111111111:role/deploy, arn:aws:iam::111111111111:user/deploy; give the full ARN, or user/deploy or role/deploy',
    );
  });

  it('takes user/NAME and role/NAME to settle an ambiguous name', () => {
    expect(resolved(resolvePrincipal(snapshot, 'user/deploy')).principal.arn).toBe('arn:aws:iam::111111111111:user/deploy');
    expect(resolved(resolvePrincipal(snapshot, 'role/deploy')).principal.arn).toBe('arn:aws:iam::111111111111:role/deploy');
  });

  it('suggests the closest names for an unknown one', () => {
    const error = failed(resolvePrincipal(snapshot, 'alcie'));
    expect(error.code).toBe('PRINCIPAL_NOT_FOUND');
    expect(error.candidates[0]).toBe('arn:aws:iam::111111111111:user/engineering/alice');
    expect(error.message).toMatch(/^no user or role named "alcie" in the snapshot; closest: alice \(user, arn:aws:iam::111111111111:user\/engineering\/alice\)/);
  });

  it('suggests names that contain what was typed', () => {
    expect(failed(resolvePrincipal(snapshot, 'runner')).candidates).toEqual(['arn:aws:iam::111111111111:role/ci-runner']);
  });

  it('says so when nothing is close', () => {
    const error = failed(resolvePrincipal(snapshot, 'zzzzzzzzzzzz'));
    expect(error.candidates).toEqual([]);
    expect(error.message).toBe('no user or role named "zzzzzzzzzzzz" in the snapshot; the snapshot has 6 user(s) and 5 role(s), none with a similar name');
  });

  it('reports an unknown ARN in an account of the snapshot', () => {
    const error = failed(resolvePrincipal(snapshot, 'arn:aws:iam::111111111111:role/app-sever'));
    expect(error.code).toBe('PRINCIPAL_NOT_FOUND');
    expect(error.message).toMatch(/^no role arn:aws:iam::111111111111:role\/app-sever in the snapshot; closest: app-server \(role/);
  });

  it('reports a session of an unknown role', () => {
    const error = failed(resolvePrincipal(snapshot, 'arn:aws:sts::111111111111:assumed-role/ghost/s'));
    expect(error.message).toMatch(/^session arn:aws:sts::111111111111:assumed-role\/ghost\/s belongs to role ghost, which is not in the snapshot/);
  });

  it('treats principals of other accounts, services and anonymous callers as external', () => {
    const other = resolved(resolvePrincipal(snapshot, 'arn:aws:iam::444444444444:role/partner'));
    expect(other.match).toBe('external');
    if (other.match === 'external') expect(other.reason).toBe('account 444444444444 is not in the snapshot');
    expect(resolved(resolvePrincipal(snapshot, 'lambda.amazonaws.com')).match).toBe('external');
    expect(resolved(resolvePrincipal(snapshot, 'anonymous')).principal.kind).toBe('anonymous');
    expect(resolved(resolvePrincipal(snapshot, '444444444444')).match).toBe('external');
  });

  it('reports text that is no principal', () => {
    expect(failed(resolvePrincipal(snapshot, 'arn:aws:s3:::bucket')).code).toBe('PRINCIPAL_INVALID');
    expect(failed(resolvePrincipal(snapshot, '   ')).message).toMatch(/^no principal given/);
  });

  it('reports the same name in two accounts as ambiguous', () => {
    const other = loadSnapshot({ UserDetailList: [{ UserName: 'bob', Arn: 'arn:aws:iam::333333333333:user/bob' }] });
    if (!other.ok) expect.fail('fixture');
    const merged = mergeSnapshots([loadFixtures('gaad-cli.json'), other.snapshot]);
    const error = failed(resolvePrincipal(merged, 'bob'));
    expect(error.code).toBe('PRINCIPAL_AMBIGUOUS');
    expect(error.message).toBe('"bob" names 2 users in different accounts: arn:aws:iam::111111111111:user/bob, arn:aws:iam::333333333333:user/bob; give the full ARN');
    expect(resolved(resolvePrincipal(merged, 'arn:aws:iam::333333333333:user/bob')).principal.account).toBe('333333333333');
  });
});
