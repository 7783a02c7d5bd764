import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { NestFactory } from '@nestjs/core';
import { eventsTopic } from '@rental/contracts';
import { Client } from 'pg';
import { LedgerFixtureModule, LedgerWriter } from '../test/fixtures/fixture-modules';
import { spawnFixture } from '../test/support/fixture-process';
import { deleteTopics, dropTestDatabase, eventually, uniqueId } from '../test/support/isolation';
import { resolveTestInfra } from '../test/support/test-infra';

/**
 * `npm run bench:hop`: what one hop through the backbone costs on this machine.
 *  1. latency: events posted one transaction at a time; for each, the time from the producing
 *     transaction's commit to the consuming transaction's commit (consumer in its own process);
 *  2. relay throughput: a backlog of outbox rows published to the broker, in events per second.
 * Prints figures; asserts nothing (the machines are shared and noisy).
 */
const LATENCY_EVENTS = Number(process.env.BENCH_LATENCY_EVENTS ?? 3_000);
const BACKLOG_EVENTS = Number(process.env.BENCH_BACKLOG_EVENTS ?? 30_000);
const PAUSE_MS = 1_000 / Number(process.env.BENCH_RATE ?? 200);

async function main(): Promise<void> {
  const infra = await resolveTestInfra((line) => console.log(`[bench] ${line}`));
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.TEST_POSTGRES_URL = infra.postgresUrl;
  const brokers = infra.kafkaBrokers.split(',');
  const run = uniqueId();
  const prefix = `bench${run}.`;
  const { createTestDatabase } = await import('../test/support/isolation');
  const ledgerUrl = await createTestDatabase(`bench_ledger_${run}`);
  const tallyUrl = await createTestDatabase(`bench_tally_${run}`);
  const options = { databaseUrl: ledgerUrl, brokers, topicPrefix: prefix };

  try {
    console.log(
      `[bench] latency: ${LATENCY_EVENTS} events, one per transaction, about ${Math.round(1_000 / PAUSE_MS)} per second, consumer in a separate process`,
    );
    const tally = spawnFixture('tally', { DATABASE_URL: tallyUrl, KAFKA_BROKERS: infra.kafkaBrokers, TOPIC_PREFIX: prefix });
    const ledger = await NestFactory.createApplicationContext(LedgerFixtureModule.register(options), { logger: ['error', 'warn'] });
    await ledger.init();
    await tally.ready;
    const writer = ledger.get(LedgerWriter);
    const tallyDb = new Client({ connectionString: tallyUrl });
    await tallyDb.connect();

    // Warm-up: the consumer's first fetch and the JIT are not what we are measuring.
    await writer.post([{ account: 'warmup', seq: 0, amountCents: 0 }]);
    await eventually(
      async () => (await tallyDb.query(`SELECT count(*)::int AS n FROM tally_applied`)).rows[0].n,
      (n) => n === 1,
      60_000,
      'warm-up',
    );

    const committedAt = new Map<string, number>();
    const postingStarted = Date.now();
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const [event] = await writer.post([{ account: `acct-${i % 16}`, seq: i, amountCents: 1 }]);
      committedAt.set(event.id, Date.now());
      // A steady trickle (about BENCH_RATE events/s), as in production, rather than a burst
      // that measures queueing behind the two cores.
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    const postedPerSecond = LATENCY_EVENTS / ((Date.now() - postingStarted) / 1_000);
    await eventually(
      async () => (await tallyDb.query(`SELECT count(*)::int AS n FROM tally_applied`)).rows[0].n,
      (n) => n === LATENCY_EVENTS + 1,
      120_000,
      'all events consumed',
    );
    const rows = (await tallyDb.query(`SELECT event_id, (extract(epoch FROM applied_at) * 1000)::float8 AS at FROM tally_applied WHERE account <> 'warmup'`))
      .rows as { event_id: string; at: number }[];
    const latencies = rows.map((r) => r.at - committedAt.get(r.event_id)!).sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
    console.log(
      `[bench] commit-to-commit latency over ${latencies.length} events at ${Math.round(postedPerSecond)} events/s: p50 ${pct(50).toFixed(1)} ms, p90 ${pct(90).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`,
    );
    await tallyDb.end();
    await tally.stop();
    await ledger.close();

    console.log(`[bench] relay throughput: a backlog of ${BACKLOG_EVENTS} outbox rows published to the broker`);
    const ledgerDb = new Client({ connectionString: ledgerUrl });
    await ledgerDb.connect();
    const [template] = (await ledgerDb.query(`SELECT topic, headers, value FROM messaging_outbox LIMIT 1`)).rows;
    const ids = Array.from({ length: BACKLOG_EVENTS }, () => randomUUID());
    await ledgerDb.query(
      `INSERT INTO messaging_outbox (event_id, event_type, topic, key, headers, value)
       SELECT id, 'ledger.entry-posted', $2, 'acct-' || (n % 64), jsonb_set($3::jsonb, '{ce_id}', to_jsonb(id::text)), $4
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [ids, eventsTopic('ledger', prefix), JSON.stringify(template.headers), template.value],
    );
    const started = Date.now();
    const relay = await NestFactory.createApplicationContext(LedgerFixtureModule.register(options), { logger: ['error', 'warn'] });
    await relay.init();
    await eventually(
      async () => (await ledgerDb.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE published_at IS NULL`)).rows[0].n,
      (n) => n === 0,
      300_000,
      'backlog published',
    );
    const { first, last } = (
      await ledgerDb.query(
        `SELECT (extract(epoch FROM min(published_at)) * 1000)::float8 AS first, (extract(epoch FROM max(published_at)) * 1000)::float8 AS last
           FROM messaging_outbox WHERE event_id = ANY($1::uuid[])`,
        [ids],
      )
    ).rows[0];
    const seconds = Math.max(last - first, 1) / 1000;
    console.log(
      `[bench] relay published ${BACKLOG_EVENTS} events in ${seconds.toFixed(2)} s from its first to its last batch: ${Math.round(BACKLOG_EVENTS / seconds)} events/s ` +
        `(${((Date.now() - started) / 1000).toFixed(2)} s including the service's start-up)`,
    );
    await ledgerDb.end();
    await relay.close();
  } finally {
    await dropTestDatabase(ledgerUrl);
    await dropTestDatabase(tallyUrl);
    await deleteTopics(prefix);
    await infra.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
