import type { Clock } from '@rental/clock';

/**
 * Real time plus an offset the test moves: time still passes (timeouts, polls and Kafka behave),
 * and a test jumps over an hour's payment window or a month's rental in one call. It starts at a
 * date the test names, so no figure a test expects depends on the day the suite runs.
 */
export class AdjustableClock implements Clock {
  private offsetMs: number;

  constructor(startAt: Date) {
    this.offsetMs = startAt.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
