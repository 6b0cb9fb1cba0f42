/**
 * The service catalog: what AWS's Service Authorization Reference says about each
 * service — its actions, resource types (with ARN formats) and condition keys.
 *
 * The catalog is the I/O side of iamwhy: it reads data files (bundled or cached)
 * lazily, one service at a time, and is therefore asynchronous. The evaluation
 * engine never calls it; callers look things up first and hand plain data over.
 */

/** Access level as the Service Authorization Reference classifies actions. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging' | 'Unknown';

/**
 * Condition key types from the reference ("Condition keys" tables). `ArrayOf*` types
 * are multivalued. `Unknown` when the source names a type iamwhy does not know.
 */
export type ConditionKeyType =
  | 'String'
  | 'ARN'
  | 'Bool'
  | 'Date'
  | 'Numeric'
  | 'IPAddress'
  | 'Binary'
  | 'ArrayOfString'
  | 'ArrayOfARN'
  | 'ArrayOfBool'
  | 'ArrayOfDate'
  | 'ArrayOfNumeric'
  | 'ArrayOfIPAddress'
  | 'ArrayOfBinary'
  | 'Unknown';

/** One resource type an action can act on, as listed in the action's row. */
export interface ActionResourceType {
  /** Resource type name as the reference spells it, e.g. `object`, `role`. */
  name: string;
  /**
   * True when the reference marks the type as required (`*` in the Resource types
   * column). `undefined` when the source does not say (AWS's JSON files do not).
   */
  required: boolean | undefined;
  /** ARN formats with `${Placeholder}`s, e.g. `arn:${Partition}:s3:::${BucketName}/${ObjectName}`. */
  arnFormats: string[];
  /**
   * Condition keys that apply when the request targets this resource type: the keys in
   * the action's row for the type plus the keys of the resource type itself.
   */
  conditionKeys: string[];
}

export interface ActionInfo {
  /** Service prefix, lower case, e.g. `s3`. */
  service: string;
  /** Canonical action name, e.g. `GetObject`. */
  name: string;
  accessLevel: AccessLevel;
  /** Empty when the action supports no resource-level permissions (Resource must be `*`). */
  resourceTypes: ActionResourceType[];
  /** Action-level condition keys (the row without a resource type). */
  conditionKeys: string[];
}

export interface ResourceTypeInfo {
  service: string;
  name: string;
  arnFormats: string[];
  conditionKeys: string[];
}

export interface ConditionKeyInfo {
  /** The key as the reference spells it; may be a template such as `aws:ResourceTag/${TagKey}`. */
  name: string;
  type: ConditionKeyType;
  /** The type names exactly as the source gave them. */
  rawTypes: string[];
  /** True for `ArrayOf*` types. */
  multivalued: boolean;
  /** Where the answer came from: the service's own table or the global condition keys. */
  source: 'service' | 'global';
}

/** Which data a catalog answers from. */
export type DataSourceInfo =
  | {
      kind: 'bundled';
      /** npm package the data comes from. */
      package: string;
      /** Package version, e.g. `0.21.202609261` (the last part is the data date). */
      version: string;
      /** When the package's data was last updated (ISO 8601). */
      date: string;
    }
  | {
      kind: 'cache';
      /** The cache directory holding AWS's service reference files. */
      directory: string;
      /** Where the files were downloaded from. */
      baseUrl: string;
      /** When the files were downloaded (ISO 8601). */
      date: string;
      /** Number of services in the cache. */
      serviceCount: number;
    };

/** Asynchronous, lazily loading access to the Service Authorization Reference. */
export interface ServiceCatalog {
  readonly dataSource: DataSourceInfo;
  /** All service prefixes, sorted. */
  services(): Promise<string[]>;
  /** Case-insensitive. */
  hasService(service: string): Promise<boolean>;
  /** Human name, e.g. `Amazon S3`; undefined for unknown services. */
  serviceName(service: string): Promise<string | undefined>;
  /** Canonical action names, e.g. `GetObject`; empty for unknown services. */
  actionsOf(service: string): Promise<string[]>;
  /** Case-insensitive on both service and action. */
  action(service: string, name: string): Promise<ActionInfo | undefined>;
  resourceTypesOf(service: string): Promise<ResourceTypeInfo[]>;
  resourceType(service: string, name: string): Promise<ResourceTypeInfo | undefined>;
  /**
   * Type information for a condition key, case-insensitive. Keys with a variable part
   * (`s3:ExistingObjectTag/team`) match their template (`s3:ExistingObjectTag/<key>`).
   * `aws:` keys the service does not list fall back to the global condition keys.
   */
  conditionKey(service: string, key: string): Promise<ConditionKeyInfo | undefined>;
  /** Service prefixes that support resource control policies (RCPs). */
  rcpSupportedServices(): Promise<string[]>;
}
