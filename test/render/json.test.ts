import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { LAYER_ORDER, type EvaluationResult } from '../../src/engine/result.js';
import { CAUSES } from '../../src/explain/cause.js';
import { explain } from '../../src/explain/explanation.js';
import type { Finding } from '../../src/language/findings.js';
import { renderJson, renderJsonError, type JsonOutput } from '../../src/render/json.js';
import { LONG_ARN, LONG_POLICY_ID, allowed, bucketPolicyDeny, explicitDenyWithCondition, implicitDenyNearMiss, missingContext, scpBlock } from './scenarios.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/iamwhy-output.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

function errorsOf(value: unknown): string {
  return validate(value) ? '' : JSON.stringify(validate.errors, null, 2);
}

const FINDING: Finding = {
  severity: 'warning',
  code: 'UNKNOWN_CONDITION_KEY',
  message: 'aws:SourceVcp is not a known condition key',
  location: { file: 'deny.json', line: 7, column: 9, path: 'Statement[1].Condition.StringEquals.aws:SourceVcp' },
  suggestion: 'did you mean aws:SourceVpc?',
};

function json(result: EvaluationResult, findings: Finding[] = []): JsonOutput {
  return JSON.parse(renderJson(explain(result, { findings }), { color: false })) as JsonOutput;
}

const SCENARIOS: Array<[string, () => EvaluationResult]> = [
  ['allow', allowed],
  ['explicit deny with a condition', () => explicitDenyWithCondition()],
  ['implicit deny with a near miss', implicitDenyNearMiss],
  ['SCP block', scpBlock],
  ['missing context', missingContext],
  ['resource-policy deny', bucketPolicyDeny],
  ['long ARNs', () => explicitDenyWithCondition(LONG_ARN, LONG_POLICY_ID)],
];

