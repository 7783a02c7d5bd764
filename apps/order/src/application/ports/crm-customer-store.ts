import type { customerRegisteredV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import type { CustomerSnapshot } from './order-store';

/** A customer as the CRM describes it. */
export type CrmCustomer = Omit<PayloadOf<typeof customerRegisteredV1>, 'registeredAt'>;

/**
 * The CRM's customers as the CRM last described them: the order service's own copy, for the
 * rentals the CRM requests. Every call runs in the caller's transaction.
 */
export abstract class CrmCustomerStore {
  /** Keeps the record unless the copy already holds a newer one (an old event sent again). */
  abstract save(tx: Transaction, customer: CrmCustomer, asOf: Date): Promise<void>;

  /** Who the customer is as quotes, orders, invoices and mails need it; undefined when the CRM never registered them. */
  abstract snapshotOf(tx: Transaction, customerId: string): Promise<CustomerSnapshot | undefined>;
}
