/** PRINCIPAL, ACTION, -p, -a, -r: how the command reads who asks for what, and the mistakes a new user makes. */
import { describe, expect, it } from 'vitest';
import { ALICE, OBJECT, expectJsonError, expectUsageError, fixture, iamwhy } from './helpers.js';

const READ = fixture('read-bucket.json');

describe('principal, action and resource', () => {
  it('takes PRINCIPAL and ACTION as arguments (allowed: exit 0)', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-r', OBJECT, '-i', READ]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Principal: arn:aws:iam::111111111111:user\/alice$/m);
    expect(run.stdout).toMatch(/^Action: +s3:GetObject$/m);
    expect(run.stdout).toMatch(/^Resource: +arn:aws:s3:::bucket\/reports\/q1\.csv$/m);
    expect(run.stdout).toMatch(/Verdict: ALLOWED/);
    expect(run.stderr).toBe('');
  });

  it('takes -p/--principal-arn and -a/--action instead (denied: exit 1)', () => {
    const short = iamwhy(['-p', ALICE, '-a', 's3:PutObject', '-r', OBJECT, '-i', READ, '-o', 'quiet']);
    expect(short).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n', stderr: '' });
    const long = iamwhy(['--principal-arn', ALICE, '--action', 's3:GetObject', '--resource', OBJECT, '--identity-policy', READ, '-o', 'quiet']);
    expect(long).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
  });

  it('defaults the resource to *, read as a pattern for an action that acts on resources (is some resource allowed?)', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '-i', READ, '-o', 'summary']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/s3:GetObject on \*/);
    expect(run.stdout.replace(/\n\s+/g, ' ')).toContain('Scope: for some resources matching *, e.g. arn:aws:s3:::bucket/* — not necessarily all');
    expect(run.stderr).toMatch(/^warning: the resource is \* \(no -r given\), a pattern: iamwhy answers whether s3:GetObject is allowed on some resource matching it/m);
    // Read literally, * is no resource the policy names.
    expect(iamwhy([ALICE, 's3:GetObject', '-i', READ, '--literal-resource', '-o', 'quiet'])).toMatchObject({ status: 1, stdout: 'IMPLICIT_DENY\n', stderr: '' });
    const allowAll = iamwhy([ALICE, 's3:GetObject', '-i', fixture('allow-all.json'), '-o', 'quiet']);
    expect(allowAll).toMatchObject({ status: 0, stdout: 'ALLOW\n' });
  });

  it('accepts the action in any case and prints its canonical spelling', () => {
    const run = iamwhy([ALICE, 'S3:getobject', '-r', OBJECT, '-i', READ, '-o', 'summary']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED: s3:GetObject on /);
  });

  it('reads a lone argument shaped like an action as the action (principal from -p)', () => {
    const run = iamwhy(['s3:GetObject', '-p', ALICE, '-r', OBJECT, '-i', READ, '-o', 'quiet']);
    expect(run).toMatchObject({ status: 0, stdout: 'ALLOW\n', stderr: '' });
  });

  it('rejects the principal given twice', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-p', ALICE, '-i', READ]), /give the principal once/);
  });

  it('rejects the action given twice', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-a', 's3:GetObject', '-i', READ]), /give the action once/);
  });

  it('without arguments, says what to type', () => {
    expectUsageError(iamwhy([]), /missing PRINCIPAL and ACTION: e\.g\. iamwhy alice s3:GetObject .*iamwhy --help/);
  });

  it('a missing action is a one-line usage error', () => {
    expectUsageError(iamwhy([ALICE, '-i', READ]), /^iamwhy: missing ACTION: give it as the second argument or with -a\/--action/);
  });

  it('a missing principal is a one-line usage error', () => {
    expectUsageError(iamwhy(['-a', 's3:GetObject', '-i', READ]), /missing PRINCIPAL: give it as the first argument, with -p\/--principal-arn, or in --principal-context/);
    expectUsageError(iamwhy(['s3:GetObject', '-i', READ]), /missing PRINCIPAL/);
  });

  it('no policy source reads the account live: without credentials, one line saying how to give them or go offline', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject']), /no AWS credentials found: configure them .*AWS_PROFILE or --profile.*, or give --snapshot FILE or policy files to explain offline/);
  });

  it('--offline without a policy source, and --profile beside one, are usage errors', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '--offline']), /--offline: no policies to evaluate; give --snapshot FILE or policy files/);
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', READ, '--profile', 'prod']), /--profile and --resource-profile read a live account: they cannot be combined with --snapshot or policy files/);
  });

  it('a bare name without --snapshot says to give the ARN or a snapshot', () => {
    expectUsageError(iamwhy(['alice', 's3:GetObject', '-i', READ]), /"alice" is a bare name: give its ARN, or --snapshot FILE/);
  });

  it('a malformed principal ARN says what a principal looks like', () => {
    expectUsageError(iamwhy(['arn:aws:iam::alice', 's3:GetObject', '-i', READ]), /is not a principal: expected an IAM or STS ARN/);
  });

  it('a typo in an option gets commander’s "did you mean"', () => {
    const run = iamwhy([ALICE, 's3:GetObject', '--resouce', OBJECT, '-i', READ]);
    expectUsageError(run, /unknown option '--resouce'; did you mean --resource\? \(see iamwhy --help\)/i);
  });

  it('an option without its value is a usage error', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', READ, '-r']), /option '-r, --resource <arn>' argument missing/);
  });

  it('extra arguments (e.g. two files after one -i) say to repeat the flag', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-i', READ, fixture('allow-all.json')]), /too many arguments: .*repeat the flag \(-i a\.json -i b\.json\)/);
  });

  it('a typo in the action suggests the right one (exit 2)', () => {
    const run = iamwhy([ALICE, 's3:GetObjects', '-i', READ]);
    expectUsageError(run, /unknown action "s3:GetObjects"; did you mean s3:GetObject\b.*--allow-unknown-action/);
    expectJsonError(iamwhy([ALICE, 's3:GetObjects', '-i', READ, '-o', 'json']), /did you mean s3:GetObject\b/, 'UNKNOWN_ACTION');
  });

  it('an unknown service is an error unless --allow-unknown-action, which warns and evaluates', () => {
    expectUsageError(iamwhy([ALICE, 'foo:Bar', '-i', READ]), /unknown service "foo" in ACTION "foo:Bar"; add --allow-unknown-action/);
    const run = iamwhy([ALICE, 'foo:Bar', '-i', fixture('allow-all.json'), '--allow-unknown-action', '-o', 'quiet']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('ALLOW\n');
    expect(run.stderr).toMatch(/^warning: unknown service "foo" in ACTION "foo:Bar"; evaluating it anyway$/m);
  });

  it('a wildcard action is not one action, and --allow-unknown-action does not change that', () => {
    expectUsageError(iamwhy([ALICE, 's3:Get*', '-i', READ]), /ACTION "s3:Get\*" is a wildcard pattern, not one action/);
    expectUsageError(iamwhy([ALICE, 's3:Get*', '-i', READ, '--allow-unknown-action']), /wildcard pattern/);
  });

  it('a resource that is not an ARN is a usage error (an s3:// URL gets the ARN suggested)', () => {
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-r', 's3://bucket/key', '-i', READ]), /RESOURCE "s3:\/\/bucket\/key" is not an ARN; did you mean arn:aws:s3:::bucket\/key\?/);
    expectUsageError(iamwhy([ALICE, 's3:GetObject', '-r', 'bucket', '-i', READ]), /RESOURCE "bucket" is not an ARN/);
  });

  it('an action/resource pair that cannot match warns on stderr and How to fix calls it out', () => {
    const run = iamwhy([ALICE, 's3:ListBucket', '-r', OBJECT, '-i', fixture('allow-all.json')]);
    // allow-all allows everything: the pair is still reported as impossible.
    expect(run.stderr).toMatch(/^warning: arn:aws:s3:::bucket\/reports\/q1\.csv is not a resource s3:ListBucket acts on \(expected .*bucket/m);
    expect(run.stdout).not.toMatch(/warning:/);
    const denied = iamwhy([ALICE, 's3:ListBucket', '-r', OBJECT, '-i', READ]);
    expect(denied.status).toBe(1);
    const fix = denied.stdout.slice(denied.stdout.indexOf('How to fix:'));
    expect(fix).toMatch(/^How to fix:/);
    expect(fix.replace(/\s+/g, ' ')).toContain('Name a resource s3:ListBucket acts on: arn:aws:s3:::bucket/reports/q1.csv is not one, so no policy can allow this pair.');
    expect(denied.stderr).toMatch(/^warning: .*is not a resource s3:ListBucket acts on/m);
  });
});
