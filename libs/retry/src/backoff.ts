/**
 * How long to wait before trying again: doubling from `initialMs`, capped at `maxMs`, spread by
 * `jitter`. One rule for every retry on the platform (consumers, relays, runners, the domains'
 * retry policies); each caller only chooses its numbers.
 */
export interface BackoffPolicy {
  initialMs: number;
  /** Number.POSITIVE_INFINITY for a delay that keeps doubling (a caller that bounds the attempts instead). */
  maxMs: number;
  /** 0..1: the share of each delay that is randomised, so that many consumers do not retry in step. */
  jitter: number;
}

/** For transient failures that usually pass within seconds (a broker or database hiccup). */
export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 100, maxMs: 10_000, jitter: 0.2 };

/**
 * Delay before retry number `attempt` (1-based; below 1 counts as 1). Pure: with `random` given
 * (0..1), the same inputs give the same delay; with jitter 0 `random` is not consulted at all.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random = Math.random): number {
  // Capping the exponent keeps 2 ** n finite; any capped delay is at its maximum long before that.
  const exponent = Math.min(Math.max(attempt - 1, 0), 50);
  const base = Math.min(policy.maxMs, policy.initialMs * 2 ** exponent);
  if (policy.jitter === 0) return Math.round(base);
  const spread = base * policy.jitter;
  return Math.min(policy.maxMs, Math.round(base - spread + random() * 2 * spread));
}
