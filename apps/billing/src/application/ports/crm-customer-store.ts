import type { Transaction } from '@rental/persistence';
import type { BillingAddress } from '../../domain/invoice-types';

/** The CRM's customers as the CRM last described them, as far as invoices need them. */
export abstract class CrmCustomerStore {
  /** Keeps the record unless the copy already holds a newer one (an old event sent again, or late). */
  abstract save(tx: Transaction, customerId: string, billingAddress: BillingAddress, asOf: Date): Promise<void>;

  /** Undefined for a customer the CRM never registered (e.g. one created through the gateway's admin API). */
  abstract billingAddressOf(tx: Transaction, customerId: string): Promise<BillingAddress | undefined>;
}
