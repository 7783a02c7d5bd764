import { platformEvents, platformRegistry } from './catalogue';

describe('the platform event catalogue', () => {
  it('gives every event an example that other systems can copy', () => {
    expect(platformEvents.filter((d) => d.example === undefined).map((d) => `${d.type} v${d.version}`)).toEqual([]);
  });

  it('registers every event', () => {
    expect(platformRegistry.definitions).toHaveLength(platformEvents.length);
  });

  it('answers every command and request with facts the catalogue has, published by whoever handles it', () => {
    const byType = new Map(platformEvents.map((d) => [d.type, d]));
    const problems = platformEvents.flatMap((d) =>
      (d.answeredBy ?? [])
        .filter((type) => byType.get(type)?.kind === 'command' || byType.get(type) === undefined)
        .map((type) => `${d.type} is answered by ${type}, which is not a fact in the catalogue`),
    );
    expect(problems).toEqual([]);
    expect(platformEvents.filter((d) => d.kind === 'command' && d.answeredBy === undefined).map((d) => d.type)).toEqual([]);
  });
});
