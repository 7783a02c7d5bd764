import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How far an account manager may discount each plan in a rental.requested: 15% on the seeded
 * plans. Any other plan (added by hand, or later) allows none until someone decides otherwise.
 */
export class PlanDiscountLimits1796000000100 implements MigrationInterface {
  name = 'PlanDiscountLimits1796000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plans ADD COLUMN max_discount_percent numeric(5, 2) NOT NULL DEFAULT 0
        CHECK (max_discount_percent BETWEEN 0 AND 100)`);
    await q.query(`UPDATE plans SET max_discount_percent = 15 WHERE code IN ('small-2', 'standard-4', 'large-8', 'xlarge-16')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE plans DROP COLUMN max_discount_percent`);
  }
}
