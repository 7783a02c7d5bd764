import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CrmCustomer, CrmCustomerStore } from '../application/ports/crm-customer-store';
import type { CustomerSnapshot } from '../application/ports/order-store';

interface CrmCustomerRow {
  customer_id: string;
  company_name: string;
  kind: CustomerSnapshot['kind'];
  country: string;
  vat_number: string | null;
  language: CustomerSnapshot['language'];
  contact_email: string;
}

/** The CRM's customers as the CRM last described them: the order service's own copy, for the rentals the CRM requests. */
@Injectable()
export class CrmCustomerRepository implements CrmCustomerStore {
  /** Keeps the record unless the copy already holds a newer one (an old event sent again). */
  async save(manager: EntityManager, customer: CrmCustomer, asOf: Date): Promise<void> {
    await manager.query(
      `INSERT INTO crm_customers (customer_id, company_name, kind, billing_address, country, vat_number, language, contact_email, as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (customer_id) DO UPDATE SET
         company_name = EXCLUDED.company_name, kind = EXCLUDED.kind, billing_address = EXCLUDED.billing_address,
         country = EXCLUDED.country, vat_number = EXCLUDED.vat_number, language = EXCLUDED.language,
         contact_email = EXCLUDED.contact_email, as_of = EXCLUDED.as_of
       WHERE crm_customers.as_of <= EXCLUDED.as_of`,
      [
        customer.customerId,
        customer.companyName,
        customer.kind,
        customer.billingAddress,
        customer.country,
        customer.vatNumber ?? null,
        customer.language,
        customer.contactEmail,
        asOf,
      ],
    );
  }

  /** Who the customer is as quotes, orders, invoices and mails need it; undefined when the CRM never registered them. */
  async snapshotOf(manager: EntityManager, customerId: string): Promise<CustomerSnapshot | undefined> {
    const rows: CrmCustomerRow[] = await manager.query(`SELECT * FROM crm_customers WHERE customer_id = $1`, [customerId]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      customerId: row.customer_id,
      name: row.company_name,
      email: row.contact_email,
      language: row.language,
      country: row.country,
      kind: row.kind,
      ...(row.vat_number === null ? {} : { vatNumber: row.vat_number }),
    };
  }
}
