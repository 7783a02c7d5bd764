import { messagingMigrations } from '@rental/messaging';
import { ensureDatabase, openServiceDataSource, serviceDataSourceOptions } from '@rental/persistence';
import { timerMigrations } from '@rental/timers';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { dropTestDatabase, eventually, testDatabaseUrl, uniqueId } from '../support/isolation';

const MIGRATIONS = [...messagingMigrations, ...timerMigrations];
const INSTANCES = 4;

/** Instances of one service started together on one fresh database: they take turns at its migrations. */
describe('migrations under the database lock', () => {
  const opened: DataSource[] = [];
  const databases: string[] = [];
  const freshDatabase = () => {
    const url = testDatabaseUrl(`migrate_${uniqueId()}`);
    databases.push(url);
    return url;
  };
  const open = async (url: string, name: string) => {
    // As an instance starts: make sure the database exists, then open it with its migrations.
    await ensureDatabase(url);
    const dataSource = await openServiceDataSource(serviceDataSourceOptions({ url, applicationName: name, entities: [], migrations: MIGRATIONS }));
    opened.push(dataSource);
    return dataSource;
  };
  const query = async <T>(url: string, sql: string): Promise<T[]> => {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      return (await db.query(sql)).rows as T[];
    } finally {
      await db.end();
    }
  };

  afterAll(async () => {
    await Promise.all(opened.map((dataSource) => dataSource.destroy()));
    for (const url of databases) await dropTestDatabase(url);
  });

  it(`lets ${INSTANCES} instances started at once each open the database, every migration applied and recorded once`, async () => {
    const url = freshDatabase();
    const instances = await Promise.allSettled(Array.from({ length: INSTANCES }, (_, i) => open(url, `instance-${i}`)));
    expect(instances.map((instance) => (instance.status === 'rejected' ? String(instance.reason) : 'opened'))).toEqual(Array(INSTANCES).fill('opened'));
    const recorded = await query<{ name: string; times: string }>(url, `SELECT name, count(*) AS times FROM migrations GROUP BY name ORDER BY name`);
    expect(recorded).toEqual(MIGRATIONS.map((migration) => ({ name: migration.name, times: '1' })).sort((a, b) => a.name.localeCompare(b.name)));
    // Each instance sees the migrated schema.
    for (const instance of instances) {
      const dataSource = (instance as PromiseFulfilledResult<DataSource>).value;
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM messaging_outbox`)).toEqual([{ n: 0 }]);
    }
  });

  it('makes an instance wait while another holds the lock, and migrate once it is released', async () => {
    const url = freshDatabase();
    await ensureDatabase(url);
    const holder = new Client({ connectionString: url });
    await holder.connect();
    await holder.query(`SELECT pg_advisory_lock(hashtextextended('rental:migrations', 0))`);
    let settled = false;
    const waiting = open(url, 'late-instance').finally(() => (settled = true));
    // The later fact: its lock connection is queued behind ours in pg_locks.
    await eventually(
      () =>
        query<{ n: number }>(
          url,
          `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory' AND NOT l.granted`,
        ),
      (rows) => rows[0].n === 1,
      30_000,
      'the instance waiting for the migration lock',
    );
    expect(settled).toBe(false);
    expect(await query(url, `SELECT to_regclass('migrations') AS t`)).toEqual([{ t: null }]);
    await holder.end();
    await waiting;
    expect(await query(url, `SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: MIGRATIONS.length }]);
  });
});
