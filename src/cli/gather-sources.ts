/**
 * Reads every source the command line names, in a fixed order (snapshot, then
 * organization YAML, policy files, context files, then --context), so facts
 * given explicitly override what a snapshot provides.
 */
import { basename } from 'node:path';
import { parseArn } from '../language/arn.js';
import { formatFinding, type Finding } from '../language/findings.js';
import type { Policy } from '../language/policy.js';
import type { PolicyKind } from '../language/policy-kind.js';
import { RESOURCE_POLICY_SERVICES } from '../catalog/resource-policy-services.js';
import type { UnseenLayer } from '../engine/policy-set.js';
import type { S3BlockPublicAccess } from '../engine/request.js';
import { parsePrincipal, type Principal } from '../engine/principal.js';
import type { SourceContribution } from '../sources/contribution.js';
import {
  parseContextAssignments,
  readContextFile,
  readOrganizationConfig,
  readPolicyFile,
} from '../sources/files/index.js';
import { readSnapshotFiles, snapshotContribution, isTrustPolicyAction } from '../sources/snapshot/index.js';
import { STANDARD_INPUT } from '../sources/files/read-text.js';
import type { ExplainCommandOptions } from './explain-options.js';
import type { ConditionKeyTypeLookup } from '../sources/files/index.js';
import { UsageError } from './exit-error.js';
import { INPUT_LIMITS } from '../input/limits.js';
import { readInputFile } from '../input/read-input.js';
import { echoArgument } from '../text/excerpt.js';

export interface GatheredSources {
  principal: Principal;
  contributions: SourceContribution[];
  findings: Finding[];
}

/** The kind of policy a `-R` file is, from the request: a role trust policy for sts:AssumeRole*, a key policy for KMS keys. */
export function resourcePolicyKindFor(action: string, resourceArn: string): PolicyKind {
  if (isTrustPolicyAction(action)) return 'trust';
  const arn = parseArn(resourceArn);
  if (arn?.service === 'kms' && arn.resource.startsWith('key/')) return 'kms-key';
  return 'resource';
}

/** An account snapshot given as a policy file: say where it belongs instead of "The policy has no Statement". */
async function misplacedSnapshot(path: string, found: readonly Finding[]): Promise<Finding[]> {
  const first = found.findIndex((finding) => finding.severity === 'error');
  if (first === -1) return [...found];
  const read = await readInputFile(path, INPUT_LIMITS.policy);
  if (!read.ok || !/"(UserDetailList|RoleDetailList|iamwhySnapshot)"/.test(read.text)) return [...found];
  const error = found[first] as Finding;
  const hinted: Finding = { ...error, suggestion: 'this is an account snapshot: pass it with --snapshot' };
  return found.map((finding, index) => (index === first ? hinted : finding));
}

async function readPolicies(paths: readonly string[], kind: PolicyKind, findings: Finding[]): Promise<Policy[]> {
  const policies: Policy[] = [];
  for (const path of paths) {
    const read = await readPolicyFile(path, kind);
    findings.push(...(read.policy ? read.findings : await misplacedSnapshot(path, read.findings)));
    if (read.policy) policies.push(read.policy);
  }
  return policies;
}

/** AWS evaluates one resource-based policy per resource: several -R files are read as one document. */
function combineResourcePolicies(policies: Policy[]): Policy | undefined {
  if (policies.length <= 1) return policies[0];
  const first = policies[0] as Policy;
  let index = 0;
  return {
    ...first,
    id: policies.map((policy) => policy.id).join(' + '),
    statements: policies.flatMap((policy) =>
      policy.statements.map((statement) => ({ ...statement, index: index++, path: `${basename(policy.origin.file ?? policy.id)}:${statement.path}` })),
    ),
  };
}

