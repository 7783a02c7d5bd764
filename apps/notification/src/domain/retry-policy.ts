import { backoffDelay } from '@rental/retry';

/** How often and how patiently a mail is retried. Configurable per deployment; the defaults suit an SMTP relay's outages. */
export interface RetryPolicy {
  /** The wait after the first failed attempt; each further failure doubles it. */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts in all, the first included; when the last fails the delivery has failed. */
  readonly maxAttempts: number;
}

/** 30 s, 1, 2, 4, 8, 16 min, then 30 min: eight attempts over about an hour. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  firstDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  maxAttempts: 8,
});

/** Throws on a policy that could never deliver or would wait forever: a configuration bug. */
export function assertRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { firstDelayMs, maxDelayMs, maxAttempts } = policy;
  if (!Number.isSafeInteger(firstDelayMs) || firstDelayMs < 1) {
    throw new RangeError(`firstDelayMs must be a whole number of milliseconds >= 1 (got ${firstDelayMs})`);
  }
  if (!Number.isSafeInteger(maxDelayMs) || maxDelayMs < firstDelayMs) {
    throw new RangeError(`maxDelayMs must be a whole number of milliseconds >= firstDelayMs (got ${maxDelayMs})`);
  }
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a whole number >= 1 (got ${maxAttempts})`);
  }
  return policy;
}

/**
 * The wait after failed attempt number `failedAttempts` (1-based): the shared backoff, doubling
 * from firstDelayMs, capped at maxDelayMs. No jitter: every delivery keeps its own due time, and the
 * sender polls for due ones, so a mail server's recovery is not met by all retries at the same
 * instant anyway.
 */
export function deliveryRetryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  if (!Number.isSafeInteger(failedAttempts) || failedAttempts < 1) {
    throw new RangeError(`failedAttempts must be a whole number >= 1 (got ${failedAttempts})`);
  }
  return backoffDelay(failedAttempts, { initialMs: policy.firstDelayMs, maxMs: policy.maxDelayMs, jitter: 0 });
}
