import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sandbox checkout takes several attempts per payment (failed ones, then one that pays), each
 * reported by a webhook with an event id of its own; and the sandbox carries out refunds. Completed
 * payments move their webhook into attempt 1; a failed payment becomes open again, to be retried.
 */
export class SandboxAttemptsAndRefunds1795720000003 implements MigrationInterface {
  name = 'SandboxAttemptsAndRefunds1795720000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sandbox_payment_attempts (
        payment_id           uuid NOT NULL REFERENCES sandbox_payments (payment_id),
        attempt              int NOT NULL CHECK (attempt >= 1),
        outcome              text NOT NULL CHECK (outcome IN ('paid', 'failed')),
        failure_reason       text,
        completed_at         timestamptz NOT NULL,
        event_id             text NOT NULL UNIQUE,
        webhook_body         text NOT NULL,
        webhook_attempts     int NOT NULL DEFAULT 0,
        webhook_delivered_at timestamptz,
        PRIMARY KEY (payment_id, attempt)
      )`);
    await q.query(`
      INSERT INTO sandbox_payment_attempts
        (payment_id, attempt, outcome, completed_at, event_id, webhook_body, webhook_attempts, webhook_delivered_at)
      SELECT payment_id, 1, status, completed_at, event_id, webhook_body, webhook_attempts, webhook_delivered_at
      FROM sandbox_payments WHERE event_id IS NOT NULL`);
    // What start-up looks for: attempts whose webhook never got through.
    await q.query(`CREATE INDEX sandbox_payment_attempts_undelivered ON sandbox_payment_attempts (completed_at) WHERE webhook_delivered_at IS NULL`);

    await q.query(`ALTER TABLE sandbox_payments DROP CONSTRAINT sandbox_payments_check, DROP CONSTRAINT sandbox_payments_status_check`);
    await q.query(`UPDATE sandbox_payments SET status = 'open', completed_at = NULL WHERE status = 'failed'`);
    await q.query(`
      ALTER TABLE sandbox_payments
        DROP COLUMN event_id, DROP COLUMN webhook_body, DROP COLUMN webhook_attempts, DROP COLUMN webhook_delivered_at`);
    await q.query(`ALTER TABLE sandbox_payments RENAME COLUMN completed_at TO paid_at`);
    await q.query(`
      ALTER TABLE sandbox_payments
        ADD CONSTRAINT sandbox_payments_status_check CHECK (status IN ('open', 'paid')),
        ADD CONSTRAINT sandbox_payments_paid CHECK ((status = 'paid') = (paid_at IS NOT NULL))`);

    await q.query(`
      CREATE TABLE sandbox_refunds (
        refund_number text PRIMARY KEY,
        refund_id     uuid NOT NULL UNIQUE,
        payment_id    uuid NOT NULL REFERENCES sandbox_payments (payment_id),
        amount_cents  bigint NOT NULL CHECK (amount_cents > 0),
        currency      text NOT NULL,
        refunded_at   timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sandbox_refunds`);
    await q.query(`ALTER TABLE sandbox_payments DROP CONSTRAINT sandbox_payments_paid, DROP CONSTRAINT sandbox_payments_status_check`);
    await q.query(`ALTER TABLE sandbox_payments RENAME COLUMN paid_at TO completed_at`);
    await q.query(`
      ALTER TABLE sandbox_payments
        ADD COLUMN event_id text UNIQUE,
        ADD COLUMN webhook_body text,
        ADD COLUMN webhook_attempts int NOT NULL DEFAULT 0,
        ADD COLUMN webhook_delivered_at timestamptz`);
    // The old shape holds one completion per payment: the paying attempt, or else the last failed one.
    await q.query(`
      UPDATE sandbox_payments p
      SET status = a.outcome, completed_at = a.completed_at, event_id = a.event_id, webhook_body = a.webhook_body,
          webhook_attempts = a.webhook_attempts, webhook_delivered_at = a.webhook_delivered_at
      FROM (SELECT DISTINCT ON (payment_id) * FROM sandbox_payment_attempts ORDER BY payment_id, outcome = 'paid' DESC, attempt DESC) a
      WHERE a.payment_id = p.payment_id`);
    await q.query(`
      ALTER TABLE sandbox_payments
        ADD CONSTRAINT sandbox_payments_status_check CHECK (status IN ('open', 'paid', 'failed')),
        ADD CONSTRAINT sandbox_payments_check CHECK ((status = 'open') = (event_id IS NULL))`);
    await q.query(`
      CREATE INDEX sandbox_payments_undelivered ON sandbox_payments (completed_at)
      WHERE event_id IS NOT NULL AND webhook_delivered_at IS NULL`);
    await q.query(`DROP TABLE sandbox_payment_attempts`);
  }
}
