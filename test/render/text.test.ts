import { describe, expect, it } from 'vitest';
import { explain } from '../../src/explain/explanation.js';
import type { EvaluationResult } from '../../src/engine/result.js';
import { stripAnsi } from '../../src/render/ansi.js';
import { renderText } from '../../src/render/text.js';
import { ANSI, lineWith, linesOf, section, statementBlocks, widest, widestProse } from './helpers.js';
import { LONG_ARN, LONG_POLICY_ID, allowed, bucketPolicyDeny, explicitDenyWithCondition, implicitDenyNearMiss, missingContext, scpBlock } from './scenarios.js';

const PLAIN = { color: false };

function text(result: EvaluationResult, options: { color: boolean; width?: number } = PLAIN): string {
  return renderText(explain(result), options);
}

const SCENARIOS: Array<[string, () => EvaluationResult]> = [
  ['allow', allowed],
  ['explicit deny with a condition', () => explicitDenyWithCondition()],
  ['implicit deny with a near miss', implicitDenyNearMiss],
  ['SCP block', scpBlock],
  ['missing context', missingContext],
  ['resource-policy deny', bucketPolicyDeny],
  ['300-character ARN and a long policy ARN', () => explicitDenyWithCondition(LONG_ARN, LONG_POLICY_ID)],
];

describe('text: the request and the verdict', () => {
  it('names the principal, action and resource, and says ALLOWED without an AWS message', () => {
    const output = text(allowed());
    expect(linesOf(output).slice(0, 3)).toEqual([
      'Principal: arn:aws:iam::123456789012:user/alice',
      'Action:    s3:GetObject',
      'Resource:  arn:aws:s3:::my-bucket/data.csv',
    ]);
    expect(output).toContain('\nVerdict: ALLOWED\n');
    expect(output).toContain('Reason: An identity-based policy allows s3:GetObject');
    expect(output).not.toContain('AWS would say');
  });

  it('says DENIED (explicit deny) with the reason and AWS’s message (S3 quotes the resource: "Troubleshoot access denied (403 Forbidden) errors in Amazon S3")', () => {
    const output = text(explicitDenyWithCondition());
    expect(output).toContain('\nVerdict: DENIED (explicit deny)\n');
    expect(lineWith(output, 'Reason:')).toContain('"DenyOutsideVpc"');
    const message = section(output, 'AWS would say:').join(' ').replace(/\s+/g, ' ');
    expect(message).toContain(
      'AWS would say: User: arn:aws:iam::123456789012:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::my-bucket/data.csv" with an explicit deny in an identity-based policy',
    );
  });

  it('says DENIED (implicit deny) when nothing allows', () => {
    expect(text(implicitDenyNearMiss())).toContain('\nVerdict: DENIED (implicit deny)\n');
  });
});

describe('text: the evaluation path', () => {
  it('has one line per layer in AWS’s order, with ✓ ✗ — and a legend', () => {
    const output = text(scpBlock());
    const path = section(output, 'Evaluation path').filter((line) => /^ {2}[✓✗—] /.test(line));
    expect(path.map((line) => line.slice(2, 4))).toEqual(['— ', '✗ ', '— ', '— ', '✓ ', '— ', '— ']);
    expect(path[1]).toMatch(/✗ Service control policies \(SCPs\) +no SCP allows it at OU Sandbox/);
    expect(path[4]).toMatch(/✓ Identity-based policies +allowed by AllowS3Read/);
    expect(lineWith(output, 'Evaluation path')).toContain('— does not apply');
  });

  it('says why a layer does not apply', () => {
    expect(lineWith(text(allowed()), '— Permissions boundary')).toContain('The principal has no permissions boundary.');
  });
});

describe('text: statement panels', () => {
  it('boxes the deciding Deny, marks its conditions and shows the request’s values', () => {
    const output = text(explicitDenyWithCondition());
    const top = lineWith(output, '╭─ DenyOutsideVpc');
    expect(top).toContain('identity-based policy (inline)');
    expect(lineWith(output, 'Statement:')).toContain('Sid=DenyOutsideVpc (Statement[1])');
    expect(lineWith(output, 'Effect:')).toContain('Deny');
    const vpc = lineWith(output, 'StringNotEquals aws:SourceVpc: vpc-123');
    expect(vpc).toMatch(/◀ matched │$/);
    const lines = linesOf(output);
    expect(lines[lines.indexOf(vpc) + 1]).toContain('(request: vpc-999)');
    expect(lineWith(output, 'Decided by:')).toContain('Condition aws:RequestedRegion, aws:SourceVpc');
  });

  it('keeps every line of a box the same width, with rounded corners', () => {
    const box = linesOf(text(explicitDenyWithCondition())).filter((line) => /^[╭│├╰]/.test(line));
    expect(box[0]).toMatch(/^╭─ .*╮$/);
    expect(box.at(-1)).toMatch(/^╰─+╯$/);
    expect(new Set(box.map((line) => [...line].length)).size).toBe(1);
  });

  it('labels a near miss and marks the element that did not match', () => {
    const output = text(implicitDenyNearMiss());
    expect(output).toContain('Closest Allow, did not match: Resource');
    const resource = lineWith(output, 'Resource:     arn:aws:s3:::other-bucket/*');
    expect(resource).toMatch(/◀ did not match │$/);
    expect(output).toContain('(request: arn:aws:s3:::my-bucket/data.csv)');
    expect(lineWith(output, 'Action:       s3:GetObject, s3:ListBucket')).not.toContain('◀');
  });

  it('shows a condition key missing from the request', () => {
    const output = text(missingContext());
    const condition = lineWith(output, 'StringEquals aws:SourceVpc: vpc-123');
    expect(condition).toContain('◀ did not match');
    expect(output).toContain('(missing from request)');
  });

  it('shows the Principal of a resource-based policy', () => {
    const output = text(bucketPolicyDeny());
    expect(lineWith(output, 'Principal:    ')).toContain('*');
    expect(lineWith(output, 'Bool aws:SecureTransport: false')).toContain('(request: false)');
  });

  it('has no panel when no statement decided and none came close', () => {
    expect(text(scpBlock())).not.toContain('╭');
  });
});

