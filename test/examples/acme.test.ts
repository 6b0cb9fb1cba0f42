/**
 * The stories of `examples/acme/README.md`, run as a user would: `node bin/iamwhy.js …
 * --snapshot examples/acme/acme-snapshot.json` from the repository root, as a
 * subprocess with NO_COLOR=1. The expected answers come from AWS's documentation
 * ("Policy evaluation logic", "Cross-account policy evaluation logic", "Service control
 * policies (SCPs)", "Resource control policies (RCPs)", "Permissions boundaries for IAM
 * entities", KMS "Key policies"), not from iamwhy's output.
 * Needs `dist/`: `npm test` builds first; by hand, `npm run build` before vitest.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(repoRoot, 'bin', 'iamwhy.js');
const SNAPSHOT = 'examples/acme/acme-snapshot.json';
const readme = readFileSync(join(repoRoot, 'examples', 'acme', 'README.md'), 'utf8');
const snapshotText = readFileSync(join(repoRoot, SNAPSHOT), 'utf8');

const REPORT = 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv';
const AUDIT_REPORT = 'arn:aws:s3:::acme-reports/audit/2025/q1-revenue.csv';
const DEPLOY_ROLE = 'arn:aws:iam::111111111111:role/DeployRole';
const REPORTS_KEY = 'arn:aws:kms:eu-west-1:111111111111:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b';
const EU_WEST_1 = ['--context', 'aws:RequestedRegion=eu-west-1'];
const AUDITOR = 'arn:aws:iam::444444444444:role/acme-auditor';

type Decision = 'allowed' | 'explicitDeny' | 'implicitDeny';
type Layer = 'rcp' | 'scp' | 'vpc_endpoint' | 'resource' | 'identity' | 'permissions_boundary' | 'session_policy';

interface Story {
  name: string;
  /** Arguments after `node bin/iamwhy.js`, before `--snapshot`. */
  args: string[];
  decision: Decision;
  cause: string | null;
  blocked_by: Layer[];
  /** Explicit deny: the matching Deny statements; allowed: statements that grant or let it through. */
  sids?: string[];
}

