/**
 * Does iamwhy's evaluation find what AWS's own message says? AWS names one
 * policy type at most, and only one even when several block ("Troubleshoot access
 * denied error messages": "If multiple policy types deny an authorization request,
 * AWS includes only one of those policy types in the error message"). So iamwhy
 * says whether that layer blocks in its evaluation, in the way AWS said (explicit
 * or implicit), and lists every other layer that blocks too. When it does not, the
 * disagreement is an `Unknown` of kind `source_disagrees`: the policies iamwhy was
 * given may not be the account's.
 */
import type { UnseenLayer } from '../engine/policy-set.js';
import type { Decision, EvaluationResult, LayerName, LayerResult, Unknown } from '../engine/result.js';
import { LAYER_NOUNS } from './words.js';

/** What AWS's message named. */
export interface AwsNamed {
  layer: LayerName | undefined;
  explicit: boolean | undefined;
  /** The resource layer is a role trust policy. */
  trust: boolean;
  /** A second layer ("… transitively through a service control policy"). */
  viaLayer: LayerName | undefined;
  policyArn: string | undefined;
}

export interface Agreement {
  awsLayer: LayerName | undefined;
  awsExplicit: boolean | undefined;
  /** iamwhy finds the layer AWS named blocking, as AWS said; undefined when AWS named none. */
  agrees: boolean | undefined;
  /** Every other layer that blocks in iamwhy's evaluation, in AWS's order. */
  alsoBlocking: LayerName[];
  /** One or two sentences for a person. */
  summary: string;
  /** The disagreement, when there is one. */
  unknown: Unknown | undefined;
}

/** Codes of a layer that did not apply because nothing of it was supplied. */
const NOT_SUPPLIED = new Set(['NO_SCPS', 'NO_RCPS', 'NO_RESOURCE_POLICY', 'NO_BOUNDARY', 'NO_VPC_ENDPOINT_POLICY', 'NO_SESSION_POLICY', 'NOT_VIA_VPC_ENDPOINT', 'IDENTITY_UNKNOWN']);

/** Where the missing policies would come from, per layer. */
const HOW_TO_ADD: Record<LayerName, string> = {
  rcp: 'a snapshot with the organization, or --organization-config with rcp_hierarchy',
  scp: 'a snapshot with the organization, or --organization-config',
  vpc_endpoint: 'a snapshot with the VPC endpoint, or --vpc-endpoint-policy',
  resource: 'a snapshot with the resource policy, or -R',
  identity: 'a snapshot of the principal’s account, or -i',
  permissions_boundary: 'a snapshot, or --permission-boundary',
  session_policy: '--session-policy',
  s3_block_public_access: 'a snapshot with the bucket’s Block Public Access settings, or --s3-block-public-access',
};

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

function nounOf(layer: LayerName, trust: boolean): string {
  return layer === 'resource' && trust ? 'role trust policy' : LAYER_NOUNS[layer];
}

function kindWords(explicit: boolean | undefined): string {
  return explicit === true ? 'an explicit deny' : explicit === false ? 'an implicit deny' : 'a denial';
}

/** The ARNs (or ids) of the policies whose statements decided a layer. */
function decidingPolicies(result: EvaluationResult, layer: LayerResult): string[] {
  const policies = layer.levels ? layer.levels.flatMap((level) => level.policies) : layer.policies;
  const ids = new Set(result.deciding.filter((ref) => ref.layer === layer.layer).map((ref) => ref.policyId));
  return policies.filter((policy) => ids.has(policy.policyId)).map((policy) => policy.origin.arn ?? policy.policyId);
}

function blockingWords(result: EvaluationResult, layer: LayerName): string {
  const found = result.layers.find((candidate) => candidate.layer === layer);
  if (!found) return LAYER_NOUNS[layer];
  if (found.verdict === 'explicitDeny') {
    const ids = [...new Set(result.deciding.filter((ref) => ref.layer === layer).map((ref) => ref.policyId))];
    return `the ${LAYER_NOUNS[layer]} (explicit deny in ${ids.join(', ')})`;
  }
  return `the ${LAYER_NOUNS[layer]} (nothing allows it)`;
}

function alsoSentence(result: EvaluationResult, layers: readonly LayerName[]): string {
  if (layers.length === 0) return ' No other layer blocks it.';
  return ` Also blocking, which AWS's message does not say: ${layers.map((layer) => blockingWords(result, layer)).join('; ')}.`;
}

/** The decision AWS's message reported. */
function awsDecision(named: AwsNamed, result: EvaluationResult): Decision {
  if (named.explicit === true) return 'explicitDeny';
  if (named.explicit === false) return 'implicitDeny';
  return result.decision === 'allowed' ? 'implicitDeny' : result.decision;
}

/**
 * Compare the evaluation with what AWS named. `sources` names what iamwhy was
 * given, for the sentence ("the snapshot", "the policy files").
 */
