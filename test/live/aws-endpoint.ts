/**
 * A local AWS for the live-mode tests: a moto server (started and stopped by
 * the tests, on a free port) behind a small HTTP endpoint that forwards every
 * call to it, except what moto lacks, which it answers in AWS's documented
 * response shape:
 * - iam:SimulatePrincipalPolicy (moto answers HTTP 500): the decision a test sets, paginated;
 * - user permissions boundaries (moto answers HTTP 500 to PutUserPermissionsBoundary):
 *   kept here and added to GetUser and GetAccountAuthorizationDetails answers;
 * - Organizations reads from member accounts: DescribeOrganization works, the
 *   rest is AccessDeniedException, as AWS answers a member account;
 * - denied calls: a test names the calls an access key may not make, and gets
 *   AWS's AccessDenied in the protocol of each service.
 * It also records every call it sees (operation, access key) for assertions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Moto {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `python3 -m moto.server -H 127.0.0.1 -p PORT`, ready when its API answers. */
export async function startMoto(): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited (${child.exitCode}): ${stderr}`);
    try {
      const response = await fetch(`${url}/moto-api/`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`moto did not start within 30 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RecordedCall {
  operation: string;
  accessKey: string;
  params: Record<string, string>;
}

export interface Simulation {
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  /** Answer in two pages (the decision on the second), to exercise Marker. */
  paginate?: boolean;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The signing service and access key from a SigV4 Authorization header. */
function signer(request: IncomingMessage): { accessKey: string; service: string } {
  const match = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(request.headers.authorization ?? ''));
  return { accessKey: match?.[1] ?? '', service: match?.[2] ?? '' };
}