describe('json output', () => {
  it.each(SCENARIOS)('is valid against the schema: %s', (_name, make) => {
    expect(errorsOf(json(make(), [FINDING]))).toBe('');
  });

  it('carries the request, the decision and the cause of an explicit deny', () => {
    const output = json(explicitDenyWithCondition());
    expect(output).toMatchObject({
      principal: 'arn:aws:iam::123456789012:user/alice',
      principal_type: 'user',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::my-bucket/data.csv',
      decision: 'explicitDeny',
      cause: 'explicit_deny',
      orgs_blocked: false,
      boundary_blocked: false,
      missing_context: [],
      blocked_by: ['identity'],
    });
    expect(output.summary).toContain('"DenyOutsideVpc" overrides any Allow');
    expect(output.aws_message).toMatch(/^User: arn:aws:iam::123456789012:user\/alice is not authorized to perform: s3:GetObject/);
  });

  it('gives the blocking statement as written in its policy', () => {
    expect(json(explicitDenyWithCondition()).blocking_policies).toEqual([
      {
        policy_id: 'DenyOutsideVpc',
        layer: 'identity',
        kind: 'identity',
        decision: 'explicitDeny',
        level: null,
        statement: {
          sid: 'DenyOutsideVpc',
          index: 1,
          effect: 'Deny',
          path: 'Statement[1]',
          Action: ['s3:*'],
          Resource: ['*'],
          Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1'] }, StringNotEquals: { 'aws:SourceVpc': ['vpc-123'] } },
        },
      },
    ]);
    expect(json(bucketPolicyDeny()).blocking_policies[0]?.statement).toMatchObject({ Principal: '*', Condition: { Bool: { 'aws:SecureTransport': ['false'] } } });
  });

  it('lists every policy in all_breakdown', () => {
    expect(json(explicitDenyWithCondition()).all_breakdown).toEqual([
      { policy_id: 'AmazonS3FullAccess', layer: 'identity', kind: 'identity', decision: 'allowed', level: null },
      { policy_id: 'DenyOutsideVpc', layer: 'identity', kind: 'identity', decision: 'explicitDeny', level: null },
    ]);
  });

  it('marks an SCP block as blocked by the organization, at the level that does not allow', () => {
    const output = json(scpBlock());
    expect(output).toMatchObject({ decision: 'implicitDeny', cause: 'scp_block', orgs_blocked: true, boundary_blocked: false, blocked_by: ['scp'] });
    expect(output.blocking_policies).toEqual([
      { policy_id: 'SandboxEc2Only', layer: 'scp', kind: 'scp', decision: 'implicitDeny', level: { id: 'ou-abcd-sandbox', name: 'Sandbox', type: 'ou' }, statement: null },
    ]);
    const scp = output.layers.find((layer) => layer.layer === 'scp');
    expect(scp?.levels?.map((level) => [level.name, level.decision])).toEqual([
      ['Root', 'allowed'],
      ['Sandbox', 'implicitDeny'],
      ['dev', 'allowed'],
    ]);
    expect(output.all_breakdown.filter((row) => row.layer === 'scp').map((row) => row.level?.type)).toEqual(['root', 'ou', 'account']);
  });

  it('gives every layer in AWS’s order, with why one does not apply', () => {
    const layers = json(allowed()).layers;
    expect(layers.map((layer) => layer.layer)).toEqual([...LAYER_ORDER]);
    expect(layers.find((layer) => layer.layer === 'permissions_boundary')).toMatchObject({
      applies: false,
      verdict: 'notApplicable',
      not_applicable_reason: { code: 'NO_BOUNDARY', message: 'The principal has no permissions boundary.' },
      mark: 'not-applicable',
    });
    expect(layers.find((layer) => layer.layer === 'identity')).toMatchObject({
      applies: true,
      verdict: 'allowed',
      blocks: false,
      deciding: [{ layer: 'identity', policy_id: 'AllowS3Read', statement_index: 0, sid: 'ReadData' }],
      policies: [{ policy_id: 'AllowS3Read', kind: 'identity', decision: 'allowed' }],
    });
  });

  it('reports missing context keys and whether they could change the decision', () => {
    const output = json(missingContext());
    expect(output.cause).toBe('missing_context');
    expect(output.missing_context).toEqual([
      { key: 'aws:SourceVpc', could_change_decision: true, statements: [{ layer: 'identity', policy_id: 'ReadFromVpc', statement_index: 0, sid: 'ReadFromVpc' }] },
    ]);
    expect(output.suggestions.map((suggestion) => suggestion.kind)).toEqual(['meet-condition']);
    // Passing --context checks another case; it is no fix for a person.
    expect(output.checks).toEqual(['--context aws:SourceVpc=VALUE: the answer with aws:SourceVpc given (it was evaluated without it).']);
  });

  it('gives near misses with what did not match', () => {
    expect(json(implicitDenyNearMiss()).near_misses).toEqual([
      expect.objectContaining({ policy_id: 'ReadOtherBucket', did_not_match: 'Resource', statement: expect.objectContaining({ Resource: ['arn:aws:s3:::other-bucket/*'] }) }),
    ]);
  });

  it('has no cause, message or blocking policy when allowed', () => {
    expect(json(allowed())).toMatchObject({ decision: 'allowed', cause: null, aws_message: null, blocking_policies: [], blocked_by: [], suggestions: [] });
  });

  it('includes findings with their printed form', () => {
    expect(json(allowed(), [FINDING]).findings).toEqual([
      {
        severity: 'warning',
        code: 'UNKNOWN_CONDITION_KEY',
        message: 'aws:SourceVcp is not a known condition key',
        location: { file: 'deny.json', line: 7, column: 9, path: 'Statement[1].Condition.StringEquals.aws:SourceVcp' },
        suggestion: 'did you mean aws:SourceVpc?',
        text: 'deny.json:7:9: warning: aws:SourceVcp is not a known condition key (did you mean aws:SourceVpc?)',
      },
    ]);
  });

  it('carries the engine’s whole result as the trace', () => {
    const result = explicitDenyWithCondition();
    expect(json(result).trace).toEqual(JSON.parse(JSON.stringify(result)));
  });
});

describe('json errors', () => {
  it('is valid JSON with message and code, and valid against the schema', () => {
    const output: unknown = JSON.parse(renderJsonError('unknown action s3:GetObjekt', 'USAGE'));
    expect(output).toEqual({ error: { message: 'unknown action s3:GetObjekt', code: 'USAGE' } });
    expect(errorsOf(output)).toBe('');
  });
});

describe('the schema', () => {
  const defs = (schema as { $defs: Record<string, { enum?: unknown[] }> }).$defs;

  it('is draft 2020-12 and names the layers and causes the code has', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(defs.layer?.enum).toEqual([...LAYER_ORDER]);
    const cause = (defs.explanation as { properties: { cause: { oneOf: Array<{ enum?: unknown[] }> } } }).properties.cause;
    expect(cause.oneOf[0]?.enum).toEqual([...CAUSES]);
  });

  it('rejects output with an unknown decision, a missing field or an extra one', () => {
    const good = json(explicitDenyWithCondition());
    expect(errorsOf({ ...good, decision: 'maybe' })).not.toBe('');
    const withoutCause: Record<string, unknown> = { ...good };
    delete withoutCause.cause;
    expect(errorsOf(withoutCause)).not.toBe('');
    expect(errorsOf({ ...good, surprise: true })).not.toBe('');
    expect(errorsOf({ ...good, cause: null })).not.toBe('');
    expect(errorsOf({ ...good, blocked_by: ['iam'] })).not.toBe('');
  });
});
