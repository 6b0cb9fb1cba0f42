/**
 * Who made a CloudTrail event's request, from its `userIdentity` element
 * ("CloudTrail userIdentity element"): the principal iamwhy evaluates (for a role
 * session, the session ARN), the role behind a session (`sessionIssuer`), the
 * unique id AWS puts in `aws:userid`, and what could not be known.
 */
import type { Principal } from '../../engine/principal.js';

export interface EventPrincipal {
  /** An ARN, `anonymous`, or a service principal; undefined when the event does not identify one. */
  principal: string | undefined;
  /** For a role session: the role's ARN, path included. */
  role: string | undefined;
  /** `principalId`: AWS's `aws:userid` for the caller. */
  userId: string | undefined;
  /** Facts that refine the parsed principal (the role's path). */
  facts: Partial<Principal>;
  /** Why the principal is unknown, when it is. */
  unknownWhy: string | undefined;
  notes: string[];
  /** The request was signed with long-term access keys (`AKIA…`): AWS sends no MFA keys then. */
  longTermKey: boolean;
}

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The session issuer of a role session: `sessionContext.sessionIssuer` with type Role. */
function issuerRole(identity: Json): string | undefined {
  const context = isRecord(identity.sessionContext) ? identity.sessionContext : undefined;
  const issuer = context && isRecord(context.sessionIssuer) ? context.sessionIssuer : undefined;
  return issuer && text(issuer.type) === 'Role' ? text(issuer.arn) : undefined;
}

/** `arn:aws:iam::111:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_0123` → its path. */
function rolePath(roleArn: string): string | undefined {
  const match = /^arn:[^:]+:iam::\d{12}:role(\/.*\/)[^/]+$/.exec(roleArn);
  return match ? match[1] : roleArn.includes(':role/') ? '/' : undefined;
}

/** The providers AWS builds in (no IAM provider ARN): they name themselves. */
const BUILT_IN_PROVIDERS = new Set(['accounts.google.com', 'cognito-identity.amazonaws.com', 'graph.facebook.com', 'www.amazon.com']);

/**
 * The identity provider that called AssumeRoleWithWebIdentity or AssumeRoleWithSAML
 * ("Values for AWS STS APIs with SAML and web identity federation"): a web identity
 * caller names its provider in `identityProvider` (a built-in host, or the IAM OIDC
 * provider's ARN); a SAML caller's `identityProvider` is an opaque hash, and the
 * provider's ARN is the request's `principalArn`.
 */
function federatedProvider(type: string, identity: Json, requestParameters: unknown): string | undefined {
  const provider = text(identity.identityProvider);
  if (type === 'WebIdentityUser' && provider !== undefined && (BUILT_IN_PROVIDERS.has(provider) || /^arn:[^:]+:iam::\d{12}:oidc-provider\/\S+$/.test(provider))) return provider;
  const parameters = isRecord(requestParameters) ? requestParameters : {};
  const principalArn = text(parameters.principalArn);
  if (type === 'SAMLUser' && principalArn !== undefined && /^arn:[^:]+:iam::\d{12}:saml-provider\/\S+$/.test(principalArn)) return principalArn;
  return undefined;
}

export function eventPrincipal(userIdentity: unknown, requestParameters?: unknown): EventPrincipal {
  const result: EventPrincipal = { principal: undefined, role: undefined, userId: undefined, facts: {}, unknownWhy: undefined, notes: [], longTermKey: false };
  if (!isRecord(userIdentity)) {
    result.unknownWhy = 'the event has no userIdentity';
    return result;
  }
  const type = text(userIdentity.type);
  const arn = text(userIdentity.arn);
  result.userId = text(userIdentity.principalId);
  result.longTermKey = text(userIdentity.accessKeyId)?.startsWith('AKIA') === true;
  switch (type) {
    case 'IAMUser':
    case 'Root':
      result.principal = arn;
      break;
    case 'AssumedRole': {
      result.principal = arn;
      result.role = issuerRole(userIdentity);
      if (result.role !== undefined) {
        const path = rolePath(result.role);
        result.facts = { roleArn: result.role, ...(path !== undefined ? { path } : {}) };
        if (/\/aws-reserved\/sso\.amazonaws\.com\//.test(result.role) || /:role\/AWSReservedSSO_/.test(result.role)) {
          result.notes.push('The caller is an IAM Identity Center user signed in through a permission set: its permissions are the policies of the role AWSReservedSSO_… that Identity Center keeps in step with the permission set.');
        }
      }
      break;
    }
    case 'FederatedUser': {
      result.principal = arn;
      const context = isRecord(userIdentity.sessionContext) ? userIdentity.sessionContext : undefined;
      const issuer = context && isRecord(context.sessionIssuer) ? text(context.sessionIssuer.arn) : undefined;
      if (issuer !== undefined) result.notes.push(`The federated user's session was created by ${issuer} (GetFederationToken): it has only the permissions both that user's policies and the session policy allow.`);
      break;
    }
    case 'AWSService':
      result.principal = text(userIdentity.invokedBy);
      if (result.principal === undefined) result.unknownWhy = 'the event says an AWS service made the call but not which (no invokedBy)';
      break;
    case 'AWSAccount': {
      const account = text(userIdentity.accountId);
      if (account === 'anonymous' || (account === undefined && result.userId === undefined)) {
        result.principal = 'anonymous';
        break;
      }
      result.unknownWhy = `the caller is in another account (${account ?? 'unknown'}), and CloudTrail does not record its ARN in the resource owner's log (principalId ${result.userId ?? 'unknown'})`;
      break;
    }
    case 'IdentityCenterUser':
      result.unknownWhy = 'the caller is an IAM Identity Center user acting with Identity Center credentials, not an IAM principal';
      break;
    case 'SAMLUser':
    case 'WebIdentityUser':
      result.principal = federatedProvider(type, userIdentity, requestParameters);
      if (result.principal === undefined) result.unknownWhy = `the event does not name the ${type === 'SAMLUser' ? 'SAML' : 'web identity (OIDC)'} provider that called`;
      else result.notes.push(`The caller is the identity provider ${result.principal}, as ${type === 'SAMLUser' ? 'SAML' : 'web identity'} federation makes it; its token's claims (sub, aud, …) are not in the event: give those a trust policy tests with --context.`);
      break;
    default:
      result.principal = arn;
      if (arn === undefined) result.unknownWhy = `the event's userIdentity (type ${type ?? 'missing'}) has no ARN`;
  }
  return result;
}
