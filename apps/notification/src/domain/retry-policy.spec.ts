import { assertRetryPolicy, DEFAULT_RETRY_POLICY, deliveryRetryDelayMs } from './retry-policy';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describe('retry policy', () => {
  it('by default waits 30 s, then doubles up to 30 min, over eight attempts', () => {
    expect(DEFAULT_RETRY_POLICY.maxAttempts).toBe(8);
    const delays = [1, 2, 3, 4, 5, 6, 7].map((failed) => deliveryRetryDelayMs(failed, DEFAULT_RETRY_POLICY));
    expect(delays).toEqual([30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE, 16 * MINUTE, 30 * MINUTE]);
  });

  it('stays at the cap however many attempts failed', () => {
    expect(deliveryRetryDelayMs(8, DEFAULT_RETRY_POLICY)).toBe(30 * MINUTE);
    expect(deliveryRetryDelayMs(1_000, DEFAULT_RETRY_POLICY)).toBe(30 * MINUTE);
    expect(deliveryRetryDelayMs(Number.MAX_SAFE_INTEGER, DEFAULT_RETRY_POLICY)).toBe(30 * MINUTE);
  });

  it('follows a configured policy', () => {
    const policy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 3 };
    expect([1, 2, 3, 4].map((failed) => deliveryRetryDelayMs(failed, policy))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it.each([0, -1, 1.5, Number.NaN])('throws on %p failed attempts', (failed) => {
    expect(() => deliveryRetryDelayMs(failed, DEFAULT_RETRY_POLICY)).toThrow(RangeError);
  });

  it('accepts the default and a single-attempt policy', () => {
    expect(assertRetryPolicy(DEFAULT_RETRY_POLICY)).toBe(DEFAULT_RETRY_POLICY);
    expect(() => assertRetryPolicy({ firstDelayMs: 1, maxDelayMs: 1, maxAttempts: 1 })).not.toThrow();
  });

  it.each([
    ['no first delay', { firstDelayMs: 0 }, 'firstDelayMs'],
    ['a fractional first delay', { firstDelayMs: 0.5 }, 'firstDelayMs'],
    ['a cap below the first delay', { maxDelayMs: 10_000 }, 'maxDelayMs'],
    ['no attempts', { maxAttempts: 0 }, 'maxAttempts'],
    ['infinite attempts', { maxAttempts: Number.POSITIVE_INFINITY }, 'maxAttempts'],
  ])('rejects %s', (_, override, field) => {
    expect(() => assertRetryPolicy({ ...DEFAULT_RETRY_POLICY, ...override })).toThrow(field);
  });
});
