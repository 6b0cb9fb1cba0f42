/**
 * The pipeline `explain-error` and `explain-event` share: a denied request as AWS
 * described it → the usual sources → request + policy set → engine → explanation,
 * compared with what AWS named; or, with no policies to evaluate, what AWS's
 * message says on its own. It goes through the same seams as the main command
 * (`gatherSources`, `assembleRequest`, `evaluate`, `explain`), adding what the
 * message or event revealed as one more source, before the others so that flags
 * and files win.
 */
import { openCatalog, resolveAction, type ServiceCatalog } from '../catalog/index.js';
import { messageLine } from '../text/excerpt.js';
import { checkPolicyNames } from '../catalog/check-policy-names.js';
import { evaluate } from '../engine/evaluate.js';
import { allPolicies } from '../engine/policy-set.js';
import { compareWithAws } from '../explain/agreement.js';
import { explain } from '../explain/explanation.js';
import { explainMessageAlone } from '../explain/message-alone.js';
import { parseArn } from '../language/arn.js';
import { renderDenialReports, type DenialReport } from '../render/denial.js';
import { assembleRequest } from '../sources/assemble-request.js';
import type { DeniedRequest, DeniedRequestPart } from '../sources/denied-request.js';
import { EXIT, UsageError } from './exit-error.js';
import { hasOfflineSource, type ExplainCommandOptions } from './explain-options.js';
import { describeFinding, gatherSources } from './gather-sources.js';
import type { Principal } from '../engine/principal.js';
import type { Finding } from '../language/findings.js';
import type { SourceContribution } from '../sources/contribution.js';
import { checkAction } from './resolve-action.js';
import { useColor, type Terminal } from './terminal.js';

/** The flags that fill or replace parts of what AWS said. */
export interface DenialOverrides {
  principal: string | undefined;
  action: string | undefined;
  /** -r, when given (the main command's default `*` does not count). */
  resource: string | undefined;
}

const FLAGS: Record<DeniedRequestPart, string> = { principal: '-p', action: '-a', resource: '-r' };

/** The flags given win over what AWS said; what they supply is no longer missing. */
function withOverrides(denied: DeniedRequest, overrides: DenialOverrides): DeniedRequest {
  const next: DeniedRequest = { ...denied, missing: [...denied.missing], notes: [...denied.notes] };
  for (const part of ['principal', 'action', 'resource'] as const) {
    const value = overrides[part];
    if (value === undefined) continue;
    if (next[part] !== undefined && next[part] !== value) next.notes.push(`${FLAGS[part]} ${value} replaces the ${part} AWS named (${next[part]}).`);
    next[part] = value;
    next.missing = next.missing.filter((entry) => entry.part !== part);
  }
  return next;
}

/** The message names no resource because the action takes none: AWS evaluates it against "*". */
async function resourceForActionWithoutOne(catalog: ServiceCatalog, denied: DeniedRequest): Promise<DeniedRequest> {
  if (denied.resource !== undefined || denied.action === undefined) return denied;
  const resolution = await resolveAction(catalog, denied.action);
  if (resolution.status !== 'found' || resolution.info.resourceTypes.length > 0) return denied;
  return { ...denied, resource: '*', missing: denied.missing.filter((entry) => entry.part !== 'resource') };
}

function missingError(denied: DeniedRequest, parts: readonly DeniedRequestPart[]): UsageError {
  const entries = denied.missing.filter((entry) => parts.includes(entry.part));
  const lines = entries.map((entry) => `missing ${entry.part}: ${entry.why}; ${entry.how}`);
  return new UsageError(`${denied.label}: ${lines[0] ?? 'the request is incomplete'}`, 'INCOMPLETE_REQUEST', lines.slice(1));
}

