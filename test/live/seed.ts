/**
 * The account and organization the live tests read, created through the real
 * AWS SDK against the local endpoint: a management account with users, a group,
 * a role, managed policies, a permissions boundary, tags, a bucket with a
 * policy, a KMS key, a queue, a topic, a function, a secret and a repository;
 * an organization with an OU, SCPs and RCPs, and a member account with its own
 * user and bucket.
 */
import { CreateFunctionCommand, AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateAliasCommand, CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import {
  AttachPolicyCommand,
  CreateAccountCommand,
  CreateOrganizationalUnitCommand,
  CreateOrganizationCommand,
  CreatePolicyCommand as CreateOrgPolicyCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  MoveAccountCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketPolicyCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutResourcePolicyCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient, SetTopicAttributesCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, SQSClient, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { CreateRepositoryCommand, ECRClient, SetRepositoryPolicyCommand } from '@aws-sdk/client-ecr';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { deflateRawSync } from 'node:zlib';

export const MANAGEMENT = '123456789012';
const REGION = 'us-east-1';

interface Keys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Seeded {
  alice: Keys;
  /** A user of the member account (not a delegated administrator). */
  carol: Keys;
  member: string;
  organizationId: string;
  keyArn: string;
  queueArn: string;
  topicArn: string;
  functionArn: string;
  secretArn: string;
  repositoryArn: string;
  /** A read-only role in the member account's credentials (OrganizationAccountAccessRole, as moto creates it). */
  memberRole: string;
}

const doc = (statements: object[]): string => JSON.stringify({ Version: '2012-10-17', Statement: statements });

/** The smallest zip moto accepts as function code: one stored file. */
function tinyZip(): Uint8Array {
  const name = Buffer.from('index.py');
  const data = Buffer.from('def handler(e, c):\n    return 1\n');
  const deflated = deflateRawSync(data);
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(name.length, 28);
  const localSize = local.length + name.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(localSize, 16);
  return Buffer.concat([local, name, deflated, central, name, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export async function seed(endpoint: string, hostEndpoint: string): Promise<Seeded> {
  const root: Keys = { accessKeyId: 'testing', secretAccessKey: 'testing' };
  const config = (credentials: Keys, region = REGION) => ({ region, endpoint, credentials, forcePathStyle: true });
  void hostEndpoint;
  const iam = new IAMClient(config(root));
  const s3 = new S3Client(config(root));
  const orgs = new OrganizationsClient(config(root));

  // Organization: root → OU Workloads → member account "dev"; SCPs and RCPs enabled.
  const organization = await orgs.send(new CreateOrganizationCommand({ FeatureSet: 'ALL' }));
  const rootId = (await orgs.send(new ListRootsCommand({}))).Roots?.[0]?.Id as string;
  await orgs.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
  await orgs.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' }));
  const ou = (await orgs.send(new CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'Workloads' }))).OrganizationalUnit?.Id as string;
  const created = await orgs.send(new CreateAccountCommand({ AccountName: 'dev', Email: 'dev@example.com' }));
  const member = created.CreateAccountStatus?.AccountId as string;
  await orgs.send(new MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ou }));
  const scp = await orgs.send(
    new CreateOrgPolicyCommand({
      Name: 'OnlyEuWest1',
      Description: 'regions',
      Type: 'SERVICE_CONTROL_POLICY',
      Content: doc([{ Sid: 'DenyOutsideEuWest1', Effect: 'Deny', Action: 'kms:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }]),
    }),
  );
  await orgs.send(new AttachPolicyCommand({ PolicyId: scp.Policy?.PolicySummary?.Id as string, TargetId: ou }));
  const rcp = await orgs.send(
    new CreateOrgPolicyCommand({
      Name: 'NoObjectDeletes',
      Description: 'rcp',
      Type: 'RESOURCE_CONTROL_POLICY',
      Content: doc([{ Sid: 'DenyDeletes', Effect: 'Deny', Principal: '*', Action: 's3:DeleteObject', Resource: '*' }]),
    }),
  );
  await orgs.send(new AttachPolicyCommand({ PolicyId: rcp.Policy?.PolicySummary?.Id as string, TargetId: member }));

  // Management account identities.
  await iam.send(new CreateUserCommand({ UserName: 'alice', Tags: [{ Key: 'team', Value: 'data' }] }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'ReadReports', PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:GetObject', 'sqs:SendMessage', 'sns:Publish', 'lambda:InvokeFunction', 'secretsmanager:GetSecretValue', 'ecr:BatchGetImage', 'sts:AssumeRole', 'kms:Decrypt'], Resource: '*' }]) }));
  const aliceKey = await iam.send(new CreateAccessKeyCommand({ UserName: 'alice' }));
  await iam.send(new CreateGroupCommand({ GroupName: 'devs' }));
  await iam.send(new AddUserToGroupCommand({ GroupName: 'devs', UserName: 'alice' }));
  await iam.send(new PutGroupPolicyCommand({ GroupName: 'devs', PolicyName: 'ListReports', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::reports' }]) }));
  const denyDelete = await iam.send(new CreatePolicyCommand({ PolicyName: 'DenyDeletes', PolicyDocument: doc([{ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]) }));
  await iam.send(new AttachGroupPolicyCommand({ GroupName: 'devs', PolicyArn: denyDelete.Policy?.Arn as string }));
  const tagged = await iam.send(new CreatePolicyCommand({ PolicyName: 'TeamBuckets', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::reports/*', Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }]) }));
  await iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: tagged.Policy?.Arn as string }));
  const boundary = await iam.send(new CreatePolicyCommand({ PolicyName: 'Boundary', PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:*', 'sqs:*', 'sns:*', 'lambda:*', 'secretsmanager:*', 'ecr:*', 'sts:*', 'kms:*'], Resource: '*' }]) }));
  await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'alice', PermissionsBoundary: boundary.Policy?.Arn as string }));

  await iam.send(
    new CreateRoleCommand({
      RoleName: 'Deploy',
      Path: '/ops/',
      AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/alice` }, Action: 'sts:AssumeRole' }]),
      Tags: [{ Key: 'team', Value: 'ops' }],
    }),
  );
  await iam.send(new PutRolePolicyCommand({ RoleName: 'Deploy', PolicyName: 'Queues', PolicyDocument: doc([{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }]) }));
  await iam.send(new CreateUserCommand({ UserName: 'shared' }));
  await iam.send(new CreateRoleCommand({ RoleName: 'shared', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'lambda-run', AssumeRolePolicyDocument: doc([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]) }));

  // Resources of the management account.
  await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'reports', Tagging: { TagSet: [{ Key: 'team', Value: 'data' }] } }));
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: 'reports',
      Policy: doc([{ Sid: 'TlsOnly', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]),
    }),
  );
  const kms = new KMSClient(config(root));
  const key = await kms.send(
    new CreateKeyCommand({
      Policy: doc([{ Sid: 'Root', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:root` }, Action: 'kms:*', Resource: '*' }, { Sid: 'NoDecryptForAlice', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/alice` }, Action: 'kms:Decrypt', Resource: '*' }]),
      Tags: [{ TagKey: 'team', TagValue: 'data' }],
    }),
  );
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/reports', TargetKeyId: key.KeyMetadata?.KeyId as string }));
  const sqs = new SQSClient(config(root));
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'jobs', tags: { team: 'data' } }));
  const queueArn = `arn:aws:sqs:${REGION}:${MANAGEMENT}:jobs`;
  await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.QueueUrl as string, Attributes: { Policy: doc([{ Sid: 'NoSendFromAlice', Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/alice` }, Action: 'sqs:SendMessage', Resource: queueArn }]) } }));
  const sns = new SNSClient(config(root));
  const topic = await sns.send(new CreateTopicCommand({ Name: 'alerts' }));
  await sns.send(new SetTopicAttributesCommand({ TopicArn: topic.TopicArn as string, AttributeName: 'Policy', AttributeValue: doc([{ Sid: 'NoPublish', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topic.TopicArn }]) }));
  const lambda = new LambdaClient(config(root));
  const fn = await lambda.send(new CreateFunctionCommand({ FunctionName: 'report', Runtime: 'python3.12', Role: `arn:aws:iam::${MANAGEMENT}:role/lambda-run`, Handler: 'index.handler', Code: { ZipFile: tinyZip() } }));
  await lambda.send(new AddPermissionCommand({ FunctionName: 'report', StatementId: 'FromEvents', Action: 'lambda:InvokeFunction', Principal: 'events.amazonaws.com' }));
  const secrets = new SecretsManagerClient(config(root));
  const secret = await secrets.send(new CreateSecretCommand({ Name: 'db', SecretString: 'x', Tags: [{ Key: 'team', Value: 'data' }] }));
  await secrets.send(new PutResourcePolicyCommand({ SecretId: secret.ARN as string, ResourcePolicy: doc([{ Sid: 'NoReads', Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }]) }));
  const ecr = new ECRClient(config(root));
  const repository = await ecr.send(new CreateRepositoryCommand({ repositoryName: 'app' }));
  await ecr.send(new SetRepositoryPolicyCommand({ repositoryName: 'app', policyText: doc([{ Sid: 'NoPulls', Effect: 'Deny', Principal: '*', Action: 'ecr:BatchGetImage' }]) }));

  // The member account: a user with its own bucket, read through the role moto creates there.
  const memberRole = `arn:aws:iam::${member}:role/OrganizationAccountAccessRole`;
  const assumed = await new STSClient(config(root)).send(new AssumeRoleCommand({ RoleArn: memberRole, RoleSessionName: 'seed' }));
  const memberKeys: Keys = { accessKeyId: assumed.Credentials?.AccessKeyId as string, secretAccessKey: assumed.Credentials?.SecretAccessKey as string, sessionToken: assumed.Credentials?.SessionToken as string };
  const memberIam = new IAMClient(config(memberKeys));
  await memberIam.send(new CreateUserCommand({ UserName: 'carol' }));
  await memberIam.send(new PutUserPolicyCommand({ UserName: 'carol', PolicyName: 'Everything', PolicyDocument: doc([{ Effect: 'Allow', Action: ['s3:*', 'kms:*'], Resource: '*' }]) }));
  const carolKey = await memberIam.send(new CreateAccessKeyCommand({ UserName: 'carol' }));
  const memberS3 = new S3Client(config(memberKeys));
  await memberS3.send(new CreateBucketCommand({ Bucket: 'dev-data', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  await memberS3.send(
    new PutBucketPolicyCommand({ Bucket: 'dev-data', Policy: doc([{ Sid: 'AliceReads', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${MANAGEMENT}:user/alice` }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::dev-data/*' }]) }),
  );

  return {
    alice: { accessKeyId: aliceKey.AccessKey?.AccessKeyId as string, secretAccessKey: aliceKey.AccessKey?.SecretAccessKey as string },
    carol: { accessKeyId: carolKey.AccessKey?.AccessKeyId as string, secretAccessKey: carolKey.AccessKey?.SecretAccessKey as string },
    member,
    organizationId: organization.Organization?.Id as string,
    keyArn: key.KeyMetadata?.Arn as string,
    queueArn,
    topicArn: topic.TopicArn as string,
    functionArn: fn.FunctionArn as string,
    secretArn: secret.ARN as string,
    repositoryArn: repository.repository?.repositoryArn as string,
    memberRole,
  };
}
