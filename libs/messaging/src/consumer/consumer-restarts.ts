import { backoffDelay, type BackoffPolicy } from '@rental/retry';

/** The first rebuild after a crash waits about a second; a consumer that keeps crashing, up to half a minute. */
export const CONSUMER_RESTART_BACKOFF: BackoffPolicy = Object.freeze({ initialMs: 1_000, maxMs: 30_000, jitter: 0.2 });

/**
 * When a crashed consumer is rebuilt: each crash (or failed rebuild) in a row waits longer, by the
 * platform's one backoff rule, and joining the group wipes the slate, so a consumer that crashes
 * once a day is always rebuilt after the first, short delay.
 */
export class ConsumerRestarts {
  private crashesInARow = 0;

  constructor(
    private readonly policy: BackoffPolicy = CONSUMER_RESTART_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  /** A crash, or a rebuild that failed: the delay before the next rebuild. */
  crashed(): number {
    this.crashesInARow += 1;
    return backoffDelay(this.crashesInARow, this.policy, this.random);
  }

  /** The consumer is a member of its group again. */
  joined(): void {
    this.crashesInARow = 0;
  }

  get attempts(): number {
    return this.crashesInARow;
  }
}
