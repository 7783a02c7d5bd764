import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CrmCustomerStore } from '../../application/ports/crm-customer-store';
import type { BillingAddress } from '../../domain/invoice-types';

/** The CRM's customers as the CRM last described them, as far as invoices need them. */
@Injectable()
export class CrmCustomerRepository implements CrmCustomerStore {
  async save(manager: EntityManager, customerId: string, billingAddress: BillingAddress, asOf: Date): Promise<void> {
    await manager.query(
      `INSERT INTO crm_customers (customer_id, billing_address, as_of) VALUES ($1, $2, $3)
       ON CONFLICT (customer_id) DO UPDATE SET billing_address = EXCLUDED.billing_address, as_of = EXCLUDED.as_of
       WHERE crm_customers.as_of <= EXCLUDED.as_of`,
      [customerId, JSON.stringify(billingAddress), asOf],
    );
  }

  async billingAddressOf(manager: EntityManager, customerId: string): Promise<BillingAddress | undefined> {
    const rows: { billing_address: BillingAddress }[] = await manager.query(`SELECT billing_address FROM crm_customers WHERE customer_id = $1`, [customerId]);
    return rows[0]?.billing_address;
  }
}
