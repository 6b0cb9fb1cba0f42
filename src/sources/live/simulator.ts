/**
 * A second opinion from AWS's own policy simulator (iam:SimulatePrincipalPolicy)
 * for the same request: the principal's identity policies, boundary and SCPs as
 * AWS evaluates them, with the resource policy, resource owner, caller and
 * context where the API takes them. Its verdict is shown beside iamwhy's and
 * never replaces it: the simulator has documented blind spots (no RCPs, no
 * session or VPC endpoint policies, role sessions simulated as their role,
 * trust policies ignored for sts:AssumeRole*, a resource policy only for an IAM
 * user caller), and where the two differ iamwhy names the ones that apply.
 */
import type { SimulatePrincipalPolicyCommandOutput } from '@aws-sdk/client-iam';
import type { ServiceCatalog } from '../../catalog/types.js';
import type { ConditionKeyType } from '../../catalog/types.js';
import type { PolicySet } from '../../engine/policy-set.js';
import { isTrustPolicyAction } from '../../engine/required-resource-policy.js';
import type { Decision, EvaluationResult, Unknown } from '../../engine/result.js';
import type { Reader } from './reads.js';

/** What the simulator said, beside iamwhy's verdict. CAUTION: publicly exported (through the explanation). */
export interface SimulatorCheck {
  /** `iam:SimulatePrincipalPolicy`. */
  source: string;
  /** The simulator's decision, or undefined when it could not be asked. */
  decision: Decision | undefined;
  /** The simulator's decision equals iamwhy's. */
  agrees: boolean | undefined;
  /** Its documented blind spots that apply to this request. */
  blindSpots: string[];
  /** One sentence for the reader. */
  detail: string;
}

export interface SimulatorRequest {
  /** The user or role whose policies are simulated (a session's role). */
  policySourceArn: string;
  principalKind: EvaluationResult['request']['principalKind'];
  action: string;
  resourceArn: string;
  /** The resource's policy document as read, when there is one. */
  resourcePolicy: string | undefined;
  /** The resource's account, when known. */
  resourceAccount: string | undefined;
  partition: string;
}

/** The API's ContextKeyType for a catalog type and the number of values. */
function contextType(type: ConditionKeyType | undefined, values: number): string {
  const base: Record<string, string> = { String: 'string', ARN: 'string', Bool: 'boolean', Date: 'date', Numeric: 'numeric', IPAddress: 'ip', Binary: 'binary' };
  const plain = type === undefined ? 'string' : (base[type.replace(/^ArrayOf/, '')] ?? 'string');
  return type?.startsWith('ArrayOf') || values > 1 ? `${plain}List` : plain;
}

/** Keys the simulator fills in itself or rejects; everything else iamwhy evaluated with is passed on. */
const NOT_PASSED = new Set(['aws:currenttime', 'aws:epochtime']);

async function contextEntries(result: EvaluationResult, catalog: ServiceCatalog): Promise<Array<{ ContextKeyName: string; ContextKeyValues: string[]; ContextKeyType: string }>> {
  const service = result.request.action.split(':')[0] ?? '';
  const entries = [];
  for (const report of result.context) {
    if (NOT_PASSED.has(report.key.toLowerCase()) || report.values.length === 0) continue;
    const info = await catalog.conditionKey(service, report.key);
    entries.push({ ContextKeyName: report.key, ContextKeyValues: [...report.values], ContextKeyType: contextType(info?.type, report.values.length) });
  }
  return entries;
}

/** The simulator's documented blind spots that bear on this request. */
export function blindSpotsFor(request: SimulatorRequest, policySet: PolicySet, resourcePolicyPassed: boolean, result: EvaluationResult): string[] {
  const spots: string[] = [];
  // Only what could explain the difference: an RCP that denies here, not RCPs attached somewhere.
  if (result.blockedBy.includes('rcp')) spots.push('it does not evaluate resource control policies (RCPs)');
  if (request.principalKind === 'assumed-role' || request.principalKind === 'federated-user') {
    spots.push('it simulates a role session as its role: session policies, session tags and the session ARN are not seen');
  }
  if ((policySet.session ?? []).length > 0 && request.principalKind !== 'assumed-role') spots.push('it does not evaluate session policies');
  if (result.blockedBy.includes('vpc_endpoint') || ((policySet.vpcEndpoint ?? []).length > 0 && result.decision === 'allowed')) spots.push('it does not evaluate VPC endpoint policies');
  if (isTrustPolicyAction(request.action)) spots.push('it ignores the role trust policy for sts:AssumeRole*');
  if (policySet.resource !== undefined && !resourcePolicyPassed) spots.push('it takes a resource-based policy only for an IAM user caller, so the resource policy was not passed');
  return spots;
}

