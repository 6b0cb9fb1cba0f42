/**
 * "DecodeAuthorizationMessage" (AWS STS API Reference): the decoded document's
 * matched statements and request context feed the request iamwhy evaluates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deniedRequestFromMessage, parseDenialMessage, readDecodedAuthorization, withDecodedAuthorization } from '../../../src/sources/error-text/index.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as unknown;

function decoded(name: string) {
  const read = readDecodedAuthorization(fixture(name));
  if (!read.ok) throw new Error(read.message);
  return read.decoded;
}

describe('"DecodeAuthorizationMessage": reading the decoded document', () => {
  it('the CLI’s {"DecodedMessage": "…"} and the inner document read the same', () => {
    expect(decoded('decoded-cli.json')).toEqual(decoded('decoded-inner.json'));
  });

  it('explicitDeny, the matched statements, the principal, and the action with the service prefix AWS left out', () => {
    const value = decoded('decoded-cli.json');
    expect(value).toMatchObject({
      allowed: false,
      explicitDeny: true,
      principalArn: 'arn:aws:iam::111111111111:user/bob',
      principalId: 'AIDAACMEPRODBOB000001',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      matchedStatements: [{ sid: 'DenyOutsideApprovedRegions', effect: 'Deny', actions: ['ec2:RunInstances'], resources: ['*'] }],
    });
  });

  it('its context feeds the request: aws:Region as aws:RequestedRegion, ec2:* and tag keys as given, bookkeeping items left out', () => {
    const message = parseDenialMessage('You are not authorized to perform this operation. Encoded authorization failure message: AbCd');
    if (!message.ok) throw new Error('not parsed');
    const request = withDecodedAuthorization(deniedRequestFromMessage(message.message, 'm'), decoded('decoded-cli.json'));
    expect(request.contribution.context).toEqual({
      'aws:userid': 'AIDAACMEPRODBOB000001',
      'aws:RequestedRegion': 'ap-southeast-2',
      'ec2:InstanceType': 't3.micro',
      'aws:PrincipalTag/team': 'platform',
      'ec2:ResourceTag/env': ['prod', 'shared'],
    });
    // The terse EC2 message named nothing; the decoded document fills the triple.
    expect([request.principal, request.action, request.resource, request.explicit]).toEqual([
      'arn:aws:iam::111111111111:user/bob',
      'ec2:RunInstances',
      'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      true,
    ]);
    expect(request.missing).toEqual([]);
    expect(request.notes).toContainEqual(expect.stringContaining('statement "DenyOutsideApprovedRegions" (Deny ec2:RunInstances on *)'));
  });

  it('where the message and the decoded document differ, the message stays and a note says so', () => {
    const message = parseDenialMessage('User: arn:aws:iam::111111111111:user/bob is not authorized to perform: ec2:StartInstances on resource: arn:aws:ec2:ap-southeast-2:111111111111:instance/i-1 with an explicit deny in a service control policy');
    if (!message.ok) throw new Error('not parsed');
    const request = withDecodedAuthorization(deniedRequestFromMessage(message.message, 'm'), decoded('decoded-inner.json'));
    expect(request.action).toBe('ec2:StartInstances');
    expect(request.notes).toContainEqual("The decoded message's action is ec2:RunInstances; the message said ec2:StartInstances.");
  });

  it.each([
    ['a list', [], 'is not a decoded authorization message'],
    ['no "allowed"', { context: {} }, 'is missing or not true/false'],
    ['DecodedMessage that is no JSON', { DecodedMessage: 'not json' }, 'does not hold valid JSON'],
    ['DecodedMessage that is no string', { DecodedMessage: 1 }, 'is not a string'],
  ])('%s is refused, with where and what', (_name, value, message) => {
    const read = readDecodedAuthorization(value);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toContain(message);
  });
});
