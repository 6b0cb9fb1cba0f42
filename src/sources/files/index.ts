/**
 * Offline file sources: policy files, the organization config (YAML), the three
 * context files, and `--context KEY=VALUE` assignments.
 */
export { readPolicyFile, parsePolicyText, POLICY_KIND_LABEL, type PolicyFileResult, type PolicyFileOptions } from './policy-file.js';
export { readOrganizationConfig, parseOrganizationConfig, type OrganizationConfig } from './organization-config.js';
export {
  readContextFile,
  readPrincipalContext,
  readResourceContext,
  readRequestContext,
  parseContextFile,
  CONTEXT_FILE_KINDS,
  CONTEXT_FILE_FIELDS,
  type ContextFileKind,
  type ContextFileOptions,
} from './context-files.js';
export { contextTemplates, type ContextTemplate } from './context-templates.js';
export { parseContextAssignments, type ContextAssignmentOptions, type ContextAssignmentResult } from './context-assignments.js';
export {
  checkValue,
  checkKeyValue,
  defaultKeyTypeLookup,
  type ConditionKeyTypeInfo,
  type ConditionKeyTypeLookup,
  type ValueCheck,
} from './context-values.js';