export async function gatherSources(options: ExplainCommandOptions, action: string, keyTypes?: ConditionKeyTypeLookup): Promise<GatheredSources> {
  const findings: Finding[] = [];
  const contributions: SourceContribution[] = [];
  const resourceArn = options.resource;
  let principal: Principal | undefined;

  const fromStandardInput = [
    ...options.identityPolicy,
    ...options.resourcePolicy,
    ...options.permissionBoundary,
    ...options.sessionPolicy,
    ...options.vpcEndpointPolicy,
    ...[options.organizationConfig, options.principalContext, options.resourceContext, options.requestContext].filter((path) => path !== undefined),
  ].filter((path) => path === STANDARD_INPUT);
  if (fromStandardInput.length > 1) throw new UsageError('standard input ("-") can be read once: give it to one flag, and the other files by name', 'USAGE');

  const given = parseContextAssignments(options.context, keyTypes === undefined ? {} : { keyTypes });
  if (given.errors.length > 0) throw new UsageError(given.errors[0] as string, 'CONTEXT', given.errors.slice(1));

  if (options.snapshot.length > 0) {
    const loaded = await readSnapshotFiles(options.snapshot);
    if (!loaded.ok) throw findingsError(loaded.errors);
    // Only what this request reads: the snapshot's structure, then the policies it uses.
    findings.push(...loaded.snapshot.inputFindings);
    if (options.principal === undefined) throw new UsageError('missing PRINCIPAL: give a user or role name of the snapshot, or an ARN, as the first argument or with -p/--principal-arn');
    const result = snapshotContribution(loaded.snapshot, { principal: options.principal, action, resourceArn, context: given.context });
    if (!result.ok) throw new UsageError(result.error.message, result.error.code);
    principal = result.resolved.principal;
    findings.push(...(result.contribution.findings ?? []));
    contributions.push({ ...result.contribution, findings: [] });
  }

  if (options.organizationConfig) {
    const config = await readOrganizationConfig(options.organizationConfig);
    findings.push(...config.findings);
    contributions.push({ label: config.label, scpLevels: config.scpLevels, rcpLevels: config.rcpLevels });
  }

  const identity = await readPolicies(options.identityPolicy, 'identity', findings);
  const resourcePolicies = await readPolicies(options.resourcePolicy, resourcePolicyKindFor(action, resourceArn), findings);
  const boundaries = await readPolicies(options.permissionBoundary, 'permissions-boundary', findings);
  const session = await readPolicies(options.sessionPolicy, 'session', findings);
  const vpcEndpoint = await readPolicies(options.vpcEndpointPolicy, 'vpc-endpoint', findings);
  if (boundaries.length > 1) throw new UsageError('an IAM user or role has at most one permissions boundary: give --permission-boundary once', 'USAGE');
  const files: SourceContribution = { label: 'policy files' };
  if (identity.length > 0) files.identity = identity;
  const combined = combineResourcePolicies(resourcePolicies);
  if (combined) files.resourcePolicy = combined;
  if (boundaries[0]) files.permissionsBoundary = boundaries[0];
  if (session.length > 0) files.session = session;
  if (vpcEndpoint.length > 0) files.vpcEndpoint = vpcEndpoint;
  const unseen = unseenWithoutSnapshot(options, action, resourceArn);
  if (unseen.length > 0) files.unseen = unseen;
  contributions.push(files);

  for (const [path, kind] of [
    [options.principalContext, 'principal'],
    [options.resourceContext, 'resource'],
    [options.requestContext, 'request'],
  ] as const) {
    if (!path) continue;
    const contribution = await readContextFile(path, kind);
    findings.push(...(contribution.findings ?? []));
    contributions.push({ ...contribution, findings: [] });
  }
  if (options.region !== undefined) {
    if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(options.region)) throw new UsageError(`--region ${echoArgument(options.region)}: not a region name such as eu-west-1`, 'USAGE');
    contributions.push({ label: '--region', resource: { region: options.region } });
  }
  if (options.s3BlockPublicAccess !== undefined) {
    contributions.push({ label: '--s3-block-public-access', resource: { s3BlockPublicAccess: parseBlockPublicAccessFlag(options.s3BlockPublicAccess) } });
  }
  contributions.push({ label: '--context', context: given.context });

  if (principal === undefined) {
    if (options.principal !== undefined) {
      const parsed = parsePrincipal(options.principal);
      if (!parsed.ok) {
        throw new UsageError(
          /^[\w+=,.@-]+$/.test(options.principal)
            ? `"${echoArgument(options.principal)}" is a bare name: give its ARN, or --snapshot FILE to look names up in an account snapshot`
            : parsed.message,
          'PRINCIPAL',
        );
      }
      principal = parsed.principal;
    } else {
      const fromContext = contributions.map((part) => part.principal).find((facts) => facts?.arn !== undefined || facts?.kind !== undefined);
      const parsed = fromContext?.arn ? parsePrincipal(fromContext.arn) : undefined;
      if (parsed?.ok) principal = parsed.principal;
      else if (fromContext?.kind === 'anonymous') principal = (parsePrincipal('anonymous') as { ok: true; principal: Principal }).principal;
    }
  }
  if (principal === undefined) throw new UsageError('missing PRINCIPAL: give it as the first argument, with -p/--principal-arn, or in --principal-context');
  // A context file that says the principal is of another kind (is_aws_service, principal_type)
  // contradicts the principal given: the same error as when the file's own arn contradicts it.
  for (const part of contributions) {
    const kind = part.principal?.kind;
    if (kind !== undefined && kind !== principal.kind) {
      const said = kind === 'service' ? 'an AWS service principal (is_aws_service)' : `of kind ${kind} (principal_type)`;
      throw new UsageError(`${part.label}: says the principal is ${said}, but ${principal.arn} is ${articleFor(principal.kind)} ${principal.kind}`, 'CONTEXT_CONFLICT');
    }
  }

  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw findingsError(errors);
  return { principal, contributions, findings };
}

