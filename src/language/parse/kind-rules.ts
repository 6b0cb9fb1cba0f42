/**
 * Rules that hold for one policy type only. Which kinds need or refuse a
 * Principal is decided in `read-statement.ts` (it changes what is read); the
 * checks here only add warnings: each is something AWS refuses to save but
 * whose meaning is clear, so evaluation goes on as AWS would read it.
 */
import type { Effect, NameList, PrincipalBlock } from '../policy.js';
import { matchWildcard } from '../wildcard.js';
import { formatPath, type JsonMember, type PathSegment } from './json-document.js';
import type { ListedString, ReadContext } from './read-context.js';

export interface StatementFacts {
  path: PathSegment[];
  members: Map<string, JsonMember>;
  effect: Effect | undefined;
  action: { list: NameList | undefined; listed: ListedString[] | undefined };
  resource: { list: NameList | undefined; listed: ListedString[] | undefined };
  principal: PrincipalBlock | undefined;
  hasCondition: boolean;
}

export function checkKindRules(context: ReadContext, facts: StatementFacts): void {
  if (context.kind === 'trust') checkTrustPolicy(context, facts);
  if (context.kind === 'rcp') checkResourceControlPolicy(context, facts);
}

/**
 * The actions a role trust policy controls: assuming the role, and what may be
 * passed while doing so (session tags, source identity, context).
 */
export const TRUST_POLICY_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
] as const;

function checkTrustPolicy(context: ReadContext, facts: StatementFacts): void {
  // A trust policy's resource is always the role it is attached to: IAM refuses a
  // Resource element, but one that is there does not make the meaning unclear.
  for (const name of ['Resource', 'NotResource']) {
    const member = facts.members.get(name);
    if (member === undefined) continue;
    context.report(
      'TRUST_RESOURCE_NOT_ALLOWED',
      `${formatPath(facts.path)} has "${name}", which role trust policies do not allow (the resource is always the role)`,
      [...facts.path, name],
      member.keyPosition,
    );
  }
  const notPrincipal = facts.members.get('NotPrincipal');
  if (notPrincipal !== undefined) {
    context.report(
      'NOT_PRINCIPAL_NOT_SUPPORTED',
      `${formatPath(facts.path)} has "NotPrincipal", which role trust policies do not support`,
      [...facts.path, 'NotPrincipal'],
      notPrincipal.keyPosition,
    );
  }
  if (facts.action.list?.negated !== false) return;
  for (const action of facts.action.listed ?? []) {
    if (!/^[^:\s]+:[^:\s]+$/.test(action.value) && action.value !== '*') continue; // already reported as malformed
    const controlled = TRUST_POLICY_ACTIONS.some((known) => matchWildcard(action.value, known, { ignoreCase: true }));
    if (controlled) continue;
    context.report(
      'TRUST_ACTION_UNSUPPORTED',
      `Action "${action.value}" is not one a role trust policy controls (${TRUST_POLICY_ACTIONS.join(', ')})`,
      action.path,
      action.position,
    );
  }
}

/**
 * "RCP syntax": customer RCPs may only Deny, must name `"*"` as Principal, must
 * name a service in Action, and support neither NotAction nor NotPrincipal.
 * The AWS-managed RCPFullAWSAccess (Allow `*` to `*` on `*`) is the one
 * statement allowed to break the first and third rules.
 */
function checkResourceControlPolicy(context: ReadContext, facts: StatementFacts): void {
  const { members, path } = facts;
  const isFullAccess = isFullAccessStatement(facts);
  const effectMember = members.get('Effect');
  if (facts.effect === 'Allow' && !isFullAccess && effectMember !== undefined) {
    context.report(
      'RCP_ALLOW',
      `${formatPath(path)} has "Effect": "Allow", which only the AWS-managed RCPFullAWSAccess policy may use`,
      [...path, 'Effect'],
      effectMember.keyPosition,
    );
  }
  const notAction = members.get('NotAction');
  if (notAction !== undefined) {
    context.report(
      'RCP_NOT_ACTION',
      `${formatPath(path)} has "NotAction", which resource control policies do not support`,
      [...path, 'NotAction'],
      notAction.keyPosition,
    );
  }
  const notPrincipal = members.get('NotPrincipal');
  if (notPrincipal !== undefined) {
    context.report(
      'NOT_PRINCIPAL_NOT_SUPPORTED',
      `${formatPath(path)} has "NotPrincipal", which resource control policies do not support`,
      [...path, 'NotPrincipal'],
      notPrincipal.keyPosition,
    );
  }
  const principal = members.get('Principal');
  if (principal !== undefined && facts.principal !== undefined && !facts.principal.wildcard) {
    context.report(
      'RCP_PRINCIPAL_NOT_WILDCARD',
      `${formatPath(path)}.Principal must be "*" in a resource control policy; restrict principals with conditions instead`,
      [...path, 'Principal'],
      principal.keyPosition,
    );
  }
  if (!isFullAccess && facts.action.list?.negated === false) {
    for (const action of facts.action.listed ?? []) {
      if (action.value !== '*') continue;
      context.report(
        'RCP_ACTION_WILDCARD',
        `${formatPath(path)} uses the action "*", which customer resource control policies do not allow; name a service such as "s3:*"`,
        action.path,
        action.position,
      );
    }
  }
}

function isFullAccessStatement(facts: StatementFacts): boolean {
  const only = (list: NameList | undefined): boolean =>
    list !== undefined && !list.negated && list.values.length === 1 && list.values[0] === '*';
  return (
    facts.effect === 'Allow' &&
    facts.principal?.wildcard === true &&
    !facts.principal.negated &&
    only(facts.action.list) &&
    only(facts.resource.list) &&
    !facts.hasCondition
  );
}
