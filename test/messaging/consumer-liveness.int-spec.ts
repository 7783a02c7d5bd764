import type { AddressInfo } from 'node:net';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { eventsTopic } from '@rental/contracts';
import type { FaultInjector } from '@rental/messaging';
import { HealthController } from '@rental/service-kit';
import { KafkaJSNonRetriableError } from 'kafkajs';
import { Client } from 'pg';
import { type FixtureOptions, TallyFixtureModule } from '../fixtures/fixture-modules';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, testKafkaSecurity, uniqueId } from '../support/isolation';
import { envelopeMessage, produceRaw } from '../support/raw-kafka';

interface Probe {
  status: number;
  body: {
    status?: string;
    details?: Record<string, { status: string; membership?: string }>;
    error?: { code: string; details?: { field: string; problems: string[] }[] };
  };
}

/**
 * A consumer that kafkajs gives up on (CRASH with restart: false, as after "The coordinator is not
 * aware of this member" once a broker restarted) is rebuilt and rejoins its group; readiness says
 * so meanwhile, and events published after the crash are handled.
 */
describe('a consumer that crashed for good', () => {
  const run = uniqueId();
  const topicPrefix = `t${run}.`;
  let databaseUrl: string;
  let app: INestApplication;
  let db: Client;
  let base: string;
  /** Set by the test: the next batch crashes the consumer the way kafkajs does not restart from. */
  let crashNextBatch = false;
  const faults: FaultInjector = {
    reached: (point) => {
      if (point !== 'consumer.batch-started' || !crashNextBatch) return;
      crashNextBatch = false;
      throw new KafkaJSNonRetriableError('The coordinator is not aware of this member');
    },
  };

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(`liveness_${run}`);
    const options: FixtureOptions = {
      databaseUrl,
      brokers: testBrokers(),
      security: testKafkaSecurity(),
      topicPrefix,
      faults,
      // Long enough, and without jitter, for the probes to see the consumer down before its rebuild.
      consumerRestart: { initialMs: 2_000, maxMs: 2_000, jitter: 0 },
    };
    @Module({ imports: [TallyFixtureModule.register(options), TerminusModule], controllers: [HealthController] })
    class TallyWithHealth {}
    app = await NestFactory.create(TallyWithHealth, { logger: ['error'] });
    app.enableShutdownHooks();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await dropTestDatabase(databaseUrl);
    await deleteTopics(topicPrefix);
  });

  const ready = async (): Promise<Probe> => {
    const response = await fetch(`${base}/health/ready`);
    return { status: response.status, body: (await response.json()) as Probe['body'] };
  };
  const applied = async (account: string): Promise<number> =>
    Number((await db.query('SELECT count(*) FROM tally_applied WHERE account = $1', [account])).rows[0].count);

  it('is reported not ready while down, rebuilt, rejoins its group and handles what comes after', async () => {
    const topic = eventsTopic('ledger', topicPrefix);
    const first = await eventually(ready, (p) => p.status === 200, 30_000, 'ready at start');
    expect(first.body.details).toMatchObject({ consumer: { status: 'up', membership: 'member' }, kafka: { status: 'up' }, workers: { status: 'up' } });

    crashNextBatch = true;
    await produceRaw(topic, [envelopeMessage(entryPostedV1, 'crash', { account: 'crash', seq: 0, amountCents: 100 })]);
    const down = await eventually(ready, (p) => p.status === 503, 15_000, 'not ready after the crash');
    expect(crashNextBatch).toBe(false);
    expect(down.body.error).toMatchObject({
      code: 'not_ready',
      details: [{ field: 'consumer', problems: [expect.stringMatching(/^down: .* is not a member of its group \(crashed\)$/)] }],
    });

    const back = await eventually(ready, (p) => p.status === 200, 30_000, 'ready after the rebuild');
    expect(back.body.details?.consumer).toMatchObject({ status: 'up', membership: 'member', restarts: 0 });
    // The batch it crashed on was never committed: the rebuilt consumer takes it again.
    await eventually(
      () => applied('crash'),
      (n) => n === 1,
      30_000,
      'the event it crashed on applied',
    );

    // A fence: an event published after the rebuild is handled too.
    await produceRaw(topic, [envelopeMessage(entryPostedV1, 'fence', { account: 'fence', seq: 1, amountCents: 0 })]);
    await eventually(
      () => applied('fence'),
      (n) => n === 1,
      30_000,
      'the fence applied',
    );
    expect(await applied('crash')).toBe(1);
  });
});
