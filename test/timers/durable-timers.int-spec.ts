import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RetentionPurge } from '@rental/messaging';
import { DurableTimers } from '@rental/timers';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { REMINDER, ReminderFixtureModule, ReminderHandler } from '../fixtures/reminder-fixture-module';
import { AdjustableClock } from '../support/adjustable-clock';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventuallyExpect, testBrokers, uniqueId } from '../support/isolation';

const HOUR = 3_600_000;

describe('durable timers', () => {
  const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
  const topicPrefix = `t${uniqueId()}.`;
  let databaseUrl: string;
  let db: Client;
  const apps: INestApplicationContext[] = [];

  const startInstance = async (): Promise<INestApplicationContext> => {
    const app = await NestFactory.createApplicationContext(ReminderFixtureModule.register({ databaseUrl, brokers: testBrokers(), topicPrefix, clock }), {
      logger: ['error'],
    });
    await app.init();
    apps.push(app);
    return app;
  };

  const stopInstance = async (app: INestApplicationContext): Promise<void> => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  const schedule = (app: INestApplicationContext, key: string, dueAt: Date, seq = 1) =>
    app
      .get(DataSource)
      .transaction((manager) => app.get(DurableTimers).schedule(manager, { kind: REMINDER, key, dueAt, payload: { account: `acct-${key}`, seq } }));

  const firings = async (key: string): Promise<number> => Number((await db.query(`SELECT count(*) AS n FROM reminder_sent WHERE key = $1`, [key])).rows[0].n);

  const published = async (account: string): Promise<number> =>
    Number((await db.query(`SELECT count(*) AS n FROM messaging_outbox WHERE key = $1`, [account])).rows[0].n);

  /**
   * Arms a timer due now and waits until it fired. Timers fire one at a time in the order they are
   * due, so every timer due before it that was going to fire has fired by then.
   */
  let fences = 0;
  const fence = async (app: INestApplicationContext): Promise<void> => {
    const key = `fence-${++fences}`;
    await schedule(app, key, clock.now());
    await eventuallyExpect(async () => expect(await firings(key)).toBe(1));
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(`timers_${uniqueId()}`);
  });

  afterAll(async () => {
    for (const app of [...apps]) await app.close();
    await db?.end();
    await dropTestDatabase(databaseUrl);
    await deleteTopics(topicPrefix);
  });

  it('fires when the clock reaches it, once, with its event in the same transaction', async () => {
    const app = await startInstance();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const dueAt = new Date(clock.now().getTime() + HOUR);
    await schedule(app, 'window-1', dueAt);

    clock.advance(HOUR);
    await eventuallyExpect(async () => expect(await firings('window-1')).toBe(1));
    // Fired at the clock's time: not before the clock reached it.
    const { rows } = await db.query(`SELECT fired_at FROM durable_timer WHERE key = 'window-1'`);
    expect(rows[0].fired_at.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
    expect(await published('acct-window-1')).toBe(1);
    await fence(app);
    expect(await firings('window-1')).toBe(1);
  });

  it('is kept in the database: armed before a restart, it fires after it', async () => {
    const before = apps[0];
    await schedule(before, 'across-restart', new Date(clock.now().getTime() + 2 * HOUR));
    await stopInstance(before);

    clock.advance(3 * HOUR);
    await startInstance();
    await eventuallyExpect(async () => expect(await firings('across-restart')).toBe(1));
  });

  it('moves when scheduled again and is gone when cancelled', async () => {
    const app = apps[0];
    const timers = app.get(DurableTimers);
    await schedule(app, 'moved', new Date(clock.now().getTime() + HOUR));
    await schedule(app, 'moved', new Date(clock.now().getTime() + 5 * HOUR), 2);
    await schedule(app, 'cancelled', new Date(clock.now().getTime() + HOUR));
    await app.get(DataSource).transaction((manager) => timers.cancel(manager, REMINDER, 'cancelled'));

    clock.advance(2 * HOUR);
    await fence(app);
    expect(await firings('moved')).toBe(0);
    expect(await firings('cancelled')).toBe(0);

    clock.advance(4 * HOUR);
    await eventuallyExpect(async () => expect(await firings('moved')).toBe(1));
    const armed = await app.get(DataSource).transaction((manager) => timers.find(manager, REMINDER, 'moved'));
    expect(armed?.payload).toEqual({ account: 'acct-moved', seq: 2 });
  });

  it('tries a failing timer again later instead of dropping it, and rolls back what the failed attempts did', async () => {
    const app = apps[0];
    await schedule(app, 'explode', clock.now());
    // Two failures: retried after 1 s and then 2 s of (adjustable) time.
    await eventuallyExpect(async () => {
      clock.advance(1_000);
      expect(await firings('explode')).toBe(1);
    });
    expect(await published('acct-explode')).toBe(1);
    const { rows } = await db.query(`SELECT attempts, last_error FROM durable_timer WHERE key = 'explode'`);
    expect(rows[0]).toEqual({ attempts: 3, last_error: null });
  });

  it('fires each of many due timers exactly once while two instances compete for them', async () => {
    ReminderHandler.instanceName = 'shared';
    await startInstance();
    expect(apps).toHaveLength(2);
    const due = new Date(clock.now().getTime() + HOUR);
    const keys = Array.from({ length: 200 }, (_, i) => `many-${i}`);
    await apps[0].get(DataSource).transaction(async (manager) => {
      for (const key of keys) {
        await apps[0].get(DurableTimers).schedule(manager, { kind: REMINDER, key, dueAt: due, payload: { account: 'many', seq: 1 } });
      }
    });

    clock.advance(HOUR);
    await eventuallyExpect(async () => {
      const { rows } = await db.query(`SELECT count(*) AS n FROM durable_timer WHERE key LIKE 'many-%' AND fired_at IS NOT NULL`);
      expect(Number(rows[0].n)).toBe(200);
    });
    const { rows } = await db.query(`SELECT key, count(*) AS n FROM reminder_sent WHERE key LIKE 'many-%' GROUP BY key HAVING count(*) > 1`);
    expect(rows).toEqual([]);
    expect(Number((await db.query(`SELECT count(*) AS n FROM reminder_sent WHERE key LIKE 'many-%'`)).rows[0].n)).toBe(200);
    expect(await published('many')).toBe(200);
  });

  it('purges a fired timer after the retention (7 days by default) and never an armed one', async () => {
    const app = apps[0];
    const row = async (key: string) => (await db.query(`SELECT fired_at FROM durable_timer WHERE key = $1`, [key])).rows;
    await schedule(app, 'armed-for-a-month', new Date(clock.now().getTime() + 30 * 24 * HOUR));
    await schedule(app, 'fired-then-purged', clock.now());
    await eventuallyExpect(async () => expect(await firings('fired-then-purged')).toBe(1));

    clock.advance(6 * 24 * HOUR);
    await app.get(RetentionPurge).purgeNow();
    expect(await row('fired-then-purged')).toHaveLength(1);

    clock.advance(2 * 24 * HOUR);
    const report = await app.get(RetentionPurge).purgeNow();
    expect(report.durable_timer).toBeGreaterThanOrEqual(1);
    expect(await row('fired-then-purged')).toEqual([]);
    expect(await row('armed-for-a-month')).toEqual([{ fired_at: null }]);
    const plan = await db.query(`BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT ctid FROM durable_timer WHERE fired_at < now() LIMIT 1000; COMMIT;`);
    expect(JSON.stringify(plan)).toContain('durable_timer_fired_at');
  });
});
