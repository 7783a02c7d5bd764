import { jest } from '@jest/globals';
import { sleep } from './sleep';

describe('sleep', () => {
  afterEach(() => jest.useRealTimers());

  it('resolves once the given time has passed, not before', async () => {
    jest.useFakeTimers();
    let woke = false;
    const slept = sleep(20).then(() => (woke = true));
    await jest.advanceTimersByTimeAsync(19);
    expect(woke).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await slept;
    expect(woke).toBe(true);
  });
});
