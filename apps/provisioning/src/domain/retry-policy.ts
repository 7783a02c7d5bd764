import { backoffDelay } from '@rental/retry';

/** How often a machine's provisioning is attempted, and how long to wait between attempts. */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** The pause after the first failed attempt; it doubles after each further one. */
  readonly backoffBaseMs: number;
}

/** Checked once where the policy is made, so that the machine can trust it. */
export function retryPolicy(maxAttempts: number, backoffBaseMs: number): RetryPolicy {
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`retry policy: attempts must be a whole number of at least 1 (got ${maxAttempts})`);
  }
  if (!Number.isSafeInteger(backoffBaseMs) || backoffBaseMs < 0) {
    throw new RangeError(`retry policy: the backoff must be a whole number of ms (got ${backoffBaseMs})`);
  }
  return { maxAttempts, backoffBaseMs };
}

/** The pause after failed attempt number `failedAttempt` (from 1): the shared backoff, uncapped: base, 2 × base, 4 × base... */
export function machineRetryDelayMs(failedAttempt: number, policy: RetryPolicy): number {
  if (!Number.isSafeInteger(failedAttempt) || failedAttempt < 1) {
    throw new RangeError(`retry policy: a failed attempt is numbered from 1 (got ${failedAttempt})`);
  }
  // Uncapped: maxAttempts bounds the waits instead.
  return backoffDelay(failedAttempt, { initialMs: policy.backoffBaseMs, maxMs: Number.POSITIVE_INFINITY, jitter: 0 });
}
