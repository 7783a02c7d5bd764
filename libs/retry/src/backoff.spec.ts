import { jest } from '@jest/globals';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff';

const noJitter: BackoffPolicy = { initialMs: 100, maxMs: 5_000, jitter: 0 };
const half = () => 0.5;

describe('backoffDelay', () => {
  it('gives initialMs for attempt 1 when jitter is 0', () => {
    expect(backoffDelay(1, noJitter)).toBe(100);
    expect(backoffDelay(1, { initialMs: 37, maxMs: 1_000, jitter: 0 }, () => 0.99)).toBe(37);
  });

  it('doubles from initialMs with each attempt', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, noJitter))).toEqual([100, 200, 400, 800, 1_600, 3_200]);
  });

  it('caps the delay at maxMs', () => {
    expect(backoffDelay(7, noJitter)).toBe(5_000);
    expect(backoffDelay(50, noJitter)).toBe(5_000);
    expect(backoffDelay(10_000, noJitter)).toBe(5_000);
  });

  it('treats attempts below 1 like attempt 1', () => {
    expect(backoffDelay(0, noJitter)).toBe(100);
    expect(backoffDelay(-3, noJitter)).toBe(100);
  });

  it('spreads the delay by ±jitter: random 0 gives the lower bound, 1 the upper', () => {
    const policy: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };
    expect(backoffDelay(1, policy, () => 0)).toBe(800);
    expect(backoffDelay(1, policy, () => 1)).toBe(1_200);
    expect(backoffDelay(1, policy, half)).toBe(1_000);
    expect(backoffDelay(3, policy, () => 0)).toBe(3_200);
    expect(backoffDelay(3, policy, () => 1)).toBe(4_800);
  });

  it('applies the jitter below the capped delay but never exceeds maxMs', () => {
    const policy: BackoffPolicy = { initialMs: 1_000, maxMs: 2_000, jitter: 0.5 };
    expect(backoffDelay(10, policy, () => 0)).toBe(1_000);
    expect(backoffDelay(10, policy, () => 1)).toBe(2_000);
  });

  it('stays within the jitter bounds for any random value', () => {
    for (let i = 0; i <= 100; i++) {
      const delay = backoffDelay(2, DEFAULT_BACKOFF, () => i / 100);
      expect(delay).toBeGreaterThanOrEqual(160);
      expect(delay).toBeLessThanOrEqual(240);
    }
  });

  it('uses the default policy: 100 ms, 20% jitter, 10 s cap', () => {
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 100, maxMs: 10_000, jitter: 0.2 });
    expect(backoffDelay(1, undefined, () => 0)).toBe(80);
    expect(backoffDelay(1, undefined, () => 1)).toBe(120);
    expect(backoffDelay(30, undefined, half)).toBe(10_000);
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(backoffDelay(1, { initialMs: 3, maxMs: 100, jitter: 0.33 }, () => 0.123))).toBe(true);
  });
});

describe('backoffDelay as every caller uses it', () => {
  it('is deterministic with a given random source', () => {
    const policy: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000, jitter: 0.2 };
    const fixed = () => 0.25;
    expect(backoffDelay(4, policy, fixed)).toBe(backoffDelay(4, policy, fixed));
    expect(backoffDelay(4, policy, fixed)).toBe(7_200);
  });

  it('does not consult the random source without jitter', () => {
    const random = jest.fn(() => 0.9);
    expect(backoffDelay(3, { initialMs: 250, maxMs: 30_000, jitter: 0 }, random)).toBe(1_000);
    expect(random).not.toHaveBeenCalled();
  });

  it('keeps doubling without a cap', () => {
    const uncapped: BackoffPolicy = { initialMs: 2_000, maxMs: Number.POSITIVE_INFINITY, jitter: 0 };
    expect([1, 2, 3, 20].map((attempt) => backoffDelay(attempt, uncapped))).toEqual([2_000, 4_000, 8_000, 2_000 * 2 ** 19]);
    expect(backoffDelay(5, { ...uncapped, initialMs: 0 })).toBe(0);
  });

  it('stays finite however many attempts failed', () => {
    expect(backoffDelay(Number.MAX_SAFE_INTEGER, { initialMs: 30_000, maxMs: 1_800_000, jitter: 0 })).toBe(1_800_000);
  });
});
