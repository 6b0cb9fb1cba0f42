/**
 * AccessDenied messages in the forms AWS documents and the variants seen in the
 * wild, each with the exact fields iamwhy must read from it. The documented
 * strings follow "Troubleshoot access denied error messages" (its table of
 * templates: one row per policy type, explicit and implicit), "Troubleshoot access
 * denied error messages with authorization ID", "Enhanced access denied error
 * messages with policy ARNs" and "Troubleshoot access denied (403 Forbidden)
 * errors in Amazon S3"; the variants are how the CLI, the SDKs, Terraform, EC2,
 * IAM, KMS and logs print them.
 */
import type { LayerName } from '../../../src/engine/result.js';
import type { MessageForm } from '../../../src/sources/error-text/index.js';

export interface Expected {
  form: MessageForm;
  principal: string | null;
  action: string | null;
  resource: string | null;
  explicit: boolean | null;
  policyType: LayerName | null;
  trust: boolean;
  via: LayerName | null;
  policyArn: string | null;
  authorizationId: string | null;
  encoded: string | null;
  truncated: boolean;
  blockPublicAccess: string | null;
  /** The parts reported missing, in order. */
  missing: Array<'principal' | 'action' | 'resource'>;
}

export interface Row {
  name: string;
  text: string;
  expected: Expected;
}

const DEFAULTS: Expected = {
  form: 'enhanced',
  principal: null,
  action: null,
  resource: null,
  explicit: null,
  policyType: null,
  trust: false,
  via: null,
  policyArn: null,
  authorizationId: null,
  encoded: null,
  truncated: false,
  blockPublicAccess: null,
  missing: [],
};

const row = (name: string, text: string, expected: Partial<Expected>): Row => ({ name, text, expected: { ...DEFAULTS, ...expected } });

const JOHN = 'arn:aws:iam::777788889999:user/JohnDoe';
const MARY = 'arn:aws:iam::123456789012:user/MaryMajor';
const SESSION = 'arn:aws:sts::123456789012:assumed-role/DevRole/MaryMajor';
const SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:*';
const ROLE = 'arn:aws:iam::123456789012:role/DeployRole';
const SCP_ARN = 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/service_control_policy/p-2kgnabcd';
const RCP_ARN = 'arn:aws:organizations::987654321098:policy/o-qv5af4abcd/resource_control_policy/p-3rcpabcd';
const BOUNDARY_ARN = 'arn:aws:iam::123456789012:policy/DeveloperBoundary';
const OBJECT = 'arn:aws:s3:::amzn-s3-demo-bucket1/object-name';
const INSTANCES = 'arn:aws:ec2:us-east-1:123456789012:instance/*';
const BLOB = 'lAk9wBYnkFM6I7Wr0vN2bd_tHxzQ-oPYvvsY8uaXmRPhBMWe0Mb1tT4G8aWmPQoK4z1B3oX2sNcRZA4LFnbB7rFZ21a8pXdwLwG-0AjvIm1Wv6IXKfeCj3Jk2ePcz9qN5MUhsfK4nwP0GUu';

