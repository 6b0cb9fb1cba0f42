/**
 * The rows of one statement panel: the statement as written, with the part
 * that decided (or, for a near miss, failed) marked, and the request's values
 * beside the policy's. Read off the trace in the panel; nothing is evaluated.
 */
import type { ConditionReason } from '../language/conditions/index.js';
import type { ConditionClause, NameList, PrincipalBlock } from '../language/policy.js';
import type { StatementEvaluation } from '../engine/result.js';
import type { StatementPanel } from '../explain/explanation.js';
import type { BoxRow } from './box.js';
import { keepTogether } from './wrap.js';

type ConditionTrace = StatementEvaluation['conditions'][number];

/** Width of the longest label, `NotPrincipal:`, plus a space: values line up. */
const LABEL_WIDTH = 14;

export const DECIDED_MARKER = '◀ matched';
export const FAILED_MARKER = '◀ did not match';

/** Which parts of the statement the panel points at. */
interface Marks {
  action: boolean;
  resource: boolean;
  principal: boolean;
  /** JSON paths of the marked condition clauses. */
  conditions: Set<string>;
}

/**
 * The same reading of the trace as the panel's `decidingPart`: a matched
 * statement is decided by NotPrincipal, else by its conditions, else by Action
 * and Resource; a near miss fails at the first element that did not match,
 * else at every condition that did not hold (they are AND'ed).
 */
function marksOf(panel: StatementPanel): Marks {
  const statement = panel.evaluation;
  const marks: Marks = { action: false, resource: false, principal: false, conditions: new Set() };
  if (statement.matched) {
    const via = statement.principal?.via;
    if (via === 'not-principal' || via === 'not-principal-boundary') marks.principal = true;
    else if (statement.conditions.length > 0) statement.conditions.forEach((condition) => marks.conditions.add(condition.path));
    else {
      marks.action = true;
      marks.resource = true;
    }
    return marks;
  }
  if (statement.action && !statement.action.matched) marks.action = true;
  else if (statement.resource && !statement.resource.matched) marks.resource = true;
  else if (statement.principal && !statement.principal.matched) marks.principal = true;
  else statement.conditions.filter((condition) => !condition.matched).forEach((condition) => marks.conditions.add(condition.path));
  return marks;
}

export function showValue(value: string): string {
  return value === '' ? '""' : value;
}

function showValues(values: readonly string[]): string {
  return values.length === 0 ? '(none)' : values.map(showValue).join(', ');
}

/** A labelled row; an empty label continues the element above (a further condition clause). */
function row(label: string, text: string, marker?: string): BoxRow {
  const lead = (label === '' ? '' : `${label}:`).padEnd(LABEL_WIDTH);
  return marker ? { lead, text, marker } : { lead, text };
}

/** `${aws:PrincipalTag/team} → analytics`, or why a variable had no value ("the principal has no tag team"). */
export function variableNote(variables: ReadonlyArray<{ name: string; value?: string }>): string {
  return variables
    .map(({ name, value }) => {
      if (value !== undefined) return `\${${name}} → ${showValue(value)}`;
      const tag = /^aws:(principal|resource|request)tag\/(.+)$/i.exec(name);
      const why = tag ? `the ${tag[1]?.toLowerCase() === 'request' ? 'request' : tag[1]?.toLowerCase()} has no tag ${tag[2] ?? ''}` : 'not in the request';
      return `\${${name}}: no value (${why})`;
    })
    .join('; ');
}

function nameListRow(
  list: NameList,
  element: 'Action' | 'Resource',
  against: string | undefined,
  marked: boolean,
  marker: string,
  variables?: ReadonlyArray<{ name: string; value?: string }>,
): BoxRow {
  const label = list.negated ? `Not${element}` : element;
  const substituted = variables !== undefined && variables.length > 0 ? ` ${keepTogether(`(${variableNote(variables)})`)}` : '';
  const request = marked && against !== undefined ? ` ${keepTogether(`(request: ${showValue(against)})`)}` : '';
  return row(label, `${showValues(list.values)}${substituted}${request}`, marked ? marker : undefined);
}

function principalText(block: PrincipalBlock): string {
  if (block.wildcard) return '*';
  const groups: Array<[string, string[]]> = [
    ['AWS', block.aws],
    ['Service', block.service],
    ['Federated', block.federated],
    ['CanonicalUser', block.canonicalUser],
  ];
  return groups
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => `${name}: ${showValues(values)}`)
    .join('; ');
}

