import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildAsyncApi } from './asyncapi';
import { platformEvents, platformRegistry } from './catalogue';

describe('the platform event catalogue', () => {
  it('is documented by the committed AsyncAPI document (run `npm run asyncapi` after changing a contract)', () => {
    const committed = JSON.parse(readFileSync(join(process.cwd(), 'docs', 'asyncapi.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildAsyncApi(platformEvents))));
  });

  it('gives every event an example that other systems can copy', () => {
    expect(platformEvents.filter((d) => d.example === undefined).map((d) => `${d.type} v${d.version}`)).toEqual([]);
  });

  it('registers every event', () => {
    expect(platformRegistry.definitions).toHaveLength(platformEvents.length);
  });
});
