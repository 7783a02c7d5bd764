import type { Transaction } from '@rental/persistence';

/** Interest in one read-model key (a quote or order id), taken before looking, so no change slips between look and wait. */
export interface ReadModelWatch {
  /** Resolves as soon as the key changed since the last call, or after `ms` at the latest. */
  next(ms: number): Promise<void>;
  close(): void;
}

/**
 * Wakes requests that wait for the read model (a command's answer, a live timeline) when a
 * projection's transaction commits a change to the key they wait on.
 */
export abstract class ReadModelChanges {
  /** Called by a projection inside its transaction: delivered to the waiters when it commits. */
  abstract announce(tx: Transaction, key: string): Promise<void>;
  abstract watch(key: string): ReadModelWatch;
}
