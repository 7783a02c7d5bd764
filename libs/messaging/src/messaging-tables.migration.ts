import { createNotifyOnInsert, dropNotifyOnInsert } from '@rental/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const OUTBOX_NOTIFY = { table: 'messaging_outbox', channel: 'messaging_outbox', trigger: 'messaging_outbox_notify' };

/**
 * The outbox and inbox tables every service needs. Each service lists this migration among its
 * own, so the tables live in the service's database beside the state they are committed with.
 */
export class MessagingTables1795600000000 implements MigrationInterface {
  name = 'MessagingTables1795600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE messaging_outbox (
        id           bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        event_type   text NOT NULL,
        topic        text NOT NULL,
        key          text NOT NULL,
        headers      jsonb NOT NULL,
        value        text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    // The relay only ever reads what is still unpublished, in commit order.
    await q.query(`CREATE INDEX messaging_outbox_unpublished ON messaging_outbox (id) WHERE published_at IS NULL`);
    await q.query(`CREATE INDEX messaging_outbox_published_at ON messaging_outbox (published_at) WHERE published_at IS NOT NULL`);
    // NOTIFY is delivered at commit, so the relay wakes the moment new events become visible.
    await createNotifyOnInsert(q, OUTBOX_NOTIFY);

    await q.query(`
      CREATE TABLE messaging_inbox (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        event_type   text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE messaging_inbox`);
    await dropNotifyOnInsert(q, OUTBOX_NOTIFY);
    await q.query(`DROP TABLE messaging_outbox`);
  }
}
