import type { Transaction } from '@rental/persistence';
import type { Language } from '../../domain/language';

/** A customer's mail address and language as the CRM has them. */
export interface CrmCustomer {
  readonly customerId: string;
  readonly name: string;
  readonly email: string;
  readonly language: Language;
  /** The time of the CRM record. */
  readonly asOf: Date;
}

/**
 * The CRM's customers as the CRM last described them, as far as mails need them. Every call runs in
 * the caller's transaction.
 */
export abstract class CrmCustomerStore {
  /** Keeps the record unless a newer one is kept already (an old event sent again, or late). */
  abstract save(tx: Transaction, customer: CrmCustomer, at: Date): Promise<void>;

  /** Null for a customer the CRM never described. */
  abstract find(tx: Transaction, customerId: string): Promise<CrmCustomer | null>;
}
