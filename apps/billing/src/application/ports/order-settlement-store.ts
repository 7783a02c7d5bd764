import type { Transaction } from '@rental/persistence';

export type SettlementCause = 'cancelled' | 'ended';

/** Which orders' invoices were settled, and why: so the same fact seen again settles nothing twice. */
export abstract class OrderSettlementStore {
  /**
   * Records that the order is settled for `cause`; false if it was before. A second, concurrent
   * settlement waits for the first and then finds its row.
   */
  abstract claim(tx: Transaction, orderId: string, cause: SettlementCause, eventId: string, at: Date): Promise<boolean>;

  /** Whether the order's rental stopped (cancelled or ended) and its invoices were settled. */
  abstract isSettled(tx: Transaction, orderId: string): Promise<boolean>;
}
