import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CrmCustomer, CrmCustomerStore } from '../application/ports/crm-customer-store';
import type { Language } from '../domain/language';

/** The CRM's customers (CrmCustomerStore), in notification_crm_customer. */
@Injectable()
export class CrmCustomerRepository implements CrmCustomerStore {
  /** Keeps the record unless a newer one is kept already. */
  async save(manager: EntityManager, customer: CrmCustomer, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO notification_crm_customer (customer_id, name, email, language, as_of, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (customer_id) DO UPDATE SET
         name = EXCLUDED.name, email = EXCLUDED.email, language = EXCLUDED.language, as_of = EXCLUDED.as_of, recorded_at = EXCLUDED.recorded_at
       WHERE notification_crm_customer.as_of <= EXCLUDED.as_of`,
      [customer.customerId, customer.name, customer.email, customer.language, customer.asOf, at],
    );
  }

  async find(manager: EntityManager, customerId: string): Promise<CrmCustomer | null> {
    const [row]: { customer_id: string; name: string; email: string; language: Language; as_of: Date }[] = await manager.query(
      `SELECT customer_id, name, email, language, as_of FROM notification_crm_customer WHERE customer_id = $1`,
      [customerId],
    );
    return row ? { customerId: row.customer_id, name: row.name, email: row.email, language: row.language, asOf: row.as_of } : null;
  }
}
