import { createNotifyOnInsert, dropNotifyOnInsert } from '@rental/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const REFUNDS_NOTIFY = { table: 'refunds', channel: 'billing_refunds', trigger: 'refunds_notify' };

/**
 * Invoices for a period and for extensions (several per order), credit notes for part of an invoice,
 * refunds with their own series and their execution at the provider, numbered payment attempts, and
 * what was settled per order. Existing credit notes move from the invoice row to their own table.
 */
export class BillingSettlement1795720000002 implements MigrationInterface {
  name = 'BillingSettlement1795720000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE invoices
        ADD COLUMN extension_id uuid,
        ADD COLUMN period_start timestamptz,
        ADD COLUMN period_end   timestamptz,
        ADD CONSTRAINT invoices_period CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_end IS NULL OR period_end > period_start))`);
    // One invoice for the order itself and one per extension: a fact seen twice cannot take a second number.
    await q.query(`DROP INDEX invoices_order_id`);
    await q.query(`CREATE UNIQUE INDEX invoices_order_id ON invoices (order_id) WHERE extension_id IS NULL`);
    await q.query(`CREATE UNIQUE INDEX invoices_extension_id ON invoices (extension_id) WHERE extension_id IS NOT NULL`);
    await q.query(`CREATE INDEX invoices_of_order ON invoices (order_id)`);

    await q.query(`
      CREATE TABLE credit_notes (
        number         text PRIMARY KEY CHECK (number ~ '^CN-[0-9]{4}-[0-9]{6}$'),
        invoice_number text NOT NULL REFERENCES invoices (number),
        reason         text NOT NULL,
        net_cents      bigint NOT NULL CHECK (net_cents >= 0),
        vat_cents      bigint NOT NULL CHECK (vat_cents >= 0),
        gross_cents    bigint NOT NULL CHECK (gross_cents = net_cents + vat_cents AND gross_cents > 0),
        issued_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX credit_notes_invoice_number ON credit_notes (invoice_number)`);
    // Until now a credit note always credited its whole invoice.
    await q.query(`
      INSERT INTO credit_notes (number, invoice_number, reason, net_cents, vat_cents, gross_cents, issued_at)
      SELECT credit_note_number, number, credit_note_reason, net_cents, vat_cents, gross_cents, credit_note_issued_at
      FROM invoices WHERE credit_note_number IS NOT NULL`);
    await q.query(`DROP INDEX invoices_credit_note_number`);
    await q.query(`ALTER TABLE invoices DROP COLUMN credit_note_number, DROP COLUMN credit_note_issued_at, DROP COLUMN credit_note_reason`);

    await q.query(`
      CREATE TABLE refund_number_counters (
        year int PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
        last int NOT NULL CHECK (last >= 1)
      )`);
    await q.query(`
      CREATE TABLE refunds (
        number             text PRIMARY KEY CHECK (number ~ '^RF-[0-9]{4}-[0-9]{6}$'),
        invoice_number     text NOT NULL REFERENCES invoices (number),
        order_id           uuid NOT NULL,
        payment_id         uuid NOT NULL REFERENCES payments (payment_id),
        reason             text NOT NULL,
        amount_cents       bigint NOT NULL CHECK (amount_cents > 0),
        currency           text NOT NULL,
        issued_at          timestamptz NOT NULL,
        status             text NOT NULL CHECK (status IN ('pending', 'confirmed')),
        attempts           int NOT NULL DEFAULT 0,
        next_attempt_at    timestamptz NOT NULL,
        last_error         text,
        provider_refund_id text,
        confirmed_at       timestamptz,
        correlation_id     text NOT NULL,
        causation_id       text,
        CHECK ((status = 'confirmed') = (confirmed_at IS NOT NULL AND provider_refund_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX refunds_invoice_number ON refunds (invoice_number)`);
    await q.query(`CREATE INDEX refunds_pending ON refunds (next_attempt_at) WHERE status = 'pending'`);
    // NOTIFY is delivered at commit: the refund worker wakes the moment a refund is visible.
    await createNotifyOnInsert(q, REFUNDS_NOTIFY);

    await q.query(`
      ALTER TABLE payment_reports
        ADD COLUMN invoice_number text REFERENCES invoices (number),
        ADD COLUMN attempt int CHECK (attempt >= 1),
        ADD COLUMN refund_number text REFERENCES refunds (number)`);
    await q.query(`UPDATE payment_reports r SET invoice_number = p.invoice_number FROM payments p WHERE p.payment_id = r.payment_id`);
    await q.query(`
      UPDATE payment_reports r SET attempt = numbered.attempt
      FROM (SELECT provider_event_id, row_number() OVER (PARTITION BY invoice_number ORDER BY recorded_at, provider_event_id) AS attempt
            FROM payment_reports) numbered
      WHERE numbered.provider_event_id = r.provider_event_id`);
    await q.query(`ALTER TABLE payment_reports ALTER COLUMN invoice_number SET NOT NULL, ALTER COLUMN attempt SET NOT NULL`);
    await q.query(`ALTER TABLE payment_reports ADD CONSTRAINT payment_reports_attempt UNIQUE (invoice_number, attempt)`);

    await q.query(`
      CREATE TABLE order_settlements (
        order_id   uuid NOT NULL,
        cause      text NOT NULL CHECK (cause IN ('cancelled', 'ended')),
        event_id   text NOT NULL,
        settled_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, cause)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_settlements`);
    await q.query(`ALTER TABLE payment_reports DROP COLUMN refund_number, DROP COLUMN attempt, DROP COLUMN invoice_number`);
    await dropNotifyOnInsert(q, REFUNDS_NOTIFY);
    await q.query(`DROP TABLE refunds`);
    await q.query(`DROP TABLE refund_number_counters`);
    await q.query(`
      ALTER TABLE invoices
        ADD COLUMN credit_note_number text CHECK (credit_note_number ~ '^CN-[0-9]{4}-[0-9]{6}$'),
        ADD COLUMN credit_note_issued_at timestamptz,
        ADD COLUMN credit_note_reason text`);
    // Only the credit note that completed the invoice's credit fits the old one-per-invoice shape.
    await q.query(`
      UPDATE invoices i SET credit_note_number = c.number, credit_note_issued_at = c.issued_at, credit_note_reason = c.reason
      FROM (SELECT DISTINCT ON (invoice_number) * FROM credit_notes ORDER BY invoice_number, number DESC) c
      WHERE c.invoice_number = i.number AND i.status = 'cancelled'`);
    await q.query(`CREATE UNIQUE INDEX invoices_credit_note_number ON invoices (credit_note_number) WHERE credit_note_number IS NOT NULL`);
    await q.query(`DROP TABLE credit_notes`);
    await q.query(`DROP INDEX invoices_of_order`);
    await q.query(`DROP INDEX invoices_extension_id`);
    await q.query(`DROP INDEX invoices_order_id`);
    await q.query(`CREATE UNIQUE INDEX invoices_order_id ON invoices (order_id)`);
    await q.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_period, DROP COLUMN period_end, DROP COLUMN period_start, DROP COLUMN extension_id`);
  }
}
