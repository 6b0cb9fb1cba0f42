/**
 * One statement: Sid, Effect, Principal/NotPrincipal, Action/NotAction,
 * Resource/NotResource and Condition ("IAM JSON policy element reference",
 * "Grammar of the IAM JSON policy language").
 */
import { parseArn } from '../arn.js';
import type { Effect, NameList, PrincipalBlock, Statement } from '../policy.js';
import { isResourceBasedKind } from '../policy-kind.js';
import { checkKindRules } from './kind-rules.js';
import { effectiveMembers, formatPath, type JsonMember, type JsonNode, type PathSegment } from './json-document.js';
import { didYouMean } from '../../text/near-match.js';
import {
  describeJsonType,
  KIND_NAMES,
  readStringList,
  reportUnknownElements,
  type ListedString,
  type ReadContext,
} from './read-context.js';
import { readCondition } from './read-condition.js';
import { readPrincipal } from './read-principal.js';

const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
] as const;

/** Kinds stored by IAM itself, where a Sid may hold only A-Z, a-z and 0-9 ("IAM JSON policy elements: Sid"). */
const ALPHANUMERIC_SID_KINDS = new Set(['identity', 'permissions-boundary', 'session', 'trust']);

export interface ReadStatementResult {
  /** Undefined when the statement's meaning is undefined (a fatal finding was reported). */
  statement: Statement | undefined;
  /** The Sid as read, with its member, for the policy-wide duplicate check. */
  sid: { value: string; member: JsonMember } | undefined;
}

export function readStatement(
  context: ReadContext,
  node: JsonNode,
  path: PathSegment[],
  index: number,
): ReadStatementResult {
  if (node.kind !== 'object') {
    context.report(
      'STATEMENT_INVALID_TYPE',
      `${formatPath(path)} must be an object, not ${describeJsonType(node)}`,
      path,
      node.position,
    );
    return { statement: undefined, sid: undefined };
  }
  const fatalBefore = context.fatalFindings;
  const members = new Map(effectiveMembers(node).map((member) => [member.key, member] as const));
  const meant = reportUnknownElements(context, members.values(), STATEMENT_ELEMENTS, path);

  const sid = readSid(context, members.get('Sid'), [...path, 'Sid']);
  if (sid !== undefined) checkSidCharacters(context, sid.value, sid.member, [...path, 'Sid']);
  const effect = readEffect(context, members.get('Effect'), path, node, meant);
  const action = readNameList(context, members, path, node, 'Action', 'NotAction', true, meant);
  // A role trust policy's resource is the role; some resource-based policies (ECR
  // repository policies) likewise omit Resource: it is the resource they are attached to.
  const resource = readNameList(context, members, path, node, 'Resource', 'NotResource', context.kind !== 'trust' && context.kind !== 'resource', meant);
  const principal = readPrincipalElement(context, members, path, node, meant);
  const conditionMember = members.get('Condition');
  const conditions =
    conditionMember === undefined ? [] : readCondition(context, conditionMember, [...path, 'Condition']);

  if (action.listed !== undefined) checkActionFormats(context, action.listed);
  if (resource.listed !== undefined) checkResourceArns(context, resource.listed);
  if (effect === 'Allow') {
    const notPrincipal = members.get('NotPrincipal');
    if (notPrincipal !== undefined) {
      context.report(
        'NOT_PRINCIPAL_WITH_ALLOW',
        `${formatPath(path)} uses "NotPrincipal" with "Allow", which AWS supports only with "Deny"`,
        [...path, 'NotPrincipal'],
        notPrincipal.keyPosition,
      );
    }
  }
  checkKindRules(context, { path, members, effect, action, resource, principal, hasCondition: conditionMember !== undefined });

  if (
    context.fatalFindings > fatalBefore ||
    effect === undefined ||
    action.list === undefined ||
    conditions === undefined
  ) {
    return { statement: undefined, sid };
  }
  return {
    statement: {
      index,
      sid: sid?.value,
      effect,
      action: action.list,
      resource: resource.list,
      principal,
      conditions,
      path: formatPath(path),
    },
    sid,
  };
}

