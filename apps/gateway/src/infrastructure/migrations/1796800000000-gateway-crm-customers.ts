import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Other systems as clients: customers the CRM registered (copied from customer.registered and
 * customer.updated; they get an API key only when an operator issues one), the payment reference
 * printed on an invoice, and the bank transfers billing booked on an invoice or flagged for a refund.
 */
export class GatewayCrmCustomers1796800000000 implements MigrationInterface {
  name = 'GatewayCrmCustomers1796800000000';

  async up(q: QueryRunner): Promise<void> {
    // crm_as_of: the time of the CRM record last applied, so a record sent again late cannot undo a newer one.
    await q.query(`
      ALTER TABLE gateway_customers
        ADD COLUMN source     text NOT NULL DEFAULT 'gateway' CHECK (source IN ('gateway', 'crm')),
        ADD COLUMN crm_as_of  timestamptz`);

    await q.query(`ALTER TABLE gateway_invoices ADD COLUMN payment_reference text`);

    // One row per transfer: bank-transfer.applied fills the applied_* columns, bank-transfer.flagged the
    // flag_* ones; an overpayment has both. Only transfers billing matched to an invoice are kept here.
    await q.query(`
      CREATE TABLE gateway_bank_transfers (
        transfer_id       uuid PRIMARY KEY,
        invoice_number    text NOT NULL,
        order_id          uuid NOT NULL,
        customer_id       uuid,
        currency          char(3) NOT NULL,
        applied_cents     bigint,
        outcome           text CHECK (outcome IN ('settled', 'partially_paid')),
        balance_cents     bigint,
        applied_at        timestamptz,
        refundable_cents  bigint,
        flag_reason       text,
        flag_detail       text,
        flagged_at        timestamptz,
        CHECK (applied_at IS NOT NULL OR flagged_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX gateway_bank_transfers_by_invoice ON gateway_bank_transfers (invoice_number)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE gateway_bank_transfers`);
    await q.query(`ALTER TABLE gateway_invoices DROP COLUMN payment_reference`);
    await q.query(`ALTER TABLE gateway_customers DROP COLUMN source, DROP COLUMN crm_as_of`);
  }
}