export function compareWithAws(result: EvaluationResult, named: AwsNamed, unseen: readonly UnseenLayer[], sources: string): Agreement {
  const blocked = result.blockedBy;
  const disagree = (detail: string, layer: LayerName | undefined): Unknown => ({
    kind: 'source_disagrees',
    detail,
    couldLeadTo: awsDecision(named, result),
    ...(layer !== undefined ? { layer } : {}),
  });

  if (named.layer === undefined) {
    const alsoBlocking = [...blocked];
    if (result.decision === 'allowed') {
      const detail = `AWS denied this request, but iamwhy finds it allowed by ${sources}: ${sources} may be out of date, or the request carried context iamwhy did not have.`;
      return { awsLayer: undefined, awsExplicit: named.explicit, agrees: undefined, alsoBlocking, summary: detail, unknown: disagree(detail, undefined) };
    }
    if (named.explicit === true && result.decision !== 'explicitDeny') {
      const detail = `AWS reported an explicit deny, but iamwhy finds no Deny statement that matches in ${sources}: ${sources} may be out of date.`;
      return { awsLayer: undefined, awsExplicit: true, agrees: false, alsoBlocking, summary: detail, unknown: disagree(detail, undefined) };
    }
    const summary = `AWS's message names no policy type. iamwhy finds blocking: ${blocked.map((layer) => blockingWords(result, layer)).join('; ')}.`;
    return { awsLayer: undefined, awsExplicit: named.explicit, agrees: named.explicit === true ? true : undefined, alsoBlocking, summary, unknown: undefined };
  }

  const layer = named.layer;
  const noun = nounOf(layer, named.trust);
  const said = `AWS's message names ${article(noun)} ${noun} (${kindWords(named.explicit)})`;
  const candidates = [layer, ...(named.viaLayer !== undefined ? [named.viaLayer] : [])];
  const matching = candidates.find((candidate) => blocked.includes(candidate));
  const alsoBlocking = blocked.filter((candidate) => !candidates.includes(candidate));
  const layerResult = result.layers.find((candidate) => candidate.layer === (matching ?? layer));

  if (matching === undefined || layerResult === undefined) {
    const notSupplied =
      unseen.some((gap) => gap.layer === layer) || (layerResult !== undefined && !layerResult.applies && NOT_SUPPLIED.has(layerResult.notApplicable?.code ?? ''));
    const explicitElsewhere = named.explicit === false && result.decision === 'explicitDeny' ? blocked.find((candidate) => result.layers.find((l) => l.layer === candidate)?.verdict === 'explicitDeny') : undefined;
    const detail = notSupplied
      ? `${said}; ${sources} had none of it, so iamwhy could not check it (add ${HOW_TO_ADD[layer]}).`
      : explicitElsewhere !== undefined
        ? `${said}, but iamwhy finds an explicit Deny in ${blockingWords(result, explicitElsewhere)}, which AWS checks first and would have named: ${sources} may differ from the account.`
        : result.decision === 'allowed'
          ? `${said}, but iamwhy finds the request allowed by ${sources}: ${sources} may be out of date, or the request carried context iamwhy did not have.`
          : `${said}, but in ${sources} the ${LAYER_NOUNS[layer]} ${layerResult?.verdict === 'allow' ? 'allows it' : 'does not block it'}: ${sources} may be out of date, or the request carried context iamwhy did not have.`;
    const unsaid = alsoBlocking.filter((candidate) => candidate !== explicitElsewhere);
    return { awsLayer: layer, awsExplicit: named.explicit, agrees: false, alsoBlocking, summary: `${detail}${alsoSentence(result, unsaid)}`, unknown: disagree(detail, layer) };
  }

  const explicitHere = layerResult.verdict === 'explicitDeny';
  // AWS looks for explicit denies first: one anywhere is what its message would report.
  const explicitElsewhere = named.explicit === false && result.decision === 'explicitDeny' && !explicitHere;
  if ((named.explicit === true && !explicitHere) || (named.explicit === false && explicitHere) || explicitElsewhere) {
    const denying = explicitElsewhere ? blocked.find((candidate) => result.layers.find((l) => l.layer === candidate)?.verdict === 'explicitDeny') : undefined;
    const found = explicitHere ? 'an explicit Deny there' : denying !== undefined ? `an explicit Deny in ${blockingWords(result, denying)}` : 'no Deny that matches, only no Allow';
    const detail = `${said}, but iamwhy finds ${found} in ${sources}: ${sources} may differ from the account.`;
    const unsaid = alsoBlocking.filter((candidate) => candidate !== denying);
    return { awsLayer: layer, awsExplicit: named.explicit, agrees: false, alsoBlocking, summary: `${detail}${alsoSentence(result, unsaid)}`, unknown: disagree(detail, layer) };
  }

  // The policy AWS named, when it named one and a statement decided.
  if (named.policyArn !== undefined && explicitHere) {
    const deciding = decidingPolicies(result, layerResult);
    if (deciding.length > 0 && !deciding.includes(named.policyArn)) {
      const detail = `${said} and the policy ${named.policyArn}, but iamwhy finds ${deciding.join(', ')} denying in ${sources}: ${sources} may be out of date.`;
      return { awsLayer: layer, awsExplicit: named.explicit, agrees: false, alsoBlocking, summary: `${detail}${alsoSentence(result, alsoBlocking)}`, unknown: disagree(detail, layer) };
    }
  }
  const summary = `${said}; iamwhy agrees: ${blockingWords(result, matching)} blocks it.${alsoSentence(result, alsoBlocking)}`;
  return { awsLayer: layer, awsExplicit: named.explicit, agrees: true, alsoBlocking, summary, unknown: undefined };
}
