import type { orderPlaceV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import type { Order } from '../../domain/order';

/** Who the customer was when the order was placed: what its invoices and mails are addressed with. */
export type CustomerSnapshot = PayloadOf<typeof orderPlaceV1>['customer'];

/** An order locked for the transaction that changes it, with the customer it was placed for. */
export interface LoadedOrder {
  order: Order;
  customer: CustomerSnapshot;
}

/**
 * The Order aggregate, its timeline and its machines, stored and restored as domain objects. Every
 * call runs in the caller's transaction, so an order and the events it causes commit together.
 */
export abstract class OrderStore {
  abstract exists(tx: Transaction, orderId: string): Promise<boolean>;

  /**
   * How many of the customer's orders are placed and not yet paid, counted under a lock on the
   * customer held to the end of the transaction: two orders placed at once (on two partitions) are
   * counted one after the other, so neither slips past the limit.
   */
  abstract countUnpaidLocked(tx: Transaction, customerId: string): Promise<number>;

  abstract insert(tx: Transaction, order: Order, customer: CustomerSnapshot, placedAt: Date): Promise<void>;

  /**
   * Loads an order and row-locks it until the transaction ends, so the events of one rental are
   * applied one after the other even when two consumers see them.
   */
  abstract loadForUpdate(tx: Transaction, orderId: string): Promise<LoadedOrder | undefined>;

  /** Saves the status, the rental's end and the timeline entries added since loading. */
  abstract save(tx: Transaction, order: Order): Promise<void>;

  /** Records that one machine of the order runs; returns how many of its machines run now. */
  abstract recordMachineRunning(tx: Transaction, orderId: string, machineId: string, at: Date): Promise<number>;

  /** Records that a machine of the order is gone; returns how many of its delivered machines still exist. */
  abstract recordMachineDeprovisioned(tx: Transaction, orderId: string, machineId: string, at: Date): Promise<number>;

  /** The cancel request that cancelled the order, so that the same request sent again changes nothing. */
  abstract cancelRequestOf(tx: Transaction, orderId: string): Promise<string | null>;

  abstract recordCancelRequest(tx: Transaction, orderId: string, requestId: string): Promise<void>;
}
