import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The secret part of a sandbox checkout URL, as a provider's hosted checkout has one: only its
 * SHA-256 is kept. Payments made before it have none and can no longer be paid at the checkout
 * (sandbox data only; billing's own records are untouched).
 */
export class SandboxCheckoutToken1797000000003 implements MigrationInterface {
  name = 'SandboxCheckoutToken1797000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sandbox_payments ADD COLUMN checkout_token_sha256 bytea`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sandbox_payments DROP COLUMN checkout_token_sha256`);
  }
}
