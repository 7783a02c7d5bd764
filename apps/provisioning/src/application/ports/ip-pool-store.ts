import type { Transaction } from '@rental/persistence';
import type { KnownRange } from '../../domain/inventory-change';
import type { IpPool, IpPoolEvent } from '../../domain/ip-pool';

/**
 * Each location's IP pool: its address ranges and the addresses given out to machines. Every call
 * runs in the caller's transaction. Loading a pool locks it, so two transactions never give out the
 * same address; callers lock hosts first (HostStore), then the pool. A range the inventory removed
 * is still known (with when it was removed) but no longer part of any pool.
 */
export abstract class IpPoolStore {
  /** The location's pool, locked until the transaction ends. */
  abstract lock(tx: Transaction, locationCode: string): Promise<IpPool>;

  /** The range with this id, removed or not (not locked). */
  abstract findRange(tx: Transaction, rangeId: string): Promise<KnownRange | null>;

  /**
   * Every range still in a pool, in any location. Not locked: recording a range that overlaps a live
   * one fails whatever this read saw, so a concurrent addition cannot slip through.
   */
  abstract liveRanges(tx: Transaction): Promise<KnownRange[]>;

  /** Stores what the domain's events say changed. */
  abstract record(tx: Transaction, events: readonly IpPoolEvent[]): Promise<void>;
}