/** The twelve stories of the README, then "More to try". */
const STORIES: Story[] = [
  {
    name: 'bob cannot launch EC2 in Sydney: the RestrictRegions SCP denies it (main command)',
    args: ['bob', 'ec2:RunInstances', '-r', 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*', '--literal-resource'],
    decision: 'explicitDeny',
    cause: 'scp_block',
    blocked_by: ['scp'],
    sids: ['DenyOutsideApprovedRegions'],
  },
  {
    name: 'alice reads a report through her data-analysts group policy',
    args: ['alice', 's3:GetObject', '-r', REPORT, ...EU_WEST_1],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['ReadReportObjects'],
  },
  {
    name: 'alice over plain HTTP is denied by the HTTPS-only bucket policy',
    args: ['alice', 's3:GetObject', '-r', REPORT, ...EU_WEST_1, '--context', 'aws:SecureTransport=false'],
    decision: 'explicitDeny',
    cause: 'explicit_deny',
    blocked_by: ['resource'],
    sids: ['DenyInsecureTransport'],
  },
  {
    name: 'dana (delegated admin) cannot create an IAM user: her boundary denies it',
    args: ['dana', 'iam:CreateUser', '-r', 'arn:aws:iam::111111111111:user/contractor-zoe'],
    decision: 'explicitDeny',
    cause: 'explicit_deny',
    blocked_by: ['permissions_boundary'],
    sids: ['DenyIamUserCreation'],
  },
  {
    name: 'dana cannot create a role with a boundary other than DelegatedAdminBoundary',
    args: [
      'dana',
      'iam:CreateRole',
      '-r',
      'arn:aws:iam::111111111111:role/app-worker',
      '--context',
      'iam:PermissionsBoundary=arn:aws:iam::aws:policy/AdministratorAccess',
    ],
    decision: 'implicitDeny',
    cause: 'permissions_boundary',
    blocked_by: ['permissions_boundary'],
  },
  {
    name: "dev's analytics-reader reads a prod report: identity policy and bucket policy both allow",
    args: ['analytics-reader', 's3:GetObject', '-r', REPORT, ...EU_WEST_1],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['ReadProdReports', 'AllowDevAnalyticsRead'],
  },
  {
    name: "dev's ml-training is named in the bucket policy but has no identity policy for it",
    args: ['ml-training', 's3:GetObject', '-r', REPORT, ...EU_WEST_1],
    decision: 'implicitDeny',
    cause: 'implicit_deny',
    blocked_by: ['identity'],
  },
  {
    name: 'bob (team=platform) assumes DeployRole: trust policy and identity policy allow',
    args: ['bob', 'sts:AssumeRole', '-r', DEPLOY_ROLE],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['TrustPlatformEngineers', 'AssumeDeployRole'],
  },
  {
    name: 'carol (team=web) cannot assume DeployRole: the trust policy does not allow her',
    args: ['carol', 'sts:AssumeRole', '-r', DEPLOY_ROLE],
    decision: 'implicitDeny',
    cause: 'implicit_deny',
    blocked_by: ['resource'],
  },
  {
    name: 'a ReportingJob session without a session policy decrypts through the key policy',
    args: ['arn:aws:sts::111111111111:assumed-role/ReportingJob/nightly-report', 'kms:Decrypt', '-r', REPORTS_KEY],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['AllowUseOfTheKey'],
  },
  // More to try
  {
    name: 'more: even an administrator role cannot leave the organization (SCP)',
    args: ['arn:aws:iam::111111111111:role/OrganizationAccountAccessRole', 'organizations:LeaveOrganization'],
    decision: 'explicitDeny',
    cause: 'scp_block',
    blocked_by: ['scp'],
    sids: ['DenyLeaveOrganization'],
  },
  {
    name: "more: dev's ci-runner assumes prod's DeployRole across accounts",
    args: ['ci-runner', 'sts:AssumeRole', '-r', DEPLOY_ROLE],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['AssumeProdDeployRole', 'TrustDevCiRunner'],
  },
  {
    name: 'more: dana creates a role that carries her own boundary',
    args: [
      'dana',
      'iam:CreateRole',
      '-r',
      'arn:aws:iam::111111111111:role/app-worker',
      '--context',
      'iam:PermissionsBoundary=arn:aws:iam::111111111111:policy/DelegatedAdminBoundary',
    ],
    decision: 'allowed',
    cause: null,
    blocked_by: [],
    sids: ['AdministerIam', 'CreateOrChangeOnlyWithBoundary'],
  },
  {
    name: 'more: KeyAdmin administers the key but cannot decrypt with it',
    args: ['KeyAdmin', 'kms:Decrypt', '-r', REPORTS_KEY],
    decision: 'implicitDeny',
    cause: 'implicit_deny',
    blocked_by: ['identity'],
  },
  {
    name: 'more: the S3 VPC endpoint policy stops sam reading a non-acme bucket',
    args: [
      'sam',
      's3:GetObject',
      '-r',
      'arn:aws:s3:::legacy-exports-2019/2019/invoices.csv',
      ...EU_WEST_1,
      '--context',
      'aws:SourceVpce=vpce-0acme5e3a1b2c3d4e',
    ],
    decision: 'implicitDeny',
    cause: 'vpc_endpoint_block',
    blocked_by: ['vpc_endpoint'],
  },
];

const WHO_CAN_ARGS = ['who-can', 's3:GetObject', '-r', REPORT, ...EU_WEST_1];
const WHO_CAN_ALLOWED = [
  'arn:aws:iam::111111111111:role/OrganizationAccountAccessRole',
  'arn:aws:iam::111111111111:role/ReportingJob',
  'arn:aws:iam::111111111111:user/alice',
  'arn:aws:iam::111111111111:user/dana',
  'arn:aws:iam::111111111111:user/dmitri',
  'arn:aws:iam::111111111111:user/sam',
  'arn:aws:iam::222222222222:role/analytics-reader',
];

const EXIT_CODE: Record<Decision, number> = { allowed: 0, explicitDeny: 1, implicitDeny: 1 };

interface StatementRef {
  sid: string | null;
}

interface Output {
  decision: Decision;
  cause: string | null;
  blocked_by: Layer[];
  blocking_policies: Array<{ statement: { sid: string | null } | null }>;
  layers: Array<{ layer: Layer; deciding: StatementRef[] }>;
  suggestions: Array<{ kind: string; layer?: string; title: string; details: string[]; statement?: Record<string, unknown> | null }>;
  aws_message: string | null;
}

interface WhoCanOutput {
  counts: { allowed: number; explicitDeny: number; implicitDeny: number };
  principals: Array<{ arn: string; decision: Decision; blocked_by: Layer[]; incomplete: boolean }>;
}

const outputSchema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'iamwhy-output.schema.json'), 'utf8')) as Record<string, unknown>;
const validateOutput = new Ajv2020({ allErrors: true, strict: true }).compile(outputSchema);

