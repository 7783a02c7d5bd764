import { ConsumerRestarts } from './consumer-restarts';

describe('ConsumerRestarts', () => {
  const policy = { initialMs: 1_000, maxMs: 8_000, jitter: 0 };

  it('waits longer after each crash in a row, up to the maximum', () => {
    const restarts = new ConsumerRestarts(policy);
    expect(Array.from({ length: 6 }, () => restarts.crashed())).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(restarts.attempts).toBe(6);
  });

  it('starts again from the shortest delay once the consumer has joined its group', () => {
    const restarts = new ConsumerRestarts(policy);
    restarts.crashed();
    restarts.crashed();
    restarts.crashed();
    restarts.joined();
    expect(restarts.attempts).toBe(0);
    expect(restarts.crashed()).toBe(1_000);
  });

  it('spreads the delays by the jitter, within the maximum', () => {
    const jittered = { initialMs: 1_000, maxMs: 8_000, jitter: 0.2 };
    expect(new ConsumerRestarts(jittered, () => 0).crashed()).toBe(800);
    expect(new ConsumerRestarts(jittered, () => 1).crashed()).toBe(1_200);
    const atMax = new ConsumerRestarts(jittered, () => 1);
    const delays = Array.from({ length: 6 }, () => atMax.crashed());
    expect(delays.at(-1)).toBe(8_000);
  });
});
