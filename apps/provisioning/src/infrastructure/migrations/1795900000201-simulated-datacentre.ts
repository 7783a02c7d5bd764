import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failures and slow steps a test or a demo forces on one order's machines in the simulated
 * datacentre. In the database rather than in memory: it survives a restart, and a job run by
 * another instance sees it too.
 */
export class SimulatedDatacentre1795900000201 implements MigrationInterface {
  name = 'SimulatedDatacentre1795900000201';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE simulated_order_faults (
        order_id      uuid PRIMARY KEY,
        fail_attempts int NOT NULL CHECK (fail_attempts >= 0),
        fail_all      boolean NOT NULL,
        delay_ms      int CHECK (delay_ms >= 0),
        updated_at    timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE simulated_order_faults`);
  }
}
