import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The kind of the timer that lets a hold lapse (HoldExpiry), spelt out: a migration never changes. */
const HOLD_EXPIRY_TIMER = 'provisioning.hold-expiry';

/**
 * What the end of a rental needs: machines remember why they are taken back, whether the customer
 * ever had them, where their attempts failed and when the next one is due; deprovisioning runs
 * stop, wipe and destroy; order requests can be expired, cancelled or ended; an allocation moved to
 * another host for a retry has no hold. Numbered after the durable timers' tables (1795900000000),
 * because holds placed before it get their expiry timer here.
 */
export class EndOfRental1795900000200 implements MigrationInterface {
  name = 'EndOfRental1795900000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE machines
        ADD COLUMN failed_host_ids    uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN next_attempt_at    timestamptz,
        ADD COLUMN deprovision_reason text CHECK (deprovision_reason IN ('order_cancelled', 'rental_ended')),
        ADD COLUMN delivered_at       timestamptz`);
    await q.query(`UPDATE machines SET delivered_at = updated_at WHERE status = 'running'`);
    // The job runner's claim also reads machines still to be taken back.
    await q.query(`
      CREATE INDEX machines_deprovision_jobs ON machines (requested_at)
      WHERE deprovision_reason IS NOT NULL AND status <> 'deprovisioned'`);

    await q.query(`
      ALTER TABLE machine_job_steps
        DROP CONSTRAINT machine_job_steps_step_check,
        ADD CONSTRAINT machine_job_steps_step_check
          CHECK (step IN ('allocate', 'install_image', 'boot', 'stop', 'wipe', 'destroy'))`);

    await q.query(`
      ALTER TABLE order_requests
        DROP CONSTRAINT order_requests_status_check,
        ADD CONSTRAINT order_requests_status_check
          CHECK (status IN ('reserved', 'unavailable', 'paid', 'failed', 'expired', 'cancelled', 'ended'))`);

    await q.query(`ALTER TABLE allocations ALTER COLUMN hold_id DROP NOT NULL`);

    await q.query(
      `INSERT INTO durable_timer (id, kind, key, due_at, payload)
       SELECT gen_random_uuid(), $1, order_id::text, hold_expires_at, jsonb_build_object('orderId', order_id)
         FROM order_requests WHERE status = 'reserved'
       ON CONFLICT (kind, key) DO NOTHING`,
      [HOLD_EXPIRY_TIMER],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM durable_timer WHERE kind = $1`, [HOLD_EXPIRY_TIMER]);
    await q.query(`ALTER TABLE allocations ALTER COLUMN hold_id SET NOT NULL`);
    await q.query(`
      ALTER TABLE order_requests
        DROP CONSTRAINT order_requests_status_check,
        ADD CONSTRAINT order_requests_status_check CHECK (status IN ('reserved', 'unavailable', 'paid', 'failed'))`);
    await q.query(`
      ALTER TABLE machine_job_steps
        DROP CONSTRAINT machine_job_steps_step_check,
        ADD CONSTRAINT machine_job_steps_step_check CHECK (step IN ('allocate', 'install_image', 'boot', 'wipe', 'release'))`);
    await q.query(`DROP INDEX machines_deprovision_jobs`);
    await q.query(`
      ALTER TABLE machines
        DROP COLUMN failed_host_ids, DROP COLUMN next_attempt_at, DROP COLUMN deprovision_reason, DROP COLUMN delivered_at`);
  }
}
