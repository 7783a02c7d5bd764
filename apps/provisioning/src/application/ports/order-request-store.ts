import type { Transaction } from '@rental/persistence';
import type { Occupancy } from '../../domain/calendar';
import type { OrderRequest } from '../../domain/order-request';

/** What of an order request changes after order.placed: where its hold got to, its end, and why. */
export type OrderRequestChanges = Partial<Pick<OrderRequest, 'status' | 'periodEnd' | 'detail'>>;

/**
 * The orders as provisioning saw them in order.placed, and what became of their holds. Every call
 * runs in the caller's transaction.
 */
export abstract class OrderRequestStore {
  abstract find(tx: Transaction, orderId: string): Promise<OrderRequest | null>;

  /** Locked, so that a redelivered order.paid waits for the first and then sees it done. */
  abstract lock(tx: Transaction, orderId: string): Promise<OrderRequest | null>;

  abstract insert(tx: Transaction, request: OrderRequest, at: Date): Promise<void>;

  abstract update(tx: Transaction, orderId: string, changes: OrderRequestChanges, at: Date): Promise<void>;

  /**
   * The location's address calendar: the machines of every rental that holds capacity (a live
   * unpaid hold, or a paid one waiting for its start) over its time, and the machines that have an
   * address until their rental's end. Each needs an address while it exists.
   */
  abstract addressNeeds(tx: Transaction, locationCode: string, at: Date): Promise<Occupancy<number>[]>;
}
