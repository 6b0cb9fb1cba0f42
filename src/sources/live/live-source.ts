/**
 * Live mode's source: read what one request needs from the account with the
 * user's credentials (the principal, the resource, the organization), write it
 * into iamwhy's snapshot format, and read that back with the snapshot loader.
 * The live answer and the answer from a captured snapshot therefore come from
 * the same code, with the same unknowns for what could not be read.
 */
import type { Finding } from '../../language/findings.js';
import type { Principal } from '../../engine/principal.js';
import type { ContextInput } from '../../engine/request.js';
import { loadSnapshot } from '../snapshot/load-snapshot.js';
import { snapshotContribution, type SnapshotContribution } from '../snapshot/contribution.js';
import { SnapshotDocument } from './document.js';
import { LiveError } from './errors.js';
import { readOrganization } from './organization.js';
import { callerOf, resolveLivePrincipal, type Caller } from './principal.js';
import { NO_PROGRESS, type Progress } from './progress.js';
import { Reader } from './reads.js';
import { readResource } from './resources/index.js';
import { bucketOf } from './resources/s3.js';
import { AwsSession } from './session.js';
import type { SimulatorRequest } from './simulator.js';

export interface LiveOptions {
  principal: string | undefined;
  action: string;
  resourceArn: string;
  context: Readonly<Record<string, ContextInput>>;
  profile: string | undefined;
  resourceProfile: string | undefined;
  region: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  debug?: ((line: string) => void) | undefined;
  progress?: Progress;
}

export interface LiveSources {
  principal: Principal;
  contribution: SnapshotContribution;
  findings: Finding[];
  notes: string[];
  /** For the simulator cross-check, when there is a user or role to simulate. */
  simulator: SimulatorRequest | undefined;
  /** The reader of the principal's credentials (the simulator is asked with them). */
  reader: Reader;
  /** The document read, in snapshot format (what `iamwhy snapshot` would hold for this request). */
  document: SnapshotDocument;
  close(): void;
}

const GENERATOR = 'iamwhy live';

export async function readLiveSources(options: LiveOptions): Promise<LiveSources> {
  const progress = options.progress ?? NO_PROGRESS;
  const main = new AwsSession({ profile: options.profile, region: options.region, env: options.env, debug: options.debug });
  const resourceSession =
    options.resourceProfile === undefined ? main : new AwsSession({ profile: options.resourceProfile, region: options.region, env: options.env, debug: options.debug });
  const close = (): void => {
    main.destroy();
    if (resourceSession !== main) resourceSession.destroy();
  };
  try {
    const reader = new Reader(main);
    const resourceReader = resourceSession === main ? reader : new Reader(resourceSession);
    for (const each of new Set([reader, resourceReader])) each.onStart = (operation) => progress.step(operation);
    const document = new SnapshotDocument();
    const sessionRegion = await main.region();

    const callerAnswer = callerOf(reader.callerIdentity());
    const resourceCallerAnswer = resourceReader === reader ? callerAnswer : callerOf(resourceReader.callerIdentity());
    callerAnswer.catch(() => undefined);
    resourceCallerAnswer.catch(() => undefined);

    const principalRead = resolveLivePrincipal(reader, callerAnswer, options.principal, (id) => document.account(id));
    principalRead.catch(() => undefined);
    const resourceRead = readResourceSide(resourceReader, resourceCallerAnswer, options, sessionRegion, document);
    resourceRead.catch(() => undefined);

    const caller = await callerAnswer;
    const resourceCaller = await resourceCallerAnswer;
    document.account(caller.account);

    // SCPs of the principal's account, RCPs of the resource's, asked with each side's credentials as soon as the accounts are known.
    const principalAccount = principalAccountOf(options.principal, caller);
    const resourceAccount = resourceAccountOf(options.resourceArn, resourceCaller.account);
    const organizationReads: Promise<{ succeeded: number }>[] = [];
    if (resourceReader === reader || resourceCaller.account === caller.account) {
      const accounts: Array<{ id: string; layers: ('scp' | 'rcp')[] }> = [];
      if (principalAccount !== undefined) accounts.push({ id: principalAccount, layers: resourceAccount === principalAccount ? ['scp', 'rcp'] : ['scp'] });
      if (resourceAccount !== undefined && resourceAccount !== principalAccount) accounts.push({ id: resourceAccount, layers: ['rcp'] });
      if (accounts.length > 0) organizationReads.push(readOrganization(reader, document, accounts, caller));
    } else {
      if (principalAccount !== undefined) organizationReads.push(readOrganization(reader, document, [{ id: principalAccount, layers: ['scp'] }], caller));
      if (resourceAccount !== undefined) {
        const resourceDocument = new SnapshotDocument();
        organizationReads.push(
          readOrganization(resourceReader, resourceDocument, [{ id: resourceAccount, layers: ['rcp'] }], resourceCaller).then((read) => {
            mergeResourceOrganization(document, resourceDocument, resourceAccount);
            return read;
          }),
        );
      }
    }
    for (const read of organizationReads) read.catch(() => undefined);
    const resolved = await principalRead;
    const resourceCount = await resourceRead;
    const organization = await Promise.all(organizationReads);
    progress.stop();

    const succeeded = resolved.succeeded + (resourceCount ?? 0) + organization.reduce((sum, read) => sum + read.succeeded, 0);
    if (succeeded === 0) {
      const failed = [...new Set([...reader.log, ...resourceReader.log].filter((entry) => entry.outcome !== 'ok').map((entry) => `${entry.operation} (${entry.code ?? '?'})`))];
      throw new LiveError(
        `nothing could be read about ${resolved.lookup} in account ${caller.account}: ${failed.slice(0, 4).join(', ')}${failed.length > 4 ? ', …' : ''} — grant the read-only permissions listed in the README (or give --snapshot FILE)`,
        'AWS_NOTHING_READ',
      );
    }

    const loaded = loadSnapshot(document.toDocument(GENERATOR, new Date()), { label: `AWS account ${caller.account}` });
    if (!loaded.ok) throw new LiveError(`AWS returned something iamwhy cannot read: ${loaded.errors[0]?.message ?? 'unknown'}`, 'AWS_ERROR');
    const contributed = snapshotContribution(loaded.snapshot, { principal: resolved.lookup, action: options.action, resourceArn: options.resourceArn, context: options.context });
    if (!contributed.ok) throw new LiveError(contributed.error.message.replace(/in the snapshot/g, `in account ${caller.account}`), 'AWS_PRINCIPAL');
    const contribution: SnapshotContribution = { ...contributed.contribution, label: `AWS account ${caller.account} (live)` };

    return {
      principal: contributed.resolved.principal,
      contribution,
      findings: [...loaded.snapshot.inputFindings, ...(contributed.contribution.findings ?? [])],
      notes: resolved.notes,
      simulator:
        resolved.simulatorSource === undefined
          ? undefined
          : {
              policySourceArn: sessionRole(contributed.resolved) ?? resolved.simulatorSource,
              principalKind: contributed.resolved.principal.kind,
              action: options.action,
              resourceArn: options.resourceArn,
              resourcePolicy: resourcePolicyText(document, options.resourceArn, resourceCaller.account),
              resourceAccount: resourceAccount ?? contribution.resource?.account,
              partition: caller.partition,
            },
      reader,
      document,
      close,
    };
  } catch (error) {
    progress.stop();
    close();
    throw error;
  }
}

