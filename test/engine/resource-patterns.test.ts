/**
 * Requested resources with wildcards, read existentially: "is there a resource
 * matching the requested pattern on which the request would be allowed?" An
 * Allow applies when its Resource can name some resource of the pattern; a Deny
 * only when it covers all of them ("IAM JSON policy elements: Resource" for the
 * matching rules; the reading itself is iamwhy's, see the README's Semantics notes).
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import type { Request } from '../../src/engine/request.js';
import { explain } from '../../src/explain/explanation.js';
import { ALICE, allow, deny, policy, principal } from './helpers.js';

const pattern = (arn: string, action = 's3:GetObject'): Request => ({ principal: principal(ALICE), action, resource: { arn, account: '111111111111' }, resourceIsPattern: true });
const literal = (arn: string, action = 's3:GetObject'): Request => ({ principal: principal(ALICE), action, resource: { arn, account: '111111111111' } });
const grant = (resource: string | string[]) => policy('Grant', 'identity', allow('s3:GetObject', resource));

describe('existential reading of a requested resource pattern', () => {
  it('an Allow on one object answers "can alice read objects in b?" with yes, for some — the literal reading says no', () => {
    expect(evaluate(literal('arn:aws:s3:::b/*'), { identity: [grant('arn:aws:s3:::b/photo.jpg')] }).decision).toBe('implicitDeny');
    const result = evaluate(pattern('arn:aws:s3:::b/*'), { identity: [grant('arn:aws:s3:::b/photo.jpg')] });
    expect(result.decision).toBe('allowed');
    expect(result.request.resourceIsPattern).toBe(true);
    const explanation = explain(result);
    expect(explanation.scope).toBe('for some resources matching arn:aws:s3:::b/*, e.g. arn:aws:s3:::b/photo.jpg — not necessarily all');
  });

  it('an Allow for another bucket names no resource of the pattern', () => {
    const result = evaluate(pattern('arn:aws:s3:::b/*'), { identity: [grant('arn:aws:s3:::other/*')] });
    expect(result.decision).toBe('implicitDeny');
    expect(explain(result).scope).toBe('for every resource matching arn:aws:s3:::b/*');
  });

  it('`*` inside a segment and `?` on either side', () => {
    expect(evaluate(pattern('arn:aws:s3:::logs-*/2025/*'), { identity: [grant('arn:aws:s3:::logs-prod/*')] }).decision).toBe('allowed');
    expect(evaluate(pattern('arn:aws:s3:::b/report-?.csv'), { identity: [grant('arn:aws:s3:::b/report-1.csv')] }).decision).toBe('allowed');
    expect(evaluate(pattern('arn:aws:s3:::b/report-?.csv'), { identity: [grant('arn:aws:s3:::b/report-10.csv')] }).decision).toBe('implicitDeny');
    expect(evaluate(pattern('arn:aws:s3:::b/report-1?.csv'), { identity: [grant('arn:aws:s3:::b/report-?5.csv')] }).decision).toBe('allowed');
  });

  it('ARN parts relate part by part: a `*` in the region never reaches into the account', () => {
    const ec2 = policy('Ec2', 'identity', allow('ec2:StartInstances', 'arn:aws:ec2:eu-west-1:111111111111:instance/*'));
    const request = { principal: principal(ALICE), action: 'ec2:StartInstances', resource: { arn: 'arn:aws:ec2:*:*:instance/*' }, resourceIsPattern: true };
    expect(evaluate(request, { identity: [ec2] }).decision).toBe('allowed');
    const otherRegion = { ...request, resource: { arn: 'arn:aws:ec2:us-east-1:*:instance/*' } };
    expect(evaluate(otherRegion, { identity: [ec2] }).decision).toBe('implicitDeny');
  });

  it('a Deny applies only when it covers every resource of the pattern', () => {
    const readAll = grant('arn:aws:s3:::b/*');
    const denyAll = policy('DenyAll', 'identity', deny('s3:*', 'arn:aws:s3:::b/*'));
    const denyPart = policy('DenyPrivate', 'identity', deny('s3:*', 'arn:aws:s3:::b/private/*'));
    expect(evaluate(pattern('arn:aws:s3:::b/*'), { identity: [readAll, denyAll] }).decision).toBe('explicitDeny');
    const partly = evaluate(pattern('arn:aws:s3:::b/*'), { identity: [readAll, denyPart] });
    expect(partly.decision).toBe('allowed');
    const denyStatement = partly.layers.find((layer) => layer.layer === 'identity')?.policies[1]?.statements[0];
    expect(denyStatement?.resource).toMatchObject({ matched: false, partial: true, matchedValue: 'arn:aws:s3:::b/private/*' });
    const panel = explain(partly).panels.find((candidate) => candidate.role === 'partial-deny');
    expect(panel?.decidingPart).toBe('Resource (denies part of this pattern: arn:aws:s3:::b/private/*)');
    // A pattern inside the denied part is denied.
    expect(evaluate(pattern('arn:aws:s3:::b/private/*'), { identity: [readAll, denyPart] }).decision).toBe('explicitDeny');
  });

  it('NotResource: an Allow applies unless its list covers the whole pattern; a Deny applies only when its list names none of it', () => {
    const allowExcept = policy('AllowExcept', 'identity', { Effect: 'Allow', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b/private/*' });
    expect(evaluate(pattern('arn:aws:s3:::b/*'), { identity: [allowExcept] }).decision).toBe('allowed');
    expect(evaluate(pattern('arn:aws:s3:::b/private/*'), { identity: [allowExcept] }).decision).toBe('implicitDeny');
    const readAll = grant('*');
    const denyExcept = policy('DenyExcept', 'identity', { Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::b/public/*' });
    expect(evaluate(pattern('arn:aws:s3:::other/*'), { identity: [readAll, denyExcept] }).decision).toBe('explicitDeny');
    const partly = evaluate(pattern('arn:aws:s3:::b/*'), { identity: [readAll, denyExcept] });
    expect(partly.decision).toBe('allowed');
    expect(partly.layers.find((layer) => layer.layer === 'identity')?.policies[1]?.statements[0]?.resource?.partial).toBe(true);
  });

  it('the default resource `*` for an action with resource types: some resource the Allow names', () => {
    const result = evaluate(pattern('*'), { identity: [grant('arn:aws:s3:::b/photo.jpg')] });
    expect(result.decision).toBe('allowed');
    expect(explain(result).scope).toContain('e.g. arn:aws:s3:::b/photo.jpg');
  });

  it('without the flag, `*` is matched literally (actions without resource types, as AWS does)', () => {
    const list = policy('List', 'identity', allow('s3:ListAllMyBuckets', 'arn:aws:s3:::*'));
    expect(evaluate(literal('*', 's3:ListAllMyBuckets'), { identity: [list] }).decision).toBe('implicitDeny');
  });

  it('policy variables are substituted before relating', () => {
    const home = policy('Home', 'identity', allow('s3:GetObject', 'arn:aws:s3:::b/home/${aws:username}/*'));
    expect(evaluate(pattern('arn:aws:s3:::b/home/*'), { identity: [home] }).decision).toBe('allowed');
    expect(evaluate(pattern('arn:aws:s3:::b/home/bob/*'), { identity: [home] }).decision).toBe('implicitDeny');
  });
});
