import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi, platformEvents } from '@rental/contracts';
import { ROOT } from './paths';

/** `npm run asyncapi`: regenerates docs/asyncapi.json from the event contracts. */
const file = join(ROOT, 'docs', 'asyncapi.json');
writeFileSync(file, `${JSON.stringify(buildAsyncApi(platformEvents), null, 2)}\n`);
console.log(`wrote ${file}`);