/** "Troubleshoot access denied error messages": the template table, one row per policy type, in both forms. */
export const TEMPLATE_ROWS: Row[] = [
  row('SCP, implicit (no resource clause: the action takes none)', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories because no service control policy allows the codecommit:ListRepositories action`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: false,
    policyType: 'scp',
    missing: ['resource'],
  }),
  row('SCP, explicit', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories with an explicit deny in a service control policy`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: true,
    policyType: 'scp',
    missing: ['resource'],
  }),
  row('RCP, explicit', `User: ${JOHN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} with an explicit deny in a resource control policy`, {
    principal: JOHN,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    explicit: true,
    policyType: 'rcp',
  }),
  // AWS documents no implicit RCP form (RCPFullAWSAccess is always attached); the grammar is the same.
  row('RCP, implicit (undocumented, same grammar)', `User: ${JOHN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no resource control policy allows the secretsmanager:GetSecretValue action`, {
    principal: JOHN,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    explicit: false,
    policyType: 'rcp',
  }),
  row('VPC endpoint policy, implicit', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories because no VPC endpoint policy allows the codecommit:ListRepositories action`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: false,
    policyType: 'vpc_endpoint',
    missing: ['resource'],
  }),
  row('VPC endpoint policy, explicit', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories with an explicit deny in a VPC endpoint policy`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: true,
    policyType: 'vpc_endpoint',
    missing: ['resource'],
  }),
  row('permissions boundary, implicit', `User: ${JOHN} is not authorized to perform: codedeploy:ListDeployments because no permissions boundary allows the codedeploy:ListDeployments action`, {
    principal: JOHN,
    action: 'codedeploy:ListDeployments',
    explicit: false,
    policyType: 'permissions_boundary',
    missing: ['resource'],
  }),
  row('permissions boundary, explicit', `User: ${JOHN} is not authorized to perform: codedeploy:ListDeployments with an explicit deny in a permissions boundary`, {
    principal: JOHN,
    action: 'codedeploy:ListDeployments',
    explicit: true,
    policyType: 'permissions_boundary',
    missing: ['resource'],
  }),
  row('session policy, implicit', `User: ${SESSION} is not authorized to perform: codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action`, {
    principal: SESSION,
    action: 'codecommit:ListRepositories',
    explicit: false,
    policyType: 'session_policy',
    missing: ['resource'],
  }),
  row('session policy, explicit ("a sessions policy", sic)', `User: ${SESSION} is not authorized to perform: codecommit:ListRepositories with an explicit deny in a sessions policy`, {
    principal: SESSION,
    action: 'codecommit:ListRepositories',
    explicit: true,
    policyType: 'session_policy',
    missing: ['resource'],
  }),
  row('resource-based policy, implicit', `User: ${JOHN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no resource-based policy allows the secretsmanager:GetSecretValue action`, {
    principal: JOHN,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    explicit: false,
    policyType: 'resource',
  }),
  row('resource-based policy, explicit', `User: ${JOHN} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} with an explicit deny in a resource-based policy`, {
    principal: JOHN,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    explicit: true,
    policyType: 'resource',
  }),
  row('role trust policy, implicit', `User: ${JOHN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE} because no role trust policy allows the sts:AssumeRole action`, {
    principal: JOHN,
    action: 'sts:AssumeRole',
    resource: ROLE,
    explicit: false,
    policyType: 'resource',
    trust: true,
  }),
  row('role trust policy, explicit ("the role trust policy")', `User: ${JOHN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE} with an explicit deny in the role trust policy`, {
    principal: JOHN,
    action: 'sts:AssumeRole',
    resource: ROLE,
    explicit: true,
    policyType: 'resource',
    trust: true,
  }),
  row('identity-based policy, implicit', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories because no identity-based policy allows the codecommit:ListRepositories action`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: false,
    policyType: 'identity',
    missing: ['resource'],
  }),
  row('identity-based policy, explicit', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories with an explicit deny in an identity-based policy`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: true,
    policyType: 'identity',
    missing: ['resource'],
  }),
  row('chained: a VPC endpoint policy transitively through an SCP', `User: ${JOHN} is not authorized to perform: codecommit:ListRepositories with an explicit deny in a VPC endpoint policy transitively through a service control policy`, {
    principal: JOHN,
    action: 'codecommit:ListRepositories',
    explicit: true,
    policyType: 'vpc_endpoint',
    via: 'scp',
    missing: ['resource'],
  }),
  row('the misspelt action of AWS’s own example is read as written', `User: ${JOHN} is not authorized to perform: codecommit:ListRespositories because no identity-based policy allows the codecommit:ListRespositories action`, {
    principal: JOHN,
    action: 'codecommit:ListRespositories',
    explicit: false,
    policyType: 'identity',
    missing: ['resource'],
  }),
];

