/**
 * The request context AWS builds for a request: the values the user gave, plus
 * the values AWS always supplies, derived from the request when not given
 * ("AWS global condition context keys"). Given values always win.
 */
import { parseArn } from '../language/arn.js';
import type { ContextEntry, ContextView } from '../language/context.js';
import { createContext, normalizeContextKey } from '../language/condition-keys.js';
import { hasIamCredentials, principalTypeOf } from './principal.js';
import type { Request } from './request.js';

/** Global keys AWS documents as multivalued (value type ArrayOf…): they keep set semantics even with one value. */
const MULTIVALUED_GLOBAL_KEYS = new Set(
  [
    'aws:CalledVia',
    'aws:PrincipalOrgPaths',
    'aws:PrincipalServiceNamesList',
    'aws:ResourceOrgPaths',
    'aws:SourceOrgPaths',
    'aws:TagKeys',
    'aws:VpceOrgPaths',
  ].map((key) => key.toLowerCase()),
);

/** Services that do not put aws:ViaAWSService in the request context ("AWS global condition context keys"). */
const SERVICES_WITHOUT_VIA_AWS_SERVICE = new Set(['ec2', 'glue', 'lakeformation', 'opsworks']);

export function isMultivaluedKey(key: string): boolean {
  return MULTIVALUED_GLOBAL_KEYS.has(key.toLowerCase());
}

/**
 * The owning account of the resource: given, else from the ARN, else the
 * principal's (noted as assumed). An ARN's account field names another account
 * only when it is a 12-digit id: `aws` is AWS's own namespace (AWS managed
 * policies, "Managed policies and inline policies"), and a wildcard or an empty
 * field names no account — such a resource is not another account's.
 */
export function resolveResourceAccount(request: Request): { account: string | undefined; assumed: boolean } {
  if (request.resource.account) return { account: request.resource.account, assumed: false };
  const arn = parseArn(request.resource.arn);
  if (arn?.account && /^\d{12}$/.test(arn.account)) return { account: arn.account, assumed: false };
  // AWS's namespace, or a pattern: no owner to name (so not cross-account, and no aws:ResourceAccount).
  if (arn?.account) return { account: undefined, assumed: false };
  return { account: request.principal.account, assumed: request.principal.account !== undefined };
}

