import { kafkaAccessPlan, platformEvents } from '@rental/contracts';
import { SERVICE_NAMES, envPrefix, type ServiceName } from '@rental/service-kit';
import { Client } from 'pg';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, uniqueId } from '../support/isolation';
import { spawnService } from '../support/service-process';

/** Each of the five services boots as its own process on the real broker and database. */
describe('the five services', () => {
  const run = uniqueId();
  const prefix = `t${run}.`;
  const databases = new Map<ServiceName, string>();

  beforeAll(async () => {
    for (const service of SERVICE_NAMES) databases.set(service, await createTestDatabase(`boot_${service}_${run}`));
  });

  afterAll(async () => {
    for (const url of databases.values()) await dropTestDatabase(url);
    await deleteTopics(prefix);
  });

  it('boot, migrate their databases, report ready, and stop cleanly on SIGTERM', async () => {
    const processes = SERVICE_NAMES.map((service) =>
      spawnService(service, {
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        [`${envPrefix(service)}_DATABASE_URL`]: databases.get(service)!,
      }),
    );
    try {
      for (const [i, service] of SERVICE_NAMES.entries()) {
        const base = await processes[i].baseUrl;
        const ready = await eventually(
          () => fetch(`${base}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() }), () => ({ status: 0, body: null })),
          (r) => r.status === 200,
          60_000,
          `${service} ready`,
        );
        expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, kafka: { status: 'up' } } });
        expect((await fetch(`${base}/health/live`)).status).toBe(200);

        // The access plan's reads and group are what the service's handlers really subscribe it to:
        // a new handler on another producer's topic fails here until the plan grants it.
        const [, topics, group] = await processes[i].printed(/consuming ([\w.-]+(?:, [\w.-]+)*) as ([\w.-]+)/);
        const access = kafkaAccessPlan(platformEvents, prefix).find((a) => a.name === service)!;
        expect({ service, topics: topics.split(', ').sort(), group }).toEqual({ service, topics: [...access.reads].sort(), group: access.groups[0].name });

        const db = new Client({ connectionString: databases.get(service) });
        await db.connect();
        try {
          const migrations = await db.query(`SELECT name FROM migrations`);
          expect(migrations.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['MessagingTables1795600000000', 'MessagingOutboxSecrets1795600000002']));
          const tables = await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
          expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['messaging_outbox', 'messaging_inbox']));
        } finally {
          await db.end();
        }
      }
    } finally {
      // Nest's shutdown hooks close the application, then re-raise the signal.
      await Promise.all(processes.map((p) => p.stop()));
      for (const [i, p] of processes.entries()) {
        if (!p.output().includes('messaging stopped')) throw new Error(`${SERVICE_NAMES[i]} did not shut down gracefully:\n${p.output()}`);
      }
    }
  });

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const service = spawnService('billing', {
      BILLING_PORT: '99999',
      KAFKA_BROKERS: 'no-port',
      BILLING_DATABASE_URL: 'mysql://x/y',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'billing',
    });
    const exit = await service.exited;
    expect(exit.code).toBe(1);
    expect(service.output()).toContain('BILLING_PORT');
    expect(service.output()).toContain('KAFKA_BROKERS');
    expect(service.output()).toContain('BILLING_DATABASE_URL');
    expect(service.output()).toContain('KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512 (not set)');
  });

  it('reports not ready, with the reason, while its database is unreachable', async () => {
    const url = databases.get('order')!;
    const service = spawnService('order', {
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      ORDER_DATABASE_URL: url,
    });
    const database = new URL(url).pathname.slice(1);
    const admin = new Client({ connectionString: process.env.TEST_POSTGRES_URL });
    await admin.connect();
    try {
      const base = await service.baseUrl;
      await eventually(() => fetch(`${base}/health/ready`).then((r) => r.status, () => 0), (s) => s === 200, 60_000, 'order ready');
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
      const down = await eventually(
        () => fetch(`${base}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() })),
        (r) => r.status === 503,
        30_000,
        'order not ready',
      );
      expect(down.body).toMatchObject({ error: { code: 'not_ready', details: expect.arrayContaining([{ field: 'database', problems: [expect.stringMatching(/^down/)] }]) } });
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await eventually(() => fetch(`${base}/health/ready`).then((r) => r.status), (s) => s === 200, 30_000, 'order ready again');
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await service.stop();
    }
  });
});
