import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention purge deletes inbox rows by age (RetentionPurge): an index, so that it reads only what it deletes. */
export class MessagingInboxRetention1797000000000 implements MigrationInterface {
  name = 'MessagingInboxRetention1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX messaging_inbox_processed_at ON messaging_inbox (processed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX messaging_inbox_processed_at`);
  }
}