/** "Enhanced access denied error messages with policy ARNs" and "… with authorization ID". */
export const SUFFIX_ROWS: Row[] = [
  row('SCP with its policy ARN', `User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} with an explicit deny in a service control policy: ${SCP_ARN}`, {
    principal: MARY,
    action: 'ec2:RunInstances',
    resource: INSTANCES,
    explicit: true,
    policyType: 'scp',
    policyArn: SCP_ARN,
  }),
  row('RCP with its policy ARN', `User: ${MARY} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" with an explicit deny in a resource control policy: ${RCP_ARN}`, {
    principal: MARY,
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: true,
    policyType: 'rcp',
    policyArn: RCP_ARN,
  }),
  row('permissions boundary with its policy ARN', `User: ${MARY} is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::123456789012:user/zoe with an explicit deny in a permissions boundary: ${BOUNDARY_ARN}`, {
    principal: MARY,
    action: 'iam:CreateUser',
    resource: 'arn:aws:iam::123456789012:user/zoe',
    explicit: true,
    policyType: 'permissions_boundary',
    policyArn: BOUNDARY_ARN,
  }),
  row('session policy with its policy ARN', `User: ${SESSION} is not authorized to perform: s3:PutObject on resource: "${OBJECT}" with an explicit deny in a session policy: arn:aws:iam::123456789012:policy/ReadOnlySession`, {
    principal: SESSION,
    action: 's3:PutObject',
    resource: OBJECT,
    explicit: true,
    policyType: 'session_policy',
    policyArn: 'arn:aws:iam::123456789012:policy/ReadOnlySession',
  }),
  row('an AWS managed identity policy (AWSCompromisedKeyQuarantineV3)', `User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} with an explicit deny in an identity-based policy: arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3`, {
    principal: MARY,
    action: 'ec2:RunInstances',
    resource: INSTANCES,
    explicit: true,
    policyType: 'identity',
    policyArn: 'arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3',
  }),
  row(
    'policy ARN and authorization ID',
    `User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} with an explicit deny in a service control policy: ${SCP_ARN}. Go to https://us-east-1.console.aws.amazon.com/iam/home?region=us-east-1#/authorization-details/a1b2c3d4e5f60718 for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: a1b2c3d4e5f60718`,
    { principal: MARY, action: 'ec2:RunInstances', resource: INSTANCES, explicit: true, policyType: 'scp', policyArn: SCP_ARN, authorizationId: 'a1b2c3d4e5f60718' },
  ),
  row(
    'authorization ID on an implicit deny',
    `User: ${MARY} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no identity-based policy allows the s3:GetObject action. Go to https://eu-west-1.console.aws.amazon.com/iam/home?region=eu-west-1#/authorization-details/0f9e8d7c6b5a for complete details, or call the GetRequestAuthorizationDetails API with the following authorization id: 0f9e8d7c6b5a`,
    { principal: MARY, action: 's3:GetObject', resource: OBJECT, explicit: false, policyType: 'identity', authorizationId: '0f9e8d7c6b5a' },
  ),
];

