import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rest of a rental's life in the read model: cancellations and their refusals, extensions,
 * an order's several invoices with their failed payment attempts, credit notes and refunds, and
 * deprovisioned machines. Idempotency keys now also cover cancel and extend requests.
 */
export class GatewayRentalLifecycle1796100000000 implements MigrationInterface {
  name = 'GatewayRentalLifecycle1796100000000';

  async up(q: QueryRunner): Promise<void> {
    // order_id is the order a keyed request placed or acted on; request_id the id the gateway chose
    // for a cancel (requestId) or extend (extensionId) request, so a retry sends nothing new.
    await q.query(`ALTER TABLE gateway_idempotency_keys ADD COLUMN request_id uuid`);

    await q.query(`
      ALTER TABLE gateway_orders
        ADD COLUMN cancellation_reason      text,
        ADD COLUMN cancellation_detail      text,
        ADD COLUMN cancellation_settlement  text,
        ADD COLUMN cancelled_while_running  boolean,
        ADD COLUMN cancellation_request_id  uuid,
        ADD COLUMN cancelled_at             timestamptz,
        ADD COLUMN ended_at                 timestamptz`);
    // When the gateway applied an entry, by the database's clock: a live timeline ends once the
    // rental is over and its timeline has been quiet for a while (refund notes follow the end).
    await q.query(`ALTER TABLE gateway_order_timeline ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now()`);
    await q.query(`
      CREATE TABLE gateway_cancellation_rejections (
        request_id    uuid PRIMARY KEY,
        order_id      uuid NOT NULL,
        customer_id   uuid NOT NULL,
        reason        text NOT NULL,
        order_status  text,
        detail        text NOT NULL
      )`);

    // Rows come from the order service's answer (accepted or rejected); the invoice is joined by extension_id.
    await q.query(`
      CREATE TABLE gateway_extensions (
        extension_id      uuid PRIMARY KEY,
        order_id          uuid NOT NULL,
        customer_id       uuid NOT NULL,
        description       text,
        period_start      timestamptz,
        period_end        timestamptz,
        price             jsonb,
        payment_due_at    timestamptz,
        rejection_reason  text,
        rejection_detail  text,
        applied_at        timestamptz,
        lapsed_at         timestamptz,
        recorded_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX gateway_extensions_by_order ON gateway_extensions (order_id, recorded_at)`);

    await q.query(`ALTER TABLE gateway_invoices ADD COLUMN extension_id uuid, ADD COLUMN cancelled_at timestamptz`);
    await q.query(`ALTER TABLE gateway_invoices DROP CONSTRAINT gateway_invoices_status_check`);
    await q.query(`ALTER TABLE gateway_invoices ADD CONSTRAINT gateway_invoices_status_check CHECK (status IN ('open', 'paid', 'cancelled'))`);
    await q.query(`CREATE INDEX gateway_invoices_by_extension ON gateway_invoices (extension_id) WHERE extension_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE gateway_payment_attempts (
        invoice_number  text NOT NULL,
        attempt         int NOT NULL,
        payment_id      uuid NOT NULL,
        order_id        uuid NOT NULL,
        customer_id     uuid NOT NULL,
        reason          text NOT NULL,
        failed_at       timestamptz NOT NULL,
        retry_until     timestamptz NOT NULL,
        PRIMARY KEY (invoice_number, attempt)
      )`);
    await q.query(`
      CREATE TABLE gateway_credit_notes (
        credit_note_number  text PRIMARY KEY,
        invoice_number      text NOT NULL,
        order_id            uuid NOT NULL,
        customer_id         uuid NOT NULL,
        reason              text NOT NULL,
        currency            char(3) NOT NULL,
        net_cents           bigint NOT NULL,
        vat_cents           bigint NOT NULL,
        gross_cents         bigint NOT NULL,
        invoice_cancelled   boolean NOT NULL,
        issued_at           timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_credit_notes_by_invoice ON gateway_credit_notes (invoice_number)`);
    await q.query(`
      CREATE TABLE gateway_refunds (
        refund_number   text PRIMARY KEY,
        invoice_number  text NOT NULL,
        order_id        uuid NOT NULL,
        customer_id     uuid NOT NULL,
        payment_id      uuid NOT NULL,
        reason          text NOT NULL,
        amount_cents    bigint NOT NULL,
        currency        char(3) NOT NULL,
        refunded_at     timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_refunds_by_invoice ON gateway_refunds (invoice_number)`);

    await q.query(`ALTER TABLE gateway_machines ADD COLUMN deprovisioned_at timestamptz, ADD COLUMN deprovision_reason text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_machines DROP COLUMN deprovisioned_at, DROP COLUMN deprovision_reason`);
    await q.query(`DROP TABLE gateway_refunds`);
    await q.query(`DROP TABLE gateway_credit_notes`);
    await q.query(`DROP TABLE gateway_payment_attempts`);
    await q.query(`DROP INDEX gateway_invoices_by_extension`);
    await q.query(`ALTER TABLE gateway_invoices DROP CONSTRAINT gateway_invoices_status_check`);
    await q.query(`ALTER TABLE gateway_invoices ADD CONSTRAINT gateway_invoices_status_check CHECK (status IN ('open', 'paid'))`);
    await q.query(`ALTER TABLE gateway_invoices DROP COLUMN extension_id, DROP COLUMN cancelled_at`);
    await q.query(`DROP TABLE gateway_extensions`);
    await q.query(`DROP TABLE gateway_cancellation_rejections`);
    await q.query(`ALTER TABLE gateway_order_timeline DROP COLUMN recorded_at`);
    await q.query(`
      ALTER TABLE gateway_orders
        DROP COLUMN cancellation_reason, DROP COLUMN cancellation_detail, DROP COLUMN cancellation_settlement,
        DROP COLUMN cancelled_while_running, DROP COLUMN cancellation_request_id, DROP COLUMN cancelled_at, DROP COLUMN ended_at`);
    await q.query(`ALTER TABLE gateway_idempotency_keys DROP COLUMN request_id`);
  }
}