/** `service:Operation` for the calls iamwhy makes, in each protocol (query, JSON, REST). */
function operationOf(request: IncomingMessage, body: string, service: string): { operation: string; params: Record<string, string> } {
  const url = new URL(request.url ?? '/', 'http://local');
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') {
    const prefix: Record<string, string> = { TrentService: 'kms', AmazonSQS: 'sqs', secretsmanager: 'secretsmanager', AmazonEC2ContainerRegistry_V20150921: 'ecr', AWSOrganizationsV20161128: 'organizations' };
    const [api, name] = target.split('.');
    let params: Record<string, string> = {};
    try {
      params = Object.fromEntries(Object.entries(JSON.parse(body || '{}') as Record<string, unknown>).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    } catch {
      params = {};
    }
    return { operation: `${prefix[api ?? ''] ?? service}:${name ?? ''}`, params };
  }
  const form = new URLSearchParams(body);
  if (form.has('Action')) return { operation: `${service}:${form.get('Action')}`, params: Object.fromEntries(form.entries()) };
  if (url.pathname.startsWith('/v20180820/configuration/publicAccessBlock')) return { operation: 's3control:GetPublicAccessBlock', params: {} };
  if (service === 'lambda') {
    if (/\/functions\/[^/]+\/policy/.test(url.pathname)) return { operation: 'lambda:GetPolicy', params: {} };
    if (url.pathname.includes('/tags/')) return { operation: 'lambda:ListTags', params: {} };
    if (/\/functions\/?$/.test(url.pathname)) return { operation: 'lambda:ListFunctions', params: {} };
    return { operation: `lambda:${request.method ?? ''} ${url.pathname}`, params: {} };
  }
  if (service === 's3') {
    const query = [...url.searchParams.keys()];
    const names: Record<string, string> = { policy: 'GetBucketPolicy', location: 'GetBucketLocation', publicAccessBlock: 'GetPublicAccessBlock', tagging: 'GetBucketTagging' };
    const found = query.find((key) => names[key] !== undefined);
    if (request.method === 'GET' && found) return { operation: `s3:${names[found]}`, params: {} };
    if (request.method === 'GET' && url.pathname === '/') return { operation: 's3:ListBuckets', params: {} };
    return { operation: `s3:${request.method ?? ''} ${url.pathname}`, params: {} };
  }
  return { operation: `${service}:${request.method ?? ''} ${url.pathname}`, params: {} };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** AWS's AccessDenied, in the protocol the service speaks. */
function denied(response: ServerResponse, operation: string, request: IncomingMessage): void {
  const [service, name] = operation.split(':');
  const message = `User: arn:aws:iam::123456789012:user/test is not authorized to perform: ${operation} because no identity-based policy allows the ${operation} action`;
  if (typeof request.headers['x-amz-target'] === 'string') {
    response.writeHead(403, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-query-error': 'AccessDenied;Sender' });
    response.end(JSON.stringify({ __type: service === 'sqs' ? 'com.amazon.coral.service#AccessDeniedException' : 'AccessDeniedException', message }));
    return;
  }
  if (service === 'lambda') {
    response.writeHead(403, { 'content-type': 'application/json', 'x-amzn-errortype': 'AccessDeniedException' });
    response.end(JSON.stringify({ Message: message }));
    return;
  }
  if (service === 's3' || service === 's3control') {
    response.writeHead(403, { 'content-type': 'application/xml' });
    response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R</RequestId></Error>`);
    return;
  }
  const code = service === 'sns' ? 'AuthorizationError' : 'AccessDenied';
  response.writeHead(403, { 'content-type': 'text/xml' });
  response.end(`<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>R-${name ?? ''}</RequestId></ErrorResponse>`);
}

/** The documented SimulatePrincipalPolicy response ("SimulatePrincipalPolicy", "EvaluationResult"). */
function simulationXml(params: Record<string, string>, simulation: Simulation, page: 1 | 2): string {
  const action = params['ActionNames.member.1'] ?? '';
  const resource = params['ResourceArns.member.1'] ?? '*';
  const result =
    simulation.paginate && page === 1
      ? ''
      : `<member><EvalActionName>${escapeXml(action)}</EvalActionName><EvalResourceName>${escapeXml(resource)}</EvalResourceName><EvalDecision>${simulation.decision}</EvalDecision><MatchedStatements/><MissingContextValues/></member>`;
  const more = simulation.paginate && page === 1;
  return `<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>${more}</IsTruncated>${more ? '<Marker>page-2</Marker>' : ''}<EvaluationResults>${result}</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>sim</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`;
}

/** The decoded message of "DecodeAuthorizationMessage" (its documented shape). */
export const DECODED = JSON.stringify({
  allowed: false,
  explicitDeny: true,
  matchedStatements: { items: [{ statementId: 'DenyRunInstances', effect: 'DENY', principals: { items: [{ value: 'AROAEXAMPLE' }] }, principalGroups: { items: [] }, actions: { items: [{ value: 'ec2:RunInstances' }] }, resources: { items: [{ value: '*' }] }, conditions: { items: [] } }] },
  failures: { items: [] },
  context: { principal: { id: 'AROAEXAMPLE:Ana', arn: 'arn:aws:sts::123456789012:assumed-role/Developer/Ana' }, action: 'RunInstances', resource: 'arn:aws:ec2:us-east-1:123456789012:instance/*', conditions: { items: [{ key: 'aws:Region', values: { items: [{ value: 'us-east-1' }] } }] } },
});

export class AwsEndpoint {
  readonly calls: RecordedCall[] = [];
  /** Access key → calls (`service:Operation`, or `service:*`) answered with AccessDenied. */
  readonly denials = new Map<string, string[]>();
  /** User ARN → boundary ARN (what moto cannot store). */
  readonly userBoundaries = new Map<string, string>();
  /** Access keys of member accounts (learnt from AssumeRole answers) → account. */
  readonly keyAccounts = new Map<string, string>();
  managementAccount = '123456789012';
  /** Member accounts registered as delegated administrators: they may read the organization. */
  readonly delegatedAdministrators = new Set<string>();
  simulation: Simulation | undefined;
  private server: Server | undefined;
  url = '';
  /** The same endpoint by host name: S3 Control puts the account id in front of the host, which needs a name, not an IP. */
  hostUrl = '';

  constructor(private readonly moto: string) {}

  async start(): Promise<this> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.writeHead(500);
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${port}`;
    this.hostUrl = `http://localhost:${port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  deny(accessKey: string, operations: string[]): void {
    this.denials.set(accessKey, operations);
  }

  private isDenied(accessKey: string, operation: string): boolean {
    const rules = this.denials.get(accessKey) ?? [];
    const service = operation.split(':')[0];
    return rules.some((rule) => rule === operation || rule === `${service}:*`);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const text = body.toString('utf8');
    const { accessKey, service } = signer(request);
    const { operation, params } = operationOf(request, text, service);
    this.calls.push({ operation, accessKey, params });
    if (this.isDenied(accessKey, operation)) return denied(response, operation, request);

    if (operation === 'iam:SimulatePrincipalPolicy') {
      if (this.simulation === undefined) return denied(response, operation, request);
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(simulationXml(params, this.simulation, params.Marker === 'page-2' ? 2 : 1));
      return;
    }
    if (operation === 'iam:PutUserPermissionsBoundary') {
      this.userBoundaries.set(`arn:aws:iam::${this.keyAccounts.get(accessKey) ?? this.managementAccount}:user/${params.UserName ?? ''}`, params.PermissionsBoundary ?? '');
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end('<PutUserPermissionsBoundaryResponse><ResponseMetadata><RequestId>b</RequestId></ResponseMetadata></PutUserPermissionsBoundaryResponse>');
      return;
    }
    const memberAccount = this.keyAccounts.get(accessKey);
    const member = memberAccount !== undefined && memberAccount !== this.managementAccount;
    if (service === 'organizations' && member && !this.delegatedAdministrators.has(memberAccount) && operation !== 'organizations:DescribeOrganization') {
      return denied(response, operation, request);
    }
    if (operation === 'sts:DecodeAuthorizationMessage') {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(`<DecodeAuthorizationMessageResponse><DecodeAuthorizationMessageResult><DecodedMessage>${escapeXml(DECODED)}</DecodedMessage></DecodeAuthorizationMessageResult><ResponseMetadata><RequestId>d</RequestId></ResponseMetadata></DecodeAuthorizationMessageResponse>`);
      return;
    }
    const forwarded = await this.forward(request, body, service === 'organizations' && member ? this.managementKey : undefined);
    let answer = forwarded.body;
    if (operation === 'iam:GetUser' || operation === 'iam:GetAccountAuthorizationDetails') answer = this.withBoundaries(answer);
    if (operation === 'sts:AssumeRole') this.learnKey(answer);
    const headers = { ...forwarded.headers };
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    response.writeHead(forwarded.status, headers);
    response.end(answer);
  }

  /** Organizations answers for a member account come from the organization (moto keeps it in the management account). */
  managementKey = 'testing';

  private withBoundaries(xml: string): string {
    let result = xml;
    for (const [user, boundary] of this.userBoundaries) {
      result = result.split(`<Arn>${user}</Arn>`).join(
        `<Arn>${user}</Arn><PermissionsBoundary><PermissionsBoundaryType>PermissionsBoundaryPolicy</PermissionsBoundaryType><PermissionsBoundaryArn>${boundary}</PermissionsBoundaryArn></PermissionsBoundary>`,
      );
    }
    return result;
  }

  private learnKey(xml: string): void {
    const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(xml)?.[1];
    const account = /<Arn>arn:aws:sts::(\d{12}):assumed-role\//.exec(xml)?.[1];
    if (key && account) this.keyAccounts.set(key, account);
  }

  private forward(request: IncomingMessage, body: Buffer, asKey: string | undefined): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
    const target = new URL(this.moto);
    const headers = { ...request.headers };
    if (asKey !== undefined && typeof headers.authorization === 'string') headers.authorization = headers.authorization.replace(/Credential=[^/]+\//, `Credential=${asKey}/`);
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        { host: target.hostname, port: target.port, method: request.method, path: request.url, headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 500, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
