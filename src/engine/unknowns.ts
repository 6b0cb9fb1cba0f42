/**
 * What iamwhy did not have that could change this decision: absent condition
 * keys a deciding or near-deciding condition reads, and policy layers the
 * sources could not see. Each is asked of `decide` as a what-if, with no
 * re-evaluation: an unseen layer is given one matching statement of the effect
 * that could move the answer (a Deny when the answer is allowed, an Allow when
 * it is implicitly denied; nothing moves an explicit deny). Only what changes the
 * decision is listed.
 */
import type { Policy, Statement } from '../language/policy.js';
import { normalizeContextKey } from '../language/condition-keys.js';
import type { PolicyKind } from '../language/policy-kind.js';
import { layerApplicability } from './applicability.js';
import { decide, type Decided, type DecisionSetup, type EvaluatedLayer, type EvaluatedPolicy } from './decide.js';
import { keyMatcher } from './missing-context.js';
import type { PolicySet, UnseenLayer } from './policy-set.js';
import type { Request } from './request.js';
import { requiredResourcePolicy } from './required-resource-policy.js';
import { insideOwnerAccount, isPublicBucketPolicy, isS3BucketOrObject } from './block-public-access.js';
import { resolveResourceAccount } from './derive-context.js';
import type { Decision, LayerName, MissingContextKey, StatementEvaluation, Unknown } from './result.js';

const UNSEEN_POLICY_ID = '(not supplied)';

type PolicyLayer = Exclude<LayerName, 's3_block_public_access'>;

const KIND_OF_LAYER: Record<Exclude<PolicyLayer, 'resource'>, PolicyKind> = {
  rcp: 'rcp',
  scp: 'scp',
  vpc_endpoint: 'vpc-endpoint',
  identity: 'identity',
  permissions_boundary: 'permissions-boundary',
  session_policy: 'session',
};

/** One statement that matches the request outright, standing for what an unseen policy could hold. */
function syntheticPolicy(layer: LayerName, kind: PolicyKind, effect: 'Allow' | 'Deny', principalArn: string): EvaluatedPolicy {
  const statement: Statement = { index: 0, sid: undefined, effect, action: undefined, resource: undefined, principal: undefined, conditions: [], path: 'Statement[0]' };
  const policy: Policy = { id: UNSEEN_POLICY_ID, kind, version: '2012-10-17', documentId: undefined, statements: [statement], origin: {} };
  const evaluation: StatementEvaluation = {
    ref: { layer, policyId: UNSEEN_POLICY_ID, statementIndex: 0, sid: undefined },
    statement,
    effect,
    path: statement.path,
    matched: true,
    elementsMatched: true,
    action: undefined,
    resource: undefined,
    // A resource policy that could grant would name the principal itself.
    principal: layer === 'resource' ? { element: 'Principal', matched: true, against: principalArn, via: 'principal' } : undefined,
    conditions: [],
    conditionsMatched: true,
  };
  return { policy, statements: [evaluation] };
}

/** The policy set as if the unseen layer held `policy`, for `layerApplicability`. */
function withPolicyIn(policySet: PolicySet, layer: PolicyLayer, policy: Policy): PolicySet {
  switch (layer) {
    case 'identity':
      return { ...policySet, identity: [...policySet.identity, policy] };
    case 'resource':
      return { ...policySet, resource: policy };
    case 'permissions_boundary':
      return { ...policySet, permissionsBoundary: policy };
    case 'session_policy':
      return { ...policySet, session: [...(policySet.session ?? []), policy] };
    case 'vpc_endpoint':
      return { ...policySet, vpcEndpoint: [...(policySet.vpcEndpoint ?? []), policy] };
    case 'scp':
      return { ...policySet, scpLevels: [...(policySet.scpLevels ?? []), { id: UNSEEN_POLICY_ID, type: 'account', policies: [policy] }] };
    case 'rcp':
      return { ...policySet, rcpLevels: [...(policySet.rcpLevels ?? []), { id: UNSEEN_POLICY_ID, type: 'account', policies: [policy] }] };
  }
}

