/**
 * Who makes a request. Parsed from what users type (an ARN, an account id, a
 * service principal, `anonymous`) into a structured principal the engine reads.
 * CAUTION: publicly exported.
 */
import { parseArn } from '../language/arn.js';
import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '../language/federation-keys.js';

/** A caller that signs with IAM credentials (not a service, an identity provider or an anonymous caller). */
export function hasIamCredentials(kind: PrincipalKind): boolean {
  return kind === 'user' || kind === 'role' || kind === 'assumed-role' || kind === 'federated-user' || kind === 'root';
}

/** The caller of AssumeRoleWithWebIdentity / AssumeRoleWithSAML: an identity provider, not an IAM principal. */
export function isIdentityProvider(kind: PrincipalKind): boolean {
  return kind === 'web-identity' || kind === 'saml';
}

export type PrincipalKind =
  | 'user'
  | 'role'
  | 'assumed-role'
  | 'federated-user'
  | 'root'
  | 'service'
  | 'anonymous'
  /** The caller of sts:AssumeRoleWithWebIdentity: an OIDC identity provider (IAM OIDC provider ARN, or a built-in one such as accounts.google.com). */
  | 'web-identity'
  /** The caller of sts:AssumeRoleWithSAML: a SAML provider (arn:aws:iam::ACCT:saml-provider/NAME). */
  | 'saml';

export interface Principal {
  kind: PrincipalKind;
  /**
   * The ARN AWS puts in `aws:PrincipalArn` semantics' place: user/role/root ARN,
   * the session ARN for assumed roles and federated users, the service name
   * (`lambda.amazonaws.com`) for services, `*` for anonymous.
   */
  arn: string;
  /** The account the principal belongs to (undefined for services and anonymous). */
  account: string | undefined;
  partition: string;
  /** User, role, or federated-user name; for a session, the role name. */
  name: string | undefined;
  /** IAM path (`/`, `/aws-service-role/`...) where known. */
  path: string | undefined;
  /** For `assumed-role`: the ARN of the role (`arn:aws:iam::ACCT:role/PATH/NAME`), with its path when known. */
  roleArn: string | undefined;
  /** For sessions: the session name (assumed-role) or federated user name. */
  sessionName: string | undefined;
  /** Role is a service-linked role (path `/aws-service-role/`). */
  serviceLinked: boolean;
  /** Unique id (`AIDA…`/`AROA…`) when known: feeds `aws:userid`. */
  uniqueId?: string;
  /** Tags of the user or role: feed `aws:PrincipalTag/*`. */
  tags?: Readonly<Record<string, string>>;
}

export type PrincipalParseResult = { ok: true; principal: Principal } | { ok: false; message: string };

const ACCOUNT_ID = /^\d{12}$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(\.cn)?$/;
const SERVICE_LINKED_PATH_PREFIX = '/aws-service-role/';

/**
 * Parse a principal as AWS writes it. Accepts user, role, assumed-role and
 * federated-user ARNs, `arn:aws:iam::ACCT:root`, a bare 12-digit account id,
 * an AWS service principal, and `anonymous` (or `*`).
 */
export function parsePrincipal(text: string): PrincipalParseResult {
  const trimmed = text.trim();
  if ((BUILT_IN_WEB_IDENTITY_PROVIDERS as readonly string[]).includes(trimmed)) {
    return ok({ kind: 'web-identity', arn: trimmed, account: undefined, partition: 'aws', name: trimmed });
  }
  if (trimmed === 'anonymous' || trimmed === '*') {
    return ok({ kind: 'anonymous', arn: '*', account: undefined, partition: 'aws', name: undefined });
  }
  if (ACCOUNT_ID.test(trimmed)) {
    return ok({ kind: 'root', arn: `arn:aws:iam::${trimmed}:root`, account: trimmed, partition: 'aws', name: undefined });
  }
  if (SERVICE_PRINCIPAL.test(trimmed)) {
    return ok({ kind: 'service', arn: trimmed, account: undefined, partition: 'aws', name: trimmed });
  }
  if (trimmed.includes('*') || trimmed.includes('?')) {
    return { ok: false, message: `"${text}" is a pattern: a request is made by one principal, so give its exact ARN` };
  }
  const arn = parseArn(trimmed);
  if (arn === undefined) {
    return { ok: false, message: `"${text}" is not a principal: expected an IAM or STS ARN, a 12-digit account id, a service principal such as lambda.amazonaws.com, or "anonymous"` };
  }
  if (!ACCOUNT_ID.test(arn.account)) {
    return { ok: false, message: `"${text}" has no 12-digit account id` };
  }
  const base = { account: arn.account, partition: arn.partition };
  if (arn.service === 'iam') {
    if (arn.resource === 'root') return ok({ ...base, kind: 'root', arn: trimmed, name: undefined });
    // Identity providers: the callers of AssumeRoleWithWebIdentity / AssumeRoleWithSAML.
    const provider = /^(oidc|saml)-provider\/(.+)$/.exec(arn.resource);
    if (provider) return ok({ ...base, kind: provider[1] === 'oidc' ? 'web-identity' : 'saml', arn: trimmed, name: provider[2] });
    const [type, ...rest] = arn.resource.split('/');
    const name = rest[rest.length - 1];
    const path = rest.length > 1 ? `/${rest.slice(0, -1).join('/')}/` : '/';
    if ((type === 'user' || type === 'role') && name) {
      return ok({
        ...base,
        kind: type,
        arn: trimmed,
        name,
        path,
        serviceLinked: type === 'role' && path.startsWith(SERVICE_LINKED_PATH_PREFIX),
      });
    }
  }
  if (arn.service === 'sts') {
    const [type, ...rest] = arn.resource.split('/');
    if (type === 'assumed-role' && rest.length === 2 && rest[0] && rest[1]) {
      const [roleName, sessionName] = rest as [string, string];
      return ok({
        ...base,
        kind: 'assumed-role',
        arn: trimmed,
        name: roleName,
        sessionName,
        roleArn: `arn:${arn.partition}:iam::${arn.account}:role/${roleName}`,
        serviceLinked: roleName.startsWith('AWSServiceRoleFor'),
      });
    }
    if (type === 'federated-user' && rest.length === 1 && rest[0]) {
      return ok({ ...base, kind: 'federated-user', arn: trimmed, name: rest[0], sessionName: rest[0] });
    }
  }
  return {
    ok: false,
    message: `"${text}" is not a principal ARN: expected user/…, role/…, root, assumed-role/ROLE/SESSION or federated-user/NAME`,
  };
}

function ok(fields: Partial<Principal> & Pick<Principal, 'kind' | 'arn' | 'account' | 'partition' | 'name'>): PrincipalParseResult {
  return {
    ok: true,
    principal: {
      path: undefined,
      roleArn: undefined,
      sessionName: undefined,
      serviceLinked: false,
      ...fields,
    },
  };
}

/** The value AWS puts in `aws:PrincipalType` ("AWS global condition context keys"). */
export function principalTypeOf(principal: Principal): string | undefined {
  switch (principal.kind) {
    case 'user':
      return 'User';
    case 'role':
    case 'assumed-role':
      return 'AssumedRole';
    case 'federated-user':
      return 'FederatedUser';
    case 'root':
      return 'Account';
    case 'anonymous':
      return 'Anonymous';
    case 'service':
    case 'web-identity':
    case 'saml':
      return undefined;
  }
}
