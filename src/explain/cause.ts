/**
 * The `cause` of a denial, in the vocabulary of the iamwhy JSON schema:
 * `null` when allowed, else one of the causes below; `combined` when more than
 * one distinct cause blocks the request on its own.
 */
import type { EvaluationResult, LayerName } from '../engine/result.js';

export const CAUSES = [
  'explicit_deny',
  'implicit_deny',
  'scp_block',
  'rcp_block',
  'vpc_endpoint_block',
  's3_block_public_access',
  'permissions_boundary',
  'session_policy',
  'missing_context',
  'protected_resource',
  'aws_precondition',
  'combined',
] as const;
export type Cause = (typeof CAUSES)[number];

function causeOfLayer(layer: LayerName, explicit: boolean): Cause {
  switch (layer) {
    case 'scp':
      return 'scp_block';
    case 'rcp':
      return 'rcp_block';
    case 'vpc_endpoint':
      return 'vpc_endpoint_block';
    case 's3_block_public_access':
      return 's3_block_public_access';
    case 'permissions_boundary':
      return explicit ? 'explicit_deny' : 'permissions_boundary';
    case 'session_policy':
      return explicit ? 'explicit_deny' : 'session_policy';
    case 'identity':
    case 'resource':
      return explicit ? 'explicit_deny' : 'implicit_deny';
  }
}

export function causeOf(result: EvaluationResult): Cause | null {
  if (result.decision === 'allowed') return null;
  // AWS refuses the call whatever the policies say: no policy layer is the cause.
  if (result.decision === 'implicitDeny' && (result.awsRule?.kind === 'protected_resource' || result.awsRule?.kind === 'aws_precondition')) return result.awsRule.kind;
  const causes = new Set<Cause>();
  for (const layer of result.layers) {
    if (layer.blocks) causes.add(causeOfLayer(layer.layer, layer.verdict === 'explicitDeny'));
  }
  if (causes.size > 1) return 'combined';
  const single = [...causes][0];
  // An absent key is the cause when an Allow was waiting on it; a matched Deny names its own layer.
  if (result.decision === 'implicitDeny' && result.missingContext.some((key) => key.couldChangeDecision)) return 'missing_context';
  return single ?? (result.decision === 'explicitDeny' ? 'explicit_deny' : 'implicit_deny');
}
