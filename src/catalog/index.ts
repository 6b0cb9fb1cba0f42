/**
 * The service catalog: AWS's Service Authorization Reference (actions, resource types,
 * ARN formats, condition keys), from the bundled package or a refreshed cache.
 */
export type {
  AccessLevel,
  ActionInfo,
  ActionResourceType,
  ConditionKeyInfo,
  ConditionKeyType,
  DataSourceInfo,
  ResourceTypeInfo,
  ServiceCatalog,
} from './types.js';
export { openCatalog, type OpenCatalogOptions } from './open.js';
export { openBundledCatalog, BUNDLED_PACKAGE } from './bundled.js';
export {
  CatalogUpdateError,
  DEFAULT_REFERENCE_URL,
  REFERENCE_FOLDER,
  defaultCacheDir,
  openCacheCatalog,
  readCacheManifest,
  updateDefinitions,
  type CacheManifest,
  type FetchFunction,
  type UpdateOptions,
  type UpdateResult,
} from './cache.js';
export {
  closestNames,
  conditionKeysFor,
  expandActionPattern,
  resolveAction,
  resourceTypeFor,
  type ActionResolution,
  type ResourceTypeFit,
} from './actions.js';
export { editDistance } from '../text/near-match.js';
export { globalConditionKeyInfo, globalConditionKeys, type GlobalConditionKeyInfo, type GlobalKeyCategory } from './global-keys.js';
export { arnFitsFormat, compileArnFormat, compileTemplate, conditionKeyFitsTemplate, type CompiledArnFormat } from './template.js';
export { parseServiceDocument, parseServiceIndex, ReferenceFormatError, type ServiceIndexEntry } from './aws-reference.js';
