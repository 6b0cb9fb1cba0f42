/**
 * Principal and NotPrincipal matching for resource-based policies
 * ("AWS JSON policy elements: Principal", "AWS JSON policy elements: NotPrincipal").
 */
import { parseArn } from '../language/arn.js';
import type { Effect, PrincipalBlock } from '../language/policy.js';
import { isIdentityProvider, type Principal } from './principal.js';
import type { PrincipalMatch, PrincipalMatchKind } from './result.js';

export interface PrincipalFacts {
  principal: Principal;
  /** The principal has a permissions boundary: Deny + NotPrincipal always applies to it. */
  hasPermissionsBoundary: boolean;
}

const ACCOUNT_ID = /^\d{12}$/;

/** `123456789012` and `arn:aws:iam::123456789012:root` both name the account. */
function accountNamedBy(value: string): string | undefined {
  if (ACCOUNT_ID.test(value)) return value;
  const arn = parseArn(value);
  if (arn && arn.service === 'iam' && arn.resource === 'root') return arn.account;
  return undefined;
}

/** A role ARN names the role whatever its path; sessions carry no path. */
function roleKey(value: string): string | undefined {
  const arn = parseArn(value);
  if (!arn || arn.service !== 'iam' || !arn.resource.startsWith('role/')) return undefined;
  const name = arn.resource.slice(arn.resource.lastIndexOf('/') + 1);
  return `${arn.account}:${name}`;
}

/** How a single `AWS` principal value names the requester, if it does. */
function awsValueMatch(value: string, principal: Principal): PrincipalMatchKind | undefined {
  if (value === '*') return 'wildcard';
  if (principal.kind === 'anonymous' || principal.kind === 'service') return undefined;
  const account = accountNamedBy(value);
  if (account !== undefined) return account === principal.account ? 'account' : undefined;
  if (principal.kind === 'role' || principal.kind === 'assumed-role') {
    const named = roleKey(value);
    const own = roleKey(principal.roleArn ?? principal.arn);
    if (named !== undefined && named === own) return 'role';
  }
  if (value === principal.arn) return 'principal';
  if (principal.kind === 'user') {
    // A user ARN names the user whatever path is written.
    const named = parseArn(value);
    if (named?.service === 'iam' && named.account === principal.account && named.resource.startsWith('user/')) {
      const name = named.resource.slice(named.resource.lastIndexOf('/') + 1);
      if (name === principal.name) return 'principal';
    }
  }
  return undefined;
}

/** The most specific way the block names the principal (principal > role > wildcard > account). */
function findInBlock(block: PrincipalBlock, principal: Principal): { via: PrincipalMatchKind; value: string } | undefined {
  if (block.wildcard) return { via: 'wildcard', value: '*' };
  if (principal.kind === 'service') {
    const value = block.service.find((service) => service === principal.arn);
    if (value) return { via: 'principal', value };
  }
  // An identity provider is named by its provider ARN or built-in name in Principal.Federated.
  if (principal.kind === 'federated-user' || principal.kind === 'assumed-role' || isIdentityProvider(principal.kind)) {
    const value = block.federated.find((federated) => federated === principal.arn);
    if (value) return { via: 'principal', value };
  }
  if (isIdentityProvider(principal.kind)) return undefined;
  const rank: Record<PrincipalMatchKind, number> = {
    principal: 0,
    role: 1,
    wildcard: 2,
    account: 3,
    'not-principal': 4,
    'not-principal-boundary': 5,
  };
  let best: { via: PrincipalMatchKind; value: string } | undefined;
  for (const value of block.aws) {
    const via = awsValueMatch(value, principal);
    if (via !== undefined && (best === undefined || rank[via] < rank[best.via])) best = { via, value };
  }
  return best;
}

/**
 * The identities AWS checks a NotPrincipal list against, from the account down:
 * a principal is exempt only when every one of them is listed ("AWS JSON policy
 * elements: NotPrincipal" — the list must name the account, the role and the session).
 */
function identityChain(principal: Principal): string[] {
  const accountRoot = principal.account ? `arn:${principal.partition}:iam::${principal.account}:root` : undefined;
  switch (principal.kind) {
    case 'user':
    case 'federated-user':
      return [accountRoot ?? '', principal.arn];
    case 'role':
      return [accountRoot ?? '', principal.arn];
    case 'assumed-role':
      return [accountRoot ?? '', principal.roleArn ?? '', principal.arn];
    case 'root':
      return [accountRoot ?? ''];
    case 'service':
    case 'anonymous':
    case 'web-identity':
    case 'saml':
      return [];
  }
}

/** The NotPrincipal list names this one identity of the chain. */
function listsIdentity(block: PrincipalBlock, principal: Principal, identity: string): boolean {
  return block.aws.some((value) => {
    if (value === identity) return true;
    const account = accountNamedBy(value);
    if (account !== undefined) return identity === `arn:${principal.partition}:iam::${account}:root`;
    const named = roleKey(value);
    return named !== undefined && named === roleKey(identity);
  });
}

/**
 * Whether a NotPrincipal list leaves the principal out of the statement.
 * - Deny: only when every identity AWS checks is listed (account, role, session).
 * - Allow ("NotPrincipal with Allow", archived "IAM JSON Policy Elements: NotPrincipal":
 *   "allows all principals except the one named"): when any identity of its chain is
 *   listed — naming the user, its role or its account keeps it out (iamwhy's reading
 *   of "the one named" for sessions and accounts).
 */
function notPrincipalExempts(block: PrincipalBlock, principal: Principal, effect: Effect): boolean {
  if (block.wildcard || block.aws.includes('*')) return true;
  if (principal.kind === 'service') return block.service.includes(principal.arn);
  if (isIdentityProvider(principal.kind)) return block.federated.includes(principal.arn);
  if (principal.kind === 'anonymous') return false;
  const chain = identityChain(principal);
  return effect === 'Allow'
    ? chain.some((identity) => listsIdentity(block, principal, identity))
    : chain.every((identity) => listsIdentity(block, principal, identity));
}

export function matchPrincipalBlock(block: PrincipalBlock, effect: Effect, facts: PrincipalFacts): PrincipalMatch {
  const { principal } = facts;
  if (!block.negated) {
    const found = findInBlock(block, principal);
    return found
      ? { element: 'Principal', matched: true, against: principal.arn, via: found.via, matchedValue: found.value }
      : { element: 'Principal', matched: false, against: principal.arn };
  }
  if (effect === 'Deny' && facts.hasPermissionsBoundary) {
    return { element: 'NotPrincipal', matched: true, against: principal.arn, via: 'not-principal-boundary' };
  }
  const exempt = notPrincipalExempts(block, principal, effect);
  return exempt
    ? { element: 'NotPrincipal', matched: false, against: principal.arn }
    : { element: 'NotPrincipal', matched: true, against: principal.arn, via: 'not-principal' };
}
