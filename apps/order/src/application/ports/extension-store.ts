import type { Transaction } from '@rental/persistence';

export type ExtensionStatus = 'awaiting_payment' | 'applied' | 'lapsed';

/** An extension of a rental as stored: the period it adds, its price and how far it got. */
export interface StoredExtension {
  readonly extensionId: string;
  readonly orderId: string;
  readonly period: { readonly start: Date; readonly end: Date };
  readonly totalCents: number;
  readonly status: ExtensionStatus;
}

/**
 * Extensions of rentals: priced and invoiced, applied once paid, lapsed when the rental ended
 * first. Every call runs in the caller's transaction.
 */
export abstract class ExtensionStore {
  abstract find(tx: Transaction, extensionId: string): Promise<StoredExtension | undefined>;

  /** Whether an extension of the order still waits for its payment. */
  abstract hasPending(tx: Transaction, orderId: string): Promise<boolean>;

  /** Stores a new extension as awaiting its payment. */
  abstract insert(tx: Transaction, extension: Omit<StoredExtension, 'status'> & { currency: string }, at: Date): Promise<void>;

  abstract settle(tx: Transaction, extensionId: string, status: 'applied' | 'lapsed', at: Date, invoiceNumber?: string): Promise<void>;

  /** Ends the wait of every extension still unpaid when the rental ends; returns the ids that were applied. */
  abstract closeForOrder(tx: Transaction, orderId: string, at: Date): Promise<string[]>;
}
