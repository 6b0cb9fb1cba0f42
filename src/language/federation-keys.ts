/**
 * Condition keys of web identity (OIDC) and SAML federation ("IAM and AWS STS
 * condition context keys"; "Create a role for OpenID Connect federation"):
 * `<provider>:<claim>` where the provider is a host, optionally with a path
 * (`token.actions.githubusercontent.com:sub`,
 * `oidc.eks.us-east-1.amazonaws.com/id/111122223333:aud`,
 * `accounts.google.com:aud`, `cognito-identity.amazonaws.com:amr`), and the
 * `saml:` keys (`saml:aud`, `saml:sub`, …). A service prefix never holds a dot,
 * so a prefix with one is a provider.
 * CAUTION: publicly exported.
 */
const CLAIM = /^[^\s:]+$/;
const PROVIDER = /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/[^\s:]+)*$/i;

export function isFederationProviderKey(key: string): boolean {
  const colon = key.indexOf(':');
  if (colon <= 0) return false;
  const prefix = key.slice(0, colon);
  const claim = key.slice(colon + 1);
  if (!CLAIM.test(claim)) return false;
  return prefix.toLowerCase() === 'saml' || PROVIDER.test(prefix);
}

/** The identity providers AWS has built in: no IAM OIDC provider is needed for them ("CreateOpenIDConnectProvider"). */
export const BUILT_IN_WEB_IDENTITY_PROVIDERS = ['cognito-identity.amazonaws.com', 'accounts.google.com', 'graph.facebook.com', 'www.amazon.com'] as const;
