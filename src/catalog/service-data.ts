/**
 * The normalised form of one service's reference data, shared by both data sources,
 * and a catalog that loads it lazily, one service at a time, and remembers it.
 */
import { globalConditionKeyInfo } from './global-keys.js';
import { compileTemplate, type CompiledTemplate } from './template.js';
import type {
  AccessLevel,
  ActionInfo,
  ConditionKeyInfo,
  ConditionKeyType,
  DataSourceInfo,
  ResourceTypeInfo,
  ServiceCatalog,
} from './types.js';

/** One service, as a data source delivers it. */
export interface ServiceData {
  prefix: string;
  actions: ActionInfo[];
  resourceTypes: ResourceTypeInfo[];
  conditionKeys: ConditionKeyInfo[];
}

/** What a data source must provide; everything else is derived here. */
export interface ServiceDataSource {
  readonly dataSource: DataSourceInfo;
  /** Lower-case service prefixes, sorted. */
  listServices(): Promise<string[]>;
  /** Only called with a prefix from `listServices()`. */
  loadService(prefix: string): Promise<ServiceData>;
  serviceName(prefix: string): Promise<string | undefined>;
  rcpSupportedServices(): Promise<string[]>;
}

/** Service prefixes are lower-case letters, digits and hyphens: anything else is never a file name. */
export function isServicePrefix(text: string): boolean {
  if (text.length === 0 || text.length > 64) return false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const ok = (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code === 45 && index > 0);
    if (!ok) return false;
  }
  return true;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set<ConditionKeyType>([
  'String',
  'ARN',
  'Bool',
  'Date',
  'Numeric',
  'IPAddress',
  'Binary',
  'ArrayOfString',
  'ArrayOfARN',
  'ArrayOfBool',
  'ArrayOfDate',
  'ArrayOfNumeric',
  'ArrayOfIPAddress',
  'ArrayOfBinary',
]);

/** Normalise the type names a source gives (case-insensitively; `Boolean` reads as `Bool`, `Arn` as `ARN`). */
export function conditionKeyType(rawTypes: readonly string[]): ConditionKeyType {
  for (const raw of rawTypes) {
    const known = [...KNOWN_TYPES].find((type) => type.toLowerCase() === raw.toLowerCase());
    if (known !== undefined) return known as ConditionKeyType;
    const lower = raw.toLowerCase();
    if (lower === 'boolean') return 'Bool';
    if (lower === 'arrayofboolean') return 'ArrayOfBool';
  }
  return 'Unknown';
}

export function makeConditionKeyInfo(name: string, rawTypes: readonly string[]): ConditionKeyInfo {
  const type = conditionKeyType(rawTypes);
  return { name, type, rawTypes: [...rawTypes], multivalued: type.startsWith('ArrayOf'), source: 'service' };
}

/** The bundled package writes `Permissions management, Write` and `Tagging, Write`; the reference shows the first. */
export function accessLevelFromText(text: string): AccessLevel {
  const lower = text.toLowerCase();
  if (lower.includes('permissions management')) return 'Permissions management';
  if (lower.includes('tagging')) return 'Tagging';
  if (lower.includes('write')) return 'Write';
  if (lower.includes('list')) return 'List';
  if (lower.includes('read')) return 'Read';
  return 'Unknown';
}

/** Union of key lists, case-insensitive, keeping the first spelling and order. */
export function unionKeys(...lists: ReadonlyArray<readonly string[]>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const list of lists) {
    for (const key of list) {
      const lower = key.toLowerCase();
      if (seen.has(lower)) continue;
      seen.add(lower);
      out.push(key);
    }
  }
  return out;
}

interface IndexedService {
  data: ServiceData;
  actions: Map<string, ActionInfo>;
  resourceTypes: Map<string, ResourceTypeInfo>;
  exactKeys: Map<string, ConditionKeyInfo>;
  templateKeys: Array<{ info: ConditionKeyInfo; matcher: CompiledTemplate }>;
}

