import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Placing an order counts the customer's unpaid ones (placed, awaiting_payment): a partial index
 * holds only those rows, so the count stays a few index entries however many orders a customer
 * has had. The list must match UNPAID_STATUSES (apps/order/src/domain/order-status.ts).
 */
export class UnpaidOrdersIndex1797000000100 implements MigrationInterface {
  name = 'UnpaidOrdersIndex1797000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX orders_customer_unpaid ON orders (customer_id) WHERE status IN ('placed', 'awaiting_payment')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX orders_customer_unpaid`);
  }
}
