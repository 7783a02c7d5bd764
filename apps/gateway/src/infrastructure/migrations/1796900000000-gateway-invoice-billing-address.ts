import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The billing address an invoice was issued to (from invoice.issued, for customers the CRM knows). */
export class GatewayInvoiceBillingAddress1796900000000 implements MigrationInterface {
  name = 'GatewayInvoiceBillingAddress1796900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_invoices ADD COLUMN billing_address jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_invoices DROP COLUMN billing_address`);
  }
}
