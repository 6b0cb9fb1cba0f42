/** The options of the main command, as the CLI parser hands them over. */
import type { OutputFormat } from '../render/index.js';
import type { ColorMode } from './terminal.js';

export interface ExplainCommandOptions {
  /** The principal to evaluate, from the first argument or -p (set by runExplain from the two below). */
  principal: string | undefined;
  /** The first positional argument, as given. */
  principalArgument?: string | undefined;
  /** -p/--principal-arn, as given. */
  principalOption?: string | undefined;
  action: string | undefined;
  resource: string;
  /** Region the request goes to, for resource ARNs without one (S3). */
  region: string | undefined;
  /** --s3-block-public-access: `all`, `none`, or the settings that are on. */
  s3BlockPublicAccess?: string | undefined;
  context: string[];
  identityPolicy: string[];
  resourcePolicy: string[];
  permissionBoundary: string[];
  sessionPolicy: string[];
  vpcEndpointPolicy: string[];
  organizationConfig: string | undefined;
  principalContext: string | undefined;
  resourceContext: string | undefined;
  requestContext: string | undefined;
  snapshot: string[];
  /** Live mode: the AWS profile whose credentials read the principal's account (default $AWS_PROFILE). */
  profile?: string | undefined;
  /** Live mode: another profile that reads the resource's side (its policy, tags, owner, RCPs). */
  resourceProfile?: string | undefined;
  /** Live mode: ask AWS's policy simulator for its verdict too (--no-simulate: false). */
  simulate?: boolean;
  offline: boolean;
  updateDefinitions: boolean;
  generateContextTemplate: boolean;
  allowUnknownAction: boolean;
  /** -r is the exact resource string AWS evaluates: no existential reading of its wildcards. */
  literalResource: boolean;
  output: OutputFormat;
  color: ColorMode;
  debug: boolean;
}

/** True when any offline source is given: then no network is used. */
export function hasOfflineSource(options: ExplainCommandOptions): boolean {
  return (
    options.snapshot.length > 0 ||
    options.identityPolicy.length > 0 ||
    options.resourcePolicy.length > 0 ||
    options.permissionBoundary.length > 0 ||
    options.sessionPolicy.length > 0 ||
    options.vpcEndpointPolicy.length > 0 ||
    options.organizationConfig !== undefined ||
    options.principalContext !== undefined ||
    options.resourceContext !== undefined ||
    options.requestContext !== undefined
  );
}
