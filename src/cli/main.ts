/**
 * The `iamwhy` command line: parses arguments and wires the commands. Commands
 * return an exit code or throw `UsageError`; only here do errors become exit 2.
 */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { OUTPUT_FORMATS, renderJsonError, type OutputFormat } from '../render/index.js';
import { completionScript, COMPLETION_SHELLS, type CompletableOption } from './completion.js';
import { EXIT, UsageError } from './exit-error.js';
import type { ExplainCommandOptions } from './explain-options.js';
import { processTerminal, type ColorMode, type Terminal } from './terminal.js';
import { cutMessage, echoArgument, messageLine } from '../text/excerpt.js';
import { redactSecrets } from '../text/redact.js';
import { printableLines } from '../text/printable.js';

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const EXAMPLES = `
Examples:
  # Live: read the account with the prod profile's credentials (read-only), cross-check with AWS's simulator
  iamwhy alice s3:GetObject -r arn:aws:s3:::reports/q1.csv --profile prod

  # Why is bob denied? (the bundled example account snapshot, no network)
  iamwhy bob ec2:RunInstances -r 'arn:aws:ec2:ap-southeast-2:111111111111:instance/*' --literal-resource --snapshot examples/acme/acme-snapshot.json

  # From policy files: identity policy, bucket policy, SCPs
  iamwhy arn:aws:iam::111111111111:user/alice s3:GetObject -r arn:aws:s3:::bucket/key \\
    -i policy.json -R bucket-policy.json --organization-config org.yaml

  # Supply condition keys; the same key twice makes a multi-valued key
  iamwhy arn:aws:iam::111111111111:user/alice ec2:RunInstances -i policy.json \\
    --context aws:MultiFactorAuthPresent=true --context aws:SourceIp=10.0.0.5

  # Who can read this object?
  iamwhy who-can s3:GetObject -r arn:aws:s3:::acme-reports/2025/q1-revenue.csv --snapshot examples/acme/acme-snapshot.json

  # Machine-readable output; exit code 0 allowed, 1 denied, 2 error
  iamwhy ... -o json | jq .cause
`;

const EXIT_CODES = `
Exit codes:
  0  allowed
  1  denied (explicit or implicit deny)
  2  usage error, unreadable or invalid input, or a failed --update-definitions download
`;

const WHO_CAN_EXAMPLES = `
Examples:
  # Who can read this object, and what blocks everyone else?
  iamwhy who-can s3:GetObject -r arn:aws:s3:::acme-reports/2025/q1-revenue.csv --snapshot snapshot.json

  # Roles only, as JSON
  iamwhy who-can sts:AssumeRole -r arn:aws:iam::111111111111:role/deploy --snapshot snapshot.json --principals roles -o json
`;

const COMPLETION_EXAMPLES = `
Examples:
  iamwhy completion bash > /etc/bash_completion.d/iamwhy
  iamwhy completion zsh > "\${fpath[1]}/_iamwhy"
  iamwhy completion fish > ~/.config/fish/completions/iamwhy.fish
`;

const WHO_CAN_EXIT_CODES = `
Exit codes:
  0  at least one principal is allowed
  1  no principal is allowed
  2  usage error, unreadable or invalid input
`;

type DefinedOption = CompletableOption & { define: (command: Command) => Command };
/** Every option of the main command, for --help and for shell completion. */
const OPTIONS: DefinedOption[] = [];
/** Every option of `who-can`. */
const WHO_CAN_OPTIONS: DefinedOption[] = [];
/** Every option of `explain-error` and of `explain-event`. */
const EXPLAIN_ERROR_OPTIONS: DefinedOption[] = [];
const EXPLAIN_EVENT_OPTIONS: DefinedOption[] = [];
/** Every option of `snapshot`. */
const SNAPSHOT_OPTIONS: DefinedOption[] = [];
function option(
  flags: string,
  description: string,
  value: CompletableOption['value'],
  define: (command: Command, flags: string, description: string) => Command,
  list: DefinedOption[] = OPTIONS,
): void {
  list.push({
    flags: flags.split(/[ ,]+/).filter((part) => part.startsWith('-')),
    description,
    ...(value !== undefined ? { value } : {}),
    ...(define === repeatable ? { repeatable: true } : {}),
    define: (command) => define(command, flags, description),
  });
}
const repeatable = (command: Command, flags: string, description: string): Command => command.option(flags, description, collect);
const single = (command: Command, flags: string, description: string): Command => command.option(flags, description);
const flag = single;

