/**
 * Every AWS call live mode makes goes through one `Reader`: a bound on the
 * calls in flight, one answer per distinct call within the run (a policy
 * attached to a user and to its group is fetched once), the round each call
 * belongs to (1 + the rounds of the answers it needed), and a log for
 * `--debug` and the progress line. Only reads are ever sent: the operation is
 * always a string literal at the call site, checked by a test.
 */
import { classifyFailure, type ReadFailure } from './errors.js';
import { redactSecrets } from '../../text/redact.js';
import type { AwsSession, ServiceName } from './session.js';

/** How many calls may be in flight at once (the SDK's own retries and rate limiting work within each). */
export const DEFAULT_CONCURRENCY = 8;

export type ReadOutcome<T> = { ok: true; value: T; round: number } | { ok: false; failure: ReadFailure; round: number };

export interface ReadLogEntry {
  /** `iam:GetUser`. */
  operation: string;
  round: number;
  outcome: 'ok' | ReadFailure['kind'];
  code?: string;
}

export interface ReadOptions {
  /** Answers this call needed: its round is one more than theirs. */
  after?: ReadonlyArray<{ round: number } | undefined>;
  /** A region other than the session's (the resource's). */
  region?: string;
}

export class Reader {
  private readonly cache = new Map<string, Promise<ReadOutcome<unknown>>>();
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  readonly log: ReadLogEntry[] = [];
  /** Called when a call starts, with its operation (for the progress line). */
  onStart: ((operation: string) => void) | undefined;
  onDone: ((entry: ReadLogEntry) => void) | undefined;

  constructor(
    readonly session: AwsSession,
    private readonly concurrency: number = DEFAULT_CONCURRENCY,
  ) {}

  /** The account and ARN the credentials belong to (sts:GetCallerIdentity needs no permission). */
  callerIdentity(): Promise<ReadOutcome<{ Account?: string; Arn?: string; UserId?: string }>> {
    return this.send('sts', 'GetCallerIdentity', {});
  }

  /**
   * Send one read. `operation` must be a literal `Get…`, `List…`, `Describe…`,
   * `Simulate…` name (or the few others the read-only test allows).
   */
  send<T>(service: ServiceName, operation: string, input: object, options: ReadOptions = {}): Promise<ReadOutcome<T>> {
    const round = 1 + Math.max(0, ...(options.after ?? []).map((answer) => answer?.round ?? 0));
    const key = `${service}:${operation}:${options.region ?? ''}:${JSON.stringify(input)}`;
    let cached = this.cache.get(key);
    if (cached === undefined) {
      cached = this.run<T>(service, operation, input, round, options.region);
      this.cache.set(key, cached);
    }
    return cached as Promise<ReadOutcome<T>>;
  }

  /** Every page of a paginated read, following `marker` (request) / `next` (response) names. */
  async pages<T extends object>(
    service: ServiceName,
    operation: string,
    input: Record<string, unknown>,
    paging: { marker: string; next: string },
    options: ReadOptions = {},
  ): Promise<ReadOutcome<T[]>> {
    const pages: T[] = [];
    let marker: unknown;
    let last: { round: number } | undefined;
    for (let page = 0; page < 1_000; page++) {
      const request = marker === undefined ? input : { ...input, [paging.marker]: marker };
      const answer = await this.send<T>(service, operation, request, { ...options, after: [...(options.after ?? []), ...(last ? [last] : [])] });
      if (!answer.ok) return page === 0 ? answer : { ok: false, failure: answer.failure, round: answer.round };
      pages.push(answer.value);
      last = answer;
      marker = (answer.value as Record<string, unknown>)[paging.next];
      const truncated = (answer.value as Record<string, unknown>).IsTruncated;
      if (marker === undefined || marker === null || marker === '' || truncated === false) break;
    }
    return { ok: true, value: pages, round: last?.round ?? 1 };
  }

  private async run<T>(service: ServiceName, operation: string, input: object, round: number, region: string | undefined): Promise<ReadOutcome<T>> {
    await this.slot();
    const name = `${service}:${operation}`;
    this.onStart?.(name);
    try {
      const callRegion = region ?? (await this.session.region());
      const client = await this.session.client(service, callRegion);
      const command = await this.session.command(service, operation, input);
      let value: unknown;
      try {
        value = await client.send(command);
      } catch (error) {
        const failure = classifyFailure(error, name, this.session.endpointHint(service, callRegion));
        this.record({ operation: name, round, outcome: failure.kind, code: failure.code });
        return { ok: false, failure, round };
      }
      this.record({ operation: name, round, outcome: 'ok' });
      return { ok: true, value: value as T, round };
    } catch (error) {
      // Credentials or network: fatal, from any call; the one line that stops the run says it, so --debug adds nothing.
      this.log.push({ operation: name, round, outcome: 'failed', code: error instanceof Error ? error.name : 'Error' });
      throw error;
    } finally {
      this.release();
    }
  }

  private record(entry: ReadLogEntry): void {
    this.log.push(entry);
    this.onDone?.(entry);
    const outcome = entry.outcome === 'ok' ? 'ok' : `${entry.outcome} (${entry.code ?? '?'})`;
    if (!this.session.closed) this.session.options.debug?.(redactSecrets(`aws: round ${entry.round} ${entry.operation} → ${outcome}`));
  }

  private async slot(): Promise<void> {
    if (this.inFlight < this.concurrency) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    this.waiting.shift()?.();
  }
}

/** `Not read: iam:GetUser (AccessDenied)`, the words every unknown from a failed read starts with. */
export function notReadWords(operation: string, failure: ReadFailure): string {
  return `Not read: ${operation} (${failure.code})`;
}
