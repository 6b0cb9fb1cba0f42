/**
 * `iamwhy snapshot FILE`: capture the account the credentials belong to (or,
 * with --org --role-name, every account of the organization) into iamwhy's
 * snapshot format, for explaining offline later. FILE `-` writes to standard
 * output; the summary and the progress bar go to standard error.
 */
import { rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { LiveError, captureSnapshot, terminalProgress } from '../sources/live/index.js';
import { EXIT, UsageError } from './exit-error.js';
import type { Terminal } from './terminal.js';

export interface SnapshotCommandOptions {
  file: string;
  profile: string | undefined;
  regions: string[];
  org: boolean;
  roleName: string | undefined;
  concurrency: string | undefined;
  debug: boolean;
}

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

export async function runSnapshot(options: SnapshotCommandOptions, terminal: Terminal): Promise<number> {
  if (options.org !== (options.roleName !== undefined)) {
    throw new UsageError(options.org ? '--org needs --role-name ROLE: the role iamwhy assumes in each account of the organization' : '--role-name is used with --org', 'USAGE');
  }
  for (const region of options.regions) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new UsageError(`--region ${region}: not a region name such as eu-west-1`, 'USAGE');
  }
  const concurrency = options.concurrency === undefined ? undefined : Number(options.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32)) {
    throw new UsageError(`--concurrency ${options.concurrency}: expected a whole number from 1 to 32`, 'USAGE');
  }
  const toStdout = options.file === '-';
  const resumeFile = options.org && !toStdout ? `${options.file}.partial` : undefined;
  const progress = terminalProgress(terminal.stderr, terminal.stderrIsTTY === true && !options.debug, 'bar');
  let captured;
  try {
    captured = await captureSnapshot({
      profile: options.profile,
      regions: options.regions,
      env: terminal.env,
      debug: options.debug ? (line) => terminal.stderr(`${line}\n`) : undefined,
      progress,
      organizationRole: options.roleName,
      accountConcurrency: concurrency,
      resumeFile,
      generator: `iamwhy ${version()} snapshot`,
      now: new Date(),
    });
  } catch (error) {
    if (error instanceof LiveError) throw new UsageError(error.message, error.code);
    throw error;
  }
  const text = `${JSON.stringify(captured.document, null, 2)}\n`;
  if (toStdout) {
    terminal.stdout(text);
  } else {
    // Written whole or not at all: a half-written snapshot never replaces a good one.
    const temporary = `${options.file}.tmp-${process.pid}`;
    try {
      await writeFile(temporary, text);
      await rename(temporary, options.file);
    } catch (error) {
      await rm(temporary, { force: true });
      throw new UsageError(`cannot write ${options.file}: ${error instanceof Error ? error.message : String(error)}`, 'WRITE');
    }
    if (resumeFile !== undefined) await rm(resumeFile, { force: true });
  }
  const { summary } = captured;
  const resumed = summary.resumed.length > 0 ? `; ${summary.resumed.length} account(s) resumed from ${resumeFile}` : '';
  const missing = summary.notRead > 0 ? `; ${summary.notRead} read(s) failed and are recorded as unknowns (notRead)` : '';
  terminal.stderr(
    `iamwhy: wrote ${toStdout ? 'the snapshot to standard output' : options.file}: ${summary.accounts} account(s), ${summary.users} user(s), ${summary.roles} role(s), ${summary.resources} resource(s)${missing}${resumed}\n`,
  );
  return EXIT.allowed;
}
