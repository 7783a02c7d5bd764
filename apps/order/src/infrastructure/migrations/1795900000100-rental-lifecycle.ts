import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What the end of a rental needs: who cancelled, which machines are gone, and extensions. */
export class RentalLifecycle1795900000100 implements MigrationInterface {
  name = 'RentalLifecycle1795900000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE orders ADD COLUMN cancel_request_id uuid`);
    await q.query(`ALTER TABLE order_machines ADD COLUMN deprovisioned_at timestamptz`);
    await q.query(`
      CREATE TABLE order_extensions (
        extension_id   uuid PRIMARY KEY,
        order_id       uuid NOT NULL REFERENCES orders (id),
        period_start   timestamptz NOT NULL,
        period_end     timestamptz NOT NULL,
        total_cents    bigint NOT NULL,
        currency       text NOT NULL,
        status         text NOT NULL CHECK (status IN ('awaiting_payment', 'applied', 'lapsed')),
        invoice_number text,
        requested_at   timestamptz NOT NULL,
        settled_at     timestamptz
      )`);
    await q.query(`CREATE INDEX order_extensions_order ON order_extensions (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE order_extensions`);
    await q.query(`ALTER TABLE order_machines DROP COLUMN deprovisioned_at`);
    await q.query(`ALTER TABLE orders DROP COLUMN cancel_request_id`);
  }
}
