/** -o text|summary|json|quiet, --color, --debug, --version, --help, exit codes, and where warnings go. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALICE, ANSI, FIXTURES, KMS_KEY, OBJECT, expectJsonError, expectUsageError, fixture, iamwhy, validJson } from './helpers.js';

const READ = fixture('read-bucket.json');
const ALLOW_ALL = fixture('allow-all.json');
const GAAD = fixture('gaad.json');
const ORG = fixture('org/org.yaml');
const SESSION = 'arn:aws:sts::111111111111:assumed-role/deploy/alice-session';
const ALLOWED = [ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ];
const DENIED = [ALICE, 's3:PutObject', '-r', OBJECT, '-i', READ];

const VERSION = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('output formats', () => {
  it('text (the default): verdict, evaluation path, statement panel', () => {
    const run = iamwhy(ALLOWED);
    expect(run.status).toBe(0);
    // Policy files alone carry no organization: the allow is stated with what could still deny it.
    expect(run.stdout).toMatch(/^Verdict: ALLOWED — could be DENIED by a service control policy that was not$/m);
    expect(run.stdout).toMatch(/^Evaluation path/m);
    expect(run.stdout).toMatch(/read-bucket\.json — identity-based policy \(file\)/);
    expect(iamwhy([...ALLOWED, '-o', 'text']).stdout).toBe(run.stdout);
  });

  it('summary: a few lines', () => {
    const run = iamwhy([...DENIED, '-o', 'summary']);
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe('DENIED (implicit deny): s3:PutObject on arn:aws:s3:::bucket/reports/q1.csv');
    expect(run.stdout.split('\n').length).toBeLessThan(8);
  });

  it('quiet: just the decision word', () => {
    expect(iamwhy([...ALLOWED, '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
    expect(iamwhy([...DENIED, '-o', 'quiet'])).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n', stderr: '' });
    expect(iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '-i', fixture('deny-s3.json'), '-o', 'quiet'])).toMatchObject({ status: 1, stdout: 'EXPLICIT_DENY\n' });
  });

  it('--output=json and -ojson are the same as -o json', () => {
    const spaced = JSON.parse(iamwhy([...ALLOWED, '-o', 'json']).stdout) as { decision: string };
    expect(spaced.decision).toBe('allowed');
    expect(JSON.parse(iamwhy([...ALLOWED, '--output=json']).stdout)).toMatchObject({ decision: 'allowed' });
    expect(JSON.parse(iamwhy([...ALLOWED, '-ojson']).stdout)).toMatchObject({ decision: 'allowed' });
  });

  it('an unknown format is a usage error listing the formats', () => {
    expectUsageError(iamwhy([...ALLOWED, '-o', 'yaml']), /--output must be one of text, summary, quiet, json, not "yaml"/);
  });

  it('the last -o wins', () => {
    expect(iamwhy([...ALLOWED, '-o', 'yaml', '-o', 'quiet']).stdout).toBe('ALLOW\n');
    expect(iamwhy([...ALLOWED, '-o', 'json', '-o', 'quiet']).stdout).toBe('ALLOW\n');
    expectJsonError(iamwhy([ALICE, 's3:GetObjects', '-i', READ, '-o', 'quiet', '-o', 'json']), /unknown action/);
  });
});

describe('every output says how sure it is (certain / unknowns)', () => {
  const CERTAIN = [...ALLOWED, '--organization-config', ORG, '--region', 'eu-west-1'];
  it('text: the verdict line names what the answer depends on, and a section lists each unknown', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('source-ip.json'), '--organization-config', ORG, '--region', 'eu-west-1']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^Verdict: DENIED \(implicit deny\) — depends on aws:MultiFactorAuthPresent, which$/m);
    expect(run.stdout).toMatch(/^Not certain — what iamwhy did not have could change this:$/m);
    expect(run.stdout).toMatch(/^ {2}\? Depends on aws:SourceIp, which the request did not give/m);
  });

  it('text: nothing lacking, nothing said', () => {
    const run = iamwhy(CERTAIN);
    expect(run.stdout).toMatch(/^Verdict: ALLOWED$/m);
    expect(run.stdout).not.toMatch(/Not certain/);
  });

  it('summary: one extra clause', () => {
    const run = iamwhy([...ALLOWED, '-o', 'summary']);
    expect(run.stdout.replace(/\n\s+/g, ' ')).toContain('Not certain: could be DENIED by a service control policy that was not given (and 1 more unknown).');
    expect(iamwhy([...CERTAIN, '-o', 'summary']).stdout).not.toMatch(/Not certain/);
  });

  it('json: certain and unknowns, each with kind, detail and the decision it could lead to', () => {
    const uncertain = validJson(iamwhy([...ALLOWED, '-o', 'json'])) as { certain: boolean; unknowns: unknown[] };
    expect(uncertain.certain).toBe(false);
    expect(uncertain.unknowns).toEqual([
      expect.objectContaining({ kind: 'policy_not_supplied', layer: 'scp', could_lead_to: 'explicitDeny', key: null }),
      expect.objectContaining({ kind: 'policy_not_supplied', layer: 'rcp', could_lead_to: 'explicitDeny', key: null }),
    ]);
    expect(validJson(iamwhy([...CERTAIN, '-o', 'json']))).toMatchObject({ certain: true, unknowns: [] });
  });

  it('quiet stays one word, and the exit codes stay 0/1', () => {
    expect(iamwhy([...ALLOWED, '-o', 'quiet'])).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });
});

describe('-o json is valid JSON that matches the schema', () => {
  const cases: Array<[string, string[], number]> = [
    ['allowed by an identity policy', ALLOWED, 0],
    ['implicit deny with a near miss', DENIED, 1],
    ['explicit deny', [ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ, '-i', fixture('deny-s3.json')], 1],
    ['SCP deny from the organization YAML', [ALICE, 'ec2:RunInstances', '-r', 'arn:aws:ec2:us-east-1:111111111111:instance/*', '-i', ALLOW_ALL, '--organization-config', ORG], 1],
    ['permissions boundary', [ALICE, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--permission-boundary', fixture('deny-s3.json')], 1],
    ['session policy', [SESSION, 's3:PutObject', '-r', OBJECT, '-i', ALLOW_ALL, '--session-policy', READ], 1],
    ['VPC endpoint policy', [ALICE, 's3:GetObject', '-r', OBJECT, '-i', ALLOW_ALL, '--vpc-endpoint-policy', fixture('vpce-deny-s3.json')], 1],
    ['trust policy', [ALICE, 'sts:AssumeRole', '-r', 'arn:aws:iam::111111111111:role/deploy', '-R', fixture('trust.json')], 0],
    ['KMS key policy', [ALICE, 'kms:Decrypt', '-r', KMS_KEY, '-R', fixture('key-policy.json')], 1],
    ['bucket policy', [ALICE, 's3:GetObject', '-r', OBJECT, '-R', fixture('bucket-policy.json')], 0],
    ['snapshot and bare name', ['alice', 's3:GetObject', '-r', OBJECT, '--snapshot', GAAD], 0],
    ['multi-valued --context', [ALICE, 'ec2:CreateTags', '-i', fixture('tag-keys.json'), '--context', 'aws:TagKeys=Owner', '--context', 'aws:TagKeys=Project'], 0],
    ['missing context keys', [ALICE, 's3:GetObject', '-i', fixture('source-ip.json')], 1],
    ['an action/resource pair that cannot match', [ALICE, 's3:ListBucket', '-r', OBJECT, '-i', READ], 1],
    ['an unknown action evaluated anyway', [ALICE, 's3:FooBar', '-i', READ, '--allow-unknown-action'], 1],
    ['policy warnings', [ALICE, 's3:GetObject', '-i', fixture('warnings.json')], 0],
  ];
  it.each(cases)('%s', (_name, args, status) => {
    const run = iamwhy([...args, '-o', 'json']);
    expect(run.status, run.stderr).toBe(status);
    const output = validJson(run) as { decision: string };
    expect(output.decision === 'allowed').toBe(status === 0);
  });

  it('policy warnings are in the JSON findings too', () => {
    const output = validJson(iamwhy([ALICE, 's3:GetObject', '-i', fixture('warnings.json'), '-o', 'json'])) as { findings: Array<{ code: string }> };
    expect(output.findings.map((finding) => finding.code)).toEqual(['VERSION_MISSING', 'SID_DUPLICATE']);
  });
});

describe('every error with -o json is a JSON error object on stdout (exit 2)', () => {
  const errors: Array<[string, string[], RegExp]> = [
    ['no arguments', [], /missing PRINCIPAL and ACTION/],
    ['missing action', [ALICE, '-i', READ], /missing ACTION/],
    ['missing principal', ['-a', 's3:GetObject', '-i', READ], /missing PRINCIPAL/],
    ['principal twice', [ALICE, 's3:GetObject', '-p', ALICE, '-i', READ], /give the principal once/],
    ['bare name without --snapshot', ['alice', 's3:GetObject', '-i', READ], /bare name/],
    ['no sources and no AWS credentials', [ALICE, 's3:GetObject'], /no AWS credentials found/],
    ['unknown option', [ALICE, 's3:GetObject', '--resouce', OBJECT], /unknown option '--resouce'; did you mean --resource\?/],
    ['option without value', [ALICE, 's3:GetObject', '-i'], /argument missing/],
    ['too many arguments', [ALICE, 's3:GetObject', 'extra', '-i', READ], /too many arguments/],
    ['typo in the action', [ALICE, 's3:GetObjects', '-i', READ], /did you mean s3:GetObject\b/],
    ['resource not an ARN', [ALICE, 's3:GetObject', '-r', 'bucket/key', '-i', READ], /is not an ARN/],
    ['bad --context value', [ALICE, 's3:GetObject', '-i', READ, '--context', 'aws:CurrentTime=soon'], /aws:CurrentTime is Date/],
    ['missing file', [ALICE, 's3:GetObject', '-i', fixture('missing.json')], /no such file/],
    ['directory', [ALICE, 's3:GetObject', '-i', FIXTURES], /it is a directory/],
    ['empty file', [ALICE, 's3:GetObject', '-i', fixture('empty.json')], /empty/],
    ['JSON syntax error', [ALICE, 's3:GetObject', '-i', fixture('broken.json')], /broken\.json:4:\d+: error/],
    ['unknown snapshot name', ['alcie', 's3:GetObject', '--snapshot', GAAD], /closest: alice/],
    ['bad --color', [...ALLOWED, '--color', 'rainbow'], /--color must be one of/],
    ['who-can without snapshot', ['who-can', 's3:GetObject'], /needs an account snapshot/],
    ['completion for an unknown shell', ['completion', 'tcsh'], /unknown shell "tcsh"/],
  ];
  it.each(errors)('%s', (_name, args, pattern) => {
    // -o json first: after -i it would be read as the file name.
    const error = expectJsonError(iamwhy(['-o', 'json', ...args]), pattern);
    // One line, as on stderr without -o json.
    expect(error.message).not.toMatch(/\n/);
  });
});

describe('warnings go to stderr, never stdout', () => {
  it.each(['text', 'summary', 'json', 'quiet'])('-o %s', (format) => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', fixture('warnings.json'), '-o', format]);
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/warnings\.json:1:1: warning: The policy has no "Version"/),
      expect.stringMatching(/warnings\.json:3:4: warning: Statement\[1\] repeats the Sid "Dup" of Statement\[0\]/),
    ]);
    if (format === 'json') {
      // Findings are data in the JSON document; nothing else is mixed into it.
      validJson(run);
    } else {
      expect(run.stdout).not.toMatch(/warning:/);
      expect(run.stdout).not.toMatch(/has no "Version"/);
    }
  });

  it.each(['text', 'summary', 'json', 'quiet'])('the resource warning, -o %s', (format) => {
    const run = iamwhy([ALICE, 's3:ListBucket', '-r', OBJECT, '-i', READ, '-o', format]);
    expect(run.stderr).toMatch(/^warning: arn:aws:s3:::bucket\/reports\/q1\.csv is not a resource s3:ListBucket acts on/m);
    expect(run.stdout).not.toMatch(/^warning:/m);
  });
});

describe('--color', () => {
  it('never: no escapes', () => {
    expect(iamwhy([...ALLOWED, '--color', 'never'], { env: { NO_COLOR: undefined } }).stdout).not.toMatch(ANSI);
  });

  it('auto on a non-TTY: no escapes (even without NO_COLOR)', () => {
    expect(iamwhy(ALLOWED, { env: { NO_COLOR: undefined } }).stdout).not.toMatch(ANSI);
    expect(iamwhy([...ALLOWED, '--color', 'auto'], { env: { NO_COLOR: undefined } }).stdout).not.toMatch(ANSI);
  });

  it('NO_COLOR=1: no escapes', () => {
    expect(iamwhy(ALLOWED, { env: { NO_COLOR: '1' } }).stdout).not.toMatch(ANSI);
  });

  it('always: escapes in text and summary, never in json or quiet', () => {
    expect(iamwhy([...ALLOWED, '--color', 'always']).stdout).toMatch(ANSI);
    expect(iamwhy([...ALLOWED, '--color', 'always', '-o', 'summary']).stdout).toMatch(ANSI);
    expect(iamwhy([...ALLOWED, '--color', 'always', '-o', 'json']).stdout).not.toMatch(ANSI);
    expect(iamwhy([...ALLOWED, '--color', 'always', '-o', 'quiet']).stdout).toBe('ALLOW\n');
  });

  it('an unknown value is a usage error', () => {
    expectUsageError(iamwhy([...ALLOWED, '--color', 'sometimes']), /--color must be one of auto, always, never, not "sometimes"/);
  });
});

describe('--version, --help, --debug', () => {
  it('--version prints the package.json version and which service data is used, with its date', () => {
    const run = iamwhy(['--version'], { env: { IAMWHY_CACHE_DIR: '/nonexistent/iamwhy-cache' } });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const [version, data] = run.stdout.trimEnd().split('\n');
    expect(version).toBe(VERSION);
    expect(data).toMatch(/^service data: bundled @cloud-copilot\/iam-data \d+\.\d+\.\d+ \(\d{4}-\d{2}-\d{2}\); refresh with --update-definitions$/);
  });

  it('--help shows usage, every option, examples and the exit-code table', () => {
    const run = iamwhy(['--help']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^Usage: iamwhy \[PRINCIPAL\] \[ACTION\] \[options\]/);
    for (const flag of ['--principal-arn', '--action', '--resource', '--context', '--snapshot', '--identity-policy', '--resource-policy', '--permission-boundary', '--session-policy', '--vpc-endpoint-policy', '--organization-config', '--principal-context', '--resource-context', '--request-context', '--generate-context-template', '--update-definitions', '--offline', '--allow-unknown-action', '--output', '--color', '--debug']) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toMatch(/\nExamples:\n {2}# /);
    expect(run.stdout).toMatch(/\nExit codes:\n {2}0 {2}allowed\n {2}1 {2}denied \(explicit or implicit deny\)\n {2}2 {2}usage error, unreadable or invalid input/);
    expect(iamwhy(['-h']).stdout).toBe(run.stdout);
    expect(iamwhy(['help']).stdout).toBe(run.stdout);
  });

  it.skipIf(!existsSync(new URL('../../examples/acme/acme-snapshot.json', import.meta.url)))('the runnable examples of --help run (exit 0 or 1)', () => {
    const commands = [...iamwhy(['--help']).stdout.matchAll(/^ {2}iamwhy (.*examples\/\S+.*)$/gm)].map((match) => match[1]!.split(/\s+/).map((word) => word.replace(/^'(.*)'$/, '$1')));
    expect(commands.length).toBeGreaterThan(0);
    for (const args of commands) {
      const run = iamwhy(args);
      expect([0, 1], `iamwhy ${args.join(' ')}\n${run.stderr}`).toContain(run.status);
    }
  });

  it('completion --help', () => {
    const run = iamwhy(['completion', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: iamwhy completion bash\|zsh\|fish/);
  });

  it('--debug does not add a stack trace to usage errors or invalid input', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '--debug']), /no AWS credentials found/);
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', fixture('broken.json'), '--debug']), /broken\.json:4/);
    expectUsageError(iamwhy(['who-can', 's3:GetObject', '--debug']), /needs an account snapshot/);
  });
});

describe('exit codes', () => {
  it('are 0 allowed, 1 denied, 2 error — nothing else', () => {
    expect(iamwhy([...ALLOWED, '-o', 'quiet']).status).toBe(0);
    expect(iamwhy([...DENIED, '-o', 'quiet']).status).toBe(1);
    expect(iamwhy([ALICE, 's3:GetObject', '-i', fixture('deny-s3.json'), '-o', 'quiet']).status).toBe(1);
    expect(iamwhy([...ALLOWED, '--bogus']).status).toBe(2);
  });
});