/**
 * What policy files alone leave unseen: the organization's SCPs and RCPs (which
 * could only deny), and the resource's policy when its type takes one (which,
 * not given, is taken to possibly allow, never to deny). A snapshot says for itself.
 */
function unseenWithoutSnapshot(options: ExplainCommandOptions, action: string, resourceArn: string): UnseenLayer[] {
  if (options.snapshot.length > 0) return [];
  const unseen: UnseenLayer[] = [];
  if (options.organizationConfig === undefined) {
    for (const [layer, noun] of [
      ['scp', 'SCPs'],
      ['rcp', 'RCPs'],
    ] as const) {
      unseen.push({ layer, kind: 'policy_not_supplied', couldHold: 'Deny', detail: `No organization data was given (--organization-config, or a snapshot with the organization), so ${noun} were not evaluated.` });
    }
  }
  if (options.resourcePolicy.length === 0 && resourceArn !== '*') {
    const kind = resourcePolicyKindFor(action, resourceArn);
    const service = parseArn(resourceArn)?.service;
    const detail =
      kind === 'trust'
        ? `The trust policy of ${resourceArn} was not given (-R FILE, or a snapshot).`
        : kind === 'kms-key'
          ? `The key policy of ${resourceArn} was not given (-R FILE, or a snapshot).`
          : `No resource-based policy of ${resourceArn} was given (-R FILE, or a snapshot).`;
    if (kind !== 'resource' || (service !== undefined && RESOURCE_POLICY_SERVICES.has(service))) {
      unseen.push({ layer: 'resource', kind: 'policy_not_supplied', couldHold: 'Allow', detail });
    }
  }
  return unseen;
}

/**
 * A finding as the CLI prints it: `file:line:column: error: …`, but without the
 * location when the message already names the file (`cannot read identity
 * policy file "x.json": no such file`).
 */
export function describeFinding(finding: Finding): string {
  const file = finding.location.file;
  if (file !== undefined && finding.location.line === undefined && finding.message.includes(`"${file}"`)) return finding.message;
  return formatFinding(finding);
}

export function findingsError(errors: readonly Finding[]): UsageError {
  const lines = errors.map(describeFinding);
  return new UsageError(lines[0] ?? 'invalid input', 'INVALID_INPUT', lines.slice(1));
}

function articleFor(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a';
}

const BLOCK_PUBLIC_ACCESS_SETTINGS = {
  blockpublicacls: 'blockPublicAcls',
  ignorepublicacls: 'ignorePublicAcls',
  blockpublicpolicy: 'blockPublicPolicy',
  restrictpublicbuckets: 'restrictPublicBuckets',
} as const;

/** `all`, `none`, or a comma-separated list of the settings that are on (the others are off). */
export function parseBlockPublicAccessFlag(text: string): S3BlockPublicAccess {
  const names = Object.values(BLOCK_PUBLIC_ACCESS_SETTINGS);
  const value = text.trim().toLowerCase();
  if (value === 'all' || value === 'none') return Object.fromEntries(names.map((name) => [name, value === 'all'])) as S3BlockPublicAccess;
  const settings: S3BlockPublicAccess = Object.fromEntries(names.map((name) => [name, false])) as S3BlockPublicAccess;
  for (const part of value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')) {
    const name = BLOCK_PUBLIC_ACCESS_SETTINGS[part as keyof typeof BLOCK_PUBLIC_ACCESS_SETTINGS];
    if (name === undefined) {
      throw new UsageError(
        `--s3-block-public-access: "${part}" is not a setting; use all, none, or any of BlockPublicAcls, IgnorePublicAcls, BlockPublicPolicy, RestrictPublicBuckets`,
        'USAGE',
      );
    }
    settings[name] = true;
  }
  return settings;
}
