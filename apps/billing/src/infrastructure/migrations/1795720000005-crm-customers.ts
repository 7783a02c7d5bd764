import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing's copy of the CRM's customers (only what an invoice needs from it: the billing address),
 * and the address each invoice was issued with. Invoices issued before this, and invoices for
 * customers the CRM does not know, have none. The sandbox provider keeps the address it was given
 * with a payment, as a provider's checkout shows who is billed.
 */
export class BillingCrmCustomers1795720000005 implements MigrationInterface {
  name = 'BillingCrmCustomers1795720000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm_customers (
        customer_id     uuid PRIMARY KEY,
        billing_address jsonb NOT NULL,
        as_of           timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE invoices ADD COLUMN customer_billing_address jsonb`);
    await q.query(`ALTER TABLE sandbox_payments ADD COLUMN billing_address jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sandbox_payments DROP COLUMN billing_address`);
    await q.query(`ALTER TABLE invoices DROP COLUMN customer_billing_address`);
    await q.query(`DROP TABLE crm_customers`);
  }
}
