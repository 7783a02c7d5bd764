import { machineRetryDelayMs, retryPolicy } from './retry-policy';

describe('provisioning retry policy', () => {
  it('waits the base after the first failed attempt and doubles it after each further one', () => {
    const policy = retryPolicy(5, 2_000);
    expect([1, 2, 3, 4].map((attempt) => machineRetryDelayMs(attempt, policy))).toEqual([2_000, 4_000, 8_000, 16_000]);
  });

  it('retries at once with a base of 0', () => {
    expect(machineRetryDelayMs(2, retryPolicy(3, 0))).toBe(0);
  });

  it.each([
    [0, 2_000],
    [1.5, 2_000],
    [3, -1],
    [3, 0.5],
  ])('refuses %p attempts with a base of %p ms', (attempts, base) => {
    expect(() => retryPolicy(attempts, base)).toThrow(RangeError);
  });

  it('numbers failed attempts from 1', () => {
    expect(() => machineRetryDelayMs(0, retryPolicy(3, 100))).toThrow(RangeError);
  });
});
