import { generateKeyPairSync } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { kafkaAccessPlan, platformEvents } from '@rental/contracts';
import { envPrefix, SERVICE_NAMES, type ServiceName } from '@rental/service-kit';
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
const answers = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
    () => true,
    () => false,
  );

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
          () =>
            fetch(`${base}/health/ready`).then(
              async (r) => ({ status: r.status, body: await r.json() }),
              () => ({ status: 0, body: null }),
            ),
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
    }
    for (const [i, p] of processes.entries()) {
      if (!p.output().includes('messaging stopped')) throw new Error(`${SERVICE_NAMES[i]} did not shut down gracefully:\n${p.output()}`);
    }
  });

  it('with MIGRATIONS_ONLY, migrates its database under the lock and exits, needing no Kafka', async () => {
    const url = await createTestDatabase(`migrate_only_${run}`);
    try {
      // Nothing listens on port 1: a run that touched Kafka would hang or fail.
      const service = spawnService('order', { MIGRATIONS_ONLY: 'true', KAFKA_BROKERS: '127.0.0.1:1', ORDER_DATABASE_URL: url });
      const exit = await service.exited;
      expect([exit.code, service.output()]).toEqual([0, expect.stringContaining('exiting (MIGRATIONS_ONLY)')]);
      expect(service.output()).not.toContain('listening on');
      const db = new Client({ connectionString: url });
      await db.connect();
      try {
        const migrations = await db.query(`SELECT name FROM migrations`);
        expect(migrations.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['MessagingTables1795600000000', 'OrderSchema1795700000000']));
      } finally {
        await db.end();
      }
    } finally {
      await dropTestDatabase(url);
    }
  });

  it('refuses to start on bad configuration, naming every bad variable', async () => {
    const service = spawnService('billing', {
      BILLING_PORT: '99999',
      BILLING_HOST: 'localhost',
      KAFKA_BROKERS: 'no-port',
      BILLING_DATABASE_URL: 'mysql://x/y',
      SANDBOX_WEBHOOK_ATTEMPTS: '0',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'billing',
    });
    const exit = await service.exited;
    expect(exit.code).toBe(1);
    for (const name of ['BILLING_PORT', 'BILLING_HOST', 'KAFKA_BROKERS', 'BILLING_DATABASE_URL', 'SANDBOX_WEBHOOK_ATTEMPTS'])
      expect(service.output()).toContain(name);
    expect(service.output()).toContain('KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM=scram-sha-512 (not set)');
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
    /** What production says of a plaintext, anonymous Kafka client: every service, first. */
    const PLAINTEXT_KAFKA = [
      'KAFKA_SSL: must be true in production: credentials and events travel only over TLS (not set)',
      'KAFKA_SASL_MECHANISM: must be scram-sha-256 or scram-sha-512 in production: every client authenticates under its own principal (not set)',
    ];
    const DEVELOPMENT_KEY =
      'is the committed development key, refused in production: generate a pair of your own (openssl genpkey -algorithm X25519) (not set)';
    /** Every line of the refusal: one per problem. */
    const problemsOf = (output: string) => output.split('\n').filter((line) => line.startsWith('  - '));

    it.each<[ServiceName, Record<string, string>, string[]]>([
      [
        'gateway',
        {},
        [
          ...PLAINTEXT_KAFKA,
          'GATEWAY_ADMIN_TOKEN: is the development default, refused in production: set a secret of your own (not set)',
          'SANDBOX_WEBHOOK_SECRET: is the development default, refused in production: set a secret of your own (not set)',
          `GATEWAY_SECRETS_PRIVATE_KEY: ${DEVELOPMENT_KEY}`,
        ],
      ],
      [
        'billing',
        { SANDBOX_WEBHOOK_SECRET: 'sandbox-dev-secret' },
        [
          ...PLAINTEXT_KAFKA,
          'PAYMENT_PROVIDER: "sandbox" is a development stand-in, refused in production (not set)',
          'SANDBOX_WEBHOOK_SECRET: is the development default, refused in production: set a secret of your own (set, 18 bytes)',
        ],
      ],
      [
        'provisioning',
        { DATACENTRE_DRIVER: 'simulated', PROVISIONING_OPERATOR_TOKEN: 'operator-secret-1' },
        [
          ...PLAINTEXT_KAFKA,
          'DATACENTRE_DRIVER: "simulated" is a development stand-in, refused in production (got "simulated")',
          'PROVISIONING_OPERATOR_TOKEN: must be at least 32 bytes in production (has 17) (set, 17 bytes)',
          `PROVISIONING_SECRETS_PUBLIC_KEY: ${DEVELOPMENT_KEY}`,
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
      expect(problemsOf(process.output())).toEqual(
        ['NODE_ENV: must be one of development, test, production (got "prod")', ...PLAINTEXT_KAFKA].map((problem) => `  - ${problem}`),
      );
    });

    it('with secrets and a key of its own, the gateway is refused for its plaintext Kafka alone (test/security starts a service in production on a secured broker)', async () => {
      const { privateKey } = generateKeyPairSync('x25519');
      const gateway = spawnService('gateway', {
        NODE_ENV: 'production',
        GATEWAY_ADMIN_TOKEN: `admin-${STRONG}`,
        SANDBOX_WEBHOOK_SECRET: `webhook-${STRONG}`,
        GATEWAY_SECRETS_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        KAFKA_BROKERS: testBrokers().join(','),
        KAFKA_TOPIC_PREFIX: prefix,
        GATEWAY_DATABASE_URL: databases.get('gateway')!,
      });
      expect((await gateway.exited).code).toBe(1);
      expect(problemsOf(gateway.output())).toEqual(PLAINTEXT_KAFKA.map((problem) => `  - ${problem}`));
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
      await eventually(
        () =>
          fetch(`${base}/health/ready`).then(
            (r) => r.status,
            () => 0,
          ),
        (s) => s === 200,
        60_000,
        'order ready',
      );
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [database]);
      const down = await eventually(
        () => fetch(`${base}/health/ready`).then(async (r) => ({ status: r.status, body: await r.json() })),
        (r) => r.status === 503,
        30_000,
        'order not ready',
      );
      expect(down.body).toMatchObject({
        error: { code: 'not_ready', details: expect.arrayContaining([{ field: 'database', problems: [expect.stringMatching(/^down/)] }]) },
      });
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
      await eventually(
        () => fetch(`${base}/health/ready`).then((r) => r.status),
        (s) => s === 200,
        30_000,
        'order ready again',
      );
    } finally {
      await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
      await admin.end();
      await service.stop();
    }
  });
});
