import type { Transaction } from '@rental/persistence';
import type { Language } from '../../domain/language';

/** Whom to mail about an order. */
export interface OrderCustomer {
  readonly orderId: string;
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
}

/** The customer of each order, as its order.placed described them. Every call runs in the caller's transaction. */
export abstract class OrderCustomerStore {
  /** Records (or, for an order placed again with a new event, refreshes) the customer of an order. */
  abstract save(tx: Transaction, customer: OrderCustomer, at: Date): Promise<void>;

  abstract findByOrder(tx: Transaction, orderId: string): Promise<OrderCustomer | null>;

  /**
   * Serialises the customer's arrival and the parking of mails for one order until the transaction
   * ends: without it, a mail parked while order.placed commits could miss its release and wait forever.
   */
  abstract lockOrder(tx: Transaction, orderId: string): Promise<void>;
}