/** The flags given "-" (standard input) as their file. */
export function standardInputFlags(options: ExplainCommandOptions, others: ReadonlyArray<string | undefined> = []): number {
  return [
    ...others.filter((path) => path !== undefined),
    ...options.snapshot,
    ...options.identityPolicy,
    ...options.resourcePolicy,
    ...options.permissionBoundary,
    ...options.sessionPolicy,
    ...options.vpcEndpointPolicy,
    ...[options.organizationConfig, options.principalContext, options.resourceContext, options.requestContext].filter((path) => path !== undefined),
  ].filter((path) => path === '-').length;
}

/** What iamwhy was given, for sentences ("the snapshot", "the policy files"). */
function sourceWords(options: ExplainCommandOptions): string {
  const files = [options.identityPolicy, options.resourcePolicy, options.permissionBoundary, options.sessionPolicy, options.vpcEndpointPolicy].some((list) => list.length > 0) || options.organizationConfig !== undefined;
  const snapshot = options.snapshot.length === 1 ? 'the snapshot' : options.snapshot.length > 1 ? 'the snapshots' : undefined;
  if (snapshot !== undefined && files) return `${snapshot} and the policy files`;
  return snapshot ?? (files ? 'the policy files' : 'the context files');
}

interface Evaluated {
  report: DenialReport;
  stderr: string[];
}

/** Where the policies come from: the offline sources, or the account read live. */
type Gather = (options: ExplainCommandOptions, action: string) => Promise<{ principal: Principal; contributions: SourceContribution[]; findings: Finding[]; notes?: string[]; close?: () => void }>;

const offlineGather: Gather = (options, action) => gatherSources(options, action);

async function evaluateDenial(catalog: ServiceCatalog, initial: DeniedRequest, options: ExplainCommandOptions, resourceGiven: boolean, gather: Gather): Promise<Evaluated> {
  const denied = await resourceForActionWithoutOne(catalog, initial);
  const absent = (['principal', 'action', 'resource'] as const).filter((part) => denied[part] === undefined);
  if (absent.length > 0) throw missingError(denied, absent);
  const principal = denied.principal as string;
  const resource = denied.resource as string;
  if (resource !== '*' && parseArn(resource) === undefined) throw new UsageError(`${denied.label}: the resource "${resource}" is not an ARN; give one with -r ARN`, 'RESOURCE');

  // The resource AWS named is the one it authorized, wildcards included (ec2:RunInstances on instance/*):
  // read it literally. One given with -r is read as the main command reads it.
  const literal = !resourceGiven || options.literalResource;
  const checked = await checkAction(catalog, denied.action as string, resource, options.allowUnknownAction, literal);
  const resourceArn = checked.facts.actionTakesNoResource ? '*' : resource;
  // The snapshot picks the VPC endpoint's policy by aws:SourceVpce in the --context it is given.
  const given = options.context.map((assignment) => assignment.split('=')[0]?.trim().toLowerCase());
  const vpce = denied.contribution.context?.['aws:SourceVpce'];
  const context = typeof vpce === 'string' && !given.includes('aws:sourcevpce') ? [`aws:SourceVpce=${vpce}`, ...options.context] : options.context;
  const gathered = await gather({ ...options, principal, principalArgument: undefined, principalOption: principal, action: checked.action, resource: resourceArn, context }, checked.action);
  gathered.close?.();
  const assembled = assembleRequest({
    principal: gathered.principal,
    action: checked.action,
    resourceArn,
    contributions: [denied.contribution, ...gathered.contributions],
    time: denied.time ?? new Date(),
    ...(checked.rcpSupported !== undefined ? { rcpSupported: checked.rcpSupported } : {}),
    resourceIsPattern: checked.resourceIsPattern,
  });
  const findings = [...gathered.findings, ...(await checkPolicyNames(catalog, allPolicies(assembled.policySet)))];
  const result = evaluate(assembled.request, assembled.policySet);
  const agreement = compareWithAws(
    result,
    { layer: denied.policyType, explicit: denied.explicit, trust: denied.trustPolicy, viaLayer: denied.viaPolicyType, policyArn: denied.policyArn },
    assembled.policySet.unseen ?? [],
    sourceWords(options),
  );
  const explanation = explain(result, {
    findings,
    actionFacts: checked.facts,
    notes: [...assembled.gaps, ...(gathered.notes ?? []), ...denied.assumptions, ...denied.notes],
    ...(agreement.unknown ? { unknowns: [agreement.unknown] } : {}),
  });
  return { report: { denied, evaluated: { explanation, agreement } }, stderr: [...checked.warnings, ...findings.map(describeFinding)] };
}

