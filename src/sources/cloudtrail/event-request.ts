/**
 * The resource and the request context of a CloudTrail event ("CloudTrail record
 * contents"): `resources[]` or S3's `requestParameters` for the resource, and the
 * condition keys AWS would have had — `aws:SourceIp` (`sourceIPAddress`, when it
 * is an address; `aws:VpcSourceIp` through a VPC endpoint), `aws:SourceVpce` and `aws:VpceAccount` (`vpcEndpointId`,
 * `vpcEndpointAccountId`), `aws:RequestedRegion` (`awsRegion`), `aws:UserAgent`,
 * `aws:MultiFactorAuthPresent` and `aws:TokenIssueTime` (`sessionContext.attributes`),
 * `aws:SourceIdentity`, `aws:userid` (`principalId`) and `aws:CalledVia`
 * (`userIdentity.invokedBy`, when an AWS service called with the principal's
 * credentials).
 */
import type { ContextInput } from '../../engine/request.js';
import { isIpOrCidr } from '../files/context-values.js';
import type { EventPrincipal } from './event-principal.js';
import type { CloudTrailRecord } from './read-events.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export interface EventResource {
  arn: string | undefined;
  /** Other ARNs the event lists. */
  others: string[];
  /** How the ARN was found, when it was not `resources[]`. */
  assumption: string | undefined;
}

/** `resources[]` (S3 objects first: a data event lists the bucket and the object), else S3's bucket and key. */
export function eventResource(record: CloudTrailRecord, partition: string): EventResource {
  const listed = Array.isArray(record.resources) ? record.resources.filter(isRecord) : [];
  const arns = listed
    .map((resource) => ({ arn: text(resource.ARN) ?? text(resource.arn), type: text(resource.type) }))
    .filter((resource): resource is { arn: string; type: string | undefined } => resource.arn !== undefined);
  const chosen = arns.find((resource) => resource.type === 'AWS::S3::Object') ?? arns[0];
  if (chosen) return { arn: chosen.arn, others: arns.filter((resource) => resource !== chosen).map((resource) => resource.arn), assumption: undefined };
  const parameters = isRecord(record.requestParameters) ? record.requestParameters : {};
  const bucket = text(parameters.bucketName);
  if (text(record.eventSource) === 's3.amazonaws.com' && bucket !== undefined) {
    const key = text(parameters.key);
    const arn = key === undefined ? `arn:${partition}:s3:::${bucket}` : `arn:${partition}:s3:::${bucket}/${key}`;
    return { arn, others: [], assumption: `The event lists no resources; iamwhy takes the resource from requestParameters: ${arn}.` };
  }
  return { arn: undefined, others: [], assumption: undefined };
}

function attributes(identity: unknown): Json {
  if (!isRecord(identity) || !isRecord(identity.sessionContext)) return {};
  return isRecord(identity.sessionContext.attributes) ? identity.sessionContext.attributes : {};
}

/** `20131102T010628Z` (CloudTrail's compact form) or ISO 8601 → ISO 8601. */
function isoDate(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  const normalized = compact ? `${compact[1]}-${compact[2]}-${compact[3]}T${compact[4]}:${compact[5]}:${compact[6]}Z` : value;
  return Number.isNaN(Date.parse(normalized)) ? undefined : new Date(normalized).toISOString().replace('.000Z', 'Z');
}

export interface EventContext {
  context: Record<string, ContextInput>;
  /** Keys whose absence is a fact (no MFA keys with long-term access keys). */
  completeKeys: string[];
  mfa: boolean | undefined;
  sourceIp: string | undefined;
  calledVia: string[] | undefined;
  time: string | undefined;
}

export function eventContext(record: CloudTrailRecord, principal: EventPrincipal): EventContext {
  const context: Record<string, ContextInput> = {};
  const identity = isRecord(record.userIdentity) ? record.userIdentity : {};
  const set = (key: string, value: ContextInput | undefined): void => {
    if (value !== undefined) context[key] = value;
  };

  const ip = text(record.sourceIPAddress);
  // A service name ("cloudformation.amazonaws.com") or "AWS Internal" stands where AWS redacted the address.
  const sourceIp = ip !== undefined && isIpOrCidr(ip) && !ip.includes('/') ? ip : undefined;
  const vpceText = text(record.vpcEndpointId);
  const vpce = vpceText !== undefined && /^vpce-[0-9a-z]+$/.test(vpceText) ? vpceText : undefined;
  // "AWS global condition context keys": aws:SourceIp is in every request except those through a
  // VPC endpoint, which carry the VPC address as aws:VpcSourceIp instead.
  set(vpce === undefined ? 'aws:SourceIp' : 'aws:VpcSourceIp', sourceIp);
  set('aws:RequestedRegion', text(record.awsRegion));
  set('aws:UserAgent', text(record.userAgent));
  set('aws:SourceVpce', vpce);
  const vpceAccount = text(record.vpcEndpointAccountId);
  if (vpceAccount !== undefined && /^\d{12}$/.test(vpceAccount)) set('aws:VpceAccount', vpceAccount);
  set('aws:userid', principal.userId);

  const session = attributes(identity);
  const mfaText = text(session.mfaAuthenticated);
  const mfa = mfaText === 'true' ? true : mfaText === 'false' ? false : undefined;
  if (mfa !== undefined) set('aws:MultiFactorAuthPresent', String(mfa));
  set('aws:TokenIssueTime', isoDate(text(session.creationDate)));
  const sessionContext = isRecord(identity.sessionContext) ? identity.sessionContext : {};
  set('aws:SourceIdentity', text(sessionContext.sourceIdentity) ?? text(identity.sourceIdentity));

  // A call an AWS service made with the principal's credentials (a forward access session).
  const invokedBy = text(identity.invokedBy);
  const calledVia = invokedBy !== undefined && text(identity.type) !== 'AWSService' && /^[a-z0-9.-]+\.amazonaws\.com$/.test(invokedBy) ? [invokedBy] : undefined;
  set('aws:CalledVia', calledVia);

  const completeKeys = principal.longTermKey && mfa === undefined ? ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge'] : [];
  if (vpce !== undefined) completeKeys.push('aws:SourceIp');
  return { context, completeKeys, mfa, sourceIp, calledVia, time: isoDate(text(record.eventTime)) };
}
