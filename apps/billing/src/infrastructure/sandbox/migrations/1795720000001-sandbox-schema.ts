import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sandbox payment provider's own store (see SandboxPaymentEntity). */
export class SandboxPaymentsSchema1795720000001 implements MigrationInterface {
  name = 'SandboxPaymentsSchema1795720000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_payments (
        payment_id           uuid PRIMARY KEY,
        invoice_number       text NOT NULL,
        amount_cents         bigint NOT NULL CHECK (amount_cents > 0),
        currency             text NOT NULL,
        status               text NOT NULL CHECK (status IN ('open', 'paid', 'failed')),
        created_at           timestamptz NOT NULL,
        completed_at         timestamptz,
        event_id             text UNIQUE,
        webhook_body         text,
        webhook_attempts     int NOT NULL DEFAULT 0,
        webhook_delivered_at timestamptz,
        CHECK ((status = 'open') = (event_id IS NULL))
      )`);
    // What start-up looks for: completed payments whose webhook never got through.
    await q.query(`
      CREATE INDEX sandbox_payments_undelivered ON sandbox_payments (completed_at)
      WHERE event_id IS NOT NULL AND webhook_delivered_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_payments`);
  }
}