/** What the request had, in the words a reader expects beside the policy values. */
function requestNote(trace: ConditionTrace): string {
  const extra = REASON_NOTES[trace.reason];
  const seen = trace.keyMissing ? 'missing from request' : `request: ${showValues(trace.contextValues)}`;
  // What each policy variable of the values stood for (or that it had none).
  const uses = new Map<string, string | undefined>();
  for (const detail of trace.policyValueDetails) for (const use of detail.variables) if (!use.special && !uses.has(use.name)) uses.set(use.name, use.resolved ? use.value : undefined);
  const substituted = uses.size > 0 ? `; ${variableNote([...uses].map(([name, value]) => (value === undefined ? { name } : { name, value })))}` : '';
  return keepTogether(`(${seen}${extra ? `; ${extra}` : ''}${substituted})`);
}

/** Only the outcomes a reader could not guess from the values alone get words. */
const REASON_NOTES: Record<ConditionReason, string | undefined> = {
  matched: undefined,
  'no-value-matched': undefined,
  'negated-no-value-matched': undefined,
  'negated-value-matched': undefined,
  'all-values-satisfied': undefined,
  'some-value-unsatisfied': 'not every value is allowed',
  'some-value-satisfied': undefined,
  'no-value-satisfied': undefined,
  'key-missing': undefined,
  'key-missing-ifexists': 'IfExists: holds when absent',
  'key-missing-negated': 'a negated operator holds when absent',
  'key-missing-for-all-values': 'ForAllValues holds when absent',
  'empty-set-for-all-values': 'empty set: ForAllValues holds',
  'empty-set-for-any-value': 'empty set: ForAnyValue fails',
  'null-key-absent': undefined,
  'null-key-present': undefined,
  'multivalued-without-set-operator': 'several values need ForAnyValue or ForAllValues',
  'unknown-operator': 'unknown operator: never matches',
  'invalid-value': 'values of the wrong type: never matches',
};

function conditionRows(statement: StatementEvaluation, marks: Marks, marker: string): BoxRow[] {
  const traces = statement.conditions;
  return statement.statement.conditions.map((clause: ConditionClause, index) => {
    const trace = traces.find((candidate) => candidate.path === clause.path) ?? traces[index];
    const head = `${clause.operator.name} ${clause.key}: ${showValues(trace ? trace.policyValues : clause.values)}`;
    const text = trace ? `${head} ${requestNote(trace)}` : head;
    const marked = trace !== undefined && marks.conditions.has(trace.path);
    return row(index === 0 ? 'Condition' : '', text, marked ? marker : undefined);
  });
}

/** The panel's heading row, then the statement element by element. */
export function panelRows(panel: StatementPanel): BoxRow[] {
  const evaluation = panel.evaluation;
  const statement = evaluation.statement;
  const marks = marksOf(panel);
  const marker = panel.role === 'decided' ? DECIDED_MARKER : FAILED_MARKER;
  const rows: BoxRow[] = [];
  rows.push(
    panel.role === 'decided'
      ? { lead: '', text: `Decided by: ${panel.decidingPart}` }
      : panel.role === 'partial-deny'
        ? { lead: '', text: `Does not decide: ${panel.decidingPart}` }
        : { lead: '', text: `Closest ${panel.effect}, did not match: ${panel.decidingPart}` },
  );
  const sid = statement.sid === undefined ? '(no Sid)' : `Sid=${statement.sid}`;
  rows.push(row('Statement', `${sid} (${evaluation.path})`));
  rows.push(row('Effect', statement.effect));
  if (statement.action) rows.push(nameListRow(statement.action, 'Action', evaluation.action?.against, marks.action, marker));
  if (statement.resource) rows.push(nameListRow(statement.resource, 'Resource', evaluation.resource?.against, marks.resource, marker, evaluation.resource?.variables));
  if (statement.principal) {
    const label = statement.principal.negated ? 'NotPrincipal' : 'Principal';
    const against = evaluation.principal?.against;
    const request = marks.principal && against !== undefined ? ` ${keepTogether(`(request: ${against})`)}` : '';
    rows.push(row(label, `${principalText(statement.principal)}${request}`, marks.principal ? marker : undefined));
  }
  rows.push(...conditionRows(evaluation, marks, marker));
  return rows;
}

export function panelTitle(panel: StatementPanel): string {
  return `${panel.policyId} — ${panel.policyDescription}`;
}
