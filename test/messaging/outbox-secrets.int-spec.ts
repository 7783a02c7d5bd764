import { randomUUID } from 'node:crypto';
import { eventsTopic } from '@rental/contracts';
import { Outbox } from '@rental/messaging';
import { DataSource } from 'typeorm';
import { LedgerFixtureModule } from '../fixtures/fixture-modules';
import { entryPostedV1, pinIssuedV1 } from '../fixtures/ledger-contracts';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { eventually } from '../support/isolation';
import { readAll } from '../support/raw-kafka';

/** An event that carries a secret leaves the outbox as soon as it is on the broker; others stay for inspection. */
describe('outbox rows holding secrets', () => {
  let ledger: FixtureApp;

  beforeAll(async () => {
    ledger = await startFixtureApp('secrets', LedgerFixtureModule.register);
  });

  afterAll(() => ledger?.close());

  it('are deleted once published, while ordinary rows are marked published and kept', async () => {
    const outbox = ledger.app.get(Outbox);
    await ledger.app.get(DataSource).transaction(async (manager) => {
      const origin = { correlationId: randomUUID() };
      await outbox.record(manager, entryPostedV1, 'acct', { account: 'acct', seq: 0, amountCents: 1 }, origin);
      await outbox.record(manager, pinIssuedV1, 'acct', { account: 'acct', pin: '493817' }, origin);
    });

    const published = await readAll(eventsTopic('ledger', ledger.topicPrefix), 2);
    expect(published.map((m) => m.headers!.ce_type!.toString()).sort()).toEqual(['ledger.entry-posted', 'ledger.pin-issued']);

    const rows = await eventually(
      async () => (await ledger.db.query(`SELECT event_type, published_at, value FROM messaging_outbox`)).rows,
      (r) => r.length === 1 && r[0].published_at !== null,
      10_000,
      'the secret row deleted and the other marked',
    );
    expect(rows[0].event_type).toBe('ledger.entry-posted');
    expect(JSON.stringify(rows)).not.toContain('493817');
  });
});