/** `node bin/iamwhy.js ...args --snapshot examples/acme/acme-snapshot.json` from the repository root. */
async function iamwhy(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args, '--snapshot', SNAPSHOT], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function explain(args: string[]): Promise<Output> {
  const json = await iamwhy([...args, '-o', 'json']);
  const output = JSON.parse(json.stdout) as Output;
  expect(validateOutput(output), JSON.stringify(validateOutput.errors, null, 2)).toBe(true);
  return output;
}

/** The shell word for an argument: quoted when the shell would change it. */
function shellWord(arg: string): string {
  return /^[\w:/.=@,+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The one-line command the README shows. */
function command(args: string[]): string {
  return ['node', 'bin/iamwhy.js', ...args, '--snapshot', SNAPSHOT].map(shellWord).join(' ');
}

function decidingSids(output: Output): Array<string | null | undefined> {
  return output.decision === 'explicitDeny'
    ? output.blocking_policies.map((policy) => policy.statement?.sid)
    : output.layers.flatMap((layer) => layer.deciding.map((ref) => ref.sid));
}

describe('acme example', () => {
  it('acme: the snapshot is valid against schema/iamwhy-snapshot.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'iamwhy-snapshot.schema.json'), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const snapshot = JSON.parse(snapshotText) as unknown;
    expect(validate(snapshot), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('acme: the snapshot shows the input variants (URL-encoded and JSON-string policies, FullAWSAccess everywhere)', () => {
    const snapshot = JSON.parse(snapshotText) as {
      accounts: Array<{ authorizationDetails: { RoleDetailList: Array<{ RoleName: string; AssumeRolePolicyDocument: unknown }> } }>;
      organization: { policies: Array<{ name: string; content: unknown; targets: string[] }>; organizationalUnits: unknown[]; accounts: unknown[] };
    };
    const deployRole = snapshot.accounts.flatMap((account) => account.authorizationDetails.RoleDetailList).find((role) => role.RoleName === 'DeployRole');
    expect(deployRole?.AssumeRolePolicyDocument).toMatch(/^%7B%22Version%22/);
    const fullAccess = snapshot.organization.policies.find((policy) => policy.name === 'FullAWSAccess');
    expect(fullAccess?.content).toBe('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}');
    expect(fullAccess?.targets).toHaveLength(1 + snapshot.organization.organizationalUnits.length + snapshot.organization.accounts.length);
  });

  it('acme: README shows every story with its one-line command, the main command first', () => {
    for (const story of STORIES) expect(readme, story.name).toContain(command(story.args));
    expect(readme).toContain(command(WHO_CAN_ARGS));
    const main = command(STORIES[0]!.args);
    const firstBlock = /```sh\n(.*)\n```/.exec(readme)?.[1];
    expect(firstBlock).toBe(main);
  });
});

describe.concurrent('acme stories', () => {
  for (const story of STORIES) {
    it(`acme: ${story.name}`, { timeout: 60_000 }, async ({ expect }) => {
      const text = await iamwhy(story.args);
      expect(text.stderr, 'stderr of the text run').toBe('');
      expect(text.code, `exit code\n${text.stdout}`).toBe(EXIT_CODE[story.decision]);

      const output = await explain(story.args);
      expect({ decision: output.decision, cause: output.cause, blocked_by: output.blocked_by }).toEqual({
        decision: story.decision,
        cause: story.cause,
        blocked_by: story.blocked_by,
      });
      const sids = decidingSids(output);
      for (const sid of story.sids ?? []) expect(sids, `deciding statements`).toContain(sid);
    });
  }

  it('acme: the RCP stops an outside auditor named in the bucket policy', { timeout: 60_000 }, async ({ expect }) => {
    const args = [AUDITOR, 's3:GetObject', '-r', AUDIT_REPORT];
    const text = await iamwhy(args);
    expect(text.code, text.stdout).toBe(1);
    const output = await explain(args);
    expect(output.decision).toBe('explicitDeny');
    expect(output.blocked_by).toEqual(['rcp']);
    expect(decidingSids(output)).toEqual(['EnforceOrgIdentities']);
    // "Troubleshoot access denied (403 Forbidden) errors in Amazon S3": callers from another account get no detail.
    expect(output.aws_message).toBe('Access Denied');
  });

  it('acme: who-can read a report lists the seven principals AWS allows', { timeout: 60_000 }, async ({ expect }) => {
    const text = await iamwhy(WHO_CAN_ARGS);
    expect(text.stderr).toBe('');
    expect(text.code, text.stdout).toBe(0);
    for (const arn of WHO_CAN_ALLOWED) expect(text.stdout).toContain(arn);

    const json = await iamwhy([...WHO_CAN_ARGS, '-o', 'json']);
    expect(json.code).toBe(0);
    const output = JSON.parse(json.stdout) as WhoCanOutput;
    const allowed = output.principals.filter((principal) => principal.decision === 'allowed').map((principal) => principal.arn);
    expect(allowed.sort()).toEqual(WHO_CAN_ALLOWED);
    expect(output.counts).toEqual({ allowed: 7, explicitDeny: 0, implicitDeny: 10 });
    const blockedBy = (arn: string): Layer[] | undefined => output.principals.find((principal) => principal.arn === arn)?.blocked_by;
    expect(blockedBy('arn:aws:iam::222222222222:role/ml-training')).toEqual(['identity']);
    expect(blockedBy('arn:aws:iam::222222222222:user/erin')).toEqual(['resource']);
    expect(blockedBy('arn:aws:iam::999999999999:user/maria')).toEqual(['resource']);
    expect(output.principals.every((principal) => !principal.incomplete)).toBe(true);
  });

  it('acme: the outside auditor is blocked by the RCP alone (its account is outside the snapshot, so only the resource side is evaluated)', { timeout: 60_000 }, async ({ expect }) => {
    // "Resource control policies (RCPs)": the RCP of the resource owner's organization applies to
    // callers from any account. The auditor's account is not in the snapshot, so its identity
    // policies are unknown, not known to deny: iamwhy evaluates the resource side only.
    const output = await explain([AUDITOR, 's3:GetObject', '-r', AUDIT_REPORT]);
    expect({ decision: output.decision, cause: output.cause, blocked_by: output.blocked_by }).toEqual({ decision: 'explicitDeny', cause: 'rcp_block', blocked_by: ['rcp'] });
  });

  it('acme: reading a report of the SSE-KMS acme-reports bucket also needs kms:Decrypt on its key (the snapshot’s s3Encryption)', { timeout: 60_000 }, async ({ expect }) => {
    const output = (await explain(['analytics-reader', 's3:GetObject', '-r', 'arn:aws:s3:::acme-reports/2025/q1-revenue.csv'])) as unknown as { decision: string; next_steps: string[] };
    expect(output.decision).toBe('allowed');
    expect(output.next_steps).toEqual(['The bucket encrypts objects with SSE-KMS by default: reading them also needs kms:Decrypt on arn:aws:kms:eu-west-1:111111111111:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b.']);
  });

  it('acme: the fix for carol is the trust policy’s tag condition, and no suggested trust statement has a Resource', { timeout: 60_000 }, async ({ expect }) => {
    // Role trust policies have no Resource element: IAM rejects one ("IAM JSON policy elements: Resource").
    const output = await explain(['carol', 'sts:AssumeRole', '-r', DEPLOY_ROLE]);
    expect(output.suggestions[0]?.kind).toBe('meet-condition');
    // In words for the request: the principal needs the tag the trust policy's condition asks for.
    expect(output.suggestions[0]?.title).toContain('tag the principal team=platform');
    expect(output.suggestions[0]?.details.join(' ')).toContain('Its condition: StringEquals aws:PrincipalTag/team platform (the request has web).');
    for (const suggestion of output.suggestions.filter((candidate) => candidate.layer === 'resource' && candidate.statement != null)) {
      expect(suggestion.statement).not.toHaveProperty('Resource');
    }
  });
});
