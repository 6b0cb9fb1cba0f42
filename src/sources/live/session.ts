/**
 * One set of AWS credentials and the SDK clients that use them. Every client
 * is `import()`ed the first time a read needs it, so offline answers never load
 * the SDK. Credentials come from the SDK's standard chain (environment, shared
 * config and credentials files, SSO, web identity, container and instance
 * metadata, credential_process) for the profile asked for; `AWS_ENDPOINT_URL`
 * and `AWS_ENDPOINT_URL_<SERVICE>` are honoured by the SDK itself.
 */
import { LiveError } from './errors.js';

/** The services iamwhy reads, by the name used in `service:Operation`. */
export type ServiceName = 'sts' | 'iam' | 's3' | 's3control' | 'kms' | 'sqs' | 'sns' | 'lambda' | 'secretsmanager' | 'ecr' | 'organizations';

/** The part of an SDK client iamwhy uses. */
export interface SdkClient {
  send(command: unknown): Promise<unknown>;
  config: { region: () => Promise<string> };
  middlewareStack: { add: (middleware: unknown, options: Record<string, unknown>) => void };
  destroy(): void;
}

type ClientConstructor = new (config: Record<string, unknown>) => SdkClient;
type CommandConstructor = new (input: object) => unknown;

interface LoadedService {
  Client: ClientConstructor;
  commands: Record<string, unknown>;
}

/** Literal imports, one per client, so the code that can be loaded is visible to tools (and to the read-only test). */
const LOADERS: Record<ServiceName, () => Promise<LoadedService>> = {
  sts: async () => service(await import('@aws-sdk/client-sts'), 'STSClient'),
  iam: async () => service(await import('@aws-sdk/client-iam'), 'IAMClient'),
  s3: async () => service(await import('@aws-sdk/client-s3'), 'S3Client'),
  s3control: async () => service(await import('@aws-sdk/client-s3-control'), 'S3ControlClient'),
  kms: async () => service(await import('@aws-sdk/client-kms'), 'KMSClient'),
  sqs: async () => service(await import('@aws-sdk/client-sqs'), 'SQSClient'),
  sns: async () => service(await import('@aws-sdk/client-sns'), 'SNSClient'),
  lambda: async () => service(await import('@aws-sdk/client-lambda'), 'LambdaClient'),
  secretsmanager: async () => service(await import('@aws-sdk/client-secrets-manager'), 'SecretsManagerClient'),
  ecr: async () => service(await import('@aws-sdk/client-ecr'), 'ECRClient'),
  organizations: async () => service(await import('@aws-sdk/client-organizations'), 'OrganizationsClient'),
};

function service(module: object, clientName: string): LoadedService {
  const commands = module as Record<string, unknown>;
  return { Client: commands[clientName] as ClientConstructor, commands };
}

/** The names `AWS_ENDPOINT_URL_<SERVICE>` uses (the SDK's service ids, upper-cased, spaces as underscores). */
const ENDPOINT_ENV: Record<ServiceName, string> = {
  sts: 'STS',
  iam: 'IAM',
  s3: 'S3',
  s3control: 'S3_CONTROL',
  kms: 'KMS',
  sqs: 'SQS',
  sns: 'SNS',
  lambda: 'LAMBDA',
  secretsmanager: 'SECRETS_MANAGER',
  ecr: 'ECR',
  organizations: 'ORGANIZATIONS',
};

/**
 * Connection set-up is bounded so an unreachable endpoint fails within seconds;
 * throttling is left to the SDK's adaptive retry mode (client-side rate limiting
 * with backoff). Three attempts: transient errors are retried, a dead endpoint
 * is given up on quickly.
 */
const CONNECTION_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 20_000;
const MAX_ATTEMPTS = 3;

export interface SessionOptions {
  /** `--profile` (default `$AWS_PROFILE`, as the SDK reads it). */
  profile?: string | undefined;
  /** `--region`, else `$AWS_REGION` / `$AWS_DEFAULT_REGION`, else the profile's region, else us-east-1. */
  region?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** Static credentials (from sts:AssumeRole), instead of the chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Called with one line per call when --debug is on (already redacted by the caller). */
  debug?: ((line: string) => void) | undefined;
}

export class AwsSession {
  private readonly clients = new Map<string, Promise<SdkClient>>();
  private readonly loaded = new Map<ServiceName, Promise<LoadedService>>();
  private credentialProvider: Promise<unknown> | undefined;
  private regionPromise: Promise<string> | undefined;

  constructor(readonly options: SessionOptions) {}

