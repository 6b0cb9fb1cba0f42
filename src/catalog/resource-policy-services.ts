/**
 * Services whose resources can carry a resource-based policy ("AWS services that
 * work with IAM", column "Resource-based policies"): where a request's resource
 * policy was not supplied, it is something iamwhy did not see.
 */
export const RESOURCE_POLICY_SERVICES: ReadonlySet<string> = new Set([
  's3',
  's3express',
  'kms',
  'sqs',
  'sns',
  'lambda',
  'secretsmanager',
  'ecr',
  'glacier',
  'logs',
  'events',
  'es',
  'aoss',
  'backup',
  'codeartifact',
  'dynamodb',
  'kinesis',
  'apigateway',
  'execute-api',
  'elasticfilesystem',
  'glue',
  'ssm-incidents',
  'acm-pca',
  'iot',
  'mediastore',
  'ses',
  'serverlessrepo',
  'cloudtrail',
]);
