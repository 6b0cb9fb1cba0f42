/**
 * Account snapshots: load GAAD output or iamwhy snapshots, find principals by
 * name, and turn them into what the engine evaluates.
 * CAUTION: publicly exported.
 */
export * from './format.js';
export type * from './model.js';
export { loadSnapshot, readSnapshotFile, readSnapshotFiles, mergeSnapshots } from './load-snapshot.js';
export type { LoadSnapshotOptions, SnapshotLoadResult } from './load-snapshot.js';
export { resolvePrincipal } from './resolve-principal.js';
export type { ResolvedPrincipal, PrincipalLookupError, PrincipalLookupErrorCode, PrincipalLookupResult } from './resolve-principal.js';
export { snapshotContribution, snapshotRequest, isTrustPolicyAction } from './contribution.js';
export type {
  SnapshotContribution,
  SnapshotContributionResult,
  SnapshotRequestOptions,
  SnapshotRequestResult,
  S3PublicAccessBlockFacts,
} from './contribution.js';
export { findResource } from './resource-lookup.js';
export type { ResourceLookup, ResourceMatch } from './resource-lookup.js';
export { whoCan } from './who-can.js';
export type { EvaluateFunction, WhoCanDecision, WhoCanEntry, WhoCanOptions, WhoCanResult, WhoCanVerdict } from './who-can.js';