option('-p, --principal-arn <principal>', 'principal making the request (instead of the first argument)', 'text', single);
option('-a, --action <action>', 'the IAM action, e.g. s3:GetObject (instead of the second argument)', 'text', single);
option('-r, --resource <arn>', 'the resource ARN (default: *); with a wildcard: is some matching resource allowed?', 'text', single);
option('--literal-resource', 'read -r exactly as written: wildcards are literal, as in AWS’s request for a resource a call creates (ec2:RunInstances on instance/*)', undefined, flag);
option('--context <key=value>', 'set a condition key; repeat a key for several values (repeatable)', 'text', repeatable);
option('--region <region>', 'the region the request is sent to (aws:RequestedRegion) when the resource ARN has none, e.g. for S3', 'text', single);
option('--s3-block-public-access <settings>', 'the bucket’s effective S3 Block Public Access: all, none, or the settings that are on (e.g. RestrictPublicBuckets,IgnorePublicAcls)', 'text', single);
option('--snapshot <file>', 'account snapshot: GAAD output or iamwhy snapshot format (repeatable, one per account)', 'file', repeatable);
option('--profile <name>', 'live mode (no --snapshot or policy files): the AWS profile to read the account with (default: $AWS_PROFILE)', 'text', single);
option('--resource-profile <name>', 'live mode: another AWS profile that reads the resource’s side (its policy, tags, owner, RCPs)', 'text', single);
option('--no-simulate', 'live mode: do not ask AWS’s policy simulator (iam:SimulatePrincipalPolicy) for its verdict', undefined, flag);
option('-i, --identity-policy <file>', 'identity-based policy file (repeatable)', 'file', repeatable);
option('-R, --resource-policy <file>', 'resource-based policy file; a role trust policy for sts:AssumeRole*, a key policy for KMS keys (repeatable)', 'file', repeatable);
option('--permission-boundary <file>', 'permissions boundary policy file', 'file', repeatable);
option('--session-policy <file>', 'session policy file (repeatable)', 'file', repeatable);
option('--vpc-endpoint-policy <file>', 'VPC endpoint policy file; the request then passes through the endpoint (repeatable)', 'file', repeatable);
option('--organization-config <file>', 'SCP/RCP hierarchy YAML (paths relative to the YAML file)', 'file', single);
option('--principal-context <file>', 'principal context JSON (see --generate-context-template)', 'file', single);
option('--resource-context <file>', 'resource context JSON', 'file', single);
option('--request-context <file>', 'request context JSON; its "custom" keys win over derived values', 'file', single);
option('--generate-context-template', 'print the three context file templates and exit', undefined, flag);
option('--update-definitions', 'refresh the service data from AWS’s published Service Authorization Reference into the user cache', undefined, flag);
option('--offline', 'never use the network', undefined, flag);
option('--allow-unknown-action', 'evaluate an action the service data does not know (e.g. newer than the data)', undefined, flag);
option('-o, --output <format>', 'output format: text, summary, json, quiet (default: text)', OUTPUT_FORMATS, single);
option('--color <when>', 'colour: auto, always, never (default: auto; honours NO_COLOR)', ['auto', 'always', 'never'], single);
option('--debug', 'show stack traces for errors, and in live mode each AWS call (never credentials)', undefined, flag);