function readSid(
  context: ReadContext,
  member: JsonMember | undefined,
  path: PathSegment[],
): ReadStatementResult['sid'] {
  if (member === undefined) return undefined;
  const node = member.value;
  if (node.kind === 'string') return { value: node.value, member };
  context.report(
    'SID_INVALID_TYPE',
    `${formatPath(path)} must be a string, not ${describeJsonType(node)}`,
    path,
    member.keyPosition,
  );
  // A Sid only labels the statement, so a number or boolean is kept as its text.
  if (node.kind === 'number') return { value: node.raw, member };
  if (node.kind === 'boolean') return { value: String(node.value), member };
  return undefined;
}

function checkSidCharacters(context: ReadContext, sid: string, member: JsonMember, path: PathSegment[]): void {
  if (!ALPHANUMERIC_SID_KINDS.has(context.kind) || /^[A-Za-z0-9]*$/.test(sid)) return;
  const cleaned = sid.replace(/[^A-Za-z0-9]/g, '');
  context.report(
    'SID_INVALID_CHARACTERS',
    `Sid "${sid}" has characters other than A-Z, a-z and 0-9, which ${KIND_NAMES[context.kind]} do not allow`,
    path,
    member.keyPosition,
    cleaned === '' ? undefined : didYouMean(cleaned),
  );
}

function readEffect(
  context: ReadContext,
  member: JsonMember | undefined,
  path: PathSegment[],
  node: JsonNode,
  meant: Set<string>,
): Effect | undefined {
  if (member === undefined) {
    if (meant.has('Effect')) return undefined; // reported as a misspelling
    context.report('EFFECT_MISSING', `${formatPath(path)} has no "Effect"`, path, node.position);
    return undefined;
  }
  const value = member.value;
  if (value.kind === 'string' && (value.value === 'Allow' || value.value === 'Deny')) return value.value;
  const effectPath = [...path, 'Effect'];
  const written = value.kind === 'string' ? `"${value.value}"` : describeJsonType(value);
  // The Effect value is case sensitive ("IAM JSON policy elements: Effect"): `allow` is no Effect at all.
  const near = value.kind === 'string' ? (['Allow', 'Deny'] as const).find((e) => e.toLowerCase() === value.value.trim().toLowerCase()) : undefined;
  context.report(
    'EFFECT_INVALID',
    `${formatPath(effectPath)} must be "Allow" or "Deny", not ${written}`,
    effectPath,
    member.keyPosition,
    near === undefined ? undefined : didYouMean(near),
  );
  return undefined;
}

interface NameListRead {
  list: NameList | undefined;
  /** The strings read from the element, with where each was written. */
  listed: ListedString[] | undefined;
}

function readNameList(
  context: ReadContext,
  members: Map<string, JsonMember>,
  path: PathSegment[],
  node: JsonNode,
  positiveName: 'Action' | 'Resource',
  negatedName: 'NotAction' | 'NotResource',
  required: boolean,
  meant: Set<string>,
): NameListRead {
  const positive = members.get(positiveName);
  const negated = members.get(negatedName);
  if (positive !== undefined && negated !== undefined) {
    context.report(
      positiveName === 'Action' ? 'ACTION_AND_NOT_ACTION' : 'RESOURCE_AND_NOT_RESOURCE',
      `${formatPath(path)} has both "${positiveName}" and "${negatedName}"`,
      [...path, negatedName],
      negated.keyPosition,
    );
    return { list: undefined, listed: undefined };
  }
  const member = positive ?? negated;
  if (member === undefined) {
    if (required && !meant.has(positiveName) && !meant.has(negatedName)) {
      context.report(
        positiveName === 'Action' ? 'ACTION_MISSING' : 'RESOURCE_MISSING',
        `${formatPath(path)} has neither "${positiveName}" nor "${negatedName}"`,
        path,
        node.position,
      );
    }
    return { list: undefined, listed: undefined };
  }
  const isNegated = member === negated;
  const elementPath = [...path, member.key];
  const what = positiveName === 'Action' ? 'action' : 'resource';
  const emptyMessage = isNegated
    ? `${formatPath(elementPath)} is an empty list, so the statement applies to every ${what}`
    : `${formatPath(elementPath)} is an empty list, so the statement applies to no ${what}`;
  const listed = readStringList(context, member, elementPath, emptyMessage);
  if (listed === undefined) return { list: undefined, listed: undefined };
  return {
    list: { negated: isNegated, values: listed.map((item) => item.value), path: formatPath(elementPath) },
    listed,
  };
}

