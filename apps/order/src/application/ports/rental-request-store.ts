import type { Transaction } from '@rental/persistence';

/** A request whose order is placed and waits for capacity: what its answer needs. */
export interface PlacedRentalRequest {
  readonly requestId: string;
  readonly customerId: string;
  readonly discountPercent: number;
}

/**
 * The rentals the CRM requested, by requestId: the first one read claims the id, and its order
 * once placed, so the same requestId again (a new event id, another partition) finds it taken.
 * Every call runs in the caller's transaction.
 */
export abstract class RentalRequestStore {
  /**
   * False when the requestId was read before. A second reader of the same id waits on the key
   * until the first one's transaction ends, then finds it taken.
   */
  abstract claim(tx: Transaction, requestId: string, customerId: string, at: Date): Promise<boolean>;

  abstract isKnown(tx: Transaction, requestId: string): Promise<boolean>;

  abstract recordPlaced(tx: Transaction, requestId: string, quoteId: string, orderId: string, discountPercent: number): Promise<void>;

  abstract recordRejected(tx: Transaction, requestId: string, reason: string, at: Date): Promise<void>;

  /**
   * The request behind an order that waited for capacity, now accepted; undefined for an order placed
   * any other way, or for a request already answered (one answer per request, whatever arrives twice).
   */
  abstract acceptFor(tx: Transaction, orderId: string, at: Date): Promise<PlacedRentalRequest | undefined>;

  /**
   * The request behind an order that found no capacity, now rejected; undefined for an order placed
   * any other way, or for a request already answered.
   */
  abstract rejectFor(tx: Transaction, orderId: string, reason: string, at: Date): Promise<PlacedRentalRequest | undefined>;
}