describe('text: breakdown, missing context, how to fix', () => {
  it('lists every policy with its kind and verdict', () => {
    const breakdown = section(text(explicitDenyWithCondition()), 'Decision breakdown:');
    expect(breakdown.slice(1)).toEqual([
      expect.stringMatching(/^ {2}AmazonS3FullAccess +identity-based policy +allows$/),
      expect.stringMatching(/^ {2}DenyOutsideVpc +identity-based policy +denies$/),
    ]);
  });

  it('says (none) when no context is missing, and names the key when one is', () => {
    expect(text(allowed())).toContain('Missing context: (none)');
    const missing = section(text(missingContext()), 'Missing context:');
    expect(missing[1]).toMatch(/^ {2}\? aws:SourceVpc — could change the decision/);
    expect(missing.join(' ')).toContain('ReadFromVpc Sid=ReadFromVpc');
  });

  it('puts the closest Allow first when only its condition failed, in words for the request; the key to pass is a check, not a fix', () => {
    const output = text(missingContext());
    const fixes = section(output, 'How to fix');
    expect(fixes.join(' ').replace(/\s+/g, ' ')).toContain('1. Make the request so that identity-based policy ReadFromVpc, Sid "ReadFromVpc" applies: send it through a VPC endpoint in');
    expect(fixes.join(' ')).not.toContain('--context');
    expect(section(output, 'To check another case:').join(' ')).toContain('--context aws:SourceVpc=VALUE');
  });

  it('numbers the suggestions and prints the statement to add as JSON', () => {
    const fixes = section(text(implicitDenyNearMiss()), 'How to fix:');
    expect(fixes[1]).toMatch(/^ {2}1\. Add this Allow to an identity-based policy of/);
    const start = fixes.findIndex((line) => line.trim() === 'Statement:');
    const end = fixes.findIndex((line, index) => index > start && line.trim() === '}');
    expect(JSON.parse(fixes.slice(start + 1, end + 1).join('\n'))).toEqual({
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::my-bucket/data.csv',
    });
  });

  it('has no How to fix when allowed', () => {
    expect(text(allowed())).not.toContain('How to fix');
  });

  it('prints notes, and leaves findings to the CLI’s stderr', () => {
    const finding = { severity: 'warning' as const, code: 'UNKNOWN_KEY', message: 'aws:SourceVcp is not a known condition key', location: { path: 'Statement[0]' } };
    const output = renderText(explain(allowed(), { findings: [finding], notes: ['AWS managed policy X was not in the snapshot.'] }), PLAIN);
    expect(section(output, 'Notes:')).toEqual(['Notes:', '  - AWS managed policy X was not in the snapshot.']);
    expect(output).not.toContain('aws:SourceVcp');
  });
});

describe('text: width and colour', () => {
  it.each(SCENARIOS)('fits 80 columns: %s', (_name, make) => {
    expect(widest(text(make()))).toBeLessThanOrEqual(80);
    expect(widest(text(make(), { color: true }))).toBeLessThanOrEqual(80);
  });

  it.each(SCENARIOS)('fits a narrower width when asked (the proposed statements excepted): %s', (_name, make) => {
    expect(widestProse(text(make(), { color: false, width: 50 }))).toBeLessThanOrEqual(50);
  });

  it.each([40, 80, 200])('prints each proposed statement as whole, valid JSON at width %i', (width) => {
    const output = text(implicitDenyNearMiss(), { color: false, width });
    const blocks = statementBlocks(output);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(() => JSON.parse(block) as unknown).not.toThrow();
  });

  it('wraps a 300-character ARN without losing a character', () => {
    const output = text(explicitDenyWithCondition(LONG_ARN, LONG_POLICY_ID));
    const resource = section(output, 'Resource:').map((line) => line.slice('Resource:  '.length));
    expect(resource.length).toBeGreaterThan(1);
    expect(resource.join('')).toBe(LONG_ARN);
    expect(output).toContain('DenyEverythingOutsideTheCorporateVpcUnlessBreakGlass');
  });

  it.each(SCENARIOS)('has no ANSI codes without colour: %s', (_name, make) => {
    expect(text(make())).not.toMatch(ANSI);
  });

  it('colours ✓ green, ✗ red, — dim and the verdict bold when asked', () => {
    const output = text(scpBlock(), { color: true });
    expect(output).toMatch(ANSI);
    expect(output).toContain('\u001b[32m✓\u001b[39m');
    expect(output).toContain('\u001b[31m✗\u001b[39m');
    expect(output).toContain('\u001b[2m—\u001b[22m');
    expect(lineWith(output, 'Verdict:')).toContain('\u001b[1mDENIED (implicit deny)\u001b[22m');
  });

  it('says the same with and without colour', () => {
    for (const [, make] of SCENARIOS) expect(stripAnsi(text(make(), { color: true }))).toBe(text(make()));
  });
});
