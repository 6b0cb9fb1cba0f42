/**
 * What the AWS CLI and SDKs add around AWS's message: the error code, the
 * operation and the service. The forms ("Troubleshoot access denied error
 * messages" shows the CLI one; the others are how the SDKs print errors):
 *
 * - AWS CLI, boto3: `An error occurred (AccessDenied) when calling the GetObject operation: …`
 * - Go v2 (and Terraform, which wraps it): `operation error S3: GetObject, https response error StatusCode: 403, RequestID: …, api error AccessDenied: …`
 * - Java v2: `… (Service: Ec2, Status Code: 403, Request ID: …)`; Java v1: `… (Service: Amazon S3; Status Code: 403; Error Code: AccessDenied; Request ID: …)`
 * - JavaScript v3, Go v1: `AccessDeniedException: …`
 *
 * Each is found with `indexOf` and read up to a fixed delimiter: linear time.
 */

export interface SdkWrapper {
  errorCode: string | undefined;
  operation: string | undefined;
  /** The SDK's service id as printed (`S3`, `Ec2`, `Amazon S3`). */
  service: string | undefined;
  requestId: string | undefined;
}

/** Error codes AWS services return for authorization failures. */
export const DENIAL_ERROR_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'Client.UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthorizationError',
  'AuthorizationErrorException',
] as const;

const TOKEN_LIMIT = 256;

/** The text between `start` and the first of `stops` (or the end), if short enough to be a name. */
function readUntil(text: string, start: number, stops: readonly string[]): string | undefined {
  let end = text.length;
  for (const stop of stops) {
    const found = text.indexOf(stop, start);
    if (found !== -1 && found < end) end = found;
  }
  if (end - start > TOKEN_LIMIT) return undefined;
  const value = text.slice(start, end).trim();
  return value === '' ? undefined : value;
}

function after(lower: string, marker: string): number | undefined {
  const found = lower.indexOf(marker);
  return found === -1 ? undefined : found + marker.length;
}

const NAME = /^[A-Za-z][A-Za-z0-9.]*$/;

function name(value: string | undefined): string | undefined {
  return value !== undefined && NAME.test(value) ? value : undefined;
}

export function readSdkWrapper(text: string, lower: string): SdkWrapper {
  let errorCode: string | undefined;
  let operation: string | undefined;
  let service: string | undefined;
  let requestId: string | undefined;

  // AWS CLI / boto3
  const cli = after(lower, 'an error occurred (');
  if (cli !== undefined) {
    errorCode = name(readUntil(text, cli, [')']));
    const calling = lower.indexOf(' when calling the ', cli);
    if (calling !== -1) operation = name(readUntil(text, calling + ' when calling the '.length, [' operation']));
  }
  // Go v2
  const go = after(lower, 'operation error ');
  if (go !== undefined) {
    service = readUntil(text, go, [':', ',']);
    const colon = text.indexOf(':', go);
    if (colon !== -1) operation ??= name(readUntil(text, colon + 1, [',']));
  }
  const api = after(lower, 'api error ');
  if (api !== undefined) errorCode ??= name(readUntil(text, api, [':', ' ']));
  // Java
  const java = after(lower, '(service: ');
  if (java !== undefined) {
    service ??= readUntil(text, java, [',', ';', ')']);
    const code = lower.indexOf('error code: ', java);
    if (code !== -1) errorCode ??= name(readUntil(text, code + 'error code: '.length, [',', ';', ')']));
  }
  const request = after(lower, 'request id: ') ?? after(lower, 'requestid: ');
  if (request !== undefined) requestId = readUntil(text, request, [',', ';', ')', ' ']);
  // JavaScript v3, Go v1, or a bare code in a log line: `AccessDeniedException: …`
  if (errorCode === undefined) {
    for (const code of DENIAL_ERROR_CODES) {
      const found = text.indexOf(`${code}:`);
      const before = found > 0 ? text[found - 1] : ' ';
      if (found !== -1 && (before === ' ' || before === '(' || before === '[')) {
        errorCode = code;
        break;
      }
    }
  }
  return { errorCode, operation, service, requestId };
}
