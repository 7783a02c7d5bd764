import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type { CrmCustomerRecord, Customer, CustomerStore } from '../../application/ports/customer-store';
import { CustomerEntity } from '../entities';

@Injectable()
export class CustomerRepository implements CustomerStore {
  constructor(private readonly dataSource: DataSource) {}

  find(id: string, tx: Transaction = this.dataSource.manager): Promise<Customer | null> {
    return tx.findOneBy(CustomerEntity, { id });
  }

  async add(tx: Transaction, customer: Customer): Promise<void> {
    await tx.insert(CustomerEntity, customer);
  }

  async applyCrmRecord(tx: Transaction, c: CrmCustomerRecord, asOf: string): Promise<void> {
    // created_at is the CRM's time of the first record seen.
    await tx.query(
      `INSERT INTO gateway_customers (id, name, email, language, country, kind, vat_number, created_at, source, crm_as_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'crm', $8)
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, email = EXCLUDED.email, language = EXCLUDED.language, country = EXCLUDED.country,
         kind = EXCLUDED.kind, vat_number = EXCLUDED.vat_number, source = 'crm', crm_as_of = EXCLUDED.crm_as_of
       WHERE gateway_customers.crm_as_of IS NULL OR gateway_customers.crm_as_of <= EXCLUDED.crm_as_of`,
      [c.customerId, c.companyName, c.contactEmail, c.language, c.country, c.kind, c.vatNumber ?? null, asOf],
    );
  }
}
