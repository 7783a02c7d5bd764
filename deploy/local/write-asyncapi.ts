import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi, consumerTable, platformEvents } from '@rental/contracts';
import { processTable } from '../../apps/order/src/application/process/process-table';
import { RENTAL_PROCESS } from '../../apps/order/src/application/process/rental-process';
import { consumerCatalogue, withConsumerTable, withProcessTable } from './consumer-catalogue';
import { ROOT } from './paths';

/**
 * `npm run asyncapi`: regenerates docs/asyncapi.json from the event contracts and the services'
 * handlers, and the consumer table and the rental's process table in ARCHITECTURE.md.
 */
async function main(): Promise<void> {
  const consumers = await consumerCatalogue();
  const asyncapi = join(ROOT, 'docs', 'asyncapi.json');
  writeFileSync(asyncapi, `${JSON.stringify(buildAsyncApi(platformEvents, consumers), null, 2)}\n`);
  const architecture = join(ROOT, 'ARCHITECTURE.md');
  const markdown = withConsumerTable(readFileSync(architecture, 'utf8'), consumerTable(consumers));
  writeFileSync(architecture, withProcessTable(markdown, processTable(RENTAL_PROCESS)));
  console.log(`wrote ${asyncapi} and the consumer and process tables of ${architecture}`);
  // Importing the services' handlers opens nothing, but some modules keep timers alive.
  process.exit(0);
}

void main();
