/**
 * What an AccessDenied message says on its own, when iamwhy has no policies to
 * evaluate: which layer AWS named and what kind of fix that layer takes
 * ("Troubleshoot access denied error messages"; "Policy evaluation logic": gates
 * only limit, an explicit Deny wins), what AWS's message cannot say (only one
 * policy type is ever named), and what to add to find out more.
 */
import type { LayerName } from '../engine/result.js';
import type { DeniedRequest } from '../sources/denied-request.js';
import { LAYER_NOUNS } from './words.js';

export interface MessageExplanation {
  /** Undefined when AWS did not say whether the deny was explicit. */
  decision: 'explicitDeny' | 'implicitDeny' | undefined;
  layer: LayerName | undefined;
  /** One sentence: what AWS said. */
  summary: string;
  /** The kind of fix the named layer takes, for a person to act on. */
  fix: string[];
  /** What the message cannot tell. */
  caveats: string[];
  /** What to add to find out more. */
  learnMore: string[];
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

const GATE_NOTE = 'Changing the principal’s identity-based policies will not help: this layer only limits, it never grants.';

function explicitFix(layer: LayerName, trust: boolean, action: string): string[] {
  switch (layer) {
    case 'scp':
      return [
        `A Deny statement in a service control policy (attached to the root, an OU above the account, or the account) matches ${action}. Only an organization administrator can change it; otherwise the request must meet the exception the Deny carries (often a region, a principal ARN or a tag in its Condition).`,
        GATE_NOTE,
      ];
    case 'rcp':
      return [
        `A Deny statement in a resource control policy of the resource owner’s organization matches. Only an organization administrator can change it; the request may need to meet its condition (often aws:PrincipalOrgID or a network condition).`,
        GATE_NOTE,
      ];
    case 'vpc_endpoint':
      return ['The policy of the VPC endpoint the request went through denies it: change the endpoint policy, or make the request through another network path.', GATE_NOTE];
    case 'permissions_boundary':
      return ['The principal’s permissions boundary denies it: only a change to the boundary (by whoever manages it) helps.', GATE_NOTE];
    case 'session_policy':
      return ['The session policy passed when the session was created denies it: start a new session with a session policy that does not (or with none).'];
    case 'resource':
      return trust
        ? ['The role’s trust policy has a Deny that matches the principal: the role’s administrator must change the trust policy.']
        : ['The resource’s own policy (bucket policy, key policy, queue policy, …) has a Deny that matches: its owner must change it, or the request must meet the exception its Condition carries (HTTPS, a VPC endpoint, an organization).'];
    case 'identity':
      return ['An identity-based policy of the principal (inline, managed, or through a group) has a Deny that matches: remove or narrow that statement, or meet its condition (for example MFA).'];
    case 's3_block_public_access':
      return ['The bucket’s S3 Block Public Access settings refuse it (RestrictPublicBuckets with a public bucket policy, or BlockPublicAcls with a public ACL): the bucket or account owner can change the settings, or the bucket policy can stop being public.'];
  }
}

function implicitFix(layer: LayerName, trust: boolean, action: string, resource: string | undefined): string[] {
  const on = resource !== undefined && resource !== '*' ? ` on ${resource}` : '';
  switch (layer) {
    case 'scp':
      return [
        `At some level of the organization (the root, an OU, or the account) no service control policy allows ${action}: every level on the path must have an SCP that allows it. Only an organization administrator can change that.`,
        GATE_NOTE,
      ];
    case 'rcp':
      return ['A resource control policy of the resource owner’s organization does not allow it.', GATE_NOTE];
    case 'vpc_endpoint':
      return [`The policy of the VPC endpoint the request went through does not allow ${action}${on}: add it to the endpoint policy.`, GATE_NOTE];
    case 'permissions_boundary':
      return [`The principal’s permissions boundary does not allow ${action}: add it to the boundary. An Allow in an identity-based policy is capped by the boundary.`, GATE_NOTE];
    case 'session_policy':
      return [`The session policy passed when the session was created does not allow ${action}: start a new session whose session policy allows it (or with none).`];
    case 's3_block_public_access':
      return ['S3 Block Public Access refuses it: the bucket or account owner can change the settings.'];
    case 'resource':
      return trust
        ? ['The role’s trust policy does not allow the principal: the trust policy must name it (or its account, with an identity-based policy of the principal allowing sts:AssumeRole on the role).']
        : [
            `The resource’s own policy does not allow the principal. For a caller in another account it must name the principal (or its account), and the caller’s identity-based policy must allow ${action}${on} too; for a KMS key the key policy must allow it.`,
          ];
    case 'identity':
      return [
        `No identity-based policy of the principal allows ${action}${on}: add an Allow for it to the principal’s policies (for a role session, to the role’s policies). A Deny, a gate or a resource policy may still stop it, and AWS names only one policy type.`,
      ];
  }
}

export function explainMessageAlone(denied: DeniedRequest): MessageExplanation {
  const action = denied.action ?? 'the action';
  const decision = denied.explicit === true ? 'explicitDeny' : denied.explicit === false ? 'implicitDeny' : undefined;
  const layer = denied.policyType;
  const caveats: string[] = [];
  let summary: string;
  let fix: string[];
  if (layer !== undefined) {
    const noun = layer === 'resource' && denied.trustPolicy ? 'role trust policy' : LAYER_NOUNS[layer];
    const policy = denied.policyArn !== undefined ? ` (${denied.policyArn})` : '';
    summary =
      decision === 'explicitDeny'
        ? `AWS says an explicit Deny in ${article(noun)} ${noun}${policy} refused ${action}.`
        : `AWS says no ${noun}${policy} allows ${action}, so it was implicitly denied.`;
    fix = decision === 'explicitDeny' ? explicitFix(layer, denied.trustPolicy, action) : implicitFix(layer, denied.trustPolicy, action, denied.resource);
    caveats.push('AWS names only one policy type even when several block the request, and never how many policies: fixing this one may reveal the next.');
  } else if (denied.blockPublicAccess !== undefined) {
    summary = `AWS says S3 Block Public Access (${denied.blockPublicAccess}) refused ${action}.`;
    fix = ['Make the ACL or bucket policy non-public, or change the Block Public Access setting of the bucket or account (whoever administers it).'];
  } else if (decision === 'explicitDeny') {
    summary = `AWS says an explicit Deny refused ${action}, without naming the policy type.`;
    fix = ['Some policy that applies (identity-based, resource-based, a boundary, a session policy, an SCP, an RCP or a VPC endpoint policy) has a matching Deny: only removing it, or meeting its condition, helps.'];
  } else {
    summary = `AWS says only that ${action === 'the action' ? 'the request' : action} was denied.`;
    fix = ['The message names no layer: evaluate the request against the account’s policies to find which one blocks.'];
  }
  if (denied.policyArn !== undefined && layer === 'scp') caveats.push(`Read the SCP with: aws organizations describe-policy --policy-id ${denied.policyArn.split('/').pop() ?? ''} (from the management account).`);
  if (denied.policyArn !== undefined && (layer === 'identity' || layer === 'permissions_boundary')) caveats.push(`Read the policy with: aws iam get-policy --policy-arn ${denied.policyArn}, then get-policy-version.`);
  const learnMore = [
    '--snapshot FILE: an account snapshot (`aws iam get-account-authorization-details > snapshot.json`, or iamwhy’s snapshot format with the organization’s SCPs and RCPs and the resource policies), to find every layer that blocks and the statement that decides',
    'or policy files: -i, -R, --permission-boundary, --session-policy, --vpc-endpoint-policy, --organization-config',
    '--context KEY=VALUE for the condition keys a message cannot carry (source IP, MFA, region, tags), or explain the CloudTrail event instead (explain-event), which carries them',
    'or AWS credentials for the account (aws configure, AWS_PROFILE or --profile): without --offline, iamwhy then reads the policies it needs live, read-only',
  ];
  return { decision, layer, summary, fix, caveats, learnMore };
}
