/**
 * iamwhy's library entry point: the public API, with types.
 *
 * Data flows one way: sources → request + policy set → `evaluate` → result
 * with trace → `explain` → a renderer.
 */

// The policy language
export type { Policy, Statement, NameList, PrincipalBlock, ConditionClause, ParsedOperator, Effect, PolicyOrigin, SetOperator } from './language/policy.js';
export { POLICY_KINDS, isPolicyKind, isResourceBasedKind, type PolicyKind } from './language/policy-kind.js';
export { formatFinding, hasErrors, type Finding, type Severity, type SourceLocation } from './language/findings.js';
export { parsePolicy, decodeDocument, POLICY_FINDING_CODES, type ParsePolicyOptions, type ParsePolicyResult } from './language/parse/index.js';
export { parseArn, matchArnPattern, formatArn, type Arn } from './language/arn.js';
export { matchWildcard, hasWildcard, type WildcardOptions } from './language/wildcard.js';
export { substituteVariables, matchResourcePattern, type ResourceMatch, type VariableUse } from './language/variables.js';
export { normalizeContextKey, createContext } from './language/condition-keys.js';
export type { ContextEntry, ContextView, ContextValueOrigin } from './language/context.js';
export {
  evaluateConditionClause,
  evaluateConditionBlock,
  conditionKeysOf,
  parseOperatorName,
  BASE_OPERATORS,
  type ConditionEvaluation,
  type BaseOperatorName,
} from './language/conditions/index.js';

// The engine
export { evaluate } from './engine/evaluate.js';
export { parsePrincipal, principalTypeOf, type Principal, type PrincipalKind, type PrincipalParseResult } from './engine/principal.js';
export type { Request, RequestResource, OrganizationFacts, ContextInput } from './engine/request.js';
export type { PolicySet, OrganizationLevel } from './engine/policy-set.js';
export {
  LAYER_ORDER,
  type EvaluationResult,
  type Decision,
  type LayerName,
  type LayerResult,
  type LayerVerdict,
  type PolicyEvaluation,
  type StatementEvaluation,
  type StatementRef,
  type ElementMatch,
  type PrincipalMatch,
  type MissingContextKey,
  type ReasonCode,
} from './engine/result.js';

// Explanations
export { explain, type Explanation, type ExplainOptions, type PathStep, type StatementPanel } from './explain/explanation.js';
export { causeOf, CAUSES, type Cause } from './explain/cause.js';
export { suggestFixes, type Suggestion, type ActionFacts } from './explain/suggestions.js';
export { compareWithAws, type Agreement, type AwsNamed } from './explain/agreement.js';
export { explainMessageAlone, type MessageExplanation } from './explain/message-alone.js';

// Service data (async: the engine never calls it)
export {
  openCatalog,
  updateDefinitions,
  resolveAction,
  expandActionPattern,
  resourceTypeFor,
  conditionKeysFor,
  globalConditionKeyInfo,
  type ServiceCatalog,
} from './catalog/index.js';

// Sources
export { mergeContributions, type SourceContribution } from './sources/contribution.js';
export {
  readPolicyFile,
  readOrganizationConfig,
  readContextFile,
  parseContextAssignments,
  contextTemplates,
} from './sources/files/index.js';
export {
  loadSnapshot,
  readSnapshotFile,
  readSnapshotFiles,
  mergeSnapshots,
  resolvePrincipal,
  snapshotContribution,
  snapshotRequest,
  whoCan,
  type Snapshot,
  type WhoCanResult,
  type WhoCanEntry,
} from './sources/snapshot/index.js';
export { assembleRequest, type AssembleOptions, type AssembledRequest } from './sources/assemble-request.js';
export type { DeniedRequest, DeniedRequestPart, MissingPart, EventFacts } from './sources/denied-request.js';
export {
  parseDenialMessage,
  deniedRequestFromMessage,
  readDecodedAuthorization,
  withDecodedAuthorization,
  MESSAGE_EXAMPLE,
  type ParsedMessage,
  type ParseMessageResult,
  type MessageForm,
  type DecodedAuthorization,
} from './sources/error-text/index.js';
export { cloudTrailRecords, isDeniedEvent, deniedRequestFromEvent, DENIED_ERROR_CODES, type CloudTrailRecord } from './sources/cloudtrail/index.js';
export { actionForOperation, servicePrefixForEventSource, type OperationAction } from './catalog/operation-actions.js';
// Live AWS (the SDK is loaded only when one of these is called)
export {
  decodeAuthorizationMessage,
  readLiveSources,
  captureSnapshot,
  LiveError,
  type DecodeAuthorizationMessageOptions,
  type LiveOptions,
  type LiveSources,
  type CaptureOptions,
  type CaptureSummary,
} from './sources/live/index.js';

// Renderers
export { render, renderText, renderSummary, renderQuiet, renderJson, renderJsonError, OUTPUT_FORMATS, type OutputFormat, type RenderOptions } from './render/index.js';
export { renderDenialReports, parsedJson, type DenialReport, type JsonParsed, type JsonAgreement, type JsonMessageExplanation } from './render/denial.js';
