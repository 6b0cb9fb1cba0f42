/**
 * Finding the principal a user typed in a snapshot: a full ARN (with or without
 * its path), a bare user or role name, `user/NAME` or `role/NAME`, an
 * assumed-role session ARN (a session of its role), an account id or root ARN.
 * Principals of accounts the snapshot does not hold (and service principals,
 * anonymous) resolve as `external`: only the resource side is known for them.
 * CAUTION: publicly exported.
 */
import { BUILT_IN_WEB_IDENTITY_PROVIDERS } from '../../language/federation-keys.js';
import { parsePrincipal, type Principal } from '../../engine/principal.js';
import { closestMatches, typoAllowance } from '../../text/near-match.js';
import { accountNameKey } from './build.js';
import type { Snapshot, SnapshotRole, SnapshotUser } from './model.js';

export type ResolvedPrincipal =
  | { match: 'user'; principal: Principal; user: SnapshotUser }
  | { match: 'role'; principal: Principal; role: SnapshotRole }
  /** An assumed-role session: evaluated with its role's policies. */
  | { match: 'session'; principal: Principal; role: SnapshotRole }
  | { match: 'root'; principal: Principal }
  /** Not in the snapshot: the account is not in it, or a service principal, anonymous, a federated user. */
  | { match: 'external'; principal: Principal; reason: string };

export type PrincipalLookupErrorCode = 'PRINCIPAL_INVALID' | 'PRINCIPAL_NOT_FOUND' | 'PRINCIPAL_AMBIGUOUS';

export interface PrincipalLookupError {
  code: PrincipalLookupErrorCode;
  /** One sentence, naming the candidates. */
  message: string;
  /** ARNs: the matches of an ambiguous name, or the closest names to an unknown one. */
  candidates: string[];
}

export type PrincipalLookupResult = { ok: true; resolved: ResolvedPrincipal } | { ok: false; error: PrincipalLookupError };

type Entity = SnapshotUser | SnapshotRole;

export function resolvePrincipal(snapshot: Snapshot, text: string): PrincipalLookupResult {
  const wanted = text.trim();
  if (wanted === '') return failure('PRINCIPAL_INVALID', 'no principal given: expected a user or role name or ARN, a session ARN, or an account id', []);
  if (
    wanted.startsWith('arn:') ||
    /^\d{12}$/.test(wanted) ||
    wanted === '*' ||
    wanted === 'anonymous' ||
    wanted.endsWith('.amazonaws.com') ||
    wanted.endsWith('.amazonaws.com.cn') ||
    (BUILT_IN_WEB_IDENTITY_PROVIDERS as readonly string[]).includes(wanted)
  ) {
    return resolveParsed(snapshot, wanted);
  }
  const typed = /^(user|role)\/(.+)$/.exec(wanted);
  if (typed?.[1] !== undefined && typed[2] !== undefined) return resolveName(snapshot, typed[2], typed[1] as 'user' | 'role');
  return resolveName(snapshot, wanted, undefined);
}

function resolveParsed(snapshot: Snapshot, text: string): PrincipalLookupResult {
  const parsed = parsePrincipal(text);
  if (!parsed.ok) return failure('PRINCIPAL_INVALID', parsed.message, []);
  const principal = parsed.principal;
  const account = principal.account;
  const inSnapshot = account !== undefined && snapshot.accounts.has(account);
  switch (principal.kind) {
    case 'user':
    case 'role': {
      if (!inSnapshot) return external(principal, `account ${account ?? '?'} is not in the snapshot`);
      const entity = findInAccount(snapshot, principal.kind, account, principal.name ?? '', principal.arn);
      if (entity === undefined) return notFound(snapshot, principal.name ?? text, principal.kind, `no ${principal.kind} ${principal.arn} in the snapshot`);
      return entity.kind === 'user' ? { ok: true, resolved: { match: 'user', principal: entity.principal, user: entity } } : roleResult(entity);
    }
    case 'assumed-role': {
      if (!inSnapshot) return external(principal, `account ${account ?? '?'} is not in the snapshot`);
      const role = findInAccount(snapshot, 'role', account, principal.name ?? '', undefined);
      if (role === undefined || role.kind !== 'role') {
        return notFound(snapshot, principal.name ?? text, 'role', `session ${principal.arn} belongs to role ${principal.name ?? '?'}, which is not in the snapshot`);
      }
      return { ok: true, resolved: { match: 'session', principal: sessionPrincipal(role, principal), role } };
    }
    case 'root':
      if (!inSnapshot) return external(principal, `account ${account ?? '?'} is not in the snapshot`);
      return { ok: true, resolved: { match: 'root', principal } };
    case 'federated-user':
      return external(principal, 'federated user sessions get the permissions of the IAM user who federated (unknown here) and of their session policy');
    case 'service':
      return external(principal, 'service principals have no identity-based policies');
    case 'anonymous':
      return external(principal, 'anonymous requests have no identity');
    case 'web-identity':
    case 'saml':
      return external(principal, 'an identity provider has no identity-based policies: the role’s trust policy decides');
  }
}