const DECISIONS = new Set<Decision>(['allowed', 'explicitDeny', 'implicitDeny']);

/**
 * Ask the simulator. Returns undefined when there is nobody to simulate (the
 * account root, a service principal, anonymous, a federated user).
 */
export async function crossCheck(
  reader: Reader,
  request: SimulatorRequest,
  result: EvaluationResult,
  policySet: PolicySet,
  catalog: ServiceCatalog,
): Promise<{ check: SimulatorCheck; unknowns: Unknown[]; notes: string[] }> {
  // The simulator takes CallerArn only as an IAM user ARN, and a ResourcePolicy only with one ("SimulatePrincipalPolicy": CallerArn).
  const userCaller = request.principalKind === 'user';
  const passPolicy = request.resourcePolicy !== undefined && userCaller && !isTrustPolicyAction(request.action);
  const input: Record<string, unknown> = {
    PolicySourceArn: request.policySourceArn,
    ActionNames: [request.action],
    ContextEntries: await contextEntries(result, catalog),
  };
  if (request.resourceArn !== '*') input.ResourceArns = [request.resourceArn];
  if (passPolicy) {
    input.ResourcePolicy = request.resourcePolicy;
    input.CallerArn = request.policySourceArn;
    if (request.resourceAccount !== undefined) input.ResourceOwner = `arn:${request.partition}:iam::${request.resourceAccount}:root`;
  }
  const pages = await reader.pages<SimulatePrincipalPolicyCommandOutput>('iam', 'SimulatePrincipalPolicy', input, { marker: 'Marker', next: 'Marker' });
  const source = 'iam:SimulatePrincipalPolicy';
  if (!pages.ok) {
    const detail = `AWS's policy simulator did not answer: ${source} (${pages.failure.code}).`;
    return { check: { source, decision: undefined, agrees: undefined, blindSpots: [], detail }, unknowns: [], notes: [detail] };
  }
  const decisions = pages.value.flatMap((page) => page.EvaluationResults ?? []).map((evaluation) => evaluation.EvalDecision);
  // One action on one resource: one result. Several (a resource pattern) combine as AWS would: any deny wins.
  const decision: Decision | undefined = decisions.includes('explicitDeny')
    ? 'explicitDeny'
    : decisions.length > 0 && decisions.every((value) => value === 'allowed')
      ? 'allowed'
      : decisions.some((value) => value !== undefined && DECISIONS.has(value as Decision))
        ? 'implicitDeny'
        : undefined;
  if (decision === undefined) {
    const detail = `AWS's policy simulator gave no decision for ${request.action}.`;
    return { check: { source, decision: undefined, agrees: undefined, blindSpots: [], detail }, unknowns: [], notes: [detail] };
  }
  const agrees = decision === result.decision;
  const blindSpots = agrees ? [] : blindSpotsFor(request, policySet, passPolicy, result);
  if (agrees) return { check: { source, decision, agrees, blindSpots, detail: `AWS's policy simulator agrees: ${decision}.` }, unknowns: [], notes: [] };
  if (blindSpots.length > 0) {
    const detail = `AWS's policy simulator says ${decision}, iamwhy ${result.decision}: ${blindSpots.join('; ')}.`;
    return { check: { source, decision, agrees, blindSpots, detail }, unknowns: [], notes: [detail] };
  }
  // No documented blind spot explains it: then iamwhy may lack something AWS sees, and says so.
  const detail = `AWS's policy simulator says ${decision}, iamwhy ${result.decision}, and none of the simulator's documented blind spots applies: AWS may evaluate something iamwhy did not see or does not model.`;
  return {
    check: { source, decision, agrees, blindSpots, detail },
    unknowns: [{ kind: 'unsupported', detail, couldLeadTo: decision }],
    notes: [],
  };
}
