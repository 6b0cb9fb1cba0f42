/**
 * With no policies to evaluate, what AWS's message says on its own
 * ("Troubleshoot access denied error messages"; "Policy evaluation logic": gates
 * only limit and never grant, an explicit Deny wins).
 */
import { describe, expect, it } from 'vitest';
import { LAYER_ORDER } from '../../src/engine/result.js';
import { explainMessageAlone } from '../../src/explain/message-alone.js';
import { emptyDeniedRequest, type DeniedRequest } from '../../src/sources/denied-request.js';

const request = (extra: Partial<DeniedRequest>): DeniedRequest => ({ ...emptyDeniedRequest('m'), action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', ...extra });
const GATES = new Set(['rcp', 'scp', 'vpc_endpoint', 'permissions_boundary']);

describe('"Policy evaluation logic": the kind of fix each layer takes', () => {
  for (const layer of LAYER_ORDER) {
    for (const explicit of [true, false]) {
      it(`${layer}, ${explicit ? 'explicit' : 'implicit'}: the decision as AWS reported it, and ${GATES.has(layer) ? 'that identity policies will not help' : 'no gate warning'}`, () => {
        const alone = explainMessageAlone(request({ policyType: layer, explicit }));
        expect(alone.decision).toBe(explicit ? 'explicitDeny' : 'implicitDeny');
        expect(alone.layer).toBe(layer);
        expect(alone.fix.length).toBeGreaterThan(0);
        expect(alone.fix.some((line) => line.includes('identity-based policies will not help'))).toBe(GATES.has(layer));
        expect(alone.caveats[0]).toContain('AWS names only one policy type');
        expect(alone.learnMore[0]).toMatch(/^--snapshot FILE/);
      });
    }
  }

  it('a role trust policy: the trust policy must name the principal', () => {
    const alone = explainMessageAlone(request({ policyType: 'resource', trustPolicy: true, explicit: false, action: 'sts:AssumeRole' }));
    expect(alone.summary).toBe('AWS says no role trust policy allows sts:AssumeRole, so it was implicitly denied.');
    expect(alone.fix[0]).toContain('trust policy must name it');
  });

  it('S3 Block Public Access: no policy statement decided it', () => {
    const alone = explainMessageAlone(request({ blockPublicAccess: 'BlockPublicAcls' }));
    expect([alone.decision, alone.layer, alone.summary]).toEqual([undefined, undefined, 'AWS says S3 Block Public Access (BlockPublicAcls) refused s3:GetObject.']);
  });

  it('a bare "Access Denied": nothing named, evaluate to find out', () => {
    const alone = explainMessageAlone(request({ action: undefined, resource: undefined }));
    expect(alone.summary).toBe('AWS says only that the request was denied.');
    expect(alone.decision).toBeUndefined();
  });
});
