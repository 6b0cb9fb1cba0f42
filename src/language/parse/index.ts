/**
 * Reading and validating policy documents.
 * CAUTION: publicly exported.
 */
export { parsePolicy, type ParsePolicyOptions, type ParsePolicyResult } from './parse-policy.js';
export { decodeDocument, type DecodedDocument, type DecodeOptions, type DocumentForm } from './decode-document.js';
export { POLICY_FINDING_CODES, type FindingCodeInfo, type PolicyFindingCode } from './finding-codes.js';
export {
  formatPath,
  locate,
  parseJson,
  type JsonNode,
  type JsonParseResult,
  type JsonPosition,
  type JsonSyntaxError,
  type PathSegment,
} from './json-document.js';
