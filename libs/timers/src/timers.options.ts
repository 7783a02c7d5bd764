export interface TimersOptions {
  /** How often due timers are looked for; a timer fires at most this late (plus the time to fire those before it). */
  pollIntervalMs: number;
  /** Timers fired per pass before the loop yields and goes again. */
  batchSize: number;
  /** Fired timers are kept this long for inspection, then purged (nothing reads a fired timer to decide anything). */
  firedRetentionDays: number;
}

export const TIMERS_OPTIONS = Symbol('TIMERS_OPTIONS');
