/**
 * Checks the names a policy uses against the service data: an action or service
 * that does not exist is a warning with the closest real names (`s3:GetObjects` →
 * did you mean `s3:GetObject`?), a wildcard that matches no action is a warning,
 * and so is a condition key no service defines (`aws:SourceVcp` → did you mean
 * `aws:SourceVpc`?). Policies stay as written: AWS saves them, and such an element
 * simply never matches (a condition on a key that never exists is never true).
 */
import { didYouMeanAny } from '../text/near-match.js';
import { isFederationProviderKey } from '../language/federation-keys.js';
import type { Finding } from '../language/findings.js';
import type { Policy } from '../language/policy.js';
import { closestMatches } from '../text/near-match.js';
import { expandActionPattern, resolveAction } from './actions.js';
import { globalConditionKeyInfo, globalConditionKeys } from './global-keys.js';
import type { ServiceCatalog } from './types.js';

export async function checkPolicyNames(catalog: ServiceCatalog, policies: readonly Policy[]): Promise<Finding[]> {
  const findings: Finding[] = [];
  const seen = new Map<string, Promise<NameProblem | undefined>>();
  const problemWith = (value: string): Promise<NameProblem | undefined> => {
    let pending = seen.get(value.toLowerCase());
    if (pending === undefined) {
      pending = describeProblem(catalog, value);
      seen.set(value.toLowerCase(), pending);
    }
    return pending;
  };
  const keys = new Map<string, Promise<string | undefined>>();
  const keyProblem = (key: string): Promise<string | undefined> => {
    let pending = keys.get(key.toLowerCase());
    if (pending === undefined) {
      pending = describeKeyProblem(catalog, key);
      keys.set(key.toLowerCase(), pending);
    }
    return pending;
  };
  for (const policy of policies) {
    for (const statement of policy.statements) {
      for (const condition of statement.conditions) {
        const problem = await keyProblem(condition.key);
        if (problem === undefined) continue;
        findings.push({
          severity: 'warning',
          code: 'CONDITION_KEY_UNKNOWN',
          message: problem,
          location: { ...(policy.origin.file ? { file: policy.origin.file } : {}), path: condition.path, policyId: policy.id },
        });
      }
      if (!statement.action) continue;
      for (const value of statement.action.values) {
        if (value === '*' || !value.includes(':')) continue;
        const problem = await problemWith(value);
        if (problem === undefined) continue;
        findings.push({
          severity: 'warning',
          code: 'ACTION_UNKNOWN',
          message: problem.message,
          location: { ...(policy.origin.file ? { file: policy.origin.file } : {}), path: statement.action.path, policyId: policy.id },
          name: { written: value, closest: problem.closest },
        });
      }
    }
  }
  return findings;
}

interface NameProblem {
  message: string;
  closest: string[];
}

async function describeProblem(catalog: ServiceCatalog, value: string): Promise<NameProblem | undefined> {
  if (value.includes('*') || value.includes('?')) {
    const service = value.slice(0, value.indexOf(':'));
    if (service.includes('*') || service.includes('?')) return undefined;
    if (!(await catalog.hasService(service))) return { message: `"${value}" names no known service`, closest: [] };
    const matches = await expandActionPattern(catalog, value);
    return matches.length === 0 ? { message: `"${value}" matches no action of ${service}`, closest: [] } : undefined;
  }
  const resolution = await resolveAction(catalog, value);
  switch (resolution.status) {
    case 'found':
    case 'invalid':
      return undefined;
    case 'unknown-service':
      return { message: `"${value}" names no known service${didYouMeanAny(resolution.suggestions)}`, closest: [...resolution.suggestions] };
    case 'unknown-action':
      return { message: `"${value}" is not an action of ${resolution.service}${didYouMeanAny(resolution.suggestions)}`, closest: [...resolution.suggestions] };
  }
}


async function describeKeyProblem(catalog: ServiceCatalog, key: string): Promise<string | undefined> {
  const colon = key.indexOf(':');
  if (colon <= 0) return `"${key}" is not a condition key (expected service:Name, e.g. aws:SourceIp)`;
  // A provider's claims (token.actions.githubusercontent.com:sub, saml:aud) are keys of no service.
  if (isFederationProviderKey(key)) return undefined;
  const service = key.slice(0, colon).toLowerCase();
  if (service === 'aws') {
    if (globalConditionKeyInfo(key) !== undefined) return undefined;
    const near = closestMatches(key, globalConditionKeys(), (entry) => entry.name, { limit: 3 }).map((entry) => entry.name);
    return `"${key}" is not a global condition key${didYouMeanAny(near)}`;
  }
  if (!(await catalog.hasService(service))) return `"${key}" names no known service`;
  return (await catalog.conditionKey(service, key)) === undefined ? `"${key}" is not a condition key of ${service}` : undefined;
}
