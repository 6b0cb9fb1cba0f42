/**
 * Output for `explain-error` and `explain-event`: what was read from AWS's own
 * message or event comes first, then the usual explanation (text, summary, json,
 * quiet) — or, with no policies to evaluate, what the message itself says.
 * Everything read from outside is printed as data: control characters are
 * escaped, never passed to the terminal.
 * CAUTION: publicly exported — scripts read the JSON.
 */
import type { Agreement } from '../explain/agreement.js';
import { printable, stringifyForTerminal } from '../text/printable.js';
import type { Explanation } from '../explain/explanation.js';
import type { MessageExplanation } from '../explain/message-alone.js';
import { LAYER_NOUNS, LAYER_TITLES } from '../explain/words.js';
import type { Decision, LayerName } from '../engine/result.js';
import type { DeniedRequest } from '../sources/denied-request.js';
import { paint, type Paint } from './ansi.js';
import { toJsonOutput, type JsonOutput } from './json.js';
import { lineWidth, type RenderOptions } from './options.js';
import { QUIET_WORDS } from './quiet.js';
import { renderSummary } from './summary.js';
import { renderText } from './text.js';
import type { OutputFormat } from './index.js';
import { wrap } from './wrap.js';

/** One denied request and what iamwhy made of it. */
export interface DenialReport {
  denied: DeniedRequest;
  /** Present when policies were evaluated. */
  evaluated?: { explanation: Explanation; agreement: Agreement };
  /** Present when there was nothing to evaluate: what the message says on its own. */
  messageOnly?: MessageExplanation;
}

/** The `parsed` object of the JSON output: exactly these fields (the event ones only for events). */
export interface JsonParsed {
  principal: string | null;
  action: string | null;
  resource: string | null;
  explicit: boolean | null;
  policy_type: LayerName | null;
  policy_arn: string | null;
  authorization_id: string | null;
  role?: string | null;
  region?: string | null;
  source_ip?: string | null;
  vpc_endpoint?: string | null;
  mfa?: boolean | null;
  user_agent?: string | null;
  time?: string | null;
  called_via?: string[] | null;
}

export interface JsonAgreement {
  aws_policy_type: LayerName | null;
  aws_explicit: boolean | null;
  /** iamwhy finds the layer AWS named blocking as AWS said; null when AWS named none. */
  agrees: boolean | null;
  also_blocking: LayerName[];
  summary: string;
}

export interface JsonMissingPart {
  part: 'principal' | 'action' | 'resource';
  why: string;
  how: string;
}

/** With a policy source: the parsed request, the agreement, then the usual explanation. */
export type JsonDenialExplanation = { parsed: JsonParsed; agreement: JsonAgreement } & JsonOutput;

/** Without one: what AWS's message says on its own. */
export interface JsonMessageExplanation {
  parsed: JsonParsed;
  evaluated: false;
  /** Null when AWS did not say whether the deny was explicit. */
  decision: Exclude<Decision, 'allowed'> | null;
  certain: false;
  layer: LayerName | null;
  summary: string;
  fix: string[];
  caveats: string[];
  learn_more: string[];
  missing: JsonMissingPart[];
  assumptions: string[];
  notes: string[];
}


export function parsedJson(denied: DeniedRequest): JsonParsed {
  const parsed: JsonParsed = {
    principal: denied.principal ?? null,
    action: denied.action ?? null,
    resource: denied.resource ?? null,
    explicit: denied.explicit ?? null,
    policy_type: denied.policyType ?? null,
    policy_arn: denied.policyArn ?? null,
    authorization_id: denied.authorizationId ?? null,
  };
  const event = denied.event;
  if (event) {
    parsed.role = event.role ?? null;
    parsed.region = event.region ?? null;
    parsed.source_ip = event.sourceIp ?? null;
    parsed.vpc_endpoint = event.vpcEndpoint ?? null;
    parsed.mfa = event.mfa ?? null;
    parsed.user_agent = event.userAgent ?? null;
    parsed.time = event.time ?? null;
    parsed.called_via = event.calledVia ?? null;
  }
  return parsed;
}

function agreementJson(agreement: Agreement): JsonAgreement {
  return {
    aws_policy_type: agreement.awsLayer ?? null,
    aws_explicit: agreement.awsExplicit ?? null,
    agrees: agreement.agrees ?? null,
    also_blocking: [...agreement.alsoBlocking],
    summary: agreement.summary,
  };
}

