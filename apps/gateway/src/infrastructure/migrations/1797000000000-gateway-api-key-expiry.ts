import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A key may be created to expire by itself; keys made before never expire. */
export class GatewayApiKeyExpiry1797000000000 implements MigrationInterface {
  name = 'GatewayApiKeyExpiry1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_api_keys ADD COLUMN expires_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE gateway_api_keys DROP COLUMN expires_at`);
  }
}