/** The variants seen in the wild: SDK prefixes, EC2, S3, IAM, KMS, terse and legacy forms. */
export const VARIANT_ROWS: Row[] = [
  row('AWS CLI prefix (AccessDenied)', `An error occurred (AccessDenied) when calling the GetObject operation: User: ${MARY} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no identity-based policy allows the s3:GetObject action`, {
    principal: MARY,
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: false,
    policyType: 'identity',
  }),
  row('AWS CLI prefix (AccessDeniedException)', `An error occurred (AccessDeniedException) when calling the GetSecretValue operation: User: ${SESSION} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SECRET} because no resource-based policy allows the secretsmanager:GetSecretValue action`, {
    principal: SESSION,
    action: 'secretsmanager:GetSecretValue',
    resource: SECRET,
    explicit: false,
    policyType: 'resource',
  }),
  row('AWS CLI prefix (UnauthorizedOperation), EC2 with an encoded message', `An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} with an explicit deny in a permissions boundary: ${BOUNDARY_ARN}. Encoded authorization failure message: ${BLOB}`, {
    principal: MARY,
    action: 'ec2:RunInstances',
    resource: INSTANCES,
    explicit: true,
    policyType: 'permissions_boundary',
    policyArn: BOUNDARY_ARN,
    encoded: BLOB,
  }),
  row('EC2 encoded message cut short by CloudTrail', `You are not authorized to perform this operation. User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} because no identity-based policy allows the ec2:RunInstances action. Encoded authorization failure message: ${BLOB.slice(0, 60)}...`, {
    principal: MARY,
    action: 'ec2:RunInstances',
    resource: INSTANCES,
    explicit: false,
    policyType: 'identity',
    encoded: BLOB.slice(0, 60),
    truncated: true,
  }),
  row('EC2 terse form with only the encoded message', `You are not authorized to perform this operation. Encoded authorization failure message: ${BLOB}`, {
    form: 'operation-not-authorized',
    encoded: BLOB,
    missing: ['principal', 'action', 'resource'],
  }),
  row('Go SDK v2', `operation error S3: GetObject, https response error StatusCode: 403, RequestID: 4A8T2NBH6QVDC3ZA, HostID: xyz=, api error AccessDenied: User: ${MARY} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" with an explicit deny in a resource-based policy`, {
    principal: MARY,
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: true,
    policyType: 'resource',
  }),
  row('Go SDK v2 with only "Access Denied": the action comes from the operation', 'operation error S3: GetObject, https response error StatusCode: 403, RequestID: 4A8T2NBH6QVDC3ZA, HostID: xyz=, api error AccessDenied: Access Denied', {
    form: 'access-denied',
    action: 's3:GetObject',
    missing: ['principal', 'resource'],
  }),
  row('Java SDK v2 trailer', `User: ${MARY} is not authorized to perform: ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action (Service: Ec2, Status Code: 403, Request ID: 7b3c1e2a-0d4f-4e5b-9a6c-8d7e6f5a4b3c)`, {
    principal: MARY,
    action: 'ec2:DescribeInstances',
    explicit: false,
    policyType: 'identity',
    missing: ['resource'],
  }),
  row('Java SDK v1, S3 "Access Denied": the action comes from nothing', 'com.amazonaws.services.s3.model.AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: 8D2C0C1F; S3 Extended Request ID: abc=)', {
    form: 'access-denied',
    missing: ['principal', 'action', 'resource'],
  }),
  row('JavaScript SDK v3 error name', `AccessDeniedException: User: ${SESSION} is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-west-1:123456789012:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b because no identity-based policy allows the kms:Decrypt action\n    at throwDefaultError (node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)\n    at de_CommandError (node_modules/@aws-sdk/client-kms/dist-cjs/index.js:1034:14)`, {
    principal: SESSION,
    action: 'kms:Decrypt',
    resource: 'arn:aws:kms:eu-west-1:123456789012:key/3f2e9c1a-7b4d-4e8f-9a6b-2c1d0e5f4a3b',
    explicit: false,
    policyType: 'identity',
  }),
  row('Python traceback (botocore ClientError)', `Traceback (most recent call last):\n  File "app.py", line 12, in <module>\n    s3.get_object(Bucket="amzn-s3-demo-bucket1", Key="object-name")\nbotocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the GetObject operation: User: ${MARY} is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no VPC endpoint policy allows the s3:GetObject action`, {
    principal: MARY,
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: false,
    policyType: 'vpc_endpoint',
  }),
  row('Go SDK v1', 'AccessDenied: Access Denied\n\tstatus code: 403, request id: 8D2C0C1F, host id: abc=', {
    form: 'access-denied',
    missing: ['principal', 'action', 'resource'],
  }),
  row(
    'Terraform-wrapped Go error in its diagnostic box',
    `╷\n│ Error: creating EC2 Instance: operation error EC2: RunInstances, https response error StatusCode: 403, RequestID: 1b2c3d4e, api error UnauthorizedOperation: You are not authorized to perform this operation. User:\n│ ${MARY} is not authorized to perform: ec2:RunInstances on resource: ${INSTANCES} with an explicit deny in a service control policy\n│ \n│   with aws_instance.web,\n│   on main.tf line 12, in resource "aws_instance" "web":\n│   12: resource "aws_instance" "web" {\n│ \n╵`,
    { principal: MARY, action: 'ec2:RunInstances', resource: INSTANCES, explicit: true, policyType: 'scp' },
  ),
  row('S3 quoted resource', `User: ${MARY} is not authorized to perform: s3:PutObject on resource: "${OBJECT}" because no identity-based policy allows the s3:PutObject action`, {
    principal: MARY,
    action: 's3:PutObject',
    resource: OBJECT,
    explicit: false,
    policyType: 'identity',
  }),
  row('S3 Block Public Access: BlockPublicAcls', `User: ${MARY} is not authorized to perform: s3:PutObjectAcl on resource: "${OBJECT}" because public ACLs are prevented by the BlockPublicAcls setting in S3 Block Public Access.`, {
    principal: MARY,
    action: 's3:PutObjectAcl',
    resource: OBJECT,
    blockPublicAccess: 'BlockPublicAcls',
  }),
  row('S3 Block Public Access: BlockPublicPolicy', `User: ${MARY} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::amzn-s3-demo-bucket1" because public policies are prevented by the BlockPublicPolicy setting in S3 Block Public Access.`, {
    principal: MARY,
    action: 's3:PutBucketPolicy',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket1',
    blockPublicAccess: 'BlockPublicPolicy',
  }),
  row('S3 IgnorePublicAcls: implicit, no resource clause (AWS’s example)', `User: ${MARY} is not authorized to perform: s3:GetObject because no resource-based policy allows the s3:GetObject action`, {
    principal: MARY,
    action: 's3:GetObject',
    explicit: false,
    policyType: 'resource',
    missing: ['resource'],
  }),
  row('S3 RestrictPublicBuckets: explicit, resource-based', `User: arn:aws:iam::444455556666:user/Outsider is not authorized to perform: s3:GetObject on resource: "${OBJECT}" with an explicit deny in a resource-based policy`, {
    principal: 'arn:aws:iam::444455556666:user/Outsider',
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: true,
    policyType: 'resource',
  }),
  row('S3 bare "Access Denied" (another account or organization)', 'Access Denied', { form: 'access-denied', missing: ['principal', 'action', 'resource'] }),
  row('anonymous caller', `User: anonymous is not authorized to perform: s3:GetObject on resource: "${OBJECT}" because no resource-based policy allows the s3:GetObject action`, {
    principal: 'anonymous',
    action: 's3:GetObject',
    resource: OBJECT,
    explicit: false,
    policyType: 'resource',
  }),
  row('IAM worded resource: on resource: role', 'User: arn:aws:iam::123456789012:user/tester is not authorized to perform: iam:PassRole on resource: role TestReadOnly with an explicit deny', {
    principal: 'arn:aws:iam::123456789012:user/tester',
    action: 'iam:PassRole',
    resource: 'arn:aws:iam::123456789012:role/TestReadOnly',
    explicit: true,
  }),
  row('IAM worded resource: role, voclabs', 'User: arn:aws:sts::123456789012:assumed-role/voclabs/user1234=Student is not authorized to perform: iam:GetRole on resource: role voclabs because no identity-based policy allows the iam:GetRole action', {
    principal: 'arn:aws:sts::123456789012:assumed-role/voclabs/user1234=Student',
    action: 'iam:GetRole',
    resource: 'arn:aws:iam::123456789012:role/voclabs',
    explicit: false,
    policyType: 'identity',
  }),
  row('IAM worded resource: policy ARN', `User: ${MARY} is not authorized to perform: iam:CreatePolicyVersion on resource: policy arn:aws:iam::123456789012:policy/ReportsRead because no identity-based policy allows the iam:CreatePolicyVersion action`, {
    principal: MARY,
    action: 'iam:CreatePolicyVersion',
    resource: 'arn:aws:iam::123456789012:policy/ReportsRead',
    explicit: false,
    policyType: 'identity',
  }),
  row('IAM worded resource: access key (no colon after "perform")', `User: ${MARY} is not authorized to perform iam:DeleteAccessKey on resource: access key AKIAIOSFODNN7EXAMPLE`, {
    principal: MARY,
    action: 'iam:DeleteAccessKey',
    missing: ['resource'],
  }),
  row('IAM worded resource: user', `User: ${MARY} is not authorized to perform: iam:DeleteUser on resource: user contractor-zoe with an explicit deny in an identity-based policy`, {
    principal: MARY,
    action: 'iam:DeleteUser',
    resource: 'arn:aws:iam::123456789012:user/contractor-zoe',
    explicit: true,
    policyType: 'identity',
  }),
  row('KMS "on this resource"', `User: ${SESSION} is not authorized to perform: kms:GenerateDataKey on this resource because no identity-based policy allows the kms:GenerateDataKey action`, {
    principal: SESSION,
    action: 'kms:GenerateDataKey',
    explicit: false,
    policyType: 'identity',
    missing: ['resource'],
  }),
  row('no resource clause: an action that only takes "*"', `User: ${MARY} is not authorized to perform: s3:ListAllMyBuckets with an explicit deny in a service control policy`, {
    principal: MARY,
    action: 's3:ListAllMyBuckets',
    explicit: true,
    policyType: 'scp',
    missing: ['resource'],
  }),
  row('"on the specified resource"', `User: ${MARY} is not authorized to perform: lambda:InvokeFunction on the specified resource`, {
    principal: MARY,
    action: 'lambda:InvokeFunction',
    missing: ['resource'],
  }),
  row('SNS AuthorizationError, upper-case service in the action', 'An error occurred (AuthorizationError) when calling the Publish operation: User: arn:aws:iam::123456789012:user/MaryMajor is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:123456789012:alerts because no resource-based policy allows the SNS:Publish action', {
    principal: MARY,
    action: 'SNS:Publish',
    resource: 'arn:aws:sns:us-east-1:123456789012:alerts',
    explicit: false,
    policyType: 'resource',
  }),
  row('IAM Identity Center session (the session name is an email address)', 'User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/mary.major@example.com is not authorized to perform: s3:ListBucket on resource: "arn:aws:s3:::amzn-s3-demo-bucket1" because no identity-based policy allows the s3:ListBucket action', {
    principal: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Developer_0123456789abcdef/mary.major@example.com',
    action: 's3:ListBucket',
    resource: 'arn:aws:s3:::amzn-s3-demo-bucket1',
    explicit: false,
    policyType: 'identity',
  }),
  row(
    'copied from iamwhy’s own text output (wrapped at 80 columns, the ARN broken after a slash)',
    `AWS would say: User: arn:aws:iam::111111111111:user/bob is not authorized to
  perform: ec2:RunInstances on resource:
  arn:aws:ec2:ap-southeast-2:111111111111:instance/* with an explicit deny in a
  service control policy:
  arn:aws:organizations::999999999999:policy/o-acme7k2x9q/
  service_control_policy/p-regions7k2x9q`,
    {
      principal: 'arn:aws:iam::111111111111:user/bob',
      action: 'ec2:RunInstances',
      resource: 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*',
      explicit: true,
      policyType: 'scp',
      policyArn: 'arn:aws:organizations::999999999999:policy/o-acme7k2x9q/service_control_policy/p-regions7k2x9q',
    },
  ),
  row('legacy: "with an explicit deny" with no type', `User: ${MARY} is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:volume/* with an explicit deny`, {
    principal: MARY,
    action: 'ec2:RunInstances',
    resource: 'arn:aws:ec2:us-east-1:123456789012:volume/*',
    explicit: true,
  }),
  row('legacy: no reason at all', `User: ${MARY} is not authorized to perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/Orders`, {
    principal: MARY,
    action: 'dynamodb:GetItem',
    resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders',
  }),
  row('legacy: "is not authorized to access this resource"', `User: ${MARY} is not authorized to access this resource`, {
    form: 'not-authorized-to-access',
    principal: MARY,
    missing: ['action', 'resource'],
  }),
  row('legacy: "Principal [X] is not allowed to execute [Y]"', `Principal [${MARY}] is not allowed to execute [execute-api:Invoke] on the resource`, {
    form: 'principal-not-allowed',
    principal: MARY,
    action: 'execute-api:Invoke',
    missing: ['resource'],
  }),
  row('legacy: "Access to the resource ARN is denied."', 'Access to the resource arn:aws:sqs:us-east-1:123456789012:orders is denied.', {
    form: 'resource-denied',
    resource: 'arn:aws:sqs:us-east-1:123456789012:orders',
    missing: ['principal', 'action'],
  }),
  row('STS for a federated caller: "Not authorized to perform sts:AssumeRoleWithWebIdentity"', 'An error occurred (AccessDenied) when calling the AssumeRoleWithWebIdentity operation: Not authorized to perform sts:AssumeRoleWithWebIdentity', {
    form: 'action-not-authorized',
    action: 'sts:AssumeRoleWithWebIdentity',
    missing: ['principal', 'resource'],
  }),
  row('legacy: "You are not authorized to perform this operation."', 'You are not authorized to perform this operation.', {
    form: 'operation-not-authorized',
    missing: ['principal', 'action', 'resource'],
  }),
  row('legacy, CLI: the operation without its service', 'An error occurred (AccessDenied) when calling the ListBuckets operation: Access Denied', {
    form: 'access-denied',
    missing: ['principal', 'action', 'resource'],
  }),
];

