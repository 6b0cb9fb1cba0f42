/**
 * `iamwhy PRINCIPAL ACTION`: wire sources → request + policy set → engine →
 * explanation → renderer. Holds no evaluation logic of its own.
 */
import { CatalogUpdateError, updateDefinitions } from '../catalog/index.js';
import { cacheDirectory, openCliCatalog } from './open-catalog.js';
import { parseArn } from '../language/arn.js';
import { checkPolicyNames } from '../catalog/check-policy-names.js';
import { evaluate } from '../engine/evaluate.js';
import { allPolicies } from '../engine/policy-set.js';
import { explain } from '../explain/explanation.js';
import { render } from '../render/index.js';
import { assembleRequest } from '../sources/assemble-request.js';
import { contextTemplates } from '../sources/files/index.js';
import { EXIT, UsageError } from './exit-error.js';
import { hasOfflineSource, type ExplainCommandOptions } from './explain-options.js';
import { describeFinding, gatherSources } from './gather-sources.js';
import { checkAction } from './resolve-action.js';
import { contextKeyTypes } from './context-key-types.js';
import { checkResourceLength } from './resource-argument.js';
import { useColor, type Terminal } from './terminal.js';
import { echoArgument, messageLine } from '../text/excerpt.js';
import { stringifyForTerminal } from '../text/printable.js';
import { stripUrlCredentials } from '../text/redact.js';

/** `service:Action` (not an ARN): a lone positional argument of this shape is the action, not the principal. */
const ACTION_SHAPE = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;

/** One line for a resource that is neither `*` nor an ARN, with the ARN the user probably meant. */
function checkResource(resource: string): void {
  checkResourceLength(resource);
  if (resource === '*' || parseArn(resource) !== undefined) return;
  const s3 = /^s3:\/\/(.+)$/.exec(resource);
  const hint = s3 ? `; did you mean arn:aws:s3:::${s3[1]}?` : ' (arn:partition:service:region:account:resource, or * for actions without a resource)';
  throw new UsageError(`RESOURCE "${echoArgument(resource)}" is not an ARN${hint}`, 'RESOURCE');
}

