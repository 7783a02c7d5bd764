import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice shows billing's own figures (invoice.balance-changed) instead of adding up its events
 * here, so the payments table that fed that sum goes. Invoices already shown get the figures the
 * gateway showed for them until now, at revision 0: billing's next revision replaces them.
 */
export class GatewayInvoiceBalance1797200000000 implements MigrationInterface {
  name = 'GatewayInvoiceBalance1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE gateway_invoices
        ADD COLUMN paid_cents       bigint NOT NULL DEFAULT 0,
        ADD COLUMN credited_cents   bigint NOT NULL DEFAULT 0,
        ADD COLUMN refunded_cents   bigint NOT NULL DEFAULT 0,
        ADD COLUMN balance_cents    bigint,
        ADD COLUMN balance_revision integer NOT NULL DEFAULT 0,
        ADD COLUMN payments         jsonb NOT NULL DEFAULT '[]'`);
    // The sum as the gateway made it: a transfer that settled the invoice is also announced by
    // invoice.paid, so that payment is not counted again; a refund of a payment never announced
    // (one that came too late or twice) counts as paid as well as refunded.
    await q.query(`
      WITH books AS (
        SELECT i.invoice_number,
               EXISTS (SELECT 1 FROM gateway_bank_transfers t WHERE t.invoice_number = i.invoice_number AND t.outcome = 'settled') AS settled_by_transfer
          FROM gateway_invoices i
      ), online AS (
        SELECT b.invoice_number,
               COALESCE(SUM(p.amount_cents), 0) AS cents,
               COALESCE(jsonb_agg(jsonb_build_object('paymentId', p.payment_id, 'amountCents', p.amount_cents,
                                                     'paidAt', to_char(p.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                  ORDER BY p.paid_at) FILTER (WHERE p.payment_id IS NOT NULL), '[]') AS payments
          FROM books b LEFT JOIN gateway_invoice_payments p ON p.invoice_number = b.invoice_number AND NOT b.settled_by_transfer
         GROUP BY b.invoice_number
      ), figures AS (
        SELECT i.invoice_number, o.payments,
               o.cents
                 + (SELECT COALESCE(SUM(t.applied_cents), 0) FROM gateway_bank_transfers t WHERE t.invoice_number = i.invoice_number)
                 + (SELECT COALESCE(SUM(r.amount_cents), 0) FROM gateway_refunds r
                     WHERE r.invoice_number = i.invoice_number
                       AND r.payment_id NOT IN (SELECT p.payment_id FROM gateway_invoice_payments p WHERE p.invoice_number = i.invoice_number)
                       AND r.payment_id NOT IN (SELECT t.transfer_id FROM gateway_bank_transfers t WHERE t.invoice_number = i.invoice_number)) AS paid,
               (SELECT COALESCE(SUM(c.gross_cents), 0) FROM gateway_credit_notes c WHERE c.invoice_number = i.invoice_number) AS credited,
               (SELECT COALESCE(SUM(r.amount_cents), 0) FROM gateway_refunds r WHERE r.invoice_number = i.invoice_number) AS refunded
          FROM gateway_invoices i JOIN online o ON o.invoice_number = i.invoice_number
      )
      UPDATE gateway_invoices i
         SET paid_cents = f.paid, credited_cents = f.credited, refunded_cents = f.refunded,
             balance_cents = i.gross_cents - f.paid - f.credited + f.refunded, payments = f.payments
        FROM figures f WHERE f.invoice_number = i.invoice_number`);
    await q.query(`ALTER TABLE gateway_invoices ALTER COLUMN balance_cents SET NOT NULL`);
    await q.query(`DROP TABLE gateway_invoice_payments`);
  }

  /** The payments table comes back with the payments billing listed. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gateway_invoice_payments (
        payment_id      uuid PRIMARY KEY,
        invoice_number  text NOT NULL,
        order_id        uuid NOT NULL,
        customer_id     uuid,
        amount_cents    bigint NOT NULL,
        currency        char(3) NOT NULL,
        paid_at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_invoice_payments_by_invoice ON gateway_invoice_payments (invoice_number)`);
    await q.query(`
      INSERT INTO gateway_invoice_payments (payment_id, invoice_number, order_id, customer_id, amount_cents, currency, paid_at)
      SELECT (p->>'paymentId')::uuid, i.invoice_number, i.order_id, i.customer_id, (p->>'amountCents')::bigint, i.currency, (p->>'paidAt')::timestamptz
        FROM gateway_invoices i CROSS JOIN LATERAL jsonb_array_elements(i.payments) p
      ON CONFLICT (payment_id) DO NOTHING`);
    await q.query(`
      ALTER TABLE gateway_invoices
        DROP COLUMN paid_cents, DROP COLUMN credited_cents, DROP COLUMN refunded_cents,
        DROP COLUMN balance_cents, DROP COLUMN balance_revision, DROP COLUMN payments`);
  }
}