option('-r, --resource <arn>', 'the resource ARN (default: *); with a wildcard: is some matching resource allowed?', 'text', single, WHO_CAN_OPTIONS);
option('--literal-resource', 'read -r exactly as written: wildcards are literal characters', undefined, flag, WHO_CAN_OPTIONS);
option('--snapshot <file>', 'account snapshot: GAAD output or iamwhy snapshot format (repeatable, one per account)', 'file', repeatable, WHO_CAN_OPTIONS);
option('--context <key=value>', 'set a condition key; repeat a key for several values (repeatable)', 'text', repeatable, WHO_CAN_OPTIONS);
option('--region <region>', 'the region the request is sent to (aws:RequestedRegion) when the resource ARN has none', 'text', single, WHO_CAN_OPTIONS);
option('--principals <which>', 'which principals to list: all, users, roles (default: all)', ['all', 'users', 'roles'], single, WHO_CAN_OPTIONS);
option('-o, --output <format>', 'output format: text, json (default: text)', ['text', 'json'], single, WHO_CAN_OPTIONS);
option('--color <when>', 'colour: auto, always, never (default: auto; honours NO_COLOR)', ['auto', 'always', 'never'], single, WHO_CAN_OPTIONS);
option('--allow-unknown-action', 'evaluate an action the service data does not know (e.g. newer than the data)', undefined, flag, WHO_CAN_OPTIONS);
option('--debug', 'show stack traces for errors', undefined, flag, WHO_CAN_OPTIONS);

/** The options `explain-error` and `explain-event` share: what fills the request's gaps, the usual sources and output. */
for (const list of [EXPLAIN_ERROR_OPTIONS, EXPLAIN_EVENT_OPTIONS]) {
  option('-p, --principal-arn <principal>', 'the principal, when AWS did not name it (or to replace it)', 'text', single, list);
  option('-a, --action <action>', 'the IAM action, when AWS did not name it (or to replace it)', 'text', single, list);
  option('-r, --resource <arn>', 'the resource ARN, when AWS did not name it (or to replace it)', 'text', single, list);
  option('--literal-resource', 'read -r exactly as written (the resource AWS names is always read so)', undefined, flag, list);
  option('--context <key=value>', 'set a condition key; repeat a key for several values (repeatable); wins over what the message or event says', 'text', repeatable, list);
  option('--region <region>', 'the region the request was sent to, for resource ARNs without one (S3)', 'text', single, list);
  option('--decoded <file>', 'the output of aws sts decode-authorization-message for the encoded failure message: its context and matched statements feed the request', 'file', single, list);
  option('--snapshot <file>', 'account snapshot: GAAD output or iamwhy snapshot format (repeatable, one per account)', 'file', repeatable, list);
  option('-i, --identity-policy <file>', 'identity-based policy file (repeatable)', 'file', repeatable, list);
  option('-R, --resource-policy <file>', 'resource-based policy file; a role trust policy for sts:AssumeRole*, a key policy for KMS keys (repeatable)', 'file', repeatable, list);
  option('--permission-boundary <file>', 'permissions boundary policy file', 'file', repeatable, list);
  option('--session-policy <file>', 'session policy file (repeatable)', 'file', repeatable, list);
  option('--vpc-endpoint-policy <file>', 'VPC endpoint policy file (repeatable)', 'file', repeatable, list);
  option('--organization-config <file>', 'SCP/RCP hierarchy YAML (paths relative to the YAML file)', 'file', single, list);
  option('--principal-context <file>', 'principal context JSON', 'file', single, list);
  option('--resource-context <file>', 'resource context JSON', 'file', single, list);
  option('--request-context <file>', 'request context JSON', 'file', single, list);
  option('--s3-block-public-access <settings>', 'the bucket’s effective S3 Block Public Access: all, none, or the settings that are on', 'text', single, list);
  option('--profile <name>', 'live mode (no --snapshot or policy files): the AWS profile to read the account with (default: $AWS_PROFILE)', 'text', single, list);
  option('--resource-profile <name>', 'live mode: another AWS profile that reads the resource’s side', 'text', single, list);
  option('--offline', 'never use the network: without a snapshot or policy files, explain the message alone', undefined, flag, list);
  option('--allow-unknown-action', 'evaluate an action the service data does not know (e.g. newer than the data)', undefined, flag, list);
  option('-o, --output <format>', 'output format: text, summary, json, quiet (default: text)', OUTPUT_FORMATS, single, list);
  option('--color <when>', 'colour: auto, always, never (default: auto; honours NO_COLOR)', ['auto', 'always', 'never'], single, list);
  option('--debug', 'show stack traces for errors', undefined, flag, list);
}
option('--event-id <id>', 'explain only the denied event with this eventID', 'text', single, EXPLAIN_EVENT_OPTIONS);

