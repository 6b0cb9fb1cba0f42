/** Checks the ACTION against the service data: canonical spelling, or "did you mean". */
import { didYouMeanAny } from '../text/near-match.js';
import { resolveAction, resourceTypeFor, type ServiceCatalog } from '../catalog/index.js';
import type { ActionFacts } from '../explain/suggestions.js';
import { hasWildcard } from '../language/wildcard.js';
import { UsageError } from './exit-error.js';
import { echoArgument } from '../text/excerpt.js';

export interface CheckedAction {
  action: string;
  /** Facts that sharpen the explanation, and warnings to print. */
  facts: ActionFacts;
  warnings: string[];
  rcpSupported: boolean | undefined;
  /** The resource holds a wildcard and the action has resource types: read it existentially. */
  resourceIsPattern: boolean;
}

export async function checkAction(catalog: ServiceCatalog, text: string, resourceArn: string, allowUnknown: boolean, literalResource = false): Promise<CheckedAction> {
  const resolution = await resolveAction(catalog, text);
  if (resolution.status !== 'found') {
    if (resolution.status === 'invalid') {
      throw new UsageError(`ACTION "${echoArgument(text)}" ${resolution.reason}: give one action as service:Action, e.g. s3:GetObject`, 'UNKNOWN_ACTION');
    }
    const message =
      resolution.status === 'unknown-service'
        ? `unknown service "${echoArgument(resolution.service)}" in ACTION "${echoArgument(text)}"${didYouMeanAny(resolution.suggestions)}`
        : `unknown action "${echoArgument(text)}"${didYouMeanAny(resolution.suggestions)}`;
    if (!allowUnknown) {
      // One line: the near matches, and the way out for an action newer than the service data.
      const way = resolution.suggestions.length > 0 ? ' (or add --allow-unknown-action to evaluate it anyway)' : '; add --allow-unknown-action to evaluate it anyway';
      throw new UsageError(`${message}${way}`, 'UNKNOWN_ACTION');
    }
    return { action: text, facts: {}, warnings: [`warning: ${message}; evaluating it anyway`], rcpSupported: undefined, resourceIsPattern: false };
  }
  const facts: ActionFacts = {};
  const warnings: string[] = [];
  const fit = await resourceTypeFor(catalog, resolution.info, resourceArn);
  if (fit.kind === 'fits-none' && resourceArn !== '*') {
    facts.resourceFitsNoType = true;
    facts.expectedResourceFormats = fit.expected.flatMap((type) => type.arnFormats);
    warnings.push(
      `warning: ${resourceArn} is not a resource ${resolution.action} acts on (expected ${fit.expected.map((type) => type.name).join(' or ')}${fit.arnResourceTypes.length > 0 ? `; this ARN is ${fit.arnResourceTypes.join(', ')}` : ''})`,
    );
  } else if (fit.kind === 'wildcard-only' && resourceArn !== '*') {
    facts.actionTakesNoResource = true;
    warnings.push(`warning: ${resolution.action} does not act on a specific resource; AWS evaluates it against "*"`);
  }
  // A pattern of resources for an action that acts on resources: "is some resource matching it allowed?"
  if (fit.kind === 'fits' || fit.kind === 'fits-none') facts.resourceFormats = resolution.info.resourceTypes.flatMap((type) => type.arnFormats);
  const resourceIsPattern = !literalResource && hasWildcard(resourceArn) && fit.kind !== 'wildcard-only';
  if (resourceIsPattern) {
    const what = resourceArn === '*' ? 'the resource is * (no -r given), a pattern' : `${resourceArn} is a pattern`;
    warnings.push(
      `warning: ${what}: iamwhy answers whether ${resolution.action} is allowed on some resource matching it, not on every one (give one resource ARN, or --literal-resource to read the wildcards as AWS's request for a new resource does)`,
    );
  }
  const service = resolution.action.split(':')[0] ?? '';
  const rcpServices = await catalog.rcpSupportedServices();
  return { action: resolution.action, facts, warnings, rcpSupported: rcpServices.includes(service), resourceIsPattern };
}