function indexService(data: ServiceData): IndexedService {
  const actions = new Map<string, ActionInfo>();
  for (const action of data.actions) actions.set(action.name.toLowerCase(), action);
  const resourceTypes = new Map<string, ResourceTypeInfo>();
  for (const type of data.resourceTypes) resourceTypes.set(type.name.toLowerCase(), type);
  const exactKeys = new Map<string, ConditionKeyInfo>();
  const templateKeys: IndexedService['templateKeys'] = [];
  for (const info of data.conditionKeys) {
    const matcher = compileTemplate(info.name, { ignoreCase: true, angleBrackets: true });
    if (matcher.variableCount === 0) exactKeys.set(info.name.toLowerCase(), info);
    else templateKeys.push({ info, matcher });
  }
  // Most literal text first, so `s3:ExistingObjectTag/<key>` wins over a looser template.
  templateKeys.sort((a, b) => b.matcher.literalLength - a.matcher.literalLength);
  return { data, actions, resourceTypes, exactKeys, templateKeys };
}

/** A {@link ServiceCatalog} over a {@link ServiceDataSource}: validates names, loads lazily, remembers. */
export class LazyServiceCatalog implements ServiceCatalog {
  readonly dataSource: DataSourceInfo;
  readonly #source: ServiceDataSource;
  #services: Promise<string[]> | undefined;
  #serviceSet: Promise<Set<string>> | undefined;
  readonly #loaded = new Map<string, Promise<IndexedService>>();

  constructor(source: ServiceDataSource) {
    this.#source = source;
    this.dataSource = source.dataSource;
  }

  services(): Promise<string[]> {
    this.#services ??= this.#source.listServices().then(
      (list) => [...list].sort(),
      (error: unknown) => {
        this.#services = undefined;
        throw error;
      },
    );
    return this.#services.then((list) => [...list]);
  }

  async hasService(service: string): Promise<boolean> {
    const prefix = service.toLowerCase();
    if (!isServicePrefix(prefix)) return false;
    this.#serviceSet ??= this.services().then((list) => new Set(list));
    return (await this.#serviceSet).has(prefix);
  }

  async serviceName(service: string): Promise<string | undefined> {
    if (!(await this.hasService(service))) return undefined;
    const prefix = service.toLowerCase();
    return (await this.#source.serviceName(prefix)) ?? prefix;
  }

  async actionsOf(service: string): Promise<string[]> {
    const indexed = await this.#service(service);
    return indexed === undefined ? [] : indexed.data.actions.map((action) => action.name);
  }

  async action(service: string, name: string): Promise<ActionInfo | undefined> {
    const indexed = await this.#service(service);
    return indexed?.actions.get(name.toLowerCase());
  }

  async resourceTypesOf(service: string): Promise<ResourceTypeInfo[]> {
    const indexed = await this.#service(service);
    return indexed === undefined ? [] : [...indexed.data.resourceTypes];
  }

  async resourceType(service: string, name: string): Promise<ResourceTypeInfo | undefined> {
    const indexed = await this.#service(service);
    return indexed?.resourceTypes.get(name.toLowerCase());
  }

  async conditionKey(service: string, key: string): Promise<ConditionKeyInfo | undefined> {
    const indexed = await this.#service(service);
    if (indexed !== undefined) {
      const exact = indexed.exactKeys.get(key.toLowerCase());
      if (exact !== undefined) return exact;
      for (const { info, matcher } of indexed.templateKeys) {
        if (matcher.matches(key)) return info;
      }
    }
    return globalConditionKeyInfo(key);
  }

  rcpSupportedServices(): Promise<string[]> {
    return this.#source.rcpSupportedServices();
  }

  async #service(service: string): Promise<IndexedService | undefined> {
    if (!(await this.hasService(service))) return undefined;
    const prefix = service.toLowerCase();
    let loading = this.#loaded.get(prefix);
    if (loading === undefined) {
      loading = this.#source.loadService(prefix).then(indexService);
      // A failed load (I/O error) is not remembered: the next call tries again.
      loading.catch(() => this.#loaded.delete(prefix));
      this.#loaded.set(prefix, loading);
    }
    return loading;
  }
}
