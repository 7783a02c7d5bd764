import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Marks outbox rows whose payload holds a secret, so the relay deletes them once published. */
export class MessagingOutboxSecrets1795600000002 implements MigrationInterface {
  name = 'MessagingOutboxSecrets1795600000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_outbox ADD COLUMN contains_secrets boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messaging_outbox DROP COLUMN contains_secrets`);
  }
}
