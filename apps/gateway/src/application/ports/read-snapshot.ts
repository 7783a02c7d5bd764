import type { Transaction } from '@rental/persistence';

/**
 * Runs several reads of the read model on one consistent snapshot. A view assembled from separate
 * reads could otherwise show half of a projection's commit (an invoice still open beside the
 * credit note that cancelled it).
 */
export abstract class ReadSnapshot {
  abstract read<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
}

/** A page of a customer's list, newest first. */
export interface Page<T> {
  items: T[];
  /** The id to continue after, when there may be more. */
  next?: string;
}