const EXPLAIN_ERROR_DESCRIPTION = 'explain an AccessDenied message (TEXT, or standard input): what AWS named, and every layer that blocks';
const EXPLAIN_EVENT_DESCRIPTION = 'explain the denied requests of CloudTrail events (one event, a list, or a log file with Records; - for standard input)';

const EXPLAIN_ERROR_EXAMPLES = `
Examples:
  # Paste the message; with a snapshot iamwhy evaluates every layer and compares with AWS
  iamwhy explain-error 'User: arn:aws:iam::111111111111:user/bob is not authorized to perform: ec2:RunInstances on resource: arn:aws:ec2:ap-southeast-2:111111111111:instance/* with an explicit deny in a service control policy' --snapshot examples/acme/acme-snapshot.json

  # From the clipboard or a log; without policy sources it says what the message itself means
  pbpaste | iamwhy explain-error

  # EC2's encoded failure message, decoded first
  aws sts decode-authorization-message --encoded-message "$BLOB" --query DecodedMessage --output text > decoded.json
  iamwhy explain-error "$MESSAGE" --decoded decoded.json --snapshot snapshot.json
`;

const EXPLAIN_EVENT_EXAMPLES = `
Examples:
  # A CloudTrail log file: every denied event in it
  iamwhy explain-event 111111111111_CloudTrail_eu-west-1_20250101T0000Z.json --snapshot snapshot.json

  # Straight from lookup-events
  aws cloudtrail lookup-events --lookup-attributes AttributeKey=EventName,AttributeValue=GetObject --output json | iamwhy explain-event - --snapshot snapshot.json
`;

const DENIAL_EXIT_CODES = `
Exit codes:
  0  iamwhy finds the request allowed (AWS denied it: see the unknowns)
  1  denied (as AWS reported it, or as iamwhy finds it)
  2  usage error, unreadable input, or a message or event iamwhy cannot read
`;

option('--profile <name>', 'the AWS profile to read the account with (default: $AWS_PROFILE)', 'text', single, SNAPSHOT_OPTIONS);
option('--region <region>', 'a region whose regional resources (KMS, SQS, SNS, Lambda, Secrets Manager, ECR) are captured; repeatable (default: $AWS_REGION, else the profile’s)', 'text', repeatable, SNAPSHOT_OPTIONS);
option('--org', 'capture every account of the organization (from the management account or a delegated administrator)', undefined, flag, SNAPSHOT_OPTIONS);
option('--role-name <role>', 'with --org: the role assumed (sts:AssumeRole) in each member account', 'text', single, SNAPSHOT_OPTIONS);
option('--concurrency <n>', 'with --org: accounts captured at once (default: 4)', 'text', single, SNAPSHOT_OPTIONS);
option('--debug', 'show stack traces for errors, and each AWS call (never credentials)', undefined, flag, SNAPSHOT_OPTIONS);

