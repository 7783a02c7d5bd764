import { createNotifyOnInsert, dropNotifyOnInsert, type NotifyOnInsert } from '@rental/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export const TIMER_CHANNEL = 'durable_timer_due';

const NOTIFY: NotifyOnInsert = { table: 'durable_timer', channel: TIMER_CHANNEL, trigger: 'durable_timer_notify' };

/**
 * One row per armed timer. (kind, key) is unique, so scheduling the same timer again moves it
 * instead of adding a second one; fired_at is set in the transaction that applied its effect, which
 * is what makes it fire once.
 */
export class DurableTimerTables1795900000000 implements MigrationInterface {
  name = 'DurableTimerTables1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE durable_timer (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        key text NOT NULL,
        due_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        correlation_id text,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT durable_timer_kind_key UNIQUE (kind, key)
      )`);
    await q.query(`CREATE INDEX durable_timer_due ON durable_timer (due_at) WHERE fired_at IS NULL`);
    await createNotifyOnInsert(q, NOTIFY);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropNotifyOnInsert(q, NOTIFY);
    await q.query(`DROP TABLE durable_timer`);
  }
}

/** The retention purge deletes fired timers by age (RetentionPurge): an index, so that it reads only what it deletes. */
export class DurableTimerRetention1797000000001 implements MigrationInterface {
  name = 'DurableTimerRetention1797000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX durable_timer_fired_at ON durable_timer (fired_at) WHERE fired_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX durable_timer_fired_at`);
  }
}

export const timerMigrations = [DurableTimerTables1795900000000, DurableTimerRetention1797000000001];
