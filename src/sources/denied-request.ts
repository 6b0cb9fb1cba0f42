/**
 * What AWS itself said about one denied request — in an AccessDenied message, a
 * CloudTrail event or a decoded authorization message — in iamwhy's words: the
 * request triple as far as it is known, the one policy type AWS named, and the
 * facts (context keys, principal details, the request's time) that become a
 * `SourceContribution`, so the rest of iamwhy explains it unchanged.
 * CAUTION: publicly exported.
 */
import type { LayerName } from '../engine/result.js';
import type { SourceContribution } from './contribution.js';

/** A part of the request the input did not carry. */
export type DeniedRequestPart = 'principal' | 'action' | 'resource';

export interface MissingPart {
  part: DeniedRequestPart;
  /** Why it is missing, one sentence ("KMS says "on this resource" and names no key."). */
  why: string;
  /** How to supply it: the flag and an example ("give it with -r ARN"). */
  how: string;
}

/** The CloudTrail facts of a denied event, beside the request triple. */
export interface EventFacts {
  eventId: string | undefined;
  eventSource: string | undefined;
  eventName: string | undefined;
  errorCode: string | undefined;
  /** For a role session: the role's ARN (from `sessionContext.sessionIssuer`). */
  role: string | undefined;
  region: string | undefined;
  sourceIp: string | undefined;
  vpcEndpoint: string | undefined;
  /** `sessionContext.attributes.mfaAuthenticated`; absent for long-term access keys. */
  mfa: boolean | undefined;
  userAgent: string | undefined;
  /** `eventTime`, ISO 8601. */
  time: string | undefined;
  /** The service that called on the principal's behalf (`userIdentity.invokedBy`), as `aws:CalledVia`. */
  calledVia: string[] | undefined;
}

export interface DeniedRequest {
  /** Where it came from, for messages ("the pasted message", "event 3 of events.json"). */
  label: string;
  /** As AWS wrote it: an ARN, `anonymous`, or a service principal. */
  principal: string | undefined;
  /** `service:Action`. */
  action: string | undefined;
  /** An ARN, or `*` when AWS named none because the action takes no resource. */
  resource: string | undefined;
  /** AWS said "with an explicit deny" (true) or "because no … allows" (false); undefined when it did not say. */
  explicit: boolean | undefined;
  /** The one policy type AWS named, in iamwhy's layer vocabulary. */
  policyType: LayerName | undefined;
  /** AWS's own words for it ("role trust policy", "sessions policy"). */
  policyTypeWords: string | undefined;
  /** The resource layer AWS named is a role trust policy. */
  trustPolicy: boolean;
  /** A second type AWS named ("… in a VPC endpoint policy transitively through a service control policy"). */
  viaPolicyType: LayerName | undefined;
  /** The ARN of the policy AWS named, when its message carries one. */
  policyArn: string | undefined;
  /** The authorization id of AWS's "GetRequestAuthorizationDetails" suffix. */
  authorizationId: string | undefined;
  /** EC2's "Encoded authorization failure message". */
  encodedMessage: string | undefined;
  /** The encoded message was cut short (CloudTrail keeps about 1,024 characters): it cannot be decoded. */
  encodedMessageTruncated: boolean;
  /** S3 Block Public Access setting AWS named as the reason (BlockPublicAcls, BlockPublicPolicy). */
  blockPublicAccess: string | undefined;
  /** CloudTrail facts, for events. */
  event?: EventFacts;
  missing: MissingPart[];
  /** What iamwhy assumed to fill a gap, one sentence each ("HeadObject is authorized as s3:GetObject."). */
  assumptions: string[];
  /** Further facts worth saying ("S3 answers a bare "Access Denied" to callers from another account."). */
  notes: string[];
  /** Context keys, principal and resource facts the input revealed. */
  contribution: SourceContribution;
  /** When the request was made (CloudTrail's eventTime): feeds aws:CurrentTime. */
  time?: Date;
}

/** A denied request with nothing known yet. */
export function emptyDeniedRequest(label: string): DeniedRequest {
  return {
    label,
    principal: undefined,
    action: undefined,
    resource: undefined,
    explicit: undefined,
    policyType: undefined,
    policyTypeWords: undefined,
    trustPolicy: false,
    viaPolicyType: undefined,
    policyArn: undefined,
    authorizationId: undefined,
    encodedMessage: undefined,
    encodedMessageTruncated: false,
    blockPublicAccess: undefined,
    missing: [],
    assumptions: [],
    notes: [],
    contribution: { label },
  };
}

/** How to supply each part, the same words everywhere. */
export const HOW_TO_SUPPLY: Record<DeniedRequestPart, string> = {
  principal: 'give it with -p ARN (the user, role session or role that made the request; `aws sts get-caller-identity` prints it)',
  action: 'give it with -a SERVICE:ACTION, e.g. -a s3:GetObject',
  resource: 'give it with -r ARN',
};
