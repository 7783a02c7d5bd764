import { eventsTopic } from '@rental/contracts';
import { OutboxRelay } from '@rental/messaging';
import { loopLiveness } from '@rental/persistence';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { LedgerFixtureModule, LedgerWriter } from '../fixtures/fixture-modules';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { eventually } from '../support/isolation';
import { readAll } from '../support/raw-kafka';

/**
 * A relay whose producer fails every send for good (here a producer kafkajs has disconnected: it
 * refuses every message from then on) replaces it, and what waited in the outbox is published.
 */
describe('the outbox relay with a producer that fails for good', () => {
  let ledger: FixtureApp;

  beforeAll(async () => {
    ledger = await startFixtureApp('relayproducer', LedgerFixtureModule.register);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('replaces the producer and publishes what waited, and reports itself healthy again', async () => {
    const relay = ledger.app.get(OutboxRelay, { strict: false }) as unknown as { producer: Producer };
    const dataSource = ledger.app.get(DataSource);
    const broken = relay.producer;
    await broken.disconnect();

    const [recorded] = await ledger.app.get(LedgerWriter).post([{ account: 'a', seq: 0, amountCents: 100 }]);
    // The failed pass and the recovery can both fall between two looks at the liveness report, so
    // the failure is read from what it leaves: the event published through another producer.
    const [message] = await readAll(eventsTopic('ledger', ledger.topicPrefix), 1);
    expect(message.headers?.ce_id?.toString()).toBe(recorded.id);
    await eventually(
      async () => (await ledger.db.query('SELECT published_at FROM messaging_outbox')).rows,
      (rows) => rows.length === 1 && rows[0].published_at !== null,
      30_000,
      'the outbox row marked published',
    );
    expect(relay.producer).not.toBe(broken);
    // The pass that published ends just after its commit: the report follows it.
    await eventually(
      async () => loopLiveness(dataSource).find((loop) => loop.name === OutboxRelay.name),
      (liveness) => liveness?.consecutiveFailures === 0 && liveness.stuck === false,
      30_000,
      'the relay reporting itself healthy',
    );
  });
});
