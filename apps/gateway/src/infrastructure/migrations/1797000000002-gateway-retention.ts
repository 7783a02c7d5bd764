import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention purge deletes idempotency keys and webhook receipts by age (GatewayRetention): indexes, so that it reads only what it deletes. */
export class GatewayRetention1797000000002 implements MigrationInterface {
  name = 'GatewayRetention1797000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX gateway_idempotency_keys_created_at ON gateway_idempotency_keys (created_at)`);
    await q.query(`CREATE INDEX gateway_payment_provider_events_received_at ON gateway_payment_provider_events (received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX gateway_payment_provider_events_received_at`);
    await q.query(`DROP INDEX gateway_idempotency_keys_created_at`);
  }
}
