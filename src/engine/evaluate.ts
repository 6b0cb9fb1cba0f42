/**
 * `evaluate(request, policySet)`: decide one request exactly as AWS would, and
 * record why. Pure, synchronous and deterministic: no I/O, no clock, no globals.
 * CAUTION: publicly exported.
 */
import type { Policy } from '../language/policy.js';
import { layerApplicability } from './applicability.js';
import { decide, type Decided, type DecisionSetup, type EvaluatedLayer, type EvaluatedPolicy } from './decide.js';
import { deriveContext, resolveResourceAccount } from './derive-context.js';
import { evaluateStatement, type StatementEnvironment } from './evaluate-statement.js';
import { requiredResourcePolicy } from './required-resource-policy.js';
import { analyzeMissingContext } from './missing-context.js';
import { findUnknowns } from './unknowns.js';
import { blockPublicAccessVerdict } from './block-public-access.js';
import { awsRuleFor, type AwsRuleOutcome } from './aws-rules.js';
import type { PolicySet } from './policy-set.js';
import type { Request } from './request.js';
import {
  LAYER_ORDER,
  type EvaluationResult,
  type LayerName,
  type LayerResult,
  type PolicyEvaluation,
  type RequestSummary,
} from './result.js';

function evaluatePolicy(policy: Policy, layer: LayerName, env: StatementEnvironment): EvaluatedPolicy {
  return { policy, statements: policy.statements.map((statement) => evaluateStatement(statement, policy, layer, env)) };
}

function policiesOfLayer(layer: LayerName, policySet: PolicySet): Policy[] {
  switch (layer) {
    case 'identity':
      return policySet.identity;
    case 'resource':
      return policySet.resource ? [policySet.resource] : [];
    case 'permissions_boundary':
      return policySet.permissionsBoundary ? [policySet.permissionsBoundary] : [];
    case 'session_policy':
      return policySet.session ?? [];
    case 'vpc_endpoint':
      return policySet.vpcEndpoint ?? [];
    case 'scp':
    case 'rcp':
    case 's3_block_public_access':
      return [];
  }
}

function evaluateLayer(layer: LayerName, request: Request, policySet: PolicySet, env: StatementEnvironment): EvaluatedLayer {
  if (layer === 's3_block_public_access') {
    const verdict = blockPublicAccessVerdict(request, policySet.resource, resolveResourceAccount(request).account, env.context);
    return verdict.applies
      ? { layer, applicability: { applies: true }, policies: [], blockPublicAccessRefuses: verdict.blocks }
      : { layer, applicability: { applies: false, why: { code: verdict.code, message: verdict.reason } }, policies: [] };
  }
  const applicability = layerApplicability(layer, request, policySet);
  if (layer === 'scp' || layer === 'rcp') {
    const levels = (layer === 'scp' ? policySet.scpLevels : policySet.rcpLevels) ?? [];
    return {
      layer,
      applicability,
      policies: [],
      levels: applicability.applies
        ? levels.map((level) => ({ level, policies: level.policies.map((policy) => evaluatePolicy(policy, layer, env)) }))
        : [],
    };
  }
  const policies = applicability.applies ? policiesOfLayer(layer, policySet).map((policy) => evaluatePolicy(policy, layer, env)) : [];
  return { layer, applicability, policies };
}

function policyEvaluation(evaluated: EvaluatedPolicy, layer: LayerName): PolicyEvaluation {
  const matched = evaluated.statements.filter((statement) => statement.matched);
  const verdict = matched.some((statement) => statement.effect === 'Deny')
    ? 'explicitDeny'
    : matched.length > 0
      ? 'allow'
      : 'implicitDeny';
  return {
    policyId: evaluated.policy.id,
    kind: evaluated.policy.kind,
    origin: evaluated.policy.origin,
    version: evaluated.policy.version,
    layer,
    verdict,
    statements: evaluated.statements,
  };
}

function summarize(request: Request): RequestSummary {
  const { account: resourceAccount, assumed } = resolveResourceAccount(request);
  const principalAccount = request.principal.account;
  return {
    principal: request.principal.arn,
    principalKind: request.principal.kind,
    principalAccount,
    action: request.action,
    resource: request.resource.arn,
    resourceAccount,
    resourceAccountAssumed: assumed,
    crossAccount: principalAccount !== undefined && resourceAccount !== undefined && principalAccount !== resourceAccount,
    resourcePolicyKind: requiredResourcePolicy(request),
    resourceIsPattern: request.resourceIsPattern === true,
  };
}

/**
 * An answer AWS fixes whatever the policies say: GetCallerIdentity is allowed even
 * under an explicit Deny; a protected resource or a precondition refuses the call
 * (an implicit deny no policy layer causes), unless a Deny matches anyway.
 */