/** The decision if the unseen layer held one matching statement of `effect`. */
function decisionWith(setup: DecisionSetup, request: Request, policySet: PolicySet, layer: LayerName, effect: 'Allow' | 'Deny'): Decision {
  if (layer === 's3_block_public_access') {
    // Block Public Access only ever refuses.
    if (effect === 'Allow') return decide(setup, (statement) => statement.matched).decision;
    const refusing: EvaluatedLayer = { layer, applicability: { applies: true }, policies: [], blockPublicAccessRefuses: true };
    return decide({ ...setup, layers: { ...setup.layers, [layer]: refusing } }, (statement) => statement.matched).decision;
  }
  const kind: PolicyKind = layer === 'resource' ? (requiredResourcePolicy(request) ?? 'resource') : KIND_OF_LAYER[layer];
  const synthetic = syntheticPolicy(layer, kind, effect, request.principal.arn);
  const applicability = layerApplicability(layer, request, withPolicyIn(policySet, layer, synthetic.policy));
  if (!applicability.applies) return decide(setup, (statement) => statement.matched).decision;
  const current = setup.layers[layer];
  const hypothetical: EvaluatedLayer =
    layer === 'scp' || layer === 'rcp'
      ? {
          ...current,
          applicability,
          levels: [...(current.applicability.applies ? (current.levels ?? []) : []), { level: { id: UNSEEN_POLICY_ID, type: 'account', policies: [synthetic.policy] }, policies: [synthetic] }],
        }
      : { ...current, applicability, policies: [...(current.applicability.applies ? current.policies : []), synthetic] };
  return decide({ ...setup, layers: { ...setup.layers, [layer]: hypothetical } }, (statement) => statement.matched).decision;
}

/** What an unseen layer could turn the decision into, if anything. */
function unseenLayerOutcome(setup: DecisionSetup, decided: Decided, request: Request, policySet: PolicySet, unseen: UnseenLayer): Decision | undefined {
  if (decided.decision === 'explicitDeny') return undefined;
  const effect = decided.decision === 'allowed' ? 'Deny' : 'Allow';
  if (unseen.couldHold !== undefined && unseen.couldHold !== effect) return undefined;
  const outcome = decisionWith(setup, request, policySet, unseen.layer, effect);
  return outcome === decided.decision ? undefined : outcome;
}

/** Why AWS may or may not send a key, in words, for the keys whose absence surprises people. */
function whyAbsent(key: string): string {
  const normalized = normalizeContextKey(key);
  if (normalized === 'aws:multifactorauthpresent' || normalized === 'aws:multifactorauthage')
    return 'AWS sends it only with temporary credentials, and it is absent for long-term access keys';
  if (normalized === 'aws:requestedregion') return 'the resource ARN names no region, and no --region was given';
  if (['aws:sourcevpce', 'aws:sourcevpc', 'aws:sourcevpcarn', 'aws:vpcsourceip', 'aws:vpceaccount', 'aws:vpceorgid', 'aws:vpceorgpaths'].includes(normalized))
    return 'AWS sends it only when the request comes through a VPC endpoint';
  if (normalized === 'aws:sourceip') return 'AWS sends the caller’s IP address, except on calls an AWS service makes for the principal';
  if (normalized.startsWith('aws:principaltag/')) return `the principal has no tag ${key.slice(key.indexOf('/') + 1)} in what was given`;
  if (normalized.startsWith('aws:resourcetag/')) return 'the resource’s tags were not given';
  if (normalized.startsWith('aws:requesttag/') || normalized === 'aws:tagkeys') return 'AWS sends it only when the request sets tags';
  if (normalized.startsWith('aws:calledvia') || normalized === 'aws:viaawsservice')
    return 'AWS sends it only when an AWS service makes the call for the principal';
  if (normalized === 'aws:sourcearn' || normalized === 'aws:sourceaccount' || normalized === 'aws:sourceorgid' || normalized === 'aws:sourceorgpaths')
    return 'AWS sends it only when an AWS service calls on behalf of a resource';
  if (normalized === 'aws:principalorgid' || normalized === 'aws:principalorgpaths') return 'the principal’s organization was not given';
  if (normalized === 'aws:resourceorgid' || normalized === 'aws:resourceorgpaths') return 'the resource’s organization was not given';
  if (normalized === 'aws:userid' || normalized === 'aws:username') return 'the principal’s unique id or name was not given';
  return 'it was not given';
}

