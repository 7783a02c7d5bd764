import { eventsTopic } from '@rental/contracts';
import { Client } from 'pg';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { spawnFixture } from '../support/fixture-process';
import { createTestDatabase, deleteTopics, dropTestDatabase, eventually, testBrokers, uniqueId } from '../support/isolation';
import { envelopeMessage, produceRaw, topicSize } from '../support/raw-kafka';

/**
 * The outbox relay killed after the broker took its batch and before it marked the rows
 * published sends the batch again after a restart; the consumer applies each event once.
 */
describe('outbox relay killed between publish and mark', () => {
  const run = uniqueId();
  const prefix = `t${run}.`;
  const entries = 20;
  let ledgerUrl: string;
  let tallyUrl: string;
  const clients: Client[] = [];
  const connect = async (url: string) => {
    const c = new Client({ connectionString: url });
    await c.connect();
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    ledgerUrl = await createTestDatabase(`crash_relay_ledger_${run}`);
    tallyUrl = await createTestDatabase(`crash_relay_tally_${run}`);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end()));
    await dropTestDatabase(ledgerUrl);
    await dropTestDatabase(tallyUrl);
    await deleteTopics(prefix);
  });

  it('republishes the batch and consumers apply it once', async () => {
    const kafka = { KAFKA_BROKERS: testBrokers().join(','), TOPIC_PREFIX: prefix };
    const topic = eventsTopic('ledger', prefix);

    const doomed = spawnFixture('ledger', { ...kafka, DATABASE_URL: ledgerUrl, POST_ENTRIES: String(entries), FAULT: 'relay.batch-published@1' });
    const death = await doomed.exited;
    expect(death.signal).toBe('SIGKILL');

    const ledgerDb = await connect(ledgerUrl);
    const unpublished = await ledgerDb.query('SELECT count(*)::int AS n FROM messaging_outbox WHERE published_at IS NULL');
    expect(unpublished.rows[0].n).toBe(entries);
    expect(await topicSize(topic)).toBe(entries);

    const revived = spawnFixture('ledger', { ...kafka, DATABASE_URL: ledgerUrl });
    const tally = spawnFixture('tally', { ...kafka, DATABASE_URL: tallyUrl });
    try {
      await Promise.all([revived.ready, tally.ready]);
      await eventually(
        () => topicSize(topic),
        (n) => n === 2 * entries,
        30_000,
        'the batch published a second time',
      );
      await eventually(
        async () => (await ledgerDb.query('SELECT count(*)::int AS n FROM messaging_outbox WHERE published_at IS NULL')).rows[0].n,
        (n) => n === 0,
        30_000,
        'outbox rows marked published',
      );
      const tallyDb = await connect(tallyUrl);
      await eventually(
        async () => (await tallyDb.query('SELECT count(*)::int AS n FROM tally_applied')).rows[0].n,
        (n) => n >= entries,
        60_000,
        'entries applied',
      );
      // A fence after the second copy of the batch on the account's key: once it is applied, so is every copy.
      await produceRaw(topic, [envelopeMessage(entryPostedV1, 'a', { account: 'a', seq: entries, amountCents: 0 })]);
      await eventually(
        async () => (await tallyDb.query('SELECT count(*)::int AS n FROM tally_applied WHERE seq = $1', [entries])).rows[0].n,
        (n) => n === 1,
        60_000,
        'the fence applied',
      );
      const posted = Array.from({ length: entries + 1 }, (_, i) => i);
      const applied = await tallyDb.query('SELECT seq, count(*)::int AS n FROM tally_applied GROUP BY seq ORDER BY seq');
      expect(applied.rows.map((r) => r.seq)).toEqual(posted);
      expect(applied.rows.every((r) => r.n === 1)).toBe(true);
      // One account, one key: the entries were applied in the order they were posted.
      const order = await tallyDb.query('SELECT seq FROM tally_applied ORDER BY n');
      expect(order.rows.map((r) => r.seq)).toEqual(posted);
    } finally {
      await Promise.all([revived.stop(), tally.stop()]);
    }
  });
});