/** Live mode's sources, loaded only when there is no offline source (so offline runs never load the AWS SDK). */
async function liveGather(terminal: Terminal): Promise<Gather> {
  const { gatherLiveSources } = await import('./gather-live.js');
  return async (options, action) => {
    const live = await gatherLiveSources(options, action, terminal);
    return { principal: live.principal, contributions: live.contributions, findings: live.findings, notes: live.notes, close: () => live.close() };
  };
}

/** Explain each denied request; print them all; exit 1 when any is denied, 0 when iamwhy finds every one allowed. */
export async function explainDenials(denials: readonly DeniedRequest[], options: ExplainCommandOptions, overrides: DenialOverrides, terminal: Terminal): Promise<number> {
  // Standard input is read once; each event is evaluated with the sources read anew.
  if (denials.length > 1 && standardInputFlags(options) > 0) {
    throw new UsageError(`standard input ("-") can be read once, and there are ${denials.length} denied events: give the file by name, or pick one event with --event-id`, 'USAGE');
  }
  const reports: DenialReport[] = [];
  const warnings = new Set<string>();
  const catalog = await openCatalog({ offline: true });
  // Offline sources, else the account read live (unless --offline), else the message alone.
  let gather: Gather | undefined = hasOfflineSource(options) ? offlineGather : options.offline ? undefined : await liveGather(terminal);
  for (const original of denials) {
    const denied = withOverrides(original, overrides);
    if (gather === undefined) {
      const alone = await resourceForActionWithoutOne(catalog, denied);
      reports.push({ denied: alone, messageOnly: explainMessageAlone(alone) });
      continue;
    }
    let evaluated: Evaluated;
    try {
      evaluated = await evaluateDenial(catalog, denied, options, overrides.resource !== undefined, gather);
    } catch (error) {
      // Live, with no credentials or an incomplete request: what the message itself says is still worth
      // explaining, and its text says how to learn more.
      if (gather !== offlineGather && error instanceof UsageError && (error.code === 'AWS_CREDENTIALS' || error.code === 'INCOMPLETE_REQUEST')) {
        if (error.code === 'AWS_CREDENTIALS') gather = undefined;
        const alone = await resourceForActionWithoutOne(catalog, denied);
        reports.push({ denied: alone, messageOnly: explainMessageAlone(alone) });
        continue;
      }
      // One incomplete event of many (a caller CloudTrail hides) does not stop the others.
      if (!(error instanceof UsageError) || error.code !== 'INCOMPLETE_REQUEST' || denials.length === 1) throw error;
      warnings.add(`warning: ${error.message}; not evaluated`);
      const alone = await resourceForActionWithoutOne(catalog, denied);
      reports.push({ denied: alone, messageOnly: explainMessageAlone(alone) });
      continue;
    }
    for (const line of evaluated.stderr) warnings.add(line);
    reports.push(evaluated.report);
  }
  for (const line of warnings) terminal.stderr(`${messageLine(line)}\n`);
  const color = options.output === 'text' || options.output === 'summary' ? useColor(options.color, terminal) : false;
  terminal.stdout(renderDenialReports(options.output, reports, { color }));
  const allowed = reports.every((report) => report.evaluated?.explanation.result.decision === 'allowed');
  return allowed ? EXIT.allowed : EXIT.denied;
}