function withAwsRule(decided: Decided, rule: AwsRuleOutcome | undefined): Decided {
  if (rule === undefined) return decided;
  if (rule.kind === 'no_permission_required') return { ...decided, decision: 'allowed', reason: 'no-permission-required', blockedBy: [], deciding: [] };
  if (decided.decision === 'explicitDeny') return decided;
  return { ...decided, decision: 'implicitDeny', reason: rule.kind === 'protected_resource' ? 'protected-resource' : 'aws-precondition', blockedBy: [], deciding: [] };
}

export function evaluate(request: Request, policySet: PolicySet): EvaluationResult {
  const context = deriveContext(request);
  const summary = summarize(request);
  const env: StatementEnvironment = {
    action: request.action,
    resource: request.resource.arn,
    resourceIsPattern: request.resourceIsPattern === true,
    context,
    principalFacts: { principal: request.principal, hasPermissionsBoundary: policySet.permissionsBoundary !== undefined },
  };
  const layers = {} as Record<LayerName, EvaluatedLayer>;
  for (const layer of LAYER_ORDER) layers[layer] = evaluateLayer(layer, request, policySet, env);

  const required = requiredResourcePolicy(request);
  const setup: DecisionSetup = {
    principal: request.principal,
    requiredResourcePolicy: required,
    identitySideAssumed: layers.identity.applicability.applies === false && layers.identity.applicability.why.code === 'IDENTITY_UNKNOWN',
    crossAccount: summary.crossAccount,
    federationWithoutSessionPolicy:
      // federated-user sessions come only from GetFederationToken ("GetFederationToken").
      request.principal.kind === 'federated-user' && (policySet.session ?? []).length === 0,
    layers,
  };
  const awsRule = awsRuleFor(request);
  const decided = withAwsRule(decide(setup, (statement) => statement.matched), awsRule);

  const layerResults: LayerResult[] = LAYER_ORDER.map((name) => {
    const evaluated = layers[name];
    const outcome = decided.layers[name];
    const result: LayerResult = {
      layer: name,
      applies: evaluated.applicability.applies,
      verdict: outcome.verdict,
      policies: evaluated.policies.map((policy) => policyEvaluation(policy, name)),
      deciding: outcome.deciding,
      blocks: decided.blockedBy.includes(name),
      notes: [],
    };
    if (!evaluated.applicability.applies) result.notApplicable = evaluated.applicability.why;
    if (evaluated.levels) {
      result.levels = evaluated.levels.map(({ level, policies }, index) => ({
        id: level.id,
        ...(level.name !== undefined ? { name: level.name } : {}),
        type: level.type,
        verdict: outcome.levels?.[index]?.verdict ?? 'implicitDeny',
        policies: policies.map((policy) => policyEvaluation(policy, name)),
      }));
    }
    if (name === 'resource' && required !== undefined && policySet.resource === undefined) {
      result.notes.push(
        required === 'trust'
          ? 'No role trust policy was supplied: AWS requires the role’s trust policy to allow the principal (give it with -R or a snapshot).'
          : 'No key policy was supplied: AWS requires the KMS key policy to allow the principal or delegate to its account (give it with -R or a snapshot).',
      );
    }
    if (name === 's3_block_public_access' && evaluated.applicability.applies) {
      const verdict = blockPublicAccessVerdict(request, policySet.resource, summary.resourceAccount, context);
      if (verdict.applies) result.notes.push(verdict.blocks ? verdict.message : verdict.note);
    }
    if (name === 'session_policy' && setup.federationWithoutSessionPolicy) {
      result.notes.push('A GetFederationToken session created without a session policy has no permissions.');
    }
    return result;
  });

  const notes = [...decided.notes];
  // The owner only matters when a resource-based policy is in play (same vs cross account).
  if (summary.resourceAccountAssumed && policySet.resource !== undefined) {
    notes.push(`The resource ARN names no account; it was taken to be the principal's account (${summary.resourceAccount}). Give the owner to evaluate cross-account access.`);
  }
  // An answer AWS fixes whatever the policies say leaves nothing unknown that could change it.
  const missingContext = analyzeMissingContext(setup, decided, request.completeContextKeys).map((key) =>
    awsRule ? { key: key.key, statements: key.statements, couldChangeDecision: false } : key,
  );
  const unknowns = awsRule ? [] : findUnknowns(setup, decided, request, policySet, missingContext);
  return {
    decision: decided.decision,
    reason: decided.reason,
    request: summary,
    layers: layerResults,
    blockedBy: decided.blockedBy,
    deciding: decided.deciding,
    context: [...context.entries()].map((entry) => ({ key: entry.key, values: entry.values, origin: entry.origin })),
    missingContext,
    certain: unknowns.length === 0,
    unknowns,
    ...(awsRule ? { awsRule } : {}),
    notes,
  };
}
