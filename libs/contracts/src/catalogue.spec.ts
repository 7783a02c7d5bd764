import { platformEvents, platformRegistry } from './catalogue';

describe('the platform event catalogue', () => {
  it('gives every event an example that other systems can copy', () => {
    expect(platformEvents.filter((d) => d.example === undefined).map((d) => `${d.type} v${d.version}`)).toEqual([]);
  });

  it('registers every event', () => {
    expect(platformRegistry.definitions).toHaveLength(platformEvents.length);
  });
});