export function deriveContext(request: Request): ContextView {
  const given = new Map<string, ContextEntry>();
  for (const [key, raw] of Object.entries(request.context ?? {})) {
    const values = typeof raw === 'string' ? [raw] : [...raw];
    given.set(normalizeContextKey(key), {
      key,
      values,
      multivalued: values.length > 1 || isMultivaluedKey(key),
      origin: 'given',
    });
  }
  const derived: ContextEntry[] = [];
  const derive = (key: string, value: string | readonly string[] | undefined): void => {
    if (value === undefined || given.has(normalizeContextKey(key))) return;
    const values = typeof value === 'string' ? [value] : [...value];
    derived.push({ key, values, multivalued: isMultivaluedKey(key), origin: 'derived' });
  };

  const { principal, organization = {} } = request;
  const signed = principal.kind !== 'anonymous';
  const isAwsPrincipal = hasIamCredentials(principal.kind);
  // "AWS global condition context keys", aws:FederatedProvider: present "in the role-trust policy when an
  // OIDC provider is used to call AssumeRoleWithWebIdentity" — the provider ARN, or a built-in provider's name.
  if (principal.kind === 'web-identity') derive('aws:FederatedProvider', principal.arn);
  if (isAwsPrincipal) {
    // For role sessions aws:PrincipalArn is the role's ARN, not the session's.
    derive('aws:PrincipalArn', principal.kind === 'assumed-role' ? principal.roleArn : principal.arn);
    derive('aws:PrincipalAccount', principal.account);
    derive('aws:PrincipalType', principalTypeOf(principal));
    if (principal.kind === 'user') derive('aws:username', principal.name);
    derive('aws:userid', userIdOf(request));
    for (const [tagKey, tagValue] of Object.entries(principal.tags ?? {})) {
      derive(`aws:PrincipalTag/${tagKey}`, tagValue);
    }
    derive('aws:PrincipalOrgID', organization.principalOrgId);
    derive('aws:PrincipalOrgPaths', organization.principalOrgPaths);
  }
  if (signed) {
    derive('aws:PrincipalIsAWSService', principal.kind === 'service' ? 'true' : 'false');
    if (principal.kind === 'service') derive('aws:PrincipalServiceName', principal.arn);
  } else {
    // "IAM policy elements: Variables and tags": an anonymous request has principal type Anonymous.
    derive('aws:PrincipalType', principalTypeOf(principal));
  }
  // HTTPS is what SDKs and the console use, signed or not; say otherwise with --context.
  derive('aws:SecureTransport', 'true');

  const resourceAccount = resolveResourceAccount(request).account;
  derive('aws:ResourceAccount', resourceAccount);
  derive('aws:ResourceOrgID', organization.resourceOrgId);
  derive('aws:ResourceOrgPaths', organization.resourceOrgPaths);
  for (const [tagKey, tagValue] of Object.entries(request.resource.tags ?? {})) {
    derive(`aws:ResourceTag/${tagKey}`, tagValue);
  }
  // aws:RequestedRegion is always in the request context: the ARN's region, else the
  // resource's known region (S3 buckets), else — for IAM, whose "calls are always made to
  // the us-east-1 Region" — us-east-1; otherwise it stays unknown (and is reported missing).
  const service = request.action.slice(0, request.action.indexOf(':')).toLowerCase();
  const region = parseArn(request.resource.arn)?.region || request.resource.region || (service === 'iam' ? 'us-east-1' : undefined);
  if (region) derive('aws:RequestedRegion', region);
  if (request.time) {
    derive('aws:CurrentTime', request.time.toISOString().replace(/\.\d{3}Z$/, 'Z'));
    derive('aws:EpochTime', String(Math.floor(request.time.getTime() / 1000)));
  }

  const calledVia = given.get(normalizeContextKey('aws:CalledVia'))?.values;
  if (calledVia && calledVia.length > 0) {
    derive('aws:CalledViaFirst', calledVia[0]);
    derive('aws:CalledViaLast', calledVia[calledVia.length - 1]);
    derive('aws:ViaAWSService', 'true');
  } else if (signed && !SERVICES_WITHOUT_VIA_AWS_SERVICE.has(service)) {
    // "returns false when the principal makes the call directly" — present for most services.
    derive('aws:ViaAWSService', 'false');
  }
  const requestTagKeys = [...given.values()]
    .filter((entry) => entry.key.toLowerCase().startsWith('aws:requesttag/'))
    .map((entry) => entry.key.slice('aws:RequestTag/'.length));
  if (requestTagKeys.length > 0) derive('aws:TagKeys', requestTagKeys);
  const sourceArn = given.get(normalizeContextKey('aws:SourceArn'))?.values[0];
  const sourceAccount = sourceArn ? parseArn(sourceArn)?.account : undefined;
  if (sourceAccount) derive('aws:SourceAccount', sourceAccount);

  return createContext([...given.values(), ...derived]);
}

/** `aws:userid` as AWS documents it per principal type, where it can be known. */
function userIdOf(request: Request): string | undefined {
  const { principal } = request;
  switch (principal.kind) {
    case 'user':
      return principal.uniqueId;
    case 'assumed-role':
      return principal.uniqueId ? `${principal.uniqueId}:${principal.sessionName}` : undefined;
    case 'role':
      return principal.uniqueId;
    case 'federated-user':
      return principal.account ? `${principal.account}:${principal.sessionName}` : undefined;
    case 'root':
      return principal.account;
    default:
      return undefined;
  }
}
