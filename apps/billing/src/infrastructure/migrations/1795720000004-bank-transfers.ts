import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank transfers that finance reports (bank-transfer.received), what billing did with each, and the
 * money owed back to payers by bank: flagged at receipt (an excess, or a transfer billing cannot
 * book), or refunded later when an invoice paid by transfer is credited. Such a refund is a document
 * of the refund series like any other, so refunds may now go to a transfer instead of a provider's
 * payment; the provider never carries those out (status owed_to_payer): finance pays them back.
 */
export class BillingBankTransfers1795720000004 implements MigrationInterface {
  name = 'BillingBankTransfers1795720000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bank_transfers (
        transfer_id    uuid PRIMARY KEY,
        event_id       text NOT NULL,
        amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
        currency       text NOT NULL,
        payer_name     text NOT NULL,
        payer_iban     text,
        reference      text NOT NULL,
        received_at    timestamptz NOT NULL,
        invoice_number text REFERENCES invoices (number),
        outcome        text NOT NULL CHECK (outcome IN ('settled', 'partially_paid', 'flagged')),
        applied_cents  bigint NOT NULL CHECK (applied_cents >= 0 AND applied_cents <= amount_cents),
        recorded_at    timestamptz NOT NULL,
        CHECK ((outcome = 'flagged') = (applied_cents = 0)),
        CHECK (applied_cents = 0 OR invoice_number IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX bank_transfers_invoice_number ON bank_transfers (invoice_number) WHERE invoice_number IS NOT NULL`);

    await q.query(`
      ALTER TABLE refunds
        ALTER COLUMN payment_id DROP NOT NULL,
        ADD COLUMN transfer_id uuid REFERENCES bank_transfers (transfer_id),
        DROP CONSTRAINT refunds_status_check,
        ADD CONSTRAINT refunds_status_check CHECK (status IN ('pending', 'confirmed', 'owed_to_payer')),
        ADD CONSTRAINT refunds_route CHECK ((payment_id IS NULL) <> (transfer_id IS NULL) AND (status = 'owed_to_payer') = (transfer_id IS NOT NULL))`);

    await q.query(`
      CREATE TABLE payer_refunds (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        transfer_id    uuid NOT NULL REFERENCES bank_transfers (transfer_id),
        reason         text NOT NULL CHECK (reason IN ('overpaid', 'invoice_cancelled', 'invoice_paid', 'unknown_reference', 'currency_mismatch')),
        amount_cents   bigint NOT NULL CHECK (amount_cents > 0),
        currency       text NOT NULL,
        invoice_number text REFERENCES invoices (number),
        refund_number  text UNIQUE REFERENCES refunds (number),
        detail         text NOT NULL,
        flagged_at     timestamptz NOT NULL,
        CHECK (refund_number IS NULL OR invoice_number IS NOT NULL)
      )`);
    // A transfer is flagged at most once when it arrives (its excess, or all of it).
    await q.query(`CREATE UNIQUE INDEX payer_refunds_at_receipt ON payer_refunds (transfer_id) WHERE refund_number IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payer_refunds`);
    // Fails while refunds to bank transfers exist: those documents are not thrown away.
    await q.query(`
      ALTER TABLE refunds
        DROP CONSTRAINT refunds_route,
        DROP CONSTRAINT refunds_status_check,
        ADD CONSTRAINT refunds_status_check CHECK (status IN ('pending', 'confirmed')),
        DROP COLUMN transfer_id,
        ALTER COLUMN payment_id SET NOT NULL`);
    await q.query(`DROP TABLE bank_transfers`);
  }
}
