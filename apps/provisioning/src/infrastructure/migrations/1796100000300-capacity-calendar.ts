import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The capacity calendar: holds and allocations occupy a host over the time their machines exist,
 * from when provisioning is planned to begin to the rental's end; a paid hold waits for that start
 * (order requests get the status scheduled, its hold no expiry). Until now provisioning kept no
 * rental period: rows already there occupy from when they were made (an order placed before was
 * built at payment) with an open end, because nothing here says when their rental ends. An open
 * end lasts until the machines are taken back, or until an extension names the end.
 */
export class CapacityCalendar1796100000300 implements MigrationInterface {
  name = 'CapacityCalendar1796100000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE order_requests ADD COLUMN provisioning_from timestamptz, ADD COLUMN period_end timestamptz`);
    await q.query(`UPDATE order_requests SET provisioning_from = placed_at`);
    await q.query(`
      ALTER TABLE order_requests
        ALTER COLUMN provisioning_from SET NOT NULL,
        ADD CONSTRAINT order_requests_period CHECK (period_end IS NULL OR period_end > provisioning_from),
        DROP CONSTRAINT order_requests_status_check,
        ADD CONSTRAINT order_requests_status_check
          CHECK (status IN ('reserved', 'unavailable', 'scheduled', 'paid', 'failed', 'expired', 'cancelled', 'ended'))`);
    // Rentals that hold capacity in a location, for its address calendar: unpaid holds and paid ones waiting.
    await q.query(`DROP INDEX order_requests_live_holds`);
    await q.query(`
      CREATE INDEX order_requests_live_holds ON order_requests (location_code)
      WHERE status IN ('reserved', 'scheduled')`);

    await q.query(`
      ALTER TABLE capacity_holds
        ADD COLUMN occupied_from timestamptz,
        ADD COLUMN occupied_until timestamptz,
        ALTER COLUMN expires_at DROP NOT NULL`);
    await q.query(`
      UPDATE capacity_holds h
         SET occupied_from = COALESCE((SELECT r.placed_at FROM order_requests r WHERE r.order_id = h.order_id), now())`);
    await q.query(`
      ALTER TABLE capacity_holds
        ALTER COLUMN occupied_from SET NOT NULL,
        ADD CONSTRAINT capacity_holds_occupied CHECK (occupied_until IS NULL OR occupied_until > occupied_from)`);

    await q.query(`ALTER TABLE allocations ADD COLUMN occupied_from timestamptz, ADD COLUMN occupied_until timestamptz`);
    await q.query(`UPDATE allocations SET occupied_from = allocated_at`);
    await q.query(`
      ALTER TABLE allocations
        ALTER COLUMN occupied_from SET NOT NULL,
        ADD CONSTRAINT allocations_occupied CHECK (occupied_until IS NULL OR occupied_until > occupied_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE allocations DROP CONSTRAINT allocations_occupied, DROP COLUMN occupied_from, DROP COLUMN occupied_until`);
    // A paid hold waiting for its start has no expiry; going back, it lapses like any other hold, at once.
    await q.query(`UPDATE capacity_holds SET expires_at = now() WHERE expires_at IS NULL`);
    await q.query(`
      ALTER TABLE capacity_holds
        DROP CONSTRAINT capacity_holds_occupied,
        DROP COLUMN occupied_from,
        DROP COLUMN occupied_until,
        ALTER COLUMN expires_at SET NOT NULL`);
    await q.query(`DROP INDEX order_requests_live_holds`);
    await q.query(`
      CREATE INDEX order_requests_live_holds ON order_requests (location_code, hold_expires_at)
      WHERE status = 'reserved'`);
    await q.query(`UPDATE order_requests SET status = 'reserved' WHERE status = 'scheduled'`);
    await q.query(`
      ALTER TABLE order_requests
        DROP CONSTRAINT order_requests_status_check,
        ADD CONSTRAINT order_requests_status_check
          CHECK (status IN ('reserved', 'unavailable', 'paid', 'failed', 'expired', 'cancelled', 'ended')),
        DROP CONSTRAINT order_requests_period,
        DROP COLUMN provisioning_from,
        DROP COLUMN period_end`);
  }
}
