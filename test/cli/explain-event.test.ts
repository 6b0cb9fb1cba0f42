/**
 * `iamwhy explain-event`, in process, against the bundled example organization:
 * the event's caller, action, resource and context ("CloudTrail record contents",
 * "CloudTrail userIdentity element") explained like the equivalent command.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSI, inProcess, validJson } from './helpers.js';

const SNAPSHOT = ['--snapshot', 'examples/acme/acme-snapshot.json'];
const FIXTURES = 'test/sources/cloudtrail/fixtures/';
const event = (name: string): string => `${FIXTURES}${name}`;

describe('"CloudTrail record contents": one denied event explained against the example organization', () => {
  it('through a VPC endpoint: the snapshot’s endpoint policy is found by the event’s vpcEndpointId, and iamwhy agrees with AWS', async () => {
    const run = await inProcess(['explain-event', event('vpc-endpoint.json'), ...SNAPSHOT, '-o', 'json']);
    expect(run.status).toBe(1);
    const json = validJson(run);
    expect(json.parsed).toEqual({
      principal: 'arn:aws:iam::111111111111:user/sam',
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::legacy-exports-2019/2019/invoices.csv',
      explicit: false,
      policy_type: 'vpc_endpoint',
      policy_arn: null,
      authorization_id: null,
      role: null,
      region: 'eu-west-1',
      source_ip: '10.0.12.34',
      vpc_endpoint: 'vpce-0acme5e3a1b2c3d4e',
      mfa: null,
      user_agent: '[aws-cli/2.15.0 md/awscrt#0.19.17 ua/2.0 os/linux#6.5 command/s3.cp]',
      time: '2026-01-05T14:00:00Z',
      called_via: null,
    });
    expect(json.blocked_by).toEqual(['vpc_endpoint']);
    expect(json.agreement).toMatchObject({ agrees: true, aws_policy_type: 'vpc_endpoint' });
    // The event's context reached the engine, with the event's time.
    const context = (json.trace as { context: Array<{ key: string; values: string[] }> }).context;
    expect(context).toContainEqual(expect.objectContaining({ key: 'aws:VpcSourceIp', values: ['10.0.12.34'] }));
    expect(context).toContainEqual(expect.objectContaining({ key: 'aws:CurrentTime', values: ['2026-01-05T14:00:00Z'] }));
  });

  it('--context wins over what the event says', async () => {
    const json = validJson(await inProcess(['explain-event', event('vpc-endpoint.json'), '--context', 'aws:SourceIp=192.0.2.1', ...SNAPSHOT, '-o', 'json']));
    const context = (json.trace as { context: Array<{ key: string; values: string[] }> }).context;
    expect(context.filter((entry) => entry.key.toLowerCase() === 'aws:sourceip').map((entry) => entry.values)).toEqual([['192.0.2.1']]);
  });

  it('the same explanation as the equivalent command with the event’s context', async () => {
    const fromEvent = validJson(await inProcess(['explain-event', event('iam-user.json'), ...SNAPSHOT, '-o', 'json']));
    const direct = validJson(await inProcess(['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', '--literal-resource', '--context', 'aws:SourceIp=203.0.113.17', ...SNAPSHOT, '-o', 'json']));
    for (const key of ['decision', 'cause', 'blocked_by', 'blocking_policies', 'summary', 'suggestions']) expect(fromEvent[key], key).toEqual(direct[key]);
    expect(fromEvent.agreement).toMatchObject({ agrees: true, aws_policy_type: 'scp' });
  });

  it('cross-account: the caller’s own account never granted the read, which S3’s bare "Access Denied" could not say', async () => {
    const run = await inProcess(['explain-event', event('cross-account.json'), '--event-id', 'e1b2c3d4-0002-4000-8000-000000000002', ...SNAPSHOT, '-o', 'json']);
    const json = validJson(run);
    expect([json.decision, json.blocked_by]).toEqual(['implicitDeny', ['identity']]);
    expect(json.parsed).toMatchObject({ role: 'arn:aws:iam::222222222222:role/ml-training', policy_type: null, explicit: null });
    expect(json.agreement).toMatchObject({ agrees: null, aws_policy_type: null });
    expect(json.notes).toContainEqual(expect.stringContaining('cross-account request'));
  });

  it('text: the event’s facts first', async () => {
    const run = await inProcess(['explain-event', event('called-via.json'), ...SNAPSHOT]);
    expect(run.stdout.split('\n').slice(0, 2)).toEqual(['From the CloudTrail event:', expect.stringMatching(/^ {2}Event: +event 1 of 1 in/)]);
    expect(run.stdout.replace(/\s+/g, ' ')).toMatch(/called-via\.json, eventID e1b2c3d4-0301-4000-8000-000000000301 Principal:/);
    expect(run.stdout).toMatch(/Called via: +cloudformation\.amazonaws\.com/);
    expect(run.stdout).toMatch(/Role: +arn:aws:iam::111111111111:role\/DeployRole/);
  });
});

describe('files with several events', () => {
  it('a Records file: every denied event explained in order; JSON {"events": [...]}; exit 1', async () => {
    const run = await inProcess(['explain-event', event('records.json'), ...SNAPSHOT, '-o', 'json']);
    expect(run.status).toBe(1);
    const json = validJson(run) as { events: Array<Record<string, unknown>> };
    expect(json.events.map((entry) => [(entry.parsed as { action: string }).action, entry.decision, entry.cause])).toEqual([
      ['iam:CreateUser', 'explicitDeny', 'explicit_deny'],
      ['sts:AssumeRole', 'implicitDeny', 'implicit_deny'],
      ['ec2:RunInstances', 'explicitDeny', 'scp_block'],
    ]);
  });

  it('text: one section per event, numbered', async () => {
    const run = await inProcess(['explain-event', event('records.json'), ...SNAPSHOT, '-o', 'summary']);
    expect(run.stdout.match(/^── \d of 3: event \d of 6 in /gm)).toHaveLength(3);
  });

  it('quiet: one word per event', async () => {
    expect((await inProcess(['explain-event', event('records.json'), ...SNAPSHOT, '-o', 'quiet'])).stdout).toBe('EXPLICIT_DENY\nIMPLICIT_DENY\nEXPLICIT_DENY\n');
  });

  it('an event whose caller CloudTrail hides is reported, not evaluated, and the others still are', async () => {
    const run = await inProcess(['explain-event', event('cross-account.json'), ...SNAPSHOT, '-o', 'json']);
    const json = validJson(run) as { events: Array<Record<string, unknown>> };
    expect(json.events.map((entry) => entry.evaluated ?? true)).toEqual([true, false]);
    expect(run.stderr).toMatch(/warning: event 2 of 2 .*missing principal: the caller is in another account .*; not evaluated/);
  });

  it('--event-id picks one event', async () => {
    const json = validJson(await inProcess(['explain-event', event('records.json'), '--event-id', 'e1b2c3d4-0104-4000-8000-000000000104', ...SNAPSHOT, '-o', 'json']));
    expect((json.parsed as { action: string }).action).toBe('sts:AssumeRole');
  });

  it('lookup-events output on standard input', async () => {
    const run = await inProcess(['explain-event', '-', '-o', 'json'], { stdin: readFileSync(event('lookup-events.json'), 'utf8') });
    const json = validJson(run);
    expect(json).toMatchObject({ evaluated: false, parsed: { principal: 'arn:aws:sts::111111111111:federated-user/contractor', policy_type: 'session_policy' } });
  });

  it('JSON Lines: one event per line', async () => {
    const lines = (JSON.parse(readFileSync(event('cross-account.json'), 'utf8')) as unknown[]).map((value) => JSON.stringify(value)).join('\n');
    const json = validJson(await inProcess(['explain-event', '-', '-o', 'json'], { stdin: `${lines}\n` })) as { events: unknown[] };
    expect(json.events).toHaveLength(2);
  });
});

describe('input errors', () => {
  it('no denied event: exit 2, saying how many events and which error codes count', async () => {
    const run = await inProcess(['explain-event', '-'], { stdin: JSON.stringify({ Records: [{ eventName: 'GetObject', eventSource: 's3.amazonaws.com' }] }) });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('iamwhy: standard input holds 1 event, none denied (errorCode AccessDenied, AccessDeniedException, UnauthorizedOperation, Client.UnauthorizedOperation, UnauthorizedAccess)\n');
  });

  it('broken JSON: one line with the place', async () => {
    const run = await inProcess(['explain-event', '-'], { stdin: '{"Records": [\n  {"eventName": }\n]}' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^iamwhy: standard input:2:\d+: error: not valid JSON: /);
  });

  it('a missing file: one line', async () => {
    const run = await inProcess(['explain-event', 'no-such-events.json']);
    expect(run.stderr).toBe('iamwhy: cannot read event file "no-such-events.json": no such file\n');
  });

  it('standard input is read once: events on it and a policy from it is a usage error', async () => {
    const run = await inProcess(['explain-event', '-', '-i', '-'], { stdin: '{}' });
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('iamwhy: standard input ("-") can be read once: give the other files by name\n');
  });

  it('a policy from standard input cannot serve several events', async () => {
    const run = await inProcess(['explain-event', event('records.json'), '-i', '-'], { stdin: '{}' });
    expect(run.stderr).toMatch(/^iamwhy: standard input \("-"\) can be read once, and there are 3 denied events/);
  });

  it('--decoded with several denied events asks for --event-id', async () => {
    const run = await inProcess(['explain-event', event('records.json'), '--decoded', 'test/sources/error-text/fixtures/decoded-cli.json', ...SNAPSHOT]);
    expect(run.stderr).toMatch(/--decoded belongs to one event.*--event-id ID/);
  });

  it('a principal ARN holding control characters is not taken, nor echoed', async () => {
    const record = JSON.parse(readFileSync(event('vpc-endpoint.json'), 'utf8')) as { userIdentity: { arn: string } };
    record.userIdentity.arn = 'arn:aws:iam::111111111111:user/sam\u001b[2J';
    const json = validJson(await inProcess(['explain-event', '-', '-o', 'json'], { stdin: JSON.stringify(record) }));
    expect((json.parsed as { principal: string | null }).principal).toBeNull();
    expect(json.missing).toEqual([{ part: 'principal', why: "the event's principal holds control characters, which no AWS principal has", how: expect.stringContaining('-p ARN') }]);
  });

  it('control characters in a user agent are printed as escapes', async () => {
    const record = JSON.parse(readFileSync(event('vpc-endpoint.json'), 'utf8')) as Record<string, unknown>;
    record.userAgent = 'curl/8\u001b[2J\u001b]0;owned\u0007';
    const run = await inProcess(['explain-event', '-'], { stdin: JSON.stringify(record) });
    expect(run.stdout).toContain('curl/8\\x1b[2J\\x1b]0;owned\\x07');
    expect(run.stdout).not.toMatch(ANSI);
  });
});
