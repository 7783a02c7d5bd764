import { networkInterfaces } from 'node:os';
import { SERVICE_NAMES, envPrefix, type ServiceName } from '@rental/service-kit';
import { Client } from 'pg';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, uniqueId } from '../support/isolation';
import { spawnService } from '../support/service-process';

/** This machine's first IPv4 address that is not loopback, if it has one. */
function nonLoopbackIpv4(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((a) => a !== undefined && a.family === 'IPv4' && !a.internal)?.address;
}

/** Whether anything answers HTTP at this address: a refused connection is false. */
const answers = (url: string) => fetch(url, { signal: AbortSignal.timeout(10_000) }).then(() => true, () => false);

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

        // Started with the defaults, it listens on this machine only: not on the machine's network address.
        const port = new URL(base).port;
        expect(processes[i].output()).toContain(`listening on 127.0.0.1:${port},`);
        const outside = nonLoopbackIpv4();
        if (outside !== undefined) expect(await answers(`http://${outside}:${port}/health/live`)).toBe(false);

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
      BILLING_HOST: 'localhost',
      KAFKA_BROKERS: 'no-port',
      BILLING_DATABASE_URL: 'mysql://x/y',
      SANDBOX_WEBHOOK_ATTEMPTS: '0',
    });
    const exit = await service.exited;
    expect(exit.code).toBe(1);
    for (const name of ['BILLING_PORT', 'BILLING_HOST', 'KAFKA_BROKERS', 'BILLING_DATABASE_URL', 'SANDBOX_WEBHOOK_ATTEMPTS']) expect(service.output()).toContain(name);
  });

  it('listens on every interface when <SERVICE>_HOST says so', async () => {
    const service = spawnService('notification', {
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: prefix,
      NOTIFICATION_DATABASE_URL: databases.get('notification')!,
      NOTIFICATION_HOST: '0.0.0.0',
    });
    try {
      const port = new URL(await service.baseUrl).port;
      expect(service.output()).toContain(`listening on 0.0.0.0:${port},`);
      const outside = nonLoopbackIpv4();
      // The check the default-host test makes is not vacuous: the same address answers once opened.
      if (outside !== undefined) expect(await answers(`http://${outside}:${port}/health/live`)).toBe(true);
    } finally {
      await service.stop();
    }
  });

  describe('in production (NODE_ENV=production)', () => {
    const STRONG = 'x'.repeat(32);
    /** Every line of the refusal: one per problem. */
    const problemsOf = (output: string) => output.split('\n').filter((line) => line.startsWith('  - '));

    it.each<[ServiceName, Record<string, string>, string[]]>([
      [
        'gateway',
        {},
        [
          'GATEWAY_ADMIN_TOKEN: is the development default, refused in production: set a secret of your own (not set)',
          'SANDBOX_WEBHOOK_SECRET: is the development default, refused in production: set a secret of your own (not set)',
        ],
      ],
      [
        'billing',
        { SANDBOX_WEBHOOK_SECRET: 'sandbox-dev-secret' },
        [
          'PAYMENT_PROVIDER: "sandbox" is a development stand-in, refused in production (not set)',
          'SANDBOX_WEBHOOK_SECRET: is the development default, refused in production: set a secret of your own (set, 18 bytes)',
        ],
      ],
      [
        'provisioning',
        { DATACENTRE_DRIVER: 'simulated', PROVISIONING_OPERATOR_TOKEN: 'operator-secret-1' },
        [
          'DATACENTRE_DRIVER: "simulated" is a development stand-in, refused in production (got "simulated")',
          'PROVISIONING_OPERATOR_TOKEN: must be at least 32 bytes in production (has 17) (set, 17 bytes)',
        ],
      ],
    ])('%s refuses to start on its development stand-ins and weak secrets, naming each, printing no secret', async (service, env, expected) => {
      const process = spawnService(service, { NODE_ENV: 'production', ...env });
      expect((await process.exited).code).toBe(1);
      expect(process.output()).toContain(`[${service}] cannot start. Invalid configuration:`);
      expect(problemsOf(process.output())).toEqual(expected.map((problem) => `  - ${problem}`));
      for (const secret of Object.values(env)) if (secret !== 'simulated') expect(process.output()).not.toContain(secret);
    });

    it('a misspelt NODE_ENV stops a service too, rather than passing for development', async () => {
      const process = spawnService('order', { NODE_ENV: 'prod' });
      expect((await process.exited).code).toBe(1);
      expect(problemsOf(process.output())).toEqual(['  - NODE_ENV: must be one of development, test, production (got "prod")']);
    });

    it('the gateway starts with secrets of its own', async () => {
      const gateway = spawnService('gateway', {
        NODE_ENV: 'production',
        GATEWAY_ADMIN_TOKEN: `admin-${STRONG}`,
        SANDBOX_WEBHOOK_SECRET: `webhook-${STRONG}`,
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        GATEWAY_DATABASE_URL: databases.get('gateway')!,
      });
      try {
        const base = await gateway.baseUrl;
        await eventually(() => fetch(`${base}/health/ready`).then((r) => r.status, () => 0), (s) => s === 200, 60_000, 'gateway ready');
      } finally {
        await gateway.stop();
      }
    });
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
