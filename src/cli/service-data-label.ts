/** One line saying which service data iamwhy uses: the refreshed cache with its date, or the bundled package. */
import { openCliCatalog } from './open-catalog.js';
import { printable } from '../text/printable.js';
import type { Terminal } from './terminal.js';

export async function describeServiceData(terminal: Terminal): Promise<string> {
  const { dataSource } = await openCliCatalog(terminal);
  const date = dataSource.date.slice(0, 10);
  // The cache's manifest is a file on disk like any other input: shown as data.
  return dataSource.kind === 'cache'
    ? `service data: AWS Service Authorization Reference, downloaded ${printable(date)} from ${printable(dataSource.baseUrl)} (${dataSource.serviceCount} service${dataSource.serviceCount === 1 ? '' : 's'}, cache ${printable(dataSource.directory)})`
    : `service data: bundled ${dataSource.package} ${dataSource.version} (${date}); refresh with --update-definitions`;
}
