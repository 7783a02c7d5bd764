import { backoffDelay } from '@rental/retry';
import { TIMER_RETRY } from './timer-runner';

describe('timer retries', () => {
  it('doubles from one second', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffDelay(attempts, TIMER_RETRY))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits more than five minutes, however often a timer failed', () => {
    expect(backoffDelay(30, TIMER_RETRY)).toBe(300_000);
    expect(backoffDelay(10_000, TIMER_RETRY)).toBe(300_000);
  });
});