/** The rows whose copies (wrapped, quoted, in a log line) must read the same. */
export const BASE_ROWS: Row[] = [...TEMPLATE_ROWS, ...SUFFIX_ROWS];

/** Broken every `width` characters, as a terminal or log viewer copies a long line. */
export function hardWrapped(text: string, width: number): string {
  const lines: string[] = [];
  for (let start = 0; start < text.length; start += width) lines.push(text.slice(start, start + width));
  return lines.join('\n');
}

/** Word-wrapped at `width` with a hanging indent, as a log or an email wraps it. */
export function wordWrapped(text: string, width: number, indent = '    '): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent + word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join('\n');
}

/** Each base row copied the ways people paste it. */
export function copies(base: readonly Row[]): Row[] {
  return base.flatMap((source) => [
    { ...source, name: `${source.name} — line-wrapped at 64 columns (terminal copy)`, text: hardWrapped(source.text, 64) },
    { ...source, name: `${source.name} — word-wrapped at 72 columns with indent (log, email)`, text: wordWrapped(source.text, 72) },
    { ...source, name: `${source.name} — quoted in a mail reply`, text: wordWrapped(source.text, 70, '').split('\n').map((line) => `> ${line}`).join('\n') },
    { ...source, name: `${source.name} — inside a JSON log line`, text: `{"level":"error","time":"2026-01-05T10:00:00Z","msg":${JSON.stringify(source.text)}}` },
    { ...source, name: `${source.name} — in double quotes`, text: `"${source.text}"` },
  ]);
}
