/** One line saying which service data iamwhy uses: the refreshed cache with its date, or the bundled package. */
import { openCatalog } from '../catalog/index.js';

export async function describeServiceData(): Promise<string> {
  const { dataSource } = await openCatalog({ offline: true });
  const date = dataSource.date.slice(0, 10);
  return dataSource.kind === 'cache'
    ? `service data: AWS Service Authorization Reference, downloaded ${date} from ${dataSource.baseUrl} (${dataSource.serviceCount} service${dataSource.serviceCount === 1 ? '' : 's'}, cache ${dataSource.directory})`
    : `service data: bundled ${dataSource.package} ${dataSource.version} (${date}); refresh with --update-definitions`;
}
