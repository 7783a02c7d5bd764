import { eventsTopic } from '@rental/contracts';
import { Client } from 'pg';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { spawnFixture } from '../support/fixture-process';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, uniqueId } from '../support/isolation';
import { envelopeMessage, produceRaw } from '../support/raw-kafka';

/**
 * A consumer killed with SIGKILL after its effect committed and before its offset was committed
 * gets the same events again after a restart; the inbox makes the effect happen exactly once.
 */
describe('consumer killed between effect commit and offset commit', () => {
  const run = uniqueId();
  const prefix = `t${run}.`;
  let databaseUrl: string;
  let db: Client;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(`crash_consumer_${run}`);
  });

  afterAll(async () => {
    await db?.end();
    await dropTestDatabase(databaseUrl);
    await deleteTopics(prefix);
  });

  it('applies every event exactly once after a restart', async () => {
    const env = { DATABASE_URL: databaseUrl, KAFKA_BROKERS: testBrokers().join(','), TOPIC_PREFIX: prefix };
    const accounts = ['acct-0', 'acct-1', 'acct-2'];
    const events = Array.from({ length: 12 }, (_, seq) =>
      envelopeMessage(entryPostedV1, accounts[seq % 3], { account: accounts[seq % 3], seq, amountCents: 100 + seq }),
    );

    // The first life dies right after committing the effect of its third event.
    const doomed = spawnFixture('tally', { ...env, FAULT: 'consumer.effect-committed@3' });
    await doomed.ready;
    await produceRaw(eventsTopic('ledger', prefix), events);
    const death = await doomed.exited;
    expect(death.signal).toBe('SIGKILL');

    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const appliedBeforeRestart = Number((await db.query('SELECT count(*) FROM tally_applied')).rows[0].count);
    expect(appliedBeforeRestart).toBeGreaterThanOrEqual(3);
    expect(appliedBeforeRestart).toBeLessThan(events.length);

    const revived = spawnFixture('tally', env);
    try {
      await revived.ready;
      await eventually(
        async () => Number((await db.query('SELECT count(DISTINCT event_id) FROM tally_applied')).rows[0].count),
        (n) => n === events.length,
        60_000,
        'all events applied',
      );
      // A fence per account, after every event: a redelivery that would double an effect comes before it on its key.
      const fences = accounts.map((account, i) => envelopeMessage(entryPostedV1, account, { account, seq: events.length + i, amountCents: 0 }));
      await produceRaw(eventsTopic('ledger', prefix), fences);
      await eventually(
        async () => Number((await db.query('SELECT count(*) FROM tally_applied WHERE seq >= $1', [events.length])).rows[0].count),
        (n) => n === fences.length,
        60_000,
        'the fences applied',
      );
    } finally {
      await revived.stop();
    }

    const perEvent = await db.query('SELECT event_id, count(*)::int AS n FROM tally_applied WHERE seq < $1 GROUP BY event_id', [events.length]);
    expect(perEvent.rows).toHaveLength(events.length);
    expect(perEvent.rows.every((r) => r.n === 1)).toBe(true);
    const total = await db.query('SELECT sum(amount_cents)::int AS total FROM tally_applied');
    expect(total.rows[0].total).toBe(events.reduce((sum, _, seq) => sum + 100 + seq, 0));
  });
});