function contextUnknowns(missing: readonly MissingContextKey[], request: Request): Unknown[] {
  const gaps = (request.contextGaps ?? []).map((gap) => ({ gap, matches: keyMatcher(gap.keys) }));
  return missing.flatMap((key): Unknown[] => {
    if (!key.couldChangeDecision || key.couldLeadTo === undefined) return [];
    const gap = gaps.find((candidate) => candidate.matches(key.key))?.gap;
    return [
      {
        kind: gap?.kind ?? 'context_key',
        detail: gap ? `Depends on ${key.key}: ${gap.detail.replace(/\.$/, '')}.` : `Depends on ${key.key}, which the request did not give (${whyAbsent(key.key)}).`,
        couldLeadTo: key.couldLeadTo,
        key: key.key,
      },
    ];
  });
}

/** The principal's own account is outside every source: its identity side was assumed to allow. */
function assumedIdentityUnknown(setup: DecisionSetup, decided: Decided, request: Request): Unknown[] {
  if (!setup.identitySideAssumed || decided.decision !== 'allowed') return [];
  // As if its identity policies were known and none allowed.
  const identity: EvaluatedLayer = { ...setup.layers.identity, applicability: { applies: true }, policies: [] };
  const whatIf = decide({ ...setup, identitySideAssumed: false, layers: { ...setup.layers, identity } }, (statement) => statement.matched).decision;
  if (whatIf === decided.decision) return [];
  return [
    {
      kind: 'policy_not_supplied',
      detail: `The identity-based policies, boundary and SCPs of ${request.principal.arn} are not known (its account is in no source); they were assumed to allow.`,
      couldLeadTo: whatIf,
      layer: 'identity',
    },
  ];
}

/**
 * What S3 Block Public Access settings iamwhy does not know could do: with
 * RestrictPublicBuckets unknown, a public bucket policy that lets a caller from
 * outside the owner's account in could be refused; with BlockPublicPolicy on, a
 * PutBucketPolicy is refused if its new policy (not part of the request) is public.
 */
function blockPublicAccessUnknowns(setup: DecisionSetup, decided: Decided, request: Request, policySet: PolicySet, owner: string | undefined): Unknown[] {
  if (decided.decision !== 'allowed' || !isS3BucketOrObject(request)) return [];
  const settings = request.resource.s3BlockPublicAccess;
  const unknowns: Unknown[] = [];
  const resource = policySet.resource;
  if (
    settings?.restrictPublicBuckets === undefined &&
    resource?.kind === 'resource' &&
    isPublicBucketPolicy(resource) &&
    !insideOwnerAccount(request.principal, owner) &&
    decisionWith(setup, request, policySet, 's3_block_public_access', 'Deny') !== decided.decision
  ) {
    unknowns.push({
      kind: 'policy_not_supplied',
      detail: 'The bucket’s S3 Block Public Access settings were not given: with RestrictPublicBuckets on, its public bucket policy would not let this caller in.',
      couldLeadTo: 'explicitDeny',
      layer: 's3_block_public_access',
    });
  }
  if (settings?.blockPublicPolicy === true && request.action.toLowerCase() === 's3:putbucketpolicy') {
    unknowns.push({
      kind: 'policy_not_supplied',
      detail: 'BlockPublicPolicy is on: S3 refuses this PutBucketPolicy if the new bucket policy is public (the new policy is not part of the request).',
      couldLeadTo: 'explicitDeny',
      layer: 's3_block_public_access',
    });
  }
  return unknowns;
}

export function findUnknowns(
  setup: DecisionSetup,
  decided: Decided,
  request: Request,
  policySet: PolicySet,
  missing: readonly MissingContextKey[],
): Unknown[] {
  const unknowns: Unknown[] = [
    ...contextUnknowns(missing, request),
    ...assumedIdentityUnknown(setup, decided, request),
    ...blockPublicAccessUnknowns(setup, decided, request, policySet, resolveResourceAccount(request).account),
  ];
  const seen = new Set<string>();
  for (const unseen of policySet.unseen ?? []) {
    const id = `${unseen.layer}\u0000${unseen.detail}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const outcome = unseenLayerOutcome(setup, decided, request, policySet, unseen);
    if (outcome !== undefined) unknowns.push(unknownOfLayer(unseen, outcome));
  }
  return unknowns;
}

function unknownOfLayer(unseen: UnseenLayer, couldLeadTo: Decision): Unknown {
  return { kind: unseen.kind, detail: unseen.detail, couldLeadTo, layer: unseen.layer };
}
