/** Small builders for engine tests: real policy documents through the real parser. */
import { parsePolicy } from '../../src/language/parse/parse-policy.js';
import type { Policy } from '../../src/language/policy.js';
import type { PolicyKind } from '../../src/language/policy-kind.js';
import { parsePrincipal, type Principal } from '../../src/engine/principal.js';
import type { OrganizationLevel } from '../../src/engine/policy-set.js';
import type { Request } from '../../src/engine/request.js';

export function policy(id: string, kind: PolicyKind, statements: object[] | object): Policy {
  const document = { Version: '2012-10-17', Statement: statements };
  const { policy: parsed, findings } = parsePolicy(document, kind, { id });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (!parsed || errors.length > 0) throw new Error(`test policy ${id} is invalid: ${JSON.stringify(errors)}`);
  return parsed;
}

export const allow = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}): object => ({
  Effect: 'Allow',
  Action,
  Resource,
  ...extra,
});
export const deny = (Action: string | string[], Resource: string | string[] = '*', extra: object = {}): object => ({
  Effect: 'Deny',
  Action,
  Resource,
  ...extra,
});

export function principal(text: string, extra: Partial<Principal> = {}): Principal {
  const parsed = parsePrincipal(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { ...parsed.principal, ...extra };
}

export function level(id: string, type: OrganizationLevel['type'], policies: Policy[]): OrganizationLevel {
  return { id, type, policies };
}

export const ALICE = 'arn:aws:iam::111111111111:user/alice';
export const DEV_ROLE = 'arn:aws:iam::111111111111:role/Dev';
export const DEV_SESSION = 'arn:aws:sts::111111111111:assumed-role/Dev/alice-session';
export const BOB_OTHER_ACCOUNT = 'arn:aws:iam::222222222222:user/bob';
export const BUCKET = 'arn:aws:s3:::data-bucket';
export const OBJECT = 'arn:aws:s3:::data-bucket/reports/q1.csv';
export const FULL_ACCESS_SCP = (): Policy => policy('FullAWSAccess', 'scp', allow('*'));

/** A request to a resource owned by account 111111111111 (S3 ARNs name no owner). */
export function req(who: string, action: string, resource: string, extra: Partial<Request> = {}): Request {
  return { principal: principal(who), action, resource: { arn: resource, account: '111111111111' }, ...extra };
}