function readPrincipalElement(
  context: ReadContext,
  members: Map<string, JsonMember>,
  path: PathSegment[],
  node: JsonNode,
  meant: Set<string>,
): PrincipalBlock | undefined {
  const positive = members.get('Principal');
  const negated = members.get('NotPrincipal');
  const kindName = KIND_NAMES[context.kind];
  if (!isResourceBasedKind(context.kind)) {
    // Attached to an identity, a policy's principal is that identity: IAM refuses the
    // element ("Has prohibited field Principal"), but its presence changes no meaning.
    // SCPs apply to every principal of an account; what a Principal there would restrict is undefined.
    const ignored = context.kind === 'identity' || context.kind === 'permissions-boundary' || context.kind === 'session';
    for (const member of [positive, negated]) {
      if (member === undefined) continue;
      if (ignored) {
        context.report(
          'PRINCIPAL_IGNORED',
          `${formatPath(path)} has "${member.key}", which ${kindName} do not support: ignored (the principal is the identity the policy is attached to)`,
          [...path, member.key],
          member.keyPosition,
        );
        continue;
      }
      context.report(
        'PRINCIPAL_NOT_ALLOWED',
        `${formatPath(path)} has "${member.key}", which ${kindName} do not support`,
        [...path, member.key],
        member.keyPosition,
      );
    }
    return undefined;
  }
  if (positive !== undefined && negated !== undefined) {
    context.report(
      'PRINCIPAL_AND_NOT_PRINCIPAL',
      `${formatPath(path)} has both "Principal" and "NotPrincipal"`,
      [...path, 'NotPrincipal'],
      negated.keyPosition,
    );
    return undefined;
  }
  const member = positive ?? negated;
  if (member === undefined) {
    if (meant.has('Principal') || meant.has('NotPrincipal')) return undefined; // reported as a misspelling
    if (context.kind === 'vpc-endpoint') {
      // An endpoint policy statement without Principal applies to every principal (read as "*").
      context.report('PRINCIPAL_DEFAULTED', `${formatPath(path)} has no "Principal": read as "Principal": "*", every principal`, path, node.position);
      return { negated: false, wildcard: true, aws: [], service: [], federated: [], canonicalUser: [], path: formatPath([...path, 'Principal']) };
    }
    context.report(
      'PRINCIPAL_MISSING',
      `${formatPath(path)} has neither "Principal" nor "NotPrincipal", which ${kindName} require`,
      path,
      node.position,
    );
    return undefined;
  }
  return readPrincipal(context, member, [...path, member.key], member === negated);
}

/** An action is `*` or `service:action`, wildcards allowed ("IAM JSON policy elements: Action"). */
function checkActionFormats(context: ReadContext, actions: ListedString[]): void {
  for (const action of actions) {
    if (action.value === '*' || /^[^:\s]+:[^:\s]+$/.test(action.value)) continue;
    context.report(
      'ACTION_INVALID_FORMAT',
      `Action "${action.value}" is neither "*" nor of the form "service:action"`,
      action.path,
      action.position,
    );
  }
}

/** A resource is `*` or an ARN: `arn:` followed by five more colon-separated parts. */
function checkResourceArns(context: ReadContext, resources: ListedString[]): void {
  for (const resource of resources) {
    if (resource.value === '*' || parseArn(resource.value) !== undefined) continue;
    const repaired = [`arn:${resource.value}`, `arn:aws:${resource.value}`].find(
      (candidate) => !resource.value.startsWith('arn:') && parseArn(candidate) !== undefined,
    );
    context.report(
      'RESOURCE_INVALID_ARN',
      `Resource "${resource.value}" is neither "*" nor an ARN of the form arn:partition:service:region:account:resource`,
      resource.path,
      resource.position,
      repaired === undefined ? undefined : didYouMean(repaired),
    );
  }
}
