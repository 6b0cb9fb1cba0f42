/** The library's one entry point: what the README's Library section shows works as written. */
import { describe, expect, it } from 'vitest';
import * as iamwhy from '../src/index.js';

describe('public API (src/index.ts)', () => {
  it('runs the README example: parsePolicy → parsePrincipal → evaluate → explain → renderText', () => {
    const { policy, findings } = iamwhy.parsePolicy(
      '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Abucket%2F*%22%7D%7D',
      'identity',
      { id: 'S3Read' },
    );
    const principal = iamwhy.parsePrincipal('arn:aws:iam::111111111111:user/alice');
    expect(findings).toEqual([]);
    if (!policy || !principal.ok) throw new Error('invalid input');
    const result = iamwhy.evaluate(
      { principal: principal.principal, action: 's3:GetObject', resource: { arn: 'arn:aws:s3:::bucket/key' }, context: { 'aws:SourceIp': '10.0.0.5' }, time: new Date('2026-01-01T00:00:00Z') },
      { identity: [policy] },
    );
    expect(result.decision).toBe('allowed');
    expect(result.blockedBy).toEqual([]);
    const text = iamwhy.renderText(iamwhy.explain(result), { color: false });
    expect(text).toContain('Verdict: ALLOWED');
    expect(iamwhy.renderQuiet(iamwhy.explain(result))).toBe('ALLOW\n');
  });

  it('exports the language, engine, explanation, service-data, source and renderer entry points', () => {
    for (const name of [
      'parsePolicy', 'decodeDocument', 'formatFinding', 'parseArn', 'matchArnPattern', 'matchWildcard', 'substituteVariables',
      'matchResourcePattern', 'evaluateConditionClause', 'evaluateConditionBlock', 'parseOperatorName', 'createContext',
      'evaluate', 'parsePrincipal', 'explain', 'causeOf', 'suggestFixes', 'openCatalog', 'updateDefinitions', 'resolveAction',
      'expandActionPattern', 'resourceTypeFor', 'conditionKeysFor', 'globalConditionKeyInfo', 'readPolicyFile',
      'readOrganizationConfig', 'readContextFile', 'parseContextAssignments', 'contextTemplates', 'loadSnapshot',
      'readSnapshotFiles', 'resolvePrincipal', 'snapshotRequest', 'whoCan', 'assembleRequest', 'render', 'renderText',
      'renderSummary', 'renderJson', 'renderQuiet', 'renderJsonError', 'mergeContributions',
      'parseDenialMessage', 'deniedRequestFromMessage', 'readDecodedAuthorization', 'withDecodedAuthorization', 'cloudTrailRecords',
      'isDeniedEvent', 'deniedRequestFromEvent', 'actionForOperation', 'compareWithAws', 'explainMessageAlone', 'renderDenialReports',
      'decodeAuthorizationMessage', 'readLiveSources', 'captureSnapshot',
    ]) {
      expect(typeof (iamwhy as Record<string, unknown>)[name], name).toBe('function');
    }
    expect(iamwhy.LAYER_ORDER).toEqual(['rcp', 'scp', 'vpc_endpoint', 'resource', 's3_block_public_access', 'identity', 'permissions_boundary', 'session_policy']);
  });
});
