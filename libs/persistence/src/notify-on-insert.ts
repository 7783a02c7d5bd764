import type { QueryRunner } from 'typeorm';

export interface NotifyOnInsert {
  table: string;
  /** The channel a NotifiedLoop or listenToChannel listens on. */
  channel: string;
  trigger: string;
}

/**
 * For migrations: a statement trigger that NOTIFYs `channel` after rows are inserted into `table`.
 * PostgreSQL delivers the notification at commit, so a listener wakes exactly when the new rows
 * become visible; one notification per statement, whatever the number of rows.
 */
export async function createNotifyOnInsert(q: QueryRunner, { table, channel, trigger }: NotifyOnInsert): Promise<void> {
  await q.query(`
      CREATE FUNCTION ${channel}_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${channel}', '');
        RETURN NULL;
      END $$`);
  await q.query(`
      CREATE TRIGGER ${trigger} AFTER INSERT ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${channel}_notify()`);
}

export async function dropNotifyOnInsert(q: QueryRunner, { table, channel, trigger }: NotifyOnInsert): Promise<void> {
  await q.query(`DROP TRIGGER ${trigger} ON ${table}`);
  await q.query(`DROP FUNCTION ${channel}_notify()`);
}
