import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/explanation.js';
import { OUTPUT_FORMATS, isOutputFormat, render, renderQuiet, renderSummary } from '../../src/render/index.js';
import { ANSI, linesOf, widest } from './helpers.js';
import { LONG_ARN, LONG_POLICY_ID, allowed, explicitDenyWithCondition, implicitDenyNearMiss, missingContext, scpBlock } from './scenarios.js';

const PLAIN = { color: false };

describe('summary', () => {
  it('gives the decision, the deciding policy and statement, and the reason', () => {
    expect(linesOf(renderSummary(explain(explicitDenyWithCondition()), PLAIN))).toEqual([
      'DENIED (explicit deny): s3:GetObject on arn:aws:s3:::my-bucket/data.csv',
      'Denied by: Identity-based policies: DenyOutsideVpc, Sid "DenyOutsideVpc"',
      'Reason: An explicit Deny in the identity-based policy "DenyOutsideVpc" overrides',
      '  any Allow.',
    ]);
  });

  it('names the granting statement when allowed', () => {
    const output = renderSummary(explain(allowed()), PLAIN);
    expect(output).toMatch(/^ALLOWED: s3:GetObject/);
    expect(output).toContain('Allowed by: Identity-based policies: AllowS3Read, Sid "ReadData"');
  });

  it('names the blocking layer of an implicit deny', () => {
    expect(renderSummary(explain(scpBlock()), PLAIN)).toContain('Blocked at: Service control policies (SCPs): no SCP allows it at OU Sandbox');
    expect(renderSummary(explain(implicitDenyNearMiss()), PLAIN)).toContain('Blocked at: Identity-based policies: no statement allows it');
  });

  it('fits the width, and colours only when asked', () => {
    const long = explain(explicitDenyWithCondition(LONG_ARN, LONG_POLICY_ID));
    expect(widest(renderSummary(long, PLAIN))).toBeLessThanOrEqual(80);
    expect(widest(renderSummary(long, { color: true }))).toBeLessThanOrEqual(80);
    expect(renderSummary(long, PLAIN)).not.toMatch(ANSI);
    expect(renderSummary(long, { color: true })).toMatch(ANSI);
  });
});

describe('quiet', () => {
  it('prints exactly one word and a newline', () => {
    expect(renderQuiet(explain(allowed()), PLAIN)).toBe('ALLOW\n');
    expect(renderQuiet(explain(explicitDenyWithCondition()), { color: true })).toBe('EXPLICIT_DENY\n');
    expect(renderQuiet(explain(implicitDenyNearMiss()), PLAIN)).toBe('IMPLICIT_DENY\n');
    expect(renderQuiet(explain(missingContext()), PLAIN)).toBe('IMPLICIT_DENY\n');
  });
});

describe('render by format', () => {
  it('knows the four formats and dispatches to them', () => {
    expect(OUTPUT_FORMATS).toEqual(['text', 'summary', 'quiet', 'json']);
    expect(isOutputFormat('json')).toBe(true);
    expect(isOutputFormat('yaml')).toBe(false);
    const explanation = explain(scpBlock());
    expect(render('quiet', explanation, PLAIN)).toBe('IMPLICIT_DENY\n');
    expect(JSON.parse(render('json', explanation, PLAIN)).cause).toBe('scp_block');
    expect(render('text', explanation, PLAIN)).toContain('Verdict: DENIED (implicit deny)');
    expect(render('summary', explanation, PLAIN)).toMatch(/^DENIED \(implicit deny\)/);
  });
});