const SNAPSHOT_DESCRIPTION = 'capture the account (or, with --org, the organization) into an iamwhy snapshot FILE (- for standard output), read-only';
const SNAPSHOT_EXAMPLES = `
Examples:
  # The account of the prod profile, resources of two regions
  iamwhy snapshot prod.json --profile prod --region eu-west-1 --region us-east-1

  # Every account of the organization, through a read-only role in each
  iamwhy snapshot org.json --profile management --org --role-name iamwhy-read

  # Then explain offline, and share the file as a reproducible case
  iamwhy alice s3:GetObject -r arn:aws:s3:::reports/q1.csv --snapshot prod.json
`;
const SNAPSHOT_EXIT_CODES = `
Exit codes:
  0  the snapshot was written (reads that were denied are recorded in it)
  2  usage error, missing or invalid credentials, AWS unreachable, or nothing readable
`;

const WHO_CAN_DESCRIPTION = 'list every principal of the snapshot(s) allowed to perform ACTION on the resource, and what blocks the others';
const COMPLETION_DESCRIPTION = 'print a shell completion script';
const HELP_DESCRIPTION = 'show help for a command';

function packageVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

function choice<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${name} must be one of ${allowed.join(', ')}, not "${echoArgument(value)}"`);
}

function explainOptions(principal: string | undefined, action: string | undefined, raw: Record<string, unknown>): ExplainCommandOptions {
  const text = (key: string): string | undefined => raw[key] as string | undefined;
  const list = (key: string): string[] => (raw[key] as string[] | undefined) ?? [];
  const principalArn = text('principalArn');
  const actionOption = text('action');
  if (action !== undefined && actionOption !== undefined) throw new UsageError('give the action once: as the second argument or with -a/--action');
  return {
    principal: principal ?? principalArn,
    principalArgument: principal,
    principalOption: principalArn,
    action: action ?? actionOption,
    resource: text('resource') ?? '*',
    region: text('region'),
    s3BlockPublicAccess: text('s3BlockPublicAccess'),
    context: list('context'),
    identityPolicy: list('identityPolicy'),
    resourcePolicy: list('resourcePolicy'),
    permissionBoundary: list('permissionBoundary'),
    sessionPolicy: list('sessionPolicy'),
    vpcEndpointPolicy: list('vpcEndpointPolicy'),
    organizationConfig: text('organizationConfig'),
    principalContext: text('principalContext'),
    resourceContext: text('resourceContext'),
    requestContext: text('requestContext'),
    snapshot: list('snapshot'),
    profile: text('profile'),
    resourceProfile: text('resourceProfile'),
    simulate: raw.simulate !== false,
    offline: raw.offline === true,
    updateDefinitions: raw.updateDefinitions === true,
    generateContextTemplate: raw.generateContextTemplate === true,
    allowUnknownAction: raw.allowUnknownAction === true,
    literalResource: raw.literalResource === true,
    output: choice(text('output'), OUTPUT_FORMATS, 'text', '--output'),
    color: choice<ColorMode>(text('color'), ['auto', 'always', 'never'], 'auto', '--color'),
    debug: raw.debug === true,
  };
}

/**
 * Which output format the arguments ask for, read before parsing so even parse
 * errors can be JSON. The last one wins, as it does for the parser.
 */
export function requestedFormat(argv: readonly string[]): OutputFormat | undefined {
  let format: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument === '--') break;
    if ((argument === '-o' || argument === '--output') && argv[index + 1] !== undefined) format = argv[++index];
    else if (argument.startsWith('--output=')) format = argument.slice('--output='.length);
    else if (/^-o[^-]/.test(argument)) format = argument.slice(2);
  }
  return format as OutputFormat | undefined;
}

/** Commander's error text as one line: `unknown option '--resouce'; did you mean --resource?`. */
export function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ')
    .replace(/\s*\(Did you mean (.*)\)$/, '; did you mean $1');
}

function buildProgram(terminal: Terminal, run: { exitCode: number }): Command {
  // Parse errors are printed by main, as one line (or as JSON with --output json).
  const output = { writeOut: terminal.stdout, writeErr: terminal.stderr, outputError: () => undefined };
  const program = new Command('iamwhy');
  program
    .description('Explain AWS IAM access decisions: which policy, statement and condition decides, and what would change it.')
    .usage('[PRINCIPAL] [ACTION] [options]\n       iamwhy who-can ACTION [options]\n       iamwhy explain-error [TEXT] [options]\n       iamwhy explain-event FILE|- [options]\n       iamwhy snapshot FILE [options]\n       iamwhy completion bash|zsh|fish')
    .argument('[principal]', 'user or role name (with --snapshot), or a user, role, assumed-role, federated-user or root ARN, an account id, a service principal, or "anonymous"')
    .argument('[action]', 'the IAM action, e.g. s3:GetObject')
    .version(packageVersion(), '--version', 'print the version')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXAMPLES + EXIT_CODES)
    .helpCommand('help [command]', HELP_DESCRIPTION)
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    // Options after a subcommand belong to it: `who-can … --snapshot f` must not feed the main command's --snapshot.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput(output);
  for (const entry of OPTIONS) entry.define(program);
  program.action(async (principal: string | undefined, action: string | undefined, raw: Record<string, unknown>) => {
    const { runExplain } = await import('./explain-command.js');
    run.exitCode = await runExplain(explainOptions(principal, action, raw), terminal);
  });

  const whoCan = program
    .command('who-can')
    .description(WHO_CAN_DESCRIPTION)
    .argument('<action>', 'the IAM action, e.g. s3:GetObject')
    .usage('ACTION -r ARN --snapshot FILE [options]')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', WHO_CAN_EXAMPLES + WHO_CAN_EXIT_CODES)
    .showSuggestionAfterError(true);
  for (const entry of WHO_CAN_OPTIONS) entry.define(whoCan);
  whoCan
    .exitOverride()
    .configureOutput(output)
    .action(async (action: string, raw: Record<string, unknown>) => {
      const { runWhoCan } = await import('./who-can-command.js');
      // `iamwhy -o json who-can …` puts the option on the main command: honour it here too.
      const parent = program.opts<Record<string, unknown>>();
      run.exitCode = await runWhoCan(
        {
          action,
          resource: ((raw.resource ?? parent.resource) as string | undefined) ?? '*',
          snapshot: [...((parent.snapshot as string[] | undefined) ?? []), ...((raw.snapshot as string[] | undefined) ?? [])],
          context: [...((parent.context as string[] | undefined) ?? []), ...((raw.context as string[] | undefined) ?? [])],
          region: (raw.region ?? parent.region) as string | undefined,
          principals: choice(raw.principals as string | undefined, ['all', 'users', 'roles'] as const, 'all', '--principals'),
          output: choice((raw.output ?? parent.output) as string | undefined, ['text', 'json'] as const, 'text', '--output'),
          color: choice<ColorMode>((raw.color ?? parent.color) as string | undefined, ['auto', 'always', 'never'], 'auto', '--color'),
          allowUnknownAction: raw.allowUnknownAction === true || parent.allowUnknownAction === true,
          literalResource: raw.literalResource === true || parent.literalResource === true,
        },
        terminal,
      );
    });

  /** Options given before the subcommand (`iamwhy -o json explain-error …`) count for it too. */
  const withParent = (raw: Record<string, unknown>): Record<string, unknown> => {
    const merged: Record<string, unknown> = { ...raw };
    for (const [key, value] of Object.entries(program.opts<Record<string, unknown>>())) {
      if (value === undefined) continue;
      if (Array.isArray(value)) merged[key] = [...value, ...((raw[key] as unknown[] | undefined) ?? [])];
      else if (merged[key] === undefined) merged[key] = value;
    }
    return merged;
  };
  const overridesOf = (raw: Record<string, unknown>) => ({
    principal: raw.principalArn as string | undefined,
    action: raw.action as string | undefined,
    resource: raw.resource as string | undefined,
  });

  const explainError = program
    .command('explain-error')
    .description(EXPLAIN_ERROR_DESCRIPTION)
    .argument('[text...]', 'the AccessDenied message (quote it); standard input when omitted')
    .usage('[TEXT] [options]')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXPLAIN_ERROR_EXAMPLES + DENIAL_EXIT_CODES)
    .showSuggestionAfterError(true);
  for (const entry of EXPLAIN_ERROR_OPTIONS) entry.define(explainError);
  explainError
    .exitOverride()
    .configureOutput(output)
    .action(async (words: string[], given: Record<string, unknown>) => {
      const raw = withParent(given);
      const { runExplainError } = await import('./explain-error-command.js');
      run.exitCode = await runExplainError(words, { ...explainOptions(undefined, undefined, raw), decoded: raw.decoded as string | undefined }, overridesOf(raw), terminal);
    });

  const explainEvent = program
    .command('explain-event')
    .description(EXPLAIN_EVENT_DESCRIPTION)
    .argument('<file>', 'CloudTrail events as JSON, or - for standard input')
    .usage('FILE|- [options]')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', EXPLAIN_EVENT_EXAMPLES + DENIAL_EXIT_CODES)
    .showSuggestionAfterError(true);
  for (const entry of EXPLAIN_EVENT_OPTIONS) entry.define(explainEvent);
  explainEvent
    .exitOverride()
    .configureOutput(output)
    .action(async (file: string, given: Record<string, unknown>) => {
      const raw = withParent(given);
      const { runExplainEvent } = await import('./explain-event-command.js');
      run.exitCode = await runExplainEvent(
        file,
        { ...explainOptions(undefined, undefined, raw), decoded: raw.decoded as string | undefined, eventId: raw.eventId as string | undefined },
        overridesOf(raw),
        terminal,
      );
    });

  const snapshot = program
    .command('snapshot')
    .description(SNAPSHOT_DESCRIPTION)
    .argument('<file>', 'where to write the snapshot, or - for standard output')
    .usage('FILE [options]')
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', SNAPSHOT_EXAMPLES + SNAPSHOT_EXIT_CODES)
    .showSuggestionAfterError(true);
  for (const entry of SNAPSHOT_OPTIONS) entry.define(snapshot);
  snapshot
    .exitOverride()
    .configureOutput(output)
    .action(async (file: string, raw: Record<string, unknown>) => {
      const { runSnapshot } = await import('./snapshot-command.js');
      const parent = program.opts<Record<string, unknown>>();
      run.exitCode = await runSnapshot(
        {
          file,
          profile: (raw.profile ?? parent.profile) as string | undefined,
          regions: (raw.region as string[] | undefined) ?? (parent.region === undefined ? [] : [parent.region as string]),
          org: raw.org === true,
          roleName: raw.roleName as string | undefined,
          concurrency: raw.concurrency as string | undefined,
          debug: raw.debug === true || parent.debug === true,
        },
        terminal,
      );
    });

  program
    .command('completion')
    .description(COMPLETION_DESCRIPTION)
    .usage('bash|zsh|fish')
    .argument('<shell>', COMPLETION_SHELLS.join(', '))
    .helpOption('-h, --help', 'show this help')
    .addHelpText('after', COMPLETION_EXAMPLES)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output)
    .action((shell: string) => {
      terminal.stdout(
        completionScript(shell, {
          options: OPTIONS,
          commands: [
            { name: 'who-can', description: WHO_CAN_DESCRIPTION, options: WHO_CAN_OPTIONS },
            { name: 'explain-error', description: EXPLAIN_ERROR_DESCRIPTION, options: EXPLAIN_ERROR_OPTIONS },
            { name: 'explain-event', description: EXPLAIN_EVENT_DESCRIPTION, options: EXPLAIN_EVENT_OPTIONS },
            { name: 'snapshot', description: SNAPSHOT_DESCRIPTION, options: SNAPSHOT_OPTIONS },
            { name: 'completion', description: COMPLETION_DESCRIPTION, options: [], values: COMPLETION_SHELLS },
            { name: 'help', description: HELP_DESCRIPTION, options: [], values: ['who-can', 'explain-error', 'explain-event', 'snapshot', 'completion'] },
          ],
        }),
      );
      run.exitCode = EXIT.allowed;
    });
  return program;
}

/** The V8 and Node errors hostile input can still cause, in words; anything else as its message. */
function describeUnexpected(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RangeError && /Invalid string length|Invalid array length/.test(message)) {
    return `the input is too large to process (${message})`;
  }
  if (error instanceof RangeError && /Maximum call stack size exceeded/.test(message)) {
    return `the input is nested too deeply to process (${message})`;
  }
  return message.split('\n')[0] ?? message;
}

export async function main(argv: readonly string[], terminal: Terminal = processTerminal()): Promise<number> {
  const run = { exitCode: EXIT.allowed as number };
  const json = requestedFormat(argv) === 'json';
  const debug = argv.includes('--debug');
  const fail = (message: string, code: string, details: readonly string[] = []): number => {
    if (json) {
      try {
        terminal.stdout(renderJsonError([message, ...details].map(cutMessage).join('\n'), code));
        return EXIT.error;
      } catch {
        // stdout itself is failing: fall back to stderr.
      }
    }
    // Messages quote outside text (file names, values, arguments): printable, and never a screenful per line.
    terminal.stderr(`iamwhy: ${messageLine(message)}\n`);
    for (const line of details) terminal.stderr(`iamwhy: ${messageLine(line)}\n`);
    return EXIT.error;
  };
  if (argv.length === 1 && argv[0] === '--version') {
    // The version, and which service data answers (the bundled copy, or a refreshed cache with its date).
    const { describeServiceData } = await import('./service-data-label.js');
    terminal.stdout(`${packageVersion()}\n${await describeServiceData(terminal)}\n`);
    return EXIT.allowed;
  }
  if (argv.length === 0) {
    return fail('missing PRINCIPAL and ACTION: e.g. iamwhy alice s3:GetObject -r ARN --snapshot FILE (run iamwhy --help for more)', 'USAGE');
  }
  try {
    await buildProgram(terminal, run).parseAsync([...argv], { from: 'user' });
    return run.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' || error.exitCode === 0) {
        return EXIT.allowed;
      }
      const command = argv.find((argument) => argument === 'who-can' || argument === 'explain-error' || argument === 'explain-event' || argument === 'snapshot' || argument === 'completion');
      const help = `iamwhy${command ? ` ${command}` : ''} --help`;
      if (error.code === 'commander.excessArguments') {
        return fail(
          command
            ? `${oneLine(error.message).replace(/^too many arguments[^.]*\. Expected (.*) but got (\d+)\.$/, 'too many arguments: expected $1, got $2')} (see ${help})`
            : `too many arguments: iamwhy takes at most PRINCIPAL and ACTION; to give several files repeat the flag (-i a.json -i b.json)`,
          'USAGE',
        );
      }
      return fail(`${oneLine(error.message)} (see ${help})`, 'USAGE');
    }
    if (error instanceof UsageError) return fail(error.message, error.code, error.details);
    // Anything else is a bug or an environment failure: one line, the stack only on request,
    // and never a credential, token or signature (they can sit in URLs and messages).
    const message = redactSecrets(describeUnexpected(error));
    if (debug && error instanceof Error && error.stack) terminal.stderr(`${printableLines(redactSecrets(error.stack))}\n`);
    return fail(debug ? `unexpected error: ${message}` : `unexpected error: ${message} (run again with --debug for a stack trace)`, 'ERROR');
  }
}