/** By ARN; failing that by name in the account, so an ARN typed without its path still finds the entity. */
function findInAccount(snapshot: Snapshot, kind: 'user' | 'role', account: string, name: string, arn: string | undefined): Entity | undefined {
  if (kind === 'user') {
    return (arn === undefined ? undefined : snapshot.users.get(arn)) ?? snapshot.index.userByAccountName.get(accountNameKey(account, name));
  }
  return (arn === undefined ? undefined : snapshot.roles.get(arn)) ?? snapshot.index.roleByAccountName.get(accountNameKey(account, name));
}

/** A session of the role: the session ARN as principal, with the role's path, tags and unique id. */
function sessionPrincipal(role: SnapshotRole, session: Principal): Principal {
  return {
    ...session,
    partition: role.partition,
    name: role.name,
    path: role.path,
    roleArn: role.arn,
    serviceLinked: role.serviceLinked,
    uniqueId: role.id,
    tags: role.tags,
  };
}

function resolveName(snapshot: Snapshot, name: string, only: 'user' | 'role' | undefined): PrincipalLookupResult {
  const key = name.toLowerCase();
  const users = only === 'role' ? [] : (snapshot.index.usersByName.get(key) ?? []);
  const roles = only === 'user' ? [] : (snapshot.index.rolesByName.get(key) ?? []);
  let matches: Entity[] = [...users, ...roles];
  // IAM names are unique per account regardless of case; across accounts, an exact-case match is preferred.
  const exact = matches.filter((entity) => entity.name === name);
  if (exact.length > 0) matches = exact;
  if (matches.length === 0) return notFound(snapshot, name, only, undefined);
  const [first] = matches;
  if (matches.length === 1 && first !== undefined) {
    return first.kind === 'user' ? { ok: true, resolved: { match: 'user', principal: first.principal, user: first } } : roleResult(first);
  }
  const arns = matches.map((entity) => entity.arn).sort();
  const kinds = new Set(matches.map((entity) => entity.kind));
  const what = kinds.size > 1 ? 'both a user and a role' : `${matches.length} ${only ?? first?.kind ?? 'principal'}s in different accounts`;
  const hint = kinds.size > 1 ? `give the full ARN, or user/${name} or role/${name}` : 'give the full ARN';
  return failure('PRINCIPAL_AMBIGUOUS', `"${name}" names ${what}: ${arns.join(', ')}; ${hint}`, arns);
}

function roleResult(role: SnapshotRole): PrincipalLookupResult {
  return { ok: true, resolved: { match: 'role', principal: role.principal, role } };
}

function notFound(snapshot: Snapshot, name: string, only: 'user' | 'role' | undefined, lead: string | undefined): PrincipalLookupResult {
  const candidates: Entity[] = [];
  if (only !== 'role') for (const user of snapshot.users.values()) candidates.push(user);
  if (only !== 'user') for (const role of snapshot.roles.values()) candidates.push(role);
  // Equally close names are listed by name; a name that contains what was typed (or the reverse) is a good suggestion however long it is.
  candidates.sort((left, right) => left.name.toLowerCase().localeCompare(right.name.toLowerCase()));
  const closest = closestMatches(name, candidates, (entity) => entity.name, { maxDistance: Math.max(2, typoAllowance(name)), related: 'substring' });
  const what = only ?? 'user or role';
  const start = lead ?? `no ${what} named "${name}" in the snapshot`;
  const suggestion =
    closest.length === 0
      ? `; the snapshot has ${snapshot.users.size} user(s) and ${snapshot.roles.size} role(s), none with a similar name`
      : `; closest: ${closest.map((entity) => `${entity.name} (${entity.kind}, ${entity.arn})`).join(', ')}`;
  return failure('PRINCIPAL_NOT_FOUND', start + suggestion, closest.map((entity) => entity.arn));
}

function external(principal: Principal, reason: string): PrincipalLookupResult {
  return { ok: true, resolved: { match: 'external', principal, reason } };
}

function failure(code: PrincipalLookupErrorCode, message: string, candidates: string[]): PrincipalLookupResult {
  return { ok: false, error: { code, message, candidates } };
}