  /** The region calls go to unless a resource names its own. */
  region(): Promise<string> {
    this.regionPromise ??= this.resolveRegion();
    return this.regionPromise;
  }

  private async resolveRegion(): Promise<string> {
    const { env, region, profile } = this.options;
    const given = region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (given !== undefined && given !== '') return given;
    // The profile's `region` in the shared config file, read the way the SDK reads it.
    try {
      const { Client } = await this.load('sts');
      const probe = new Client(profile === undefined ? {} : { profile });
      const found = await probe.config.region();
      probe.destroy();
      if (found) return found;
    } catch {
      // No region configured anywhere: fall back below.
    }
    return 'us-east-1';
  }

  private load(name: ServiceName): Promise<LoadedService> {
    let loaded = this.loaded.get(name);
    if (loaded === undefined) {
      // The SDK warns on stderr about Node versions it will stop supporting; iamwhy's own output stays clean.
      process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
      loaded = LOADERS[name]();
      this.loaded.set(name, loaded);
    }
    return loaded;
  }

  private credentials(): Promise<unknown> {
    if (this.options.credentials !== undefined) return Promise.resolve(this.options.credentials);
    this.credentialProvider ??= import('@aws-sdk/credential-providers').then(({ fromNodeProviderChain }) =>
      fromNodeProviderChain(this.options.profile === undefined ? {} : { profile: this.options.profile }),
    );
    return this.credentialProvider;
  }

  /** The endpoint a service is sent to, for messages (the override when one is set). */
  endpointHint(name: ServiceName, region: string): string {
    return this.endpointOverride(name) ?? `${name === 's3control' ? 's3-control' : name}.${region}.amazonaws.com`;
  }

  private endpointOverride(name: ServiceName): string | undefined {
    const { env } = this.options;
    if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === 'true') return undefined;
    return env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV[name]}`] ?? env.AWS_ENDPOINT_URL;
  }

  /** The client of a service in a region (one per pair, created on first use). */
  client(name: ServiceName, region: string): Promise<SdkClient> {
    const key = `${name}:${region}`;
    let client = this.clients.get(key);
    if (client === undefined) {
      client = this.createClient(name, region);
      this.clients.set(key, client);
    }
    return client;
  }

  private async createClient(name: ServiceName, region: string): Promise<SdkClient> {
    const { Client } = await this.load(name);
    const credentials = await this.credentials();
    const override = this.endpointOverride(name);
    const config: Record<string, unknown> = {
      region,
      credentials,
      maxAttempts: MAX_ATTEMPTS,
      retryMode: 'adaptive',
      requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
      // The SDK logs nothing of its own: iamwhy reports failures in its words.
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    };
    if (this.options.profile !== undefined) config.profile = this.options.profile;
    if (name === 's3') {
      config.followRegionRedirects = true;
      // A custom endpoint (a local emulator, a proxy) takes the bucket in the path, not the host name.
      if (override !== undefined) config.forcePathStyle = true;
    }
    const client = new Client(config);
    if (name === 's3control' && override !== undefined) keepEndpointHost(client, override);
    return client;
  }

  /** The command object of an operation: `GetUser` is sent as the SDK's `GetUserCommand`, built from the name (only `Reader.send` calls this). */
  async command(name: ServiceName, operation: string, input: object): Promise<unknown> {
    const { commands } = await this.load(name);
    const Command = commands[`${operation}Command`] as CommandConstructor | undefined;
    if (Command === undefined) throw new LiveError(`internal error: the AWS SDK has no ${name}:${operation}`, 'AWS_ERROR');
    return new Command(input);
  }

  /** The run is over: calls still in flight finish silently. */
  closed = false;

  destroy(): void {
    this.closed = true;
    for (const client of this.clients.values()) void client.then((created) => created.destroy(), () => undefined);
  }
}

/**
 * S3 Control puts the account id in front of the endpoint's host name
 * (`123456789012.s3-control.…`). With a custom endpoint that is not what the
 * user pointed iamwhy at: send the request to the host as given.
 */
function keepEndpointHost(client: SdkClient, endpoint: string): void {
  let host: string;
  try {
    host = new URL(endpoint).hostname;
  } catch {
    return;
  }
  client.middlewareStack.add(
    (next: (args: { request: { hostname?: string } }) => Promise<unknown>) => async (args: { request: { hostname?: string } }) => {
      const hostname = args.request.hostname;
      if (hostname !== undefined && hostname !== host && hostname.endsWith(`.${host}`)) args.request.hostname = host;
      return next(args);
    },
    { step: 'build', name: 'iamwhyKeepEndpointHost' },
  );
}
