/**
 * `iamwhy explain-error`, in process. End to end against the bundled example
 * organization: a pasted AccessDenied message gives the same explanation as the
 * equivalent `iamwhy PRINCIPAL ACTION -r …`, and iamwhy says whether it finds
 * the layer AWS named ("Troubleshoot access denied error messages": AWS names one
 * policy type, even when several deny).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSI, expectJsonError, inProcess, validJson } from './helpers.js';

const SNAPSHOT = ['--snapshot', 'examples/acme/acme-snapshot.json'];
const REPORT = 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv';
const KEY = 'arn:aws:kms:eu-west-1:111111111111:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b';
const SCP_ARN = 'arn:aws:organizations::999999999999:policy/o-acme7k2x9q/service_control_policy/p-regions7k2x9q';

interface Story {
  name: string;
  message: string;
  /** The equivalent main command, before --snapshot. */
  equivalent: string[];
  /** Flags both runs take (context the message cannot carry, or parts it lacks). */
  shared?: string[];
  agrees: boolean | null;
}

const STORIES: Story[] = [
  {
    name: 'an SCP denies bob a region (with the policy-ARN suffix)',
    message: `User: arn:aws:iam::111111111111:user/bob is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:ap-southeast-2:111111111111:instance/* with an explicit deny in a service control policy: ${SCP_ARN}`,
    // AWS's request for a new instance carries instance/* literally.
    equivalent: ['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', '--literal-resource'],
    agrees: true,
  },
  {
    name: 'dana’s permissions boundary denies creating users (CLI-prefixed)',
    message:
      'An error occurred (AccessDenied) when calling the CreateUser operation: User: arn:aws:iam::111111111111:user/dana is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/contractor-zoe with an explicit deny in a permissions boundary: arn:aws:iam::111111111111:policy/DelegatedAdminBoundary',
    equivalent: ['dana', 'iam:CreateUser', '-r', 'arn:aws:iam::111111111111:user/contractor-zoe'],
    agrees: true,
  },
  {
    name: 'dana’s boundary does not allow a role with another boundary (implicit)',
    message: 'User: arn:aws:iam::111111111111:user/dana is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::111111111111:role/app-worker because no permissions boundary allows the iam:CreateRole action',
    equivalent: ['dana', 'iam:CreateRole', '-r', 'arn:aws:iam::111111111111:role/app-worker'],
    shared: ['--context', 'iam:PermissionsBoundary=arn:aws:iam::aws:policy/AdministratorAccess'],
    agrees: true,
  },
  {
    name: 'the bucket policy denies alice over HTTP (S3 quotes the resource)',
    message: `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "${REPORT}" with an explicit deny in a resource-based policy`,
    equivalent: ['alice', 's3:GetObject', '-r', REPORT],
    shared: ['--context', 'aws:RequestedRegion=eu-west-1', '--context', 'aws:SecureTransport=false'],
    agrees: true,
  },
  {
    name: 'the role trust policy does not allow carol',
    message: 'User: arn:aws:iam::111111111111:user/carol is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111111111111:role/DeployRole because no role trust policy allows the sts:AssumeRole action',
    equivalent: ['carol', 'sts:AssumeRole', '-r', 'arn:aws:iam::111111111111:role/DeployRole'],
    agrees: true,
  },
  {
    name: 'the RCP stops an outside auditor',
    message: 'User: arn:aws:sts::444444444444:assumed-role/acme-auditor/audit-2025 is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::acme-reports/audit/2025/q1-revenue.csv" with an explicit deny in a resource control policy',
    equivalent: ['arn:aws:sts::444444444444:assumed-role/acme-auditor/audit-2025', 's3:GetObject', '-r', 'arn:aws:s3:::acme-reports/audit/2025/q1-revenue.csv'],
    agrees: true,
  },
  {
    name: 'KMS names no key ("on this resource"): -r gives it',
    message: 'User: arn:aws:sts::111111111111:assumed-role/KeyAdmin/admin is not authorized to perform: kms:Decrypt on this resource because no identity-based policy allows the kms:Decrypt action',
    equivalent: ['arn:aws:sts::111111111111:assumed-role/KeyAdmin/admin', 'kms:Decrypt'],
    shared: ['-r', KEY],
    agrees: true,
  },
  {
    name: 'S3’s bare "Access Denied" across accounts: -p, -a and -r give the request',
    message: 'An error occurred (AccessDenied) when calling the GetObject operation: Access Denied',
    equivalent: [],
    shared: ['-p', 'arn:aws:sts::222222222222:assumed-role/ml-training/job-7', '-a', 's3:GetObject', '-r', REPORT, '--context', 'aws:RequestedRegion=eu-west-1'],
    agrees: null,
  },
  {
    name: 'the VPC endpoint policy does not allow sam’s bucket',
    message: 'User: arn:aws:iam::111111111111:user/sam is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::legacy-exports-2019/2019/invoices.csv" because no VPC endpoint policy allows the s3:GetObject action',
    equivalent: ['sam', 's3:GetObject', '-r', 'arn:aws:s3:::legacy-exports-2019/2019/invoices.csv'],
    shared: ['--context', 'aws:RequestedRegion=eu-west-1', '--context', 'aws:SourceVpce=vpce-0acme5e3a1b2c3d4e'],
    agrees: true,
  },
];