function reportJson(report: DenialReport): JsonDenialExplanation | JsonMessageExplanation {
  const parsed = parsedJson(report.denied);
  if (report.evaluated) return { parsed, agreement: agreementJson(report.evaluated.agreement), ...toJsonOutput(report.evaluated.explanation) };
  const alone = report.messageOnly as MessageExplanation;
  return {
    parsed,
    evaluated: false,
    decision: alone.decision ?? null,
    certain: false,
    layer: alone.layer ?? null,
    summary: alone.summary,
    fix: [...alone.fix],
    caveats: [...alone.caveats],
    learn_more: [...alone.learnMore],
    missing: report.denied.missing.map((entry) => ({ part: entry.part, why: entry.why, how: entry.how })),
    assumptions: [...report.denied.assumptions],
    notes: [...report.denied.notes],
  };
}

function article(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

/** AWS's words for the layer it named: "a service control policy (explicit deny)". */
function namedWords(denied: DeniedRequest): string | undefined {
  if (denied.policyType === undefined) {
    if (denied.blockPublicAccess !== undefined) return `S3 Block Public Access (${denied.blockPublicAccess})`;
    return denied.explicit === true ? 'no policy type (explicit deny)' : undefined;
  }
  const noun = denied.policyType === 'resource' && denied.trustPolicy ? 'role trust policy' : LAYER_NOUNS[denied.policyType];
  const kind = denied.explicit === true ? 'explicit deny' : denied.explicit === false ? 'implicit deny' : 'deny';
  return `${noun} (${kind})`;
}

function field(label: string, value: string, width: number): string[] {
  const lead = `  ${`${label}:`.padEnd(14)}`;
  return wrap(printable(value), width, lead, ' '.repeat(lead.length));
}

function parsedSection(report: DenialReport, width: number, style: Paint): string[] {
  const { denied } = report;
  const lines = [style.bold(denied.event ? 'From the CloudTrail event:' : 'From AWS’s message:')];
  const show = (label: string, value: string | undefined): void => {
    if (value !== undefined) lines.push(...field(label, value, width));
  };
  show('Event', denied.event ? denied.label : undefined);
  show('Principal', denied.principal);
  show('Action', denied.action);
  show('Resource', denied.resource);
  show('AWS named', namedWords(denied));
  show('Policy', denied.policyArn);
  show('Authorization', denied.authorizationId === undefined ? undefined : `id ${denied.authorizationId}`);
  if (denied.encodedMessage !== undefined) show('Encoded', `${denied.encodedMessage.length} characters${denied.encodedMessageTruncated ? ', cut short (cannot be decoded)' : ''}`);
  const event = denied.event;
  if (event) {
    show('API', event.eventSource !== undefined && event.eventName !== undefined ? `${event.eventSource} ${event.eventName}${event.errorCode ? ` (${event.errorCode})` : ''}` : undefined);
    show('Role', event.role);
    show('Region', event.region);
    show('Source IP', event.sourceIp);
    show('VPC endpoint', event.vpcEndpoint);
    show('MFA', event.mfa === undefined ? undefined : event.mfa ? 'yes' : 'no');
    show('User agent', event.userAgent);
    show('Time', event.time);
    show('Called via', event.calledVia?.join(', '));
  }
  for (const entry of denied.missing) {
    lines.push(...wrap(printable(`${entry.part}: ${entry.why}; ${entry.how}`), width, '  Missing:      ', ' '.repeat(16)));
  }
  return lines;
}

function bulletSection(title: string, items: readonly string[], width: number, style: Paint, bullet = '- '): string[] {
  if (items.length === 0) return [];
  return [style.bold(title), ...items.flatMap((item) => wrap(printable(item), width, `  ${bullet}`, '    '))];
}

function messageOnlyText(report: DenialReport, width: number, style: Paint): string {
  const alone = report.messageOnly as MessageExplanation;
  const kind = alone.decision === 'explicitDeny' ? ' (explicit deny)' : alone.decision === 'implicitDeny' ? ' (implicit deny)' : '';
  const verdict = `Verdict: ${style.red(style.bold(`DENIED${kind}`))} — as AWS reported it; no policies were evaluated`;
  const sections = [
    parsedSection(report, width, style),
    [verdict, ...wrap(printable(alone.summary), width, 'What it means: ', '               ')],
    bulletSection('Kind of fix:', alone.fix, width, style),
    bulletSection('Keep in mind:', [...alone.caveats, ...report.denied.assumptions, ...report.denied.notes], width, style),
    bulletSection('To find out more, add:', alone.learnMore, width, style),
  ].filter((section) => section.length > 0);
  return `${sections.map((section) => section.join('\n')).join('\n\n')}\n`;
}

function evaluatedText(report: DenialReport, options: RenderOptions, width: number, style: Paint): string {
  const evaluated = report.evaluated as NonNullable<DenialReport['evaluated']>;
  const head = [...parsedSection(report, width, style), ...wrap(printable(evaluated.agreement.summary), width, '  Agreement:    ', ' '.repeat(16))];
  return `${head.join('\n')}\n\n${renderText(evaluated.explanation, options)}`;
}

function summaryText(report: DenialReport, options: RenderOptions, width: number, style: Paint): string {
  const named = namedWords(report.denied);
  if (report.evaluated) {
    const lead = named === undefined ? 'no policy type named' : `${article(named)} ${named}`;
    const { agrees } = report.evaluated.agreement;
    const verdictOnAws = agrees === true ? 'iamwhy agrees' : agrees === false ? 'iamwhy disagrees (see "Not certain")' : 'iamwhy evaluated every layer';
    return `${wrap(`${lead}; ${verdictOnAws}.`, width, 'From AWS: ', '  ').join('\n')}\n${renderSummary(report.evaluated.explanation, options)}`;
  }
  const alone = report.messageOnly as MessageExplanation;
  const kind = alone.decision === 'explicitDeny' ? ' (explicit deny)' : alone.decision === 'implicitDeny' ? ' (implicit deny)' : '';
  const what = `${report.denied.action ?? 'the request'}${report.denied.resource !== undefined ? ` on ${report.denied.resource}` : ''}`;
  const lines = [
    ...wrap(printable(what), width, `${style.red(style.bold(`DENIED${kind}`))}: `, '  '),
    ...(alone.layer !== undefined ? wrap(`${LAYER_TITLES[alone.layer]}${report.denied.policyArn ? ` ${printable(report.denied.policyArn)}` : ''} (named by AWS; not evaluated)`, width, 'Denied by: ', '  ') : []),
    ...wrap(printable(alone.summary), width, 'Reason: ', '  '),
    ...wrap('no policies were evaluated; add --snapshot FILE or policy files.', width, 'Not certain: ', '  '),
  ];
  return `${lines.join('\n')}\n`;
}

function quietText(report: DenialReport): string {
  if (report.evaluated) return `${QUIET_WORDS[report.evaluated.explanation.result.decision]}\n`;
  const decision = report.messageOnly?.decision;
  // AWS's message alone may not say which kind of deny it was.
  return `${decision === undefined ? 'DENY' : QUIET_WORDS[decision]}\n`;
}

function renderOne(format: OutputFormat, report: DenialReport, options: RenderOptions): string {
  const width = lineWidth(options);
  const style = paint(options.color);
  switch (format) {
    case 'json':
      return `${stringifyForTerminal(reportJson(report))}\n`;
    case 'quiet':
      return quietText(report);
    case 'summary':
      return summaryText(report, options, width, style);
    case 'text':
      return report.evaluated ? evaluatedText(report, options, width, style) : messageOnlyText(report, width, style);
  }
}

/** Every report: one as it is, several one after another (JSON: `{"events": [...]}`). */
export function renderDenialReports(format: OutputFormat, reports: readonly DenialReport[], options: RenderOptions): string {
  if (reports.length === 1) return renderOne(format, reports[0] as DenialReport, options);
  if (format === 'json') return `${stringifyForTerminal({ events: reports.map(reportJson) })}\n`;
  if (format === 'quiet') return reports.map(quietText).join('');
  const style = paint(options.color);
  return reports
    .map((report, index) => `${style.bold(`── ${index + 1} of ${reports.length}: ${printable(report.denied.label)} ──`)}\n\n${renderOne(format, report, options)}`)
    .join('\n');
}
