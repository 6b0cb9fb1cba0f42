/**
 * `iamwhy snapshot`: capture an account (or every account of an organization)
 * into iamwhy's snapshot format: GAAD, the resource policies and tags of S3,
 * KMS, SQS, SNS, Lambda, Secrets Manager and ECR, S3 Block Public Access, and
 * the organization with its SCP and RCP contents when readable. What could not
 * be read is recorded in the file, so offline answers carry the same unknowns.
 * For an organization, `sts:AssumeRole` into ROLE in each account (it creates
 * nothing in the account: it only issues temporary credentials), accounts in
 * parallel with a bound, finished accounts kept in FILE.partial so an
 * interrupted capture resumes without reading them again.
 */
import { appendFile, readFile, rm } from 'node:fs/promises';
import type { AssumeRoleCommandOutput } from '@aws-sdk/client-sts';
import type { GetAccountAuthorizationDetailsCommandOutput } from '@aws-sdk/client-iam';
import type { IamwhySnapshotDocument, SnapshotAccountInput } from '../snapshot/format.js';
import { AccountDocument, notRead, SnapshotDocument } from './document.js';
import { LiveError } from './errors.js';
import { captureOrganization, readOrganization } from './organization.js';
import { callerOf, type Caller } from './principal.js';
import { NO_PROGRESS, type Progress } from './progress.js';
import { Reader } from './reads.js';
import type { ResourceContext } from './resources/context.js';
import { captureRepositories } from './resources/ecr.js';
import { captureFunctions } from './resources/lambda.js';
import { captureKeys } from './resources/kms.js';
import { captureBuckets } from './resources/s3.js';
import { captureSecrets } from './resources/secrets-manager.js';
import { captureTopics } from './resources/sns.js';
import { captureQueues } from './resources/sqs.js';
import { AwsSession } from './session.js';

/** Accounts captured at once in an organization capture. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 4;

export interface CaptureOptions {
  profile: string | undefined;
  /** Regions whose regional resources are captured; empty: the session's region. */
  regions: string[];
  env: Readonly<Record<string, string | undefined>>;
  debug?: ((line: string) => void) | undefined;
  progress?: Progress;
  /** Capture every account of the organization by assuming this role in each. */
  organizationRole?: string | undefined;
  accountConcurrency?: number;
  /** Where finished accounts are kept while an organization capture runs (resumed from when it exists). */
  resumeFile?: string | undefined;
  generator: string;
  now: Date;
}

export interface CaptureSummary {
  accounts: number;
  users: number;
  roles: number;
  resources: number;
  notRead: number;
  /** Accounts taken from the resume file instead of being read again. */
  resumed: string[];
}

const GAAD_FILTER = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'];

/** A GAAD page as the snapshot stores it: without the SDK's metadata and paging fields. */
function strip(page: object): object {
  const rest: Record<string, unknown> = { ...(page as Record<string, unknown>) };
  for (const key of ['$metadata', 'IsTruncated', 'Marker']) delete rest[key];
  // AWS always names each managed policy; an AWS-compatible endpoint that leaves the name out gets it from the ARN.
  const policies = rest.Policies;
  if (Array.isArray(policies)) {
    rest.Policies = policies.map((policy: Record<string, unknown>) =>
      typeof policy.PolicyName === 'string' || typeof policy.Arn !== 'string' ? policy : { PolicyName: policy.Arn.slice(policy.Arn.lastIndexOf('/') + 1), ...policy },
    );
  }
  return rest;
}

/** Everything of one account iamwhy evaluates: GAAD, resources in the given regions. */
async function captureAccount(reader: Reader, account: AccountDocument, caller: Caller, regions: readonly string[]): Promise<void> {
  const gaad = await reader.pages<GetAccountAuthorizationDetailsCommandOutput>('iam', 'GetAccountAuthorizationDetails', { Filter: GAAD_FILTER }, { marker: 'Marker', next: 'Marker' }, { after: [caller] });
  if (!gaad.ok) {
    throw new LiveError(
      `cannot capture account ${account.accountId}: iam:GetAccountAuthorizationDetails (${gaad.failure.code}) is required for a snapshot; the other reads are optional`,
      'AWS_NOTHING_READ',
    );
  }
  account.gaadPages.push(...gaad.value.map(strip));
  const context: ResourceContext = { reader, account, partition: caller.partition, after: caller };
  account.resourcesRead = true;
  await Promise.all([
    captureBuckets(context),
    ...regions.flatMap((region) => [
      captureKeys(context, region),
      captureQueues(context, region),
      captureTopics(context, region),
      captureFunctions(context, region),
      captureSecrets(context, region),
      captureRepositories(context, region),
    ]),
  ]);
}

function summarize(document: IamwhySnapshotDocument, resumed: string[]): CaptureSummary {
  let users = 0;
  let roles = 0;
  let resources = 0;
  let missing = 0;
  for (const account of document.accounts) {
    const pages = Array.isArray(account.authorizationDetails) ? account.authorizationDetails : account.authorizationDetails ? [account.authorizationDetails] : [];
    for (const page of pages) {
      users += page.UserDetailList?.length ?? 0;
      roles += page.RoleDetailList?.length ?? 0;
    }
    resources += account.resources?.length ?? 0;
    missing += account.notRead?.length ?? 0;
  }
  return { accounts: document.accounts.length, users, roles, resources, notRead: missing, resumed };
}

/** Count reads for the progress bar. */
function track(reader: Reader, progress: Progress, totals: { started: number; done: number }): void {
  reader.onStart = (operation) => {
    totals.started++;
    progress.step(operation);
    progress.count(totals.done, totals.started);
  };
  reader.onDone = () => {
    totals.done++;
    progress.count(totals.done, totals.started);
  };
}

