/**
 * Which principal a live question is about: the caller itself when none is
 * given (an assumed-role caller is evaluated as its session), a user, role,
 * assumed-role session or federated-user ARN, the account root, or a bare
 * name tried as a user and as a role at once (both found is an error naming
 * both; a denied lookup of one kind never hides the other). A principal of
 * another account than the credentials' is refused: its account's credentials
 * are needed, never a same-named principal of the wrong account.
 */
import { parsePrincipal, type Principal } from '../../engine/principal.js';
import type { AccountDocument } from './document.js';
import { LiveError } from './errors.js';
import { commitEntity, readRole, readUser, type EntityRead } from './identity.js';
import type { ReadOutcome, Reader } from './reads.js';

export interface Caller {
  account: string;
  arn: string;
  partition: string;
  /** The round of the GetCallerIdentity answer, for the reads that wait for it. */
  round: number;
}

export interface ResolvedLive {
  /** What to look the principal up by in the captured document (an ARN, or an account id). */
  lookup: string;
  principal: Principal;
  /** Reads about the principal that succeeded. */
  succeeded: number;
  /** Failed reads about the principal, in words, for "nothing could be read". */
  failures: string[];
  notes: string[];
  /** The user or role ARN the simulator is asked about (a session's role). */
  simulatorSource: string | undefined;
}

/** The caller, from sts:GetCallerIdentity (needs no permission: a failure here is about credentials or the network). */
export async function callerOf(answer: Promise<ReadOutcome<{ Account?: string; Arn?: string }>>): Promise<Caller> {
  const caller = await answer;
  if (!caller.ok || caller.value.Account === undefined || caller.value.Arn === undefined) {
    const why = caller.ok ? 'no account in the answer' : `${caller.failure.code}: ${caller.failure.message}`;
    throw new LiveError(`cannot tell whose credentials these are (sts:GetCallerIdentity failed: ${why})`, 'AWS_CREDENTIALS');
  }
  const partition = /^arn:([^:]+):/.exec(caller.value.Arn)?.[1] ?? 'aws';
  return { account: caller.value.Account, arn: caller.value.Arn, partition, round: caller.round };
}

