// Writes a large synthetic iamwhy snapshot for benchmarks: by default 5,000 roles,
// 1,000 users, 3,000 customer managed policies (one to three versions each), 60
// groups, 600 resources with policies and an organization with SCPs and RCPs.
// Statements mix actions, wildcards, NotAction, Deny and conditions the way real
// accounts do; about a third of the documents are URL-encoded as SDKs return them.
// Deterministic: the same options give the same file.
//
//   node bench/snapshot/generate.js [--out FILE] [--scale 1]
import { Buffer } from 'node:buffer';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEFAULT_OUT = fileURLToPath(new URL('../out/snapshot-large.json', import.meta.url));

const ACCOUNT = '123456789012';
const OTHER_ACCOUNTS = ['210987654321', '333344445555'];
const MANAGEMENT = '999988887777';
const ORG = 'o-bench12345';
const ROOT = 'r-be12';

/** Small, fast, seeded PRNG (mulberry32). */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICES = {
  s3: ['GetObject', 'PutObject', 'DeleteObject', 'ListBucket', 'GetBucketPolicy', 'PutBucketPolicy', 'GetObjectTagging', 'Get*', 'List*'],
  ec2: ['DescribeInstances', 'StartInstances', 'StopInstances', 'TerminateInstances', 'RunInstances', 'CreateTags', 'Describe*'],
  dynamodb: ['GetItem', 'PutItem', 'Query', 'Scan', 'UpdateItem', 'DeleteItem', 'BatchGetItem', 'DescribeTable'],
  sqs: ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'GetQueueAttributes', 'GetQueueUrl'],
  sns: ['Publish', 'Subscribe', 'ListTopics'],
  kms: ['Decrypt', 'Encrypt', 'GenerateDataKey', 'DescribeKey', 'GenerateDataKey*'],
  lambda: ['InvokeFunction', 'GetFunction', 'UpdateFunctionCode', 'ListFunctions'],
  logs: ['CreateLogGroup', 'CreateLogStream', 'PutLogEvents', 'DescribeLogStreams'],
  secretsmanager: ['GetSecretValue', 'DescribeSecret', 'ListSecrets'],
  iam: ['PassRole', 'GetRole', 'ListRoles', 'CreateAccessKey', 'GetUser'],
  ecr: ['GetAuthorizationToken', 'BatchGetImage', 'GetDownloadUrlForLayer', 'PutImage'],
  cloudwatch: ['PutMetricData', 'GetMetricData', 'DescribeAlarms'],
  ssm: ['GetParameter', 'GetParameters', 'GetParametersByPath'],
};
const SERVICE_NAMES = Object.keys(SERVICES);
const TEAMS = ['payments', 'search', 'platform', 'data', 'growth', 'identity', 'mobile', 'ml'];
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'eu-central-1'];

