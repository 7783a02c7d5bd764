import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi, consumerTable, platformEvents } from '@rental/contracts';
import { consumerCatalogue, withConsumerTable } from './consumer-catalogue';
import { ROOT } from './paths';

/**
 * `npm run asyncapi`: regenerates docs/asyncapi.json from the event contracts and the services'
 * handlers, and the consumer table in ARCHITECTURE.md.
 */
async function main(): Promise<void> {
  const consumers = await consumerCatalogue();
  const asyncapi = join(ROOT, 'docs', 'asyncapi.json');
  writeFileSync(asyncapi, `${JSON.stringify(buildAsyncApi(platformEvents, consumers), null, 2)}\n`);
  const architecture = join(ROOT, 'ARCHITECTURE.md');
  writeFileSync(architecture, withConsumerTable(readFileSync(architecture, 'utf8'), consumerTable(consumers)));
  console.log(`wrote ${asyncapi} and the consumer table of ${architecture}`);
  // Importing the services' handlers opens nothing, but some modules keep timers alive.
  process.exit(0);
}

void main();
