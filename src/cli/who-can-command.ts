/** `iamwhy who-can ACTION -r ARN --snapshot FILE`: every principal of the snapshot(s) that may act, and what blocks the rest. */
import { openCliCatalog } from './open-catalog.js';
import { evaluate } from '../engine/evaluate.js';
import { renderWhoCanJson, renderWhoCanText } from '../render/who-can.js';
import { parseContextAssignments } from '../sources/files/index.js';
import { readSnapshotFiles, whoCan } from '../sources/snapshot/index.js';
import { parseArn } from '../language/arn.js';
import type { ContextInput } from '../engine/request.js';
import { EXIT, UsageError } from './exit-error.js';
import { describeFinding, findingsError } from './gather-sources.js';
import { checkAction } from './resolve-action.js';
import { contextKeyTypes } from './context-key-types.js';
import { checkResourceLength } from './resource-argument.js';
import { useColor, type ColorMode, type Terminal } from './terminal.js';
import { messageLine } from '../text/excerpt.js';

export interface WhoCanCommandOptions {
  action: string;
  resource: string;
  snapshot: string[];
  context: string[];
  /** Region the request goes to, for resource ARNs without one (S3): sets aws:RequestedRegion unless given. */
  region?: string | undefined;
  principals: 'all' | 'users' | 'roles';
  output: 'text' | 'json';
  color: ColorMode;
  allowUnknownAction: boolean;
  literalResource: boolean;
}

export async function runWhoCan(options: WhoCanCommandOptions, terminal: Terminal): Promise<number> {
  if (options.snapshot.length === 0) throw new UsageError('who-can needs an account snapshot: --snapshot FILE (repeatable, one per account)');
  checkResourceLength(options.resource);
  const catalog = await openCliCatalog(terminal);
  const given = parseContextAssignments(options.context, { keyTypes: await contextKeyTypes(catalog, options.context) });
  if (given.errors.length > 0) throw new UsageError(given.errors[0] as string, 'CONTEXT', given.errors.slice(1));
  const checked = await checkAction(catalog, options.action, options.resource, options.allowUnknownAction, options.literalResource);
  const loaded = await readSnapshotFiles(options.snapshot);
  if (!loaded.ok) throw findingsError(loaded.errors);
  for (const warning of checked.warnings) terminal.stderr(`${messageLine(warning)}\n`);
  for (const finding of loaded.snapshot.findings) terminal.stderr(`${messageLine(describeFinding(finding))}\n`);
  const resourceArn = checked.facts.actionTakesNoResource ? '*' : options.resource;
  const result = whoCan(loaded.snapshot, {
    action: checked.action,
    resourceArn,
    evaluate,
    context: withRegion(given.context, options.region, resourceArn),
    principals: options.principals,
    resourceIsPattern: checked.resourceIsPattern,
  });
  const color = options.output === 'text' ? useColor(options.color, terminal) : false;
  terminal.stdout(options.output === 'json' ? renderWhoCanJson(result) : renderWhoCanText(result, { color }));
  return result.counts.allowed > 0 ? EXIT.allowed : EXIT.denied;
}

/** `--region` feeds aws:RequestedRegion when neither the resource ARN nor --context says it. */
function withRegion(context: Record<string, ContextInput>, region: string | undefined, resourceArn: string): Record<string, ContextInput> {
  if (region === undefined || parseArn(resourceArn)?.region) return context;
  if (Object.keys(context).some((key) => key.toLowerCase() === 'aws:requestedregion')) return context;
  return { ...context, 'aws:RequestedRegion': region };
}