function ignoreLater<T>(promise: Promise<T>): Promise<T> {
  // Reads started before the account check may be abandoned: never an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}

function failuresOf(read: EntityRead): string[] {
  return [...(read.lookupDenied ? [`${read.lookupDenied.operation} (${read.lookupDenied.code})`] : []), ...read.notRead.map((entry) => `${entry.operation} (${entry.error})`)];
}

/** Failed reads recorded against the bare name, now that the ARN is known. */
function retarget(read: EntityRead, name: string, arn: string): void {
  for (const entry of read.notRead) if (entry.target === name) entry.target = arn;
}

function wrongAccount(principal: string, account: string, caller: Caller): LiveError {
  return new LiveError(
    `${principal} is in account ${account}, but these credentials are for account ${caller.account} (${caller.arn}): run with credentials of account ${account} (e.g. --profile), and --resource-profile for the resource's account if it differs`,
    'AWS_PRINCIPAL',
  );
}

export async function resolveLivePrincipal(
  reader: Reader,
  callerAnswer: Promise<Caller>,
  given: string | undefined,
  account: (id: string) => AccountDocument,
): Promise<ResolvedLive> {
  let text = given?.trim();
  if (text === undefined || text === '') {
    const caller = await callerAnswer;
    text = caller.arn;
  }
  const typed = /^(user|role)\/([\w+=,.@-]+)$/.exec(text);
  if (!text.startsWith('arn:') && !/^\d{12}$/.test(text) && !/\.amazonaws\.com(\.cn)?$/.test(text) && text !== 'anonymous' && text !== '*') {
    return resolveName(reader, callerAnswer, typed?.[2] ?? text, (typed?.[1] as 'user' | 'role' | undefined) ?? undefined, account);
  }
  const parsed = parsePrincipal(text);
  if (!parsed.ok) throw new LiveError(parsed.message, 'AWS_PRINCIPAL');
  const principal = parsed.principal;
  const none: ResolvedLive = { lookup: principal.arn, principal, succeeded: 0, failures: [], notes: [], simulatorSource: undefined };
  if (principal.kind === 'service' || principal.kind === 'anonymous') return { ...none, lookup: text };
  // Started before the account is checked, so the principal's reads and the check share the first round.
  const read =
    principal.kind === 'user'
      ? ignoreLater(readUser(reader, principal.name ?? '', principal.arn))
      : principal.kind === 'role' || principal.kind === 'assumed-role'
        ? ignoreLater(readRole(reader, principal.name ?? '', principal.kind === 'role' ? principal.arn : undefined))
        : undefined;
  const caller = await callerAnswer;
  if (principal.account !== caller.account) throw wrongAccount(principal.arn, principal.account ?? '?', caller);
  if (read === undefined) return { ...none, lookup: principal.kind === 'root' ? principal.arn : text, succeeded: 1 };
  const found = await read;
  if (found.exists === false) throw new LiveError(`no ${found.kind} ${found.kind === 'role' && principal.kind === 'assumed-role' ? `${principal.name} (the role of session ${principal.arn})` : principal.arn} in account ${caller.account}`, 'AWS_PRINCIPAL');
  if (principal.kind === 'assumed-role' && found.role === undefined) {
    // The role could not be read: its ARN (and path) are unknown, but the session still names it.
    const roleArn = principal.roleArn ?? '';
    found.role = { RoleName: principal.name ?? '', Arn: roleArn, Path: '/', RolePolicyList: [], AttachedManagedPolicies: [], Tags: [] };
    retarget(found, principal.name ?? '', roleArn);
    for (const part of ['permissions_boundary', 'principal_tags'] as const) {
      if (found.lookupDenied) account(caller.account).addNotRead({ operation: found.lookupDenied.operation, error: found.lookupDenied.code, part, target: roleArn });
    }
  }
  commitEntity(found, account(caller.account));
  const simulatorSource = found.user?.Arn ?? found.role?.Arn;
  return { lookup: principal.arn, principal, succeeded: found.succeeded, failures: failuresOf(found), notes: [], simulatorSource: simulatorSource === '' ? undefined : simulatorSource };
}

async function resolveName(
  reader: Reader,
  callerAnswer: Promise<Caller>,
  name: string,
  only: 'user' | 'role' | undefined,
  account: (id: string) => AccountDocument,
): Promise<ResolvedLive> {
  // Both kinds are read at once: the name's kind is not known until IAM answers.
  const [user, role] = await Promise.all([
    only === 'role' ? undefined : ignoreLater(readUser(reader, name, undefined)),
    only === 'user' ? undefined : ignoreLater(readRole(reader, name, undefined)),
  ]);
  const caller = await callerAnswer;
  if (user?.exists && role?.exists) {
    throw new LiveError(`"${name}" names both a user and a role in account ${caller.account}: ${user.user?.Arn}, ${role.role?.Arn}; give the full ARN, or user/${name} or role/${name}`, 'AWS_PRINCIPAL');
  }
  const notes: string[] = [];
  let chosen: EntityRead | undefined = user?.exists ? user : role?.exists ? role : undefined;
  if (chosen !== undefined) {
    const other = chosen === user ? role : user;
    if (other?.lookupDenied) notes.push(`${other.lookupDenied.operation} was denied (${other.lookupDenied.code}), so a ${other.kind} also named ${name} may exist; ${chosen.kind} ${name} was evaluated.`);
  } else {
    const denied = [user, role].filter((read): read is EntityRead => read?.lookupDenied !== undefined);
    const absent = [user, role].filter((read): read is EntityRead => read?.exists === false);
    if (denied.length === 1 && denied[0] !== undefined && absent.length + denied.length === [user, role].filter(Boolean).length) {
      // The other kind does not exist: this one must be it, read as far as allowed.
      chosen = denied[0];
      const arn = `arn:${caller.partition}:iam::${caller.account}:${chosen.kind}/${name}`;
      if (chosen.kind === 'user') chosen.user = { UserName: name, Arn: arn, Path: '/', UserPolicyList: [], GroupList: [], AttachedManagedPolicies: [], Tags: [] };
      else chosen.role = { RoleName: name, Arn: arn, Path: '/', RolePolicyList: [], AttachedManagedPolicies: [], Tags: [] };
      retarget(chosen, name, arn);
      for (const part of ['permissions_boundary', 'principal_tags'] as const) {
        chosen.notRead.push({ operation: chosen.lookupDenied?.operation ?? '', error: chosen.lookupDenied?.code ?? 'AccessDenied', part, target: arn });
      }
      notes.push(`${chosen.lookupDenied?.operation} was denied; ${name} was taken to be the ${chosen.kind} ${arn} (no ${chosen.kind === 'user' ? 'role' : 'user'} has that name), with its path unknown.`);
    } else if (denied.length > 0) {
      throw new LiveError(
        `cannot look up "${name}" in account ${caller.account}: ${denied.map((read) => `${read.lookupDenied?.operation} (${read.lookupDenied?.code})`).join(', ')}; give its ARN, or allow iam:GetUser and iam:GetRole`,
        'AWS_PRINCIPAL',
      );
    } else {
      throw new LiveError(`no ${only ?? 'user or role'} named "${name}" in account ${caller.account}`, 'AWS_PRINCIPAL');
    }
  }
  const arn = chosen.user?.Arn ?? chosen.role?.Arn ?? '';
  retarget(chosen, name, arn);
  commitEntity(chosen, account(caller.account));
  const parsed = parsePrincipal(arn);
  if (!parsed.ok) throw new LiveError(`IAM returned an unexpected ARN for ${name}: ${arn}`, 'AWS_ERROR');
  return { lookup: arn, principal: parsed.principal, succeeded: chosen.succeeded, failures: failuresOf(chosen), notes, simulatorSource: arn };
}
