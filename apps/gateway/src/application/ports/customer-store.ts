import type { customerRegisteredV1, customerUpdatedV1, PayloadOf } from '@rental/contracts';
import type { Transaction } from '@rental/persistence';

/**
 * A customer of the platform: who pricing, invoices and email are for. Created here by an operator
 * (source gateway, with a first API key), or a copy of the CRM's record (source crm).
 */
export interface Customer {
  id: string;
  name: string;
  email: string;
  language: 'en' | 'nl';
  country: string;
  kind: 'consumer' | 'business';
  vatNumber: string | null;
  createdAt: Date;
  source: 'gateway' | 'crm';
  /** registeredAt or updatedAt of the CRM record applied last; null for a customer the CRM never sent. */
  crmAsOf: Date | null;
}

/** The platform's customers, the gateway's own and the CRM's copies; a change runs in the caller's transaction. */
export abstract class CustomerStore {
  abstract find(id: string, tx?: Transaction): Promise<Customer | null>;
  abstract add(tx: Transaction, customer: Customer): Promise<void>;
  /**
   * The CRM's whole record of a customer, as of `asOf`: stored, or applied over the one kept unless
   * that one is newer. Never creates an API key.
   */
  abstract applyCrmRecord(tx: Transaction, record: CrmCustomerRecord, asOf: string): Promise<void>;
}

export type CrmCustomerRecord = PayloadOf<typeof customerRegisteredV1> | PayloadOf<typeof customerUpdatedV1>;
