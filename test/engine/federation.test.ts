/**
 * Web identity (OIDC) and SAML federation: the caller of
 * sts:AssumeRoleWithWebIdentity / AssumeRoleWithSAML is the identity provider,
 * matched against Principal.Federated of the role's trust policy, with the
 * provider's claims as condition keys.
 */
import { describe, expect, it } from 'vitest';
import { openCatalog } from '../../src/catalog/index.js';
import { checkPolicyNames } from '../../src/catalog/check-policy-names.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { parsePrincipal } from '../../src/engine/principal.js';
import type { Request } from '../../src/engine/request.js';
import { isFederationProviderKey } from '../../src/language/federation-keys.js';
import { level, policy, principal } from './helpers.js';

const ROLE = 'arn:aws:iam::111111111111:role/GitHubDeploy';
const GITHUB = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const githubTrust = policy('Trust', 'trust', {
  Effect: 'Allow',
  Principal: { Federated: GITHUB },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:ref:refs/heads/main' },
  },
});
const federate = (who: string, context: Record<string, string>, action = 'sts:AssumeRoleWithWebIdentity', resource = ROLE): Request => ({
  principal: principal(who),
  action,
  resource: { arn: resource },
  context,
});

describe('"Create a role for OpenID Connect federation" — the GitHub Actions OIDC role', () => {
  it('parses the provider ARN as a web identity caller', () => {
    expect(parsePrincipal(GITHUB)).toMatchObject({ ok: true, principal: { kind: 'web-identity', arn: GITHUB, account: '111111111111', name: 'token.actions.githubusercontent.com' } });
    expect(parsePrincipal('accounts.google.com')).toMatchObject({ ok: true, principal: { kind: 'web-identity' } });
    expect(parsePrincipal('cognito-identity.amazonaws.com')).toMatchObject({ ok: true, principal: { kind: 'web-identity' } });
    expect(parsePrincipal('arn:aws:iam::111111111111:saml-provider/Okta')).toMatchObject({ ok: true, principal: { kind: 'saml', name: 'Okta' } });
  });

  it('the workflow on main assumes the role: Principal.Federated names the provider, the claims match', () => {
    const result = evaluate(federate(GITHUB, { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:ref:refs/heads/main' }), {
      identity: [],
      resource: githubTrust,
    });
    expect(result.decision).toBe('allowed');
    expect(result.reason).toBe('allowed-by-resource');
    expect(result.layers.find((layer) => layer.layer === 'identity')?.notApplicable?.code).toBe('IDENTITY_PROVIDER');
    expect(result.context.find((entry) => entry.key === 'aws:FederatedProvider')?.values).toEqual([GITHUB]);
  });

  it('a pull-request workflow (another sub) is not trusted', () => {
    const result = evaluate(federate(GITHUB, { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:pull_request' }), {
      identity: [],
      resource: githubTrust,
    });
    expect(result.decision).toBe('implicitDeny');
    expect(result.blockedBy).toEqual(['resource']);
  });

  it('a claim not given is an unknown that could allow', () => {
    const result = evaluate(federate(GITHUB, { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }), { identity: [], resource: githubTrust });
    expect(result.decision).toBe('implicitDeny');
    expect(result.unknowns).toEqual([expect.objectContaining({ kind: 'context_key', key: 'token.actions.githubusercontent.com:sub', couldLeadTo: 'allowed' })]);
  });

  it('another provider is not the one the trust policy names', () => {
    const other = 'arn:aws:iam::111111111111:oidc-provider/gitlab.com';
    const result = evaluate(federate(other, { 'gitlab.com:sub': 'x' }), { identity: [], resource: githubTrust });
    expect(result.decision).toBe('implicitDeny');
  });

  it('"Service control policies (SCPs)": SCPs restrict IAM principals, not a caller federating through a provider; RCPs of the role’s account still apply', () => {
    const context = { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:ref:refs/heads/main' };
    const denyAll = [level('r-root', 'root', [policy('DenyAll', 'scp', { Effect: 'Deny', Action: '*', Resource: '*' })])];
    expect(evaluate(federate(GITHUB, context), { identity: [], resource: githubTrust, scpLevels: denyAll }).decision).toBe('allowed');
    const rcpLevels = [level('r-root', 'root', [policy('OnlyOrg', 'rcp', { Effect: 'Deny', Principal: '*', Action: 'sts:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })])];
    expect(evaluate(federate(GITHUB, context), { identity: [], resource: githubTrust, rcpLevels }).decision).toBe('explicitDeny');
  });

  it('a provider’s token allows only the assume call: other actions are a precondition failure', () => {
    const result = evaluate(federate(GITHUB, {}, 's3:GetObject', 'arn:aws:s3:::bucket/key'), { identity: [] });
    expect(result.decision).toBe('implicitDeny');
    expect(result.awsRule?.id).toBe('identity-provider-only-federates');
  });
});

describe('"Create a role for SAML 2.0 federation"', () => {
  const OKTA = 'arn:aws:iam::111111111111:saml-provider/Okta';
  const samlTrust = policy('Trust', 'trust', {
    Effect: 'Allow',
    Principal: { Federated: OKTA },
    Action: 'sts:AssumeRoleWithSAML',
    Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } },
  });
  it('the SAML provider assumes the role when saml:aud matches (keys are case-insensitive)', () => {
    const allowed = evaluate(federate(OKTA, { 'saml:aud': 'https://signin.aws.amazon.com/saml' }, 'sts:AssumeRoleWithSAML'), { identity: [], resource: samlTrust });
    expect(allowed.decision).toBe('allowed');
    const elsewhere = evaluate(federate(OKTA, { 'saml:aud': 'https://example.com/saml' }, 'sts:AssumeRoleWithSAML'), { identity: [], resource: samlTrust });
    expect(elsewhere.decision).toBe('implicitDeny');
  });

  it('"Create a role for OpenID Connect federation": a built-in provider is named by its name', () => {
    const googleTrust = policy('Trust', 'trust', {
      Effect: 'Allow',
      Principal: { Federated: 'accounts.google.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'accounts.google.com:aud': '123.apps.googleusercontent.com' } },
    });
    expect(evaluate(federate('accounts.google.com', { 'accounts.google.com:aud': '123.apps.googleusercontent.com' }), { identity: [], resource: googleTrust }).decision).toBe('allowed');
  });
});

describe('"IAM and AWS STS condition context keys": provider keys are condition keys of no service', () => {
  it.each([
    'token.actions.githubusercontent.com:sub',
    'token.actions.githubusercontent.com:aud',
    'oidc.eks.us-east-1.amazonaws.com/id/111122223333:sub',
    'accounts.google.com:aud',
    'cognito-identity.amazonaws.com:amr',
    'graph.facebook.com:app_id',
    'www.amazon.com:user_id',
    'saml:aud',
    'SAML:sub',
  ])('%s', (key) => expect(isFederationProviderKey(key)).toBe(true));

  it('service keys are not provider keys', () => {
    expect(isFederationProviderKey('s3:prefix')).toBe(false);
    expect(isFederationProviderKey('aws:SourceIp')).toBe(false);
    expect(isFederationProviderKey('token.actions.githubusercontent.com:')).toBe(false);
  });

  it('policies that use them get no "unknown condition key" warning', async () => {
    const catalog = await openCatalog({ offline: true });
    expect(await checkPolicyNames(catalog, [policy('Trust', 'trust', { Effect: 'Allow', Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' }, StringEquals: { 'saml:aud': 'x' } } })])).toEqual([]);
  });
});
