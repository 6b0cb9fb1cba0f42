/**
 * `iamwhy PRINCIPAL ACTION`: wire sources → request + policy set → engine →
 * explanation → renderer. Holds no evaluation logic of its own.
 */
import { openCatalog, updateDefinitions } from '../catalog/index.js';
import { evaluate } from '../engine/evaluate.js';
import { explain } from '../explain/explanation.js';
import { formatFinding } from '../language/findings.js';
import { render } from '../render/index.js';
import { assembleRequest } from '../sources/assemble-request.js';
import { contextTemplates } from '../sources/files/index.js';
import { EXIT, UsageError } from './exit-error.js';
import { hasOfflineSource, type ExplainCommandOptions } from './explain-options.js';
import { gatherSources } from './gather-sources.js';
import { checkAction } from './resolve-action.js';
import { useColor, type Terminal } from './terminal.js';

export async function runExplain(options: ExplainCommandOptions, terminal: Terminal): Promise<number> {
  if (options.generateContextTemplate) {
    const templates = contextTemplates();
    for (const template of Object.values(templates)) {
      terminal.stdout(`// ${template.fileName} — pass with ${template.flag}\n${template.text}\n`);
    }
    return EXIT.allowed;
  }

  if (options.updateDefinitions) {
    if (options.offline) throw new UsageError('--update-definitions fetches from AWS and cannot be combined with --offline');
    const updated = await updateDefinitions();
    terminal.stderr(`Service definitions updated: ${updated.serviceCount} services from ${updated.baseUrl}, ${updated.date}, cached in ${updated.directory}\n`);
    if (options.action === undefined && options.principal === undefined) return EXIT.allowed;
  }

  if (options.action === undefined) throw new UsageError('missing ACTION: give it as the second argument or with -a/--action (e.g. s3:GetObject)');
  if (!hasOfflineSource(options)) {
    throw new UsageError(
      'no policies to evaluate: give --snapshot FILE or policy files (-i, -R, --permission-boundary, --session-policy, --vpc-endpoint-policy, --organization-config); live mode against an AWS account is not available yet',
      'NO_SOURCES',
    );
  }

  const catalog = await openCatalog({ offline: true });
  const checked = await checkAction(catalog, options.action, options.resource, options.allowUnknownAction);
  const resourceArn = checked.facts.actionTakesNoResource ? '*' : options.resource;
  const gathered = await gatherSources({ ...options, resource: resourceArn }, checked.action);

  const assembled = assembleRequest({
    principal: gathered.principal,
    action: checked.action,
    resourceArn,
    contributions: gathered.contributions,
    time: new Date(),
    ...(checked.rcpSupported !== undefined ? { rcpSupported: checked.rcpSupported } : {}),
  });
  for (const warning of checked.warnings) terminal.stderr(`${warning}\n`);
  for (const finding of gathered.findings) terminal.stderr(`${formatFinding(finding)}\n`);

  const result = evaluate(assembled.request, assembled.policySet);
  const explanation = explain(result, { findings: gathered.findings, actionFacts: checked.facts, notes: assembled.gaps });
  const color = options.output === 'text' || options.output === 'summary' ? useColor(options.color, terminal) : false;
  terminal.stdout(render(options.output, explanation, { color }));
  return result.decision === 'allowed' ? EXIT.allowed : EXIT.denied;
}