function sessionRole(resolved: { match: string; role?: { arn: string } }): string | undefined {
  return resolved.match === 'session' || resolved.match === 'role' ? resolved.role?.arn : undefined;
}

/** The principal's account: its ARN's (checked against the caller's by the principal lookup), none for services and anonymous, else the caller's. */
function principalAccountOf(given: string | undefined, caller: Caller): string | undefined {
  const text = given?.trim() ?? '';
  if (text === 'anonymous' || text === '*' || /\.amazonaws\.com(\.cn)?$/.test(text)) return undefined;
  if (/^\d{12}$/.test(text)) return text;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(text)?.[1] ?? caller.account;
}

/** The account that owns the resource: from its ARN, else (S3) the resource credentials' account. */
function resourceAccountOf(resourceArn: string, resourceCallerAccount: string): string | undefined {
  if (resourceArn === '*') return undefined;
  const account = /^arn:[^:]+:[^:]+:[^:]*:(\d{12})?:/.exec(resourceArn)?.[1];
  return account ?? (bucketOf(resourceArn) !== undefined ? resourceCallerAccount : undefined);
}

async function readResourceSide(reader: Reader, callerAnswer: Promise<Caller>, options: LiveOptions, region: string, document: SnapshotDocument): Promise<number | undefined> {
  if (options.resourceArn === '*') return undefined;
  const caller = await callerAnswer;
  const account = document.account(caller.account);
  return readResource({ reader, account, partition: caller.partition, after: caller }, options.resourceArn, options.action, region);
}

/** The RCP side read with other credentials: its account's organization facts and failed reads join the document. */
function mergeResourceOrganization(document: SnapshotDocument, resourceDocument: SnapshotDocument, resourceAccount: string): void {
  for (const entry of resourceDocument.account(resourceAccount).notRead) document.account(resourceAccount).addNotRead(entry);
  const theirs = resourceDocument.organization;
  if (theirs === undefined) return;
  const ours = document.organization;
  if (ours === undefined) {
    document.organization = theirs;
    return;
  }
  if (ours.id !== theirs.id) {
    // One organization per snapshot: the resource's, if different, is recorded as not read.
    document.account(resourceAccount).addNotRead({ operation: 'organizations:DescribeOrganization', error: `account ${resourceAccount} is in organization ${theirs.id}, not ${ours.id}`, part: 'rcp', target: resourceAccount });
    return;
  }
  const ids = (list: ReadonlyArray<{ id: string }> | undefined): Set<string> => new Set((list ?? []).map((item) => item.id));
  const roots = ids(ours.roots);
  const units = ids(ours.organizationalUnits);
  const accounts = ids(ours.accounts);
  ours.roots.push(...theirs.roots.filter((root) => !roots.has(root.id)));
  ours.organizationalUnits = [...(ours.organizationalUnits ?? []), ...(theirs.organizationalUnits ?? []).filter((unit) => !units.has(unit.id))];
  ours.accounts = [...(ours.accounts ?? []), ...(theirs.accounts ?? []).filter((account) => !accounts.has(account.id))];
  const policies = new Map((ours.policies ?? []).map((policy) => [policy.id, policy]));
  for (const policy of theirs.policies ?? []) {
    const known = policies.get(policy.id);
    if (known === undefined) policies.set(policy.id, policy);
    else known.targets = [...new Set([...known.targets, ...policy.targets])];
  }
  ours.policies = [...policies.values()];
}

/** The resource's policy document exactly as read, for the simulator's ResourcePolicy. */
function resourcePolicyText(document: SnapshotDocument, resourceArn: string, account: string): string | undefined {
  const resources = document.account(account).resources;
  const bucket = bucketOf(resourceArn);
  const found = resources.get(resourceArn) ?? (bucket ? resources.get(bucket.bucketArn) : undefined) ?? [...resources.values()].find((resource) => resourceArn.startsWith(resource.arn));
  const policy = found?.policy;
  if (policy === undefined || policy === null) return undefined;
  return typeof policy === 'string' ? policy : JSON.stringify(policy);
}