function makeGenerator(seed) {
  const next = random(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const between = (low, high) => low + Math.floor(next() * (high - low + 1));
  const some = (list, low, high) => {
    const count = Math.min(list.length, between(low, high));
    const chosen = new Set();
    while (chosen.size < count) chosen.add(pick(list));
    return [...chosen];
  };

  const resourceFor = (service) => {
    const team = pick(TEAMS);
    const region = pick(REGIONS);
    switch (service) {
      case 's3':
        return chance(0.5) ? `arn:aws:s3:::acme-${team}-${between(1, 40)}/*` : `arn:aws:s3:::acme-${team}-*`;
      case 'dynamodb':
        return `arn:aws:dynamodb:${region}:${ACCOUNT}:table/${team}-${between(1, 30)}`;
      case 'sqs':
        return `arn:aws:sqs:${region}:${ACCOUNT}:${team}-queue-${between(1, 20)}`;
      case 'sns':
        return `arn:aws:sns:${region}:${ACCOUNT}:${team}-events`;
      case 'kms':
        return `arn:aws:kms:${region}:${ACCOUNT}:key/*`;
      case 'lambda':
        return `arn:aws:lambda:${region}:${ACCOUNT}:function:${team}-*`;
      case 'logs':
        return `arn:aws:logs:${region}:${ACCOUNT}:log-group:/aws/lambda/${team}-*`;
      case 'secretsmanager':
        return `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${team}/*`;
      case 'iam':
        return `arn:aws:iam::${ACCOUNT}:role/${team}/*`;
      case 'ssm':
        return `arn:aws:ssm:${region}:${ACCOUNT}:parameter/${team}/*`;
      default:
        return '*';
    }
  };

  const condition = () => {
    switch (between(0, 6)) {
      case 0:
        return { StringEquals: { 'aws:PrincipalTag/team': pick(TEAMS) } };
      case 1:
        return { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', `203.0.113.${between(0, 255)}/32`] } };
      case 2:
        return { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };
      case 3:
        return { StringLike: { 's3:prefix': [`${pick(TEAMS)}/*`, 'shared/*'] } };
      case 4:
        return { StringEquals: { 'aws:RequestedRegion': some(REGIONS, 1, 2) } };
      case 5:
        return { StringEqualsIfExists: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } };
      default:
        return { DateGreaterThan: { 'aws:CurrentTime': '2024-01-01T00:00:00Z' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } };
    }
  };

  const statement = (index) => {
    const service = pick(SERVICE_NAMES);
    const deny = chance(0.08);
    const result = { Sid: `S${index}${service.replace(/[^a-z]/g, '')}`, Effect: deny ? 'Deny' : 'Allow' };
    if (chance(0.05)) result.NotAction = some(SERVICES[service], 1, 3).map((action) => `${service}:${action}`);
    else if (chance(0.1)) result.Action = `${service}:*`;
    else result.Action = some(SERVICES[service], 1, 5).map((action) => `${service}:${action}`);
    const resources = between(1, 3);
    result.Resource = resources === 1 && chance(0.3) ? '*' : Array.from({ length: resources }, () => resourceFor(service));
    if (chance(deny ? 0.7 : 0.25)) result.Condition = condition();
    return result;
  };

  const identityDocument = (low, high) => ({
    Version: '2012-10-17',
    Statement: Array.from({ length: between(low, high) }, (_, index) => statement(index)),
  });

  /** A third of the documents come URL-encoded, as the JS v3, Go, Java and Rust SDKs return them. */
  const encodeSometimes = (document) => (chance(0.33) ? encodeURIComponent(JSON.stringify(document)) : document);

  const trustDocument = (index) => {
    const kind = index % 10;
    const statements = [];
    if (kind < 5) statements.push({ Effect: 'Allow', Principal: { Service: `${pick(['ec2', 'lambda', 'ecs-tasks', 'glue'])}.amazonaws.com` }, Action: 'sts:AssumeRole' });
    else if (kind < 8)
      statements.push({
        Effect: 'Allow',
        Principal: { AWS: chance(0.5) ? `arn:aws:iam::${pick(OTHER_ACCOUNTS)}:root` : `arn:aws:iam::${ACCOUNT}:role/ci/deployer-${between(0, 99)}` },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
        Condition: chance(0.5) ? { StringEquals: { 'sts:ExternalId': `ext-${between(1000, 9999)}` } } : { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
      });
    else
      statements.push({
        Effect: 'Allow',
        Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': `repo:acme/${pick(TEAMS)}-*:*` } },
      });
    return { Version: '2012-10-17', Statement: statements };
  };

  return { next, pick, chance, between, some, identityDocument, trustDocument, encodeSometimes, statement };
}

export function generateSnapshot({ scale = 1 } = {}) {
  const g = makeGenerator(20250601);
  const counts = {
    managedPolicies: Math.round(3000 * scale),
    groups: Math.max(5, Math.round(60 * scale)),
    users: Math.round(1000 * scale),
    roles: Math.round(5000 * scale),
    resources: Math.round(600 * scale),
  };
  const date = '2024-05-01T10:00:00+00:00';

  const policies = [];
  for (let index = 0; index < counts.managedPolicies; index++) {
    const team = TEAMS[index % TEAMS.length];
    const name = `${team}-policy-${index}`;
    const versions = g.between(1, 3);
    const defaultVersion = g.between(1, versions);
    policies.push({
      PolicyName: name,
      PolicyId: `ANPA${String(index).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${ACCOUNT}:policy/${team}/${name}`,
      Path: `/${team}/`,
      DefaultVersionId: `v${defaultVersion}`,
      AttachmentCount: 0,
      PermissionsBoundaryUsageCount: 0,
      IsAttachable: true,
      CreateDate: date,
      UpdateDate: date,
      PolicyVersionList: Array.from({ length: versions }, (_, version) => ({
        Document: g.encodeSometimes(g.identityDocument(2, 8)),
        VersionId: `v${version + 1}`,
        IsDefaultVersion: version + 1 === defaultVersion,
        CreateDate: date,
      })),
    });
  }
  // Two boundaries, and AWS managed policies: some present, some attached but omitted (a GAAD gap).
  const boundaryArns = [`arn:aws:iam::${ACCOUNT}:policy/boundaries/DeveloperBoundary`, `arn:aws:iam::${ACCOUNT}:policy/boundaries/WorkloadBoundary`];
  for (const arn of boundaryArns) {
    policies.push({
      PolicyName: arn.split('/').pop(),
      Arn: arn,
      Path: '/boundaries/',
      DefaultVersionId: 'v1',
      PolicyVersionList: [
        {
          Document: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'sqs:*', 'sns:*', 'kms:*', 'logs:*', 'lambda:*', 'ssm:Get*'], Resource: '*' },
              { Effect: 'Deny', Action: ['iam:*', 'organizations:*'], Resource: '*' },
            ],
          },
          VersionId: 'v1',
          IsDefaultVersion: true,
        },
      ],
    });
  }
  const awsManagedPresent = ['ReadOnlyAccess', 'AmazonS3ReadOnlyAccess', 'CloudWatchLogsFullAccess'];
  const awsManagedOmitted = ['AdministratorAccess', 'PowerUserAccess', 'AWSLambdaBasicExecutionRole'];
  for (const name of awsManagedPresent) {
    policies.push({
      PolicyName: name,
      Arn: `arn:aws:iam::aws:policy/${name}`,
      Path: '/',
      DefaultVersionId: 'v1',
      PolicyVersionList: [{ Document: g.identityDocument(3, 12), VersionId: 'v1', IsDefaultVersion: true }],
    });
  }
  const customerArns = policies.slice(0, counts.managedPolicies).map((policy) => policy.Arn);
  const attachable = [...customerArns, ...awsManagedPresent.map((name) => `arn:aws:iam::aws:policy/${name}`)];
  const attach = (low, high) => {
    const arns = g.some(attachable, low, high);
    if (g.chance(0.02)) arns.push(`arn:aws:iam::aws:policy/${g.pick(awsManagedOmitted)}`);
    return arns.map((arn) => ({ PolicyName: arn.split('/').pop(), PolicyArn: arn }));
  };
  const tags = () => [
    { Key: 'team', Value: g.pick(TEAMS) },
    { Key: 'env', Value: g.pick(['prod', 'staging', 'dev']) },
  ];

  const groups = Array.from({ length: counts.groups }, (_, index) => ({
    Path: '/',
    GroupName: `group-${index}`,
    GroupId: `AGPA${String(index).padStart(17, '0')}`,
    Arn: `arn:aws:iam::${ACCOUNT}:group/group-${index}`,
    CreateDate: date,
    GroupPolicyList: g.chance(0.5) ? [{ PolicyName: `group-${index}-inline`, PolicyDocument: g.encodeSometimes(g.identityDocument(1, 4)) }] : [],
    AttachedManagedPolicies: attach(1, 4),
  }));
  const groupNames = groups.map((group) => group.GroupName);

  const users = Array.from({ length: counts.users }, (_, index) => {
    const team = TEAMS[index % TEAMS.length];
    const boundary = g.chance(0.2) ? g.pick(boundaryArns) : undefined;
    return {
      Path: `/${team}/`,
      UserName: `user-${index}`,
      UserId: `AIDA${String(index).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${ACCOUNT}:user/${team}/user-${index}`,
      CreateDate: date,
      UserPolicyList: Array.from({ length: g.between(0, 2) }, (_, policy) => ({ PolicyName: `user-${index}-inline-${policy}`, PolicyDocument: g.encodeSometimes(g.identityDocument(1, 5)) })),
      GroupList: g.some(groupNames, 0, 3),
      AttachedManagedPolicies: attach(0, 3),
      ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary } } : {}),
      Tags: tags(),
    };
  });

  const roles = Array.from({ length: counts.roles }, (_, index) => {
    const serviceLinked = index % 100 === 0;
    const team = TEAMS[index % TEAMS.length];
    const path = serviceLinked ? '/aws-service-role/ecs.amazonaws.com/' : `/${team}/`;
    const name = serviceLinked ? `AWSServiceRoleForECS${index}` : `role-${index}`;
    const boundary = !serviceLinked && g.chance(0.1) ? g.pick(boundaryArns) : undefined;
    return {
      Path: path,
      RoleName: name,
      RoleId: `AROA${String(index).padStart(17, '0')}`,
      Arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
      CreateDate: date,
      AssumeRolePolicyDocument: g.encodeSometimes(g.trustDocument(index)),
      InstanceProfileList: [],
      RolePolicyList: Array.from({ length: g.between(0, 3) }, (_, policy) => ({ PolicyName: `${name}-inline-${policy}`, PolicyDocument: g.encodeSometimes(g.identityDocument(1, 6)) })),
      AttachedManagedPolicies: attach(1, 6),
      ...(boundary ? { PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary } } : {}),
      Tags: tags(),
      RoleLastUsed: { LastUsedDate: date, Region: 'eu-west-1' },
    };
  });

  const resources = Array.from({ length: counts.resources }, (_, index) => {
    const team = TEAMS[index % TEAMS.length];
    const region = REGIONS[index % REGIONS.length];
    switch (index % 4) {
      case 0: {
        const bucket = `acme-${team}-${index}`;
        return {
          arn: `arn:aws:s3:::${bucket}`,
          type: 'AWS::S3::Bucket',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [
              { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
              { Sid: 'PartnerRead', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${g.pick(OTHER_ACCOUNTS)}:root` }, Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${bucket}/shared/*` },
            ],
          }),
          tags: [{ Key: 'team', Value: team }],
          s3PublicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
        };
      }
      case 1:
        return {
          arn: `arn:aws:kms:${region}:${ACCOUNT}:key/${String(index).padStart(8, '0')}-1111-2222-3333-444455556666`,
          type: 'AWS::KMS::Key',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'EnableIAMUserPermissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'kms:*', Resource: '*' },
              { Sid: 'AllowTeamUse', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': team } } },
            ],
          },
          tags: { team },
        };
      case 2:
        return {
          arn: `arn:aws:sqs:${region}:${ACCOUNT}:${team}-queue-${index}`,
          type: 'AWS::SQS::Queue',
          policy: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: `arn:aws:sqs:${region}:${ACCOUNT}:${team}-queue-${index}`, Condition: { ArnEquals: { 'aws:SourceArn': `arn:aws:sns:${region}:${ACCOUNT}:${team}-events` } } }],
          }),
          tags: { team },
        };
      default:
        return {
          arn: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:${team}/secret-${index}-AbC123`,
          type: 'AWS::SecretsManager::Secret',
          policy: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalTag/team': team } } }],
          },
          tags: [{ Key: 'team', Value: team }],
        };
    }
  });

  const scp = (statement) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  return {
    iamwhySnapshot: 1,
    capturedAt: '2025-06-01T00:00:00Z',
    generator: 'bench/snapshot/generate.js',
    accounts: [
      {
        accountId: ACCOUNT,
        alias: 'acme-bench',
        authorizationDetails: { UserDetailList: users, GroupDetailList: groups, RoleDetailList: roles, Policies: policies },
        resources,
        vpcEndpoints: [
          {
            id: 'vpce-0bench000000000001',
            serviceName: 'com.amazonaws.eu-west-1.s3',
            policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::acme-*', 'arn:aws:s3:::acme-*/*'] }] },
          },
        ],
      },
    ],
    organization: {
      id: ORG,
      managementAccountId: MANAGEMENT,
      roots: [{ id: ROOT, name: 'Root', enabledPolicyTypes: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] }],
      organizationalUnits: [
        { id: 'ou-be12-aaaaaaaa', name: 'Workloads', parentId: ROOT },
        { id: 'ou-be12-bbbbbbbb', name: 'Prod', parentId: 'ou-be12-aaaaaaaa' },
      ],
      accounts: [
        { id: ACCOUNT, name: 'acme-bench', parentId: 'ou-be12-bbbbbbbb' },
        { id: MANAGEMENT, name: 'management', parentId: ROOT },
      ],
      policies: [
        {
          id: 'p-FullAWSAccess',
          name: 'FullAWSAccess',
          type: 'SERVICE_CONTROL_POLICY',
          awsManaged: true,
          content: scp({ Effect: 'Allow', Action: '*', Resource: '*' }),
          targets: [ROOT, 'ou-be12-aaaaaaaa', 'ou-be12-bbbbbbbb', ACCOUNT, MANAGEMENT],
        },
        {
          id: 'p-denyregions',
          name: 'DenyOutsideApprovedRegions',
          type: 'SERVICE_CONTROL_POLICY',
          content: scp({
            Effect: 'Deny',
            NotAction: ['iam:*', 'organizations:*', 'sts:*', 'support:*', 'cloudfront:*'],
            Resource: '*',
            Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1', 'us-east-1'] } },
          }),
          targets: ['ou-be12-aaaaaaaa'],
        },
        {
          id: 'p-rcpperimeter',
          name: 'DataPerimeter',
          type: 'RESOURCE_CONTROL_POLICY',
          content: scp({
            Effect: 'Deny',
            Principal: '*',
            Action: ['s3:*', 'sqs:*', 'kms:*', 'secretsmanager:*'],
            Resource: '*',
            Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ORG }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } },
          }),
          targets: [ROOT],
        },
      ],
    },
  };
}

export function writeSnapshot(out = DEFAULT_OUT, options = {}) {
  const snapshot = generateSnapshot(options);
  mkdirSync(dirname(out), { recursive: true });
  // Indented like the AWS CLI's output, which is what people feed in.
  const text = JSON.stringify(snapshot, null, 2);
  writeFileSync(out, text);
  return { out, bytes: Buffer.byteLength(text) };
}

function argument(name) {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = argument('--out') ?? DEFAULT_OUT;
  const scale = Number(argument('--scale') ?? '1');
  const { bytes } = writeSnapshot(out, { scale });
  console.log(`wrote ${out} (${(bytes / 1e6).toFixed(1)} MB)`);
}