export async function runExplain(given: ExplainCommandOptions, terminal: Terminal): Promise<number> {
  if (given.generateContextTemplate) {
    const templates = contextTemplates();
    if (given.output === 'json') {
      // One JSON document: `iamwhy --generate-context-template -o json | jq .principal > principal-context.json`.
      const documents = Object.fromEntries(Object.values(templates).map((template) => [template.kind, template.document]));
      terminal.stdout(`${stringifyForTerminal(documents)}\n`);
      return EXIT.allowed;
    }
    for (const template of Object.values(templates)) {
      terminal.stdout(`// ${template.fileName} — pass with ${template.flag}\n${template.text}\n`);
    }
    return EXIT.allowed;
  }

  // `iamwhy s3:GetObject -p ARN` or `iamwhy s3:GetObject --principal-context f`: a lone argument shaped like an action is the action.
  const loneAction = given.action === undefined && given.principalArgument !== undefined && !given.principalArgument.startsWith('arn:') && ACTION_SHAPE.test(given.principalArgument);
  if (!loneAction && given.principalArgument !== undefined && given.principalOption !== undefined) {
    throw new UsageError('give the principal once: as the first argument or with -p/--principal-arn');
  }
  const options: ExplainCommandOptions = loneAction
    ? { ...given, action: given.principalArgument, principal: given.principalOption }
    : { ...given, principal: given.principalArgument ?? given.principalOption };

  if (options.updateDefinitions) {
    if (options.offline) throw new UsageError('--update-definitions fetches from AWS and cannot be combined with --offline');
    let updated;
    try {
      // IAMWHY_SERVICE_REFERENCE_URL points the refresh at a mirror (or, in tests, a local server).
      const baseUrl = terminal.env.IAMWHY_SERVICE_REFERENCE_URL;
      updated = await updateDefinitions({ cacheDir: cacheDirectory(terminal), ...(baseUrl ? { baseUrl } : {}) });
    } catch (error) {
      if (error instanceof CatalogUpdateError) throw new UsageError(`${error.message} (the bundled service data is still used)`, 'UPDATE_FAILED');
      throw error;
    }
    // The mirror's URL may carry a password: never printed.
    const baseUrl = stripUrlCredentials(updated.baseUrl);
    const line = messageLine(`Service definitions updated: ${updated.serviceCount} service${updated.serviceCount === 1 ? '' : 's'} from ${baseUrl}, ${updated.date}, cached in ${updated.directory}`);
    if (options.action === undefined && options.principal === undefined) {
      if (options.output === 'json') {
        terminal.stdout(`${stringifyForTerminal({ updated: { service_count: updated.serviceCount, base_url: baseUrl, date: updated.date, directory: updated.directory } })}\n`);
      } else {
        terminal.stdout(`${line}\n`);
      }
      return EXIT.allowed;
    }
    terminal.stderr(`${line}\n`);
  }

  if (options.action === undefined) {
    throw new UsageError(
      options.principal === undefined
        ? 'missing PRINCIPAL and ACTION: e.g. iamwhy alice s3:GetObject -r ARN --snapshot FILE (run iamwhy --help for more)'
        : 'missing ACTION: give it as the second argument or with -a/--action (e.g. s3:GetObject)',
    );
  }
  checkResource(options.resource);
  // Without an offline source, iamwhy reads the account live (src/sources/live), loaded only then.
  const live = !hasOfflineSource(options);
  if (live && options.offline) {
    throw new UsageError('--offline: no policies to evaluate; give --snapshot FILE or policy files (-i, -R, …), or drop --offline to read the account live', 'NO_SOURCES');
  }
  if (!live && (options.profile !== undefined || options.resourceProfile !== undefined)) {
    throw new UsageError('--profile and --resource-profile read a live account: they cannot be combined with --snapshot or policy files', 'USAGE');
  }

  const catalog = await openCliCatalog(terminal);
  const checked = await checkAction(catalog, options.action, options.resource, options.allowUnknownAction, options.literalResource);
  const resourceArn = checked.facts.actionTakesNoResource ? '*' : options.resource;
  const liveSources = live ? await (await import('./gather-live.js')).gatherLiveSources({ ...options, resource: resourceArn }, checked.action, terminal) : undefined;
  try {
    const gathered = liveSources ?? (await gatherSources({ ...options, resource: resourceArn }, checked.action, await contextKeyTypes(catalog, options.context)));

    const assembled = assembleRequest({
      principal: gathered.principal,
      action: checked.action,
      resourceArn,
      contributions: gathered.contributions,
      time: new Date(),
      ...(checked.rcpSupported !== undefined ? { rcpSupported: checked.rcpSupported } : {}),
      resourceIsPattern: checked.resourceIsPattern,
    });
    // Actions the policies name that AWS does not know (a typo there never matches).
    const findings = [...gathered.findings, ...(await checkPolicyNames(catalog, allPolicies(assembled.policySet)))];
    // Warnings and findings quote policy text, names and file names: printable, one line each.
    for (const warning of checked.warnings) terminal.stderr(`${messageLine(warning)}\n`);
    for (const finding of findings) terminal.stderr(`${messageLine(describeFinding(finding))}\n`);

    const result = evaluate(assembled.request, assembled.policySet);
    // Live mode: AWS's policy simulator's verdict beside iamwhy's (never instead of it).
    const checkedByAws = liveSources?.crossCheck ? await liveSources.crossCheck(result, assembled.policySet, catalog) : undefined;
    const explanation = explain(result, {
      findings,
      actionFacts: checked.facts,
      notes: [...assembled.gaps, ...(liveSources?.notes ?? []), ...(checkedByAws?.notes ?? [])],
      ...(checkedByAws ? { unknowns: checkedByAws.unknowns, crossCheck: checkedByAws.check } : {}),
      ...(assembled.bucketEncryption ? { bucketEncryption: assembled.bucketEncryption } : {}),
    });
    const color = options.output === 'text' || options.output === 'summary' ? useColor(options.color, terminal) : false;
    terminal.stdout(render(options.output, explanation, { color }));
    return result.decision === 'allowed' ? EXIT.allowed : EXIT.denied;
  } finally {
    liveSources?.close();
  }
}
