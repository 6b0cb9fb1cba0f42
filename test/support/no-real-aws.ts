/**
 * Every test process, and every iamwhy it starts, sees no AWS credentials, no
 * shared config files and no instance metadata, and any AWS call goes to a
 * closed local port: a test can never reach a real AWS account. Live tests set
 * their own endpoint and credentials explicitly.
 */
for (const key of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ROLE_ARN', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
  delete process.env[key];
}
process.env.AWS_CONFIG_FILE = '/nonexistent/iamwhy-test/config';
process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/iamwhy-test/credentials';
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:9';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
