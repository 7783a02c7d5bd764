import type { Clock } from '@rental/clock';

/**
 * Real time plus an offset the test moves: time still passes (timeouts, polls and Kafka behave),
 * and a test jumps over an hour's payment window or a month's rental in one call.
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}