export async function captureSnapshot(options: CaptureOptions): Promise<{ document: IamwhySnapshotDocument; summary: CaptureSummary }> {
  const progress = options.progress ?? NO_PROGRESS;
  const session = new AwsSession({ profile: options.profile, env: options.env, debug: options.debug, region: options.regions[0] });
  const sessions: AwsSession[] = [session];
  const totals = { started: 0, done: 0 };
  try {
    const reader = new Reader(session);
    track(reader, progress, totals);
    const caller = await callerOf(reader.callerIdentity());
    const regions = options.regions.length > 0 ? options.regions : [await session.region()];
    const document = new SnapshotDocument();
    if (options.organizationRole === undefined) {
      const account = document.account(caller.account);
      await Promise.all([captureAccount(reader, account, caller, regions), readOrganization(reader, document, [{ id: caller.account, layers: ['scp', 'rcp'] }], caller)]);
      const written = document.toDocument(options.generator, options.now);
      return { document: written, summary: summarize(written, []) };
    }

    const organization = await captureOrganization(reader, document);
    if (organization.organization === undefined) {
      throw new LiveError(
        organization.failure
          ? `cannot list the organization's accounts: organizations (${organization.failure.code}); --org needs the management account's or a delegated administrator's credentials`
          : `account ${caller.account} belongs to no organization: capture it without --org`,
        'AWS_NOTHING_READ',
      );
    }
    const resumed = await readResume(options.resumeFile, organization.organization.id);
    if (options.resumeFile !== undefined && resumed.size === 0) await appendFile(options.resumeFile, `${JSON.stringify({ iamwhySnapshotResume: 1, organizationId: organization.organization.id })}\n`);
    const pending = [...new Set([caller.account, ...organization.accounts])].filter((id) => !resumed.has(id));
    const finished: SnapshotAccountInput[] = [...resumed.values()];
    const concurrency = Math.max(1, options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < pending.length) {
        const id = pending[next++] as string;
        const account = new AccountDocument(id);
        await captureMember(reader, caller, id, account, regions, options, sessions, progress, totals);
        const input = account.toInput();
        finished.push(input);
        if (options.resumeFile !== undefined) await appendFile(options.resumeFile, `${JSON.stringify({ account: input })}\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, pending.length) }, () => worker()));
    const written = document.toDocument(options.generator, options.now);
    written.accounts = finished.sort((left, right) => left.accountId.localeCompare(right.accountId));
    return { document: written, summary: summarize(written, [...resumed.keys()]) };
  } finally {
    progress.stop();
    for (const each of sessions) each.destroy();
  }
}

/** One account of the organization: the caller's own with its credentials, any other through ROLE. */
async function captureMember(
  reader: Reader,
  caller: Caller,
  id: string,
  account: AccountDocument,
  regions: readonly string[],
  options: CaptureOptions,
  sessions: AwsSession[],
  progress: Progress,
  totals: { started: number; done: number },
): Promise<void> {
  if (id === caller.account) {
    await captureAccount(reader, account, caller, regions);
    return;
  }
  const roleArn = `arn:${caller.partition}:iam::${id}:role/${options.organizationRole ?? ''}`;
  // sts:AssumeRole only issues temporary credentials: nothing is created or changed in the account.
  const assumed = await reader.send<AssumeRoleCommandOutput>('sts', 'AssumeRole', { RoleArn: roleArn, RoleSessionName: 'iamwhy-snapshot', DurationSeconds: 3600 });
  const credentials = assumed.ok ? assumed.value.Credentials : undefined;
  if (!assumed.ok || credentials?.AccessKeyId === undefined || credentials.SecretAccessKey === undefined) {
    const failure = assumed.ok ? { kind: 'failed' as const, code: 'NoCredentials', message: '' } : assumed.failure;
    for (const service of ['iam', 's3', 'kms', 'sqs', 'sns', 'lambda', 'secretsmanager', 'ecr']) account.addNotRead(notRead('sts:AssumeRole', failure, 'resources', service));
    return;
  }
  const memberSession = new AwsSession({
    profile: undefined,
    region: regions[0],
    env: options.env,
    debug: options.debug,
    credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}) },
  });
  sessions.push(memberSession);
  const memberReader = new Reader(memberSession);
  track(memberReader, progress, totals);
  const memberCaller = await callerOf(memberReader.callerIdentity());
  try {
    await captureAccount(memberReader, account, memberCaller, regions);
  } catch (error) {
    // One account that cannot be captured does not stop the others: it is recorded as not read.
    if (!(error instanceof LiveError) || error.code !== 'AWS_NOTHING_READ') throw error;
    account.addNotRead({ operation: 'iam:GetAccountAuthorizationDetails', error: 'AccessDenied', part: 'resources', target: 'iam' });
  }
}

/** Accounts finished by an interrupted capture of the same organization. */
async function readResume(file: string | undefined, organizationId: string): Promise<Map<string, SnapshotAccountInput>> {
  const finished = new Map<string, SnapshotAccountInput>();
  if (file === undefined) return finished;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return finished;
  }
  const lines = text.split('\n');
  let header: { organizationId?: unknown } | undefined;
  try {
    header = JSON.parse(lines[0] ?? '') as { organizationId?: unknown };
  } catch {
    header = undefined;
  }
  if (header?.organizationId !== organizationId) {
    // Another organization's (or a broken) progress file: start over.
    await rm(file, { force: true });
    return finished;
  }
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as { account?: SnapshotAccountInput };
      if (entry.account?.accountId !== undefined) finished.set(entry.account.accountId, entry.account);
    } catch {
      // The line being written when the capture stopped: that account is read again.
    }
  }
  return finished;
}
