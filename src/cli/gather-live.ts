/**
 * Live mode's sources for the main command: the account read with the user's
 * credentials (src/sources/live), then --region and --context as for the
 * offline sources. Loaded only when no offline source is given, so offline
 * answers never load the AWS SDK.
 */
import type { Principal } from '../engine/principal.js';
import type { PolicySet } from '../engine/policy-set.js';
import type { EvaluationResult, Unknown } from '../engine/result.js';
import type { CrossCheck } from '../explain/explanation.js';
import type { Finding } from '../language/findings.js';
import type { ServiceCatalog } from '../catalog/types.js';
import type { SourceContribution } from '../sources/contribution.js';
import { parseContextAssignments } from '../sources/files/index.js';
import { crossCheck, LiveError, readLiveSources, terminalProgress } from '../sources/live/index.js';
import { UsageError } from './exit-error.js';
import type { ExplainCommandOptions } from './explain-options.js';
import type { Terminal } from './terminal.js';

export interface LiveGathered {
  principal: Principal;
  contributions: SourceContribution[];
  findings: Finding[];
  notes: string[];
  /** Ask AWS's policy simulator about the evaluated request (undefined when there is nobody to simulate, or --no-simulate). */
  crossCheck: ((result: EvaluationResult, policySet: PolicySet, catalog: ServiceCatalog) => Promise<{ check: CrossCheck; unknowns: Unknown[]; notes: string[] }>) | undefined;
  close(): void;
}

/** A live failure as the command reports it: one line, exit 2. */
export function liveUsageError(error: unknown): unknown {
  return error instanceof LiveError ? new UsageError(error.message, error.code) : error;
}

export async function gatherLiveSources(options: ExplainCommandOptions, action: string, terminal: Terminal): Promise<LiveGathered> {
  const given = parseContextAssignments(options.context);
  if (given.errors.length > 0) throw new UsageError(given.errors[0] as string, 'CONTEXT', given.errors.slice(1));
  if (options.region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) throw new UsageError(`--region ${options.region}: not a region name such as eu-west-1`, 'USAGE');
  const env = terminal.env;
  const debug = options.debug ? (line: string) => terminal.stderr(`${line}\n`) : undefined;
  const progress = terminalProgress(terminal.stderr, terminal.stderrIsTTY === true && !options.debug, 'spinner');
  let live;
  try {
    live = await readLiveSources({
      principal: options.principal,
      action,
      resourceArn: options.resource,
      context: given.context,
      profile: options.profile ?? undefined,
      resourceProfile: options.resourceProfile ?? undefined,
      region: options.region,
      env,
      debug,
      progress,
    });
  } catch (error) {
    throw liveUsageError(error);
  }
  const contributions: SourceContribution[] = [{ ...live.contribution, findings: [] }];
  if (options.region !== undefined) contributions.push({ label: '--region', resource: { region: options.region } });
  contributions.push({ label: '--context', context: given.context });
  const errors = live.findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    live.close();
    throw new UsageError(`a policy read from AWS is invalid: ${errors[0]?.message ?? ''}`, 'INVALID_POLICY');
  }
  const simulator = live.simulator;
  return {
    principal: live.principal,
    contributions,
    findings: live.findings,
    notes: live.notes,
    crossCheck:
      simulator === undefined || options.simulate === false
        ? undefined
        : async (result, policySet, catalog) => {
            try {
              return await crossCheck(live.reader, simulator, result, policySet, catalog);
            } catch (error) {
              throw liveUsageError(error);
            }
          },
    close: () => live.close(),
  };
}