/** The parts of the explanation that must not depend on where the request came from. */
function explanationOf(json: Record<string, unknown>): Record<string, unknown> {
  const { decision, cause, blocked_by, blocking_policies, summary, suggestions, layers, near_misses, missing_context, principal, action, resource } = json;
  return { decision, cause, blocked_by, blocking_policies, summary, suggestions, layers, near_misses, missing_context, principal, action, resource };
}

describe('"Troubleshoot access denied error messages": a pasted message against the example organization explains like the equivalent command', () => {
  it.each(STORIES.map((story) => [story.name, story] as const))('%s', async (_name, story) => {
    const fromMessage = await inProcess(['explain-error', story.message, ...(story.shared ?? []), ...SNAPSHOT, '-o', 'json']);
    const direct = await inProcess([...(story.equivalent.length > 0 ? story.equivalent : []), ...(story.shared ?? []), ...SNAPSHOT, '-o', 'json']);
    expect(fromMessage.status, fromMessage.stderr).toBe(direct.status);
    const parsed = validJson(fromMessage);
    expect(explanationOf(parsed)).toEqual(explanationOf(validJson(direct)));
    expect((parsed.agreement as { agrees: boolean | null }).agrees).toBe(story.agrees);
    expect(parsed.certain).toBe(validJson(direct).certain);
  });

  it('the parsed object comes first and has exactly the fields of a message', async () => {
    const run = await inProcess(['explain-error', (STORIES[0] as Story).message, ...SNAPSHOT, '-o', 'json']);
    const json = validJson(run);
    expect(Object.keys(json)[0]).toBe('parsed');
    expect(json.parsed).toEqual({
      principal: 'arn:aws:iam::111111111111:user/bob',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      explicit: true,
      policy_type: 'scp',
      policy_arn: SCP_ARN,
      authorization_id: null,
    });
    expect(json.agreement).toEqual({ aws_policy_type: 'scp', aws_explicit: true, agrees: true, also_blocking: [], summary: expect.stringContaining('iamwhy agrees') });
  });

  it('text: what was parsed first, the agreement, then the usual explanation', async () => {
    const run = await inProcess(['explain-error', (STORIES[0] as Story).message, ...SNAPSHOT]);
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('From AWS’s message:');
    expect(run.stdout).toMatch(/AWS named: +service control policy \(explicit deny\)/);
    expect(run.stdout).toMatch(/Agreement: +AWS's message names a service control policy \(an explicit deny\);\s+iamwhy agrees/);
    expect(run.stdout.indexOf('Agreement:')).toBeLessThan(run.stdout.indexOf('Verdict: DENIED (explicit deny)'));
    expect(run.stdout).toContain('Evaluation path');
  });
});

describe('examples/acme/README.md "Start from the error"', () => {
  const readme = readFileSync('examples/acme/README.md', 'utf8');
  const commands = /### Start from the error[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(readme)?.[1]?.split('\n') ?? [];

  it('runs both commands as written, with the answers the README gives', async () => {
    expect(commands).toHaveLength(2);
    const words = (line: string): string[] => (line.match(/'[^']*'|\S+/g) ?? []).map((word) => word.replace(/^'|'$/g, '')).slice(2);
    const error = validJson(await inProcess([...words(commands[0] as string), '-o', 'json']));
    expect([error.blocked_by, (error.agreement as { agrees: boolean }).agrees, (error.blocking_policies as Array<{ policy_id: string }>)[0]?.policy_id]).toEqual([['scp'], true, 'RestrictRegions']);
    const events = await inProcess(words(commands[1] as string));
    expect(events.stdout.match(/^── \d of 3/gm)).toHaveLength(3);
  });
});

describe('agreement: every other blocking layer, and a disagreement is an unknown', () => {
  it('AWS names an identity policy; iamwhy finds an explicit Deny in the boundary: not certain, source_disagrees', async () => {
    const message = 'User: arn:aws:iam::111111111111:user/dana is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::111111111111:user/contractor-zoe because no identity-based policy allows the iam:CreateUser action';
    const json = validJson(await inProcess(['explain-error', message, ...SNAPSHOT, '-o', 'json']));
    expect(json.certain).toBe(false);
    expect(json.unknowns).toContainEqual({
      kind: 'source_disagrees',
      detail: "AWS's message names an identity-based policy (an implicit deny), but iamwhy finds an explicit Deny in the permissions boundary (explicit deny in arn:aws:iam::111111111111:policy/DelegatedAdminBoundary), which AWS checks first and would have named: the snapshot may differ from the account.",
      could_lead_to: 'implicitDeny',
      layer: 'identity',
      key: null,
    });
    expect(json.agreement).toMatchObject({ also_blocking: ['permissions_boundary'] });
    expect(json.agreement).toMatchObject({ agrees: false, aws_policy_type: 'identity' });
  });

  it('AWS names an SCP but the snapshot allows the request: exit 0, not certain, "the snapshot may be out of date"', async () => {
    const message = `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "${REPORT}" with an explicit deny in a service control policy`;
    const run = await inProcess(['explain-error', message, '--context', 'aws:RequestedRegion=eu-west-1', ...SNAPSHOT, '-o', 'json']);
    expect(run.status).toBe(0);
    const json = validJson(run);
    expect(json.decision).toBe('allowed');
    expect(json.unknowns).toEqual([
      { kind: 'source_disagrees', detail: expect.stringContaining('but iamwhy finds the request allowed by the snapshot: the snapshot may be out of date'), could_lead_to: 'explicitDeny', layer: 'scp', key: null },
    ]);
  });

  it('AWS names an SCP and only policy files were given: iamwhy says it could not check it and how to add it', async () => {
    const message = `User: arn:aws:iam::111111111111:user/alice is not authorized to perform: s3:GetObject on resource: "arn:aws:s3:::bucket/reports/q1.csv" with an explicit deny in a service control policy`;
    const json = validJson(await inProcess(['explain-error', message, '-i', 'test/cli/fixtures/read-bucket.json', '-o', 'json']));
    expect(json.agreement).toMatchObject({ agrees: false, summary: expect.stringContaining('the policy files had none of it, so iamwhy could not check it (add a snapshot with the organization, or --organization-config)') });
  });

  it('the summary says whether iamwhy agrees, then the usual summary', async () => {
    const run = await inProcess(['explain-error', (STORIES[1] as Story).message, ...SNAPSHOT, '-o', 'summary']);
    expect(run.stdout.split('\n')[0]).toBe('From AWS: a permissions boundary (explicit deny); iamwhy agrees.');
    expect(run.stdout).toContain('DENIED (explicit deny): iam:CreateUser');
  });

  it('quiet prints iamwhy’s decision', async () => {
    expect((await inProcess(['explain-error', (STORIES[0] as Story).message, ...SNAPSHOT, '-o', 'quiet'])).stdout).toBe('EXPLICIT_DENY\n');
  });
});

describe('without any policy source: what the message itself says', () => {
  const message = (STORIES[0] as Story).message;

  it('text: the layer AWS named, the kind of fix, and what to add to find out more; exit 1', async () => {
    const run = await inProcess(['explain-error', message]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('');
    const words = run.stdout.replace(/\s+/g, ' ');
    expect(run.stdout).toContain('Verdict: DENIED (explicit deny) — as AWS reported it; no policies were evaluated');
    expect(words).toContain('Only an organization administrator can change it');
    expect(run.stdout).toMatch(/To find out more, add:\n {2}- --snapshot FILE/);
    expect(words).toContain('or AWS credentials for the account (aws configure, AWS_PROFILE or --profile): without --offline, iamwhy then reads the policies it needs live');
    expect(words).toContain('describe-policy --policy-id p-regions7k2x9q');
  });

  it('JSON: a message explanation, schema-valid, evaluated false and never certain', async () => {
    const json = validJson(await inProcess(['explain-error', message, '-o', 'json']));
    expect(json).toMatchObject({ evaluated: false, certain: false, decision: 'explicitDeny', layer: 'scp', parsed: { policy_type: 'scp', policy_arn: SCP_ARN } });
    expect(json.fix).toContainEqual(expect.stringContaining('identity-based policies will not help'));
  });

  it('a partial message says what is missing and how to give it', async () => {
    const json = validJson(await inProcess(['explain-error', 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: kms:Decrypt on this resource because no identity-based policy allows the kms:Decrypt action', '-o', 'json']));
    expect(json.missing).toEqual([{ part: 'resource', why: expect.stringContaining('"on this resource"'), how: expect.stringContaining('-r arn:aws:kms:') }]);
    expect(json.decision).toBe('implicitDeny');
  });

  it('quiet: EXPLICIT_DENY / IMPLICIT_DENY as AWS said, DENY when it did not say', async () => {
    expect((await inProcess(['explain-error', message, '-o', 'quiet'])).stdout).toBe('EXPLICIT_DENY\n');
    expect((await inProcess(['explain-error', 'Access Denied', '-o', 'quiet'])).stdout).toBe('DENY\n');
  });

  it('summary: the layer AWS named, not evaluated', async () => {
    const run = await inProcess(['explain-error', message, '-o', 'summary']);
    expect(run.stdout).toMatch(/^DENIED \(explicit deny\): ec2:RunInstances on/);
    expect(run.stdout).toContain('(named by AWS; not evaluated)');
    expect(run.stdout).toContain('Not certain: no policies were evaluated');
  });
});

describe('input', () => {
  it('standard input when TEXT is omitted', async () => {
    const run = await inProcess(['explain-error', ...SNAPSHOT, '-o', 'quiet'], { stdin: `${(STORIES[0] as Story).message}\n` });
    expect(run).toEqual({ status: 1, stdout: 'EXPLICIT_DENY\n', stderr: '' });
  });

  it('an unquoted message given as several words', async () => {
    const words = (STORIES[1] as Story).message.split(' ');
    expect((await inProcess(['explain-error', ...words, ...SNAPSHOT, '-o', 'quiet'])).stdout).toBe('EXPLICIT_DENY\n');
  });

  it('the message on standard input and a policy from it too: standard input is read once', async () => {
    const run = await inProcess(['explain-error', '-i', '-'], { stdin: 'Access Denied' });
    expect(run.stderr).toBe('iamwhy: standard input ("-") can be read once: give the message as an argument, or the other files by name\n');
  });

  it('no TEXT and nothing piped in: a usage error instead of waiting', async () => {
    const run = await inProcess(['explain-error']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^iamwhy: give the AccessDenied message as an argument/);
  });

  it('unparseable text: exit 2, what was expected and an example', async () => {
    const run = await inProcess(['explain-error', 'Rate exceeded']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^iamwhy: this is not an AccessDenied message iamwhy can read: expected an AWS AccessDenied message/);
    expect(lines[1]).toMatch(/^iamwhy: for example: User: arn:aws:iam::111122223333:user\/alice is not authorized to perform: s3:GetObject/);
  });

  it('unparseable text with -o json: the error as JSON', async () => {
    expectJsonError(await inProcess(['explain-error', 'Rate exceeded', '-o', 'json']), /not an AccessDenied message/, 'UNPARSEABLE_MESSAGE');
  });

  it('a partial message with a source: exit 2 naming each missing part and its flag', async () => {
    const run = await inProcess(['explain-error', 'Access Denied', ...SNAPSHOT]);
    expect(run.status).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^iamwhy: the message: missing principal: .*; give it with -p ARN/),
      expect.stringMatching(/^iamwhy: missing action: .*; give it with -a SERVICE:ACTION/),
      expect.stringMatching(/^iamwhy: missing resource: .*; give it with -r ARN$/),
    ]);
  });

  it('no resource clause for an action that takes none: evaluated against "*"', async () => {
    const json = validJson(await inProcess(['explain-error', 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: s3:ListAllMyBuckets because no identity-based policy allows the s3:ListAllMyBuckets action', ...SNAPSHOT, '-o', 'json']));
    expect(json.resource).toBe('*');
    expect((json.parsed as { resource: string | null }).resource).toBe('*');
  });

  it('the resource AWS named is read literally (its request for a new instance carries instance/*); one given with -r as a pattern, as the main command reads it', async () => {
    const message = (STORIES[0] as Story).message;
    const literal = await inProcess(['explain-error', message, ...SNAPSHOT, '-o', 'json']);
    expect(literal.stderr).not.toContain('is a pattern');
    expect((validJson(literal).trace as { request: { resourceIsPattern?: boolean } }).request).not.toHaveProperty('resourceIsPattern', true);
    const pattern = await inProcess(['explain-error', message, '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', ...SNAPSHOT, '-o', 'json']);
    expect(pattern.stderr).toContain('arn:aws:ec2:ap-southeast-2:111111111111:instance/* is a pattern');
    const literalFlag = await inProcess(['explain-error', message, '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', '--literal-resource', ...SNAPSHOT, '-o', 'json']);
    expect(literalFlag.stderr).not.toContain('is a pattern');
  });

  it('-p replaces the principal AWS named, and a note says so', async () => {
    const json = validJson(await inProcess(['explain-error', (STORIES[0] as Story).message, '-p', 'carol', ...SNAPSHOT, '-o', 'json']));
    expect(json.principal).toBe('arn:aws:iam::111111111111:user/carol');
    expect(json.notes).toContainEqual('-p carol replaces the principal AWS named (arn:aws:iam::111111111111:user/bob).');
  });

  it('--decoded: the terse EC2 message plus the decoded document is a full request', async () => {
    const run = await inProcess([
      'explain-error',
      'An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: AbCdEf',
      '--decoded',
      'test/sources/error-text/fixtures/decoded-cli.json',
      ...SNAPSHOT,
      '-o',
      'json',
    ]);
    const json = validJson(run);
    expect([json.principal, json.action, json.resource, json.decision, json.cause]).toEqual([
      'arn:aws:iam::111111111111:user/bob',
      'ec2:RunInstances',
      'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      'explicitDeny',
      'scp_block',
    ]);
    const context = (json.trace as { context: Array<{ key: string; values: string[] }> }).context;
    expect(context).toContainEqual(expect.objectContaining({ key: 'ec2:InstanceType', values: ['t3.micro'] }));
    expect(json.notes).toContainEqual(expect.stringContaining('statement "DenyOutsideApprovedRegions"'));
  });

  it('--decoded with a file that is no decoded message: one line naming the file', async () => {
    const run = await inProcess(['explain-error', 'Access Denied', '--decoded', 'test/cli/fixtures/allow-all.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^iamwhy: test\/cli\/fixtures\/allow-all.json: allowed is missing or not true\/false/);
  });

  it('control characters in the pasted text never reach the terminal', async () => {
    const run = await inProcess(['explain-error', 'User: arn:aws:iam::111111111111:user/bob\u001b]0;pwned\u0007 is not authorized to perform: s3:GetObject\u009b31m on resource: "arn:aws:s3:::b/k" because no identity-based policy allows it']);
    expect(run.stdout).not.toMatch(ANSI);
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
