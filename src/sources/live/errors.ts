/**
 * What a failed AWS call means for iamwhy: a read that was denied or found
 * nothing becomes data (an unknown, or "there is none"); missing or invalid
 * credentials and an unreachable endpoint stop the run with one line.
 */

/** Stops a live run: no credentials, invalid credentials, or AWS cannot be reached. Turned into exit 2 by the command. */
export class LiveError extends Error {
  constructor(
    message: string,
    readonly code: 'AWS_CREDENTIALS' | 'AWS_UNREACHABLE' | 'AWS_ERROR' | 'AWS_PRINCIPAL' | 'AWS_NOTHING_READ',
  ) {
    super(message);
    this.name = 'LiveError';
  }
}

/** How one call failed, in the terms the sources use. */
export type ReadFailure =
  /** The caller may not make this call (AccessDenied and its service-specific names, HTTP 403). */
  | { kind: 'denied'; code: string; message: string }
  /** The thing read does not exist (NoSuchEntity, NoSuchBucketPolicy…). */
  | { kind: 'not_found'; code: string; message: string }
  /** Any other answer from AWS (a service error that is neither). */
  | { kind: 'failed'; code: string; message: string };

const DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'UnauthorizedOperation',
  'Forbidden',
  'AllAccessDisabled',
]);

const NOT_FOUND_CODES = new Set([
  'NoSuchEntity',
  'NoSuchEntityException',
  'NoSuchBucket',
  'NoSuchBucketPolicy',
  'NoSuchTagSet',
  'NoSuchTagSetError',
  'NoSuchPublicAccessBlockConfiguration',
  'NotFoundException',
  'NotFound',
  'ResourceNotFoundException',
  'RepositoryNotFoundException',
  'RepositoryPolicyNotFoundException',
  'QueueDoesNotExist',
  'AWS.SimpleQueueService.NonExistentQueue',
  'NonExistentQueue',
  'AWSOrganizationsNotInUseException',
  'ChildNotFoundException',
  'PolicyNotFoundException',
  'TargetNotFoundException',
]);

/** Credentials that AWS rejects: fatal, with a hint. */
const CREDENTIAL_CODES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'IncompleteSignature',
  'InvalidSignatureException',
]);

/** Node's names for a connection that could not be made or was cut. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  Code?: unknown;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

function shape(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The network error code behind an SDK error, if it is one. */
function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current !== undefined && depth < 4; depth++) {
    const candidate = shape(current);
    const code = text(candidate.code) ?? text(candidate.name);
    if (code !== undefined && NETWORK_CODES.has(code)) return code;
    if (code === 'TimeoutError' || code === 'RequestTimeout' || code === 'RequestTimeoutException') return 'timeout';
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Sort a failed call: a fatal problem (credentials, network) is thrown as a
 * `LiveError`; anything else is returned as data for the source to record.
 */
export function classifyFailure(error: unknown, operation: string, endpointHint: string): ReadFailure {
  const candidate = shape(error);
  const name = text(candidate.name) ?? text(candidate.Code) ?? 'Error';
  const message = (text(candidate.message) ?? name).split('\n')[0] ?? name;
  const status = candidate.$metadata?.httpStatusCode;
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    throw new LiveError(
      'no AWS credentials found: configure them (aws configure, aws sso login, AWS_PROFILE or --profile, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), or give --snapshot FILE or policy files to explain offline',
      'AWS_CREDENTIALS',
    );
  }
  if (CREDENTIAL_CODES.has(name)) {
    throw new LiveError(`AWS rejected the credentials (${name} on ${operation}): ${message.replace(/\.$/, '')}; check the profile or refresh the session`, 'AWS_CREDENTIALS');
  }
  const network = networkCode(error);
  if (network !== undefined && status === undefined) {
    throw new LiveError(`cannot reach AWS at ${endpointHint} (${network === 'timeout' ? 'timed out' : network} on ${operation}): check the network, --region and AWS_ENDPOINT_URL`, 'AWS_UNREACHABLE');
  }
  if (DENIED_CODES.has(name) || status === 403) return { kind: 'denied', code: DENIED_CODES.has(name) ? name : 'AccessDenied', message };
  if (NOT_FOUND_CODES.has(name) || status === 404) return { kind: 'not_found', code: name, message };
  return { kind: 'failed', code: name, message };
}
