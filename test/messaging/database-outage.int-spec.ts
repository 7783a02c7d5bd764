import { deadLetterTopic, eventsTopic } from '@rental/contracts';
import { parseDatabaseUrl } from '@rental/persistence';
import { Client } from 'pg';
import { TallyFixtureModule } from '../fixtures/fixture-modules';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { eventually } from '../support/isolation';
import { envelopeMessage, produceRaw, topicSize } from '../support/raw-kafka';

/**
 * The consumer's database refuses connections for a few seconds while events arrive: processing
 * pauses and resumes, nothing is dead-lettered, nothing is lost or doubled.
 */
describe('database unreachable while consuming', () => {
  let tally: FixtureApp;
  let database: string;
  let admin: Client;

  beforeAll(async () => {
    tally = await startFixtureApp('outage', TallyFixtureModule.register, { handlerAttempts: 2 });
    database = parseDatabaseUrl(tally.databaseUrl).database;
    admin = new Client({ connectionString: parseDatabaseUrl(tally.databaseUrl).serverUrl });
    await admin.connect();
  });

  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin?.end();
    await tally?.close();
  });

  const entries = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) =>
      envelopeMessage(entryPostedV1, `acct-${(from + i) % 2}`, { account: `acct-${(from + i) % 2}`, seq: from + i, amountCents: 10 }),
    );

  const applied = async () => {
    // A fresh connection each time: the fixture's own one is cut during the outage.
    const c = new Client({ connectionString: tally.databaseUrl });
    await c.connect();
    try {
      return (await c.query('SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM tally_applied')).rows[0] as { n: number; d: number };
    } finally {
      await c.end();
    }
  };

  it('resumes after the outage without dead-lettering or doubling', async () => {
    const topic = eventsTopic('ledger', tally.topicPrefix);
    await produceRaw(topic, entries(0, 5));
    await eventually(applied, (a) => a.n === 5, 30_000, 'the first events applied');

    // Outage: refuse new connections and cut the existing ones.
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);
    await produceRaw(topic, entries(5, 10));
    await new Promise((r) => setTimeout(r, 4_000));
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);

    await eventually(applied, (a) => a.n >= 15, 60_000, 'every event applied after the outage');
    // A fence on each account's key: once both are applied, a doubled effect would have been too.
    await produceRaw(topic, entries(15, 2));
    expect(await eventually(applied, (a) => a.n >= 17, 60_000, 'the fences applied')).toEqual({ n: 17, d: 17 });
    expect(await topicSize(deadLetterTopic('tally', tally.topicPrefix))).toBe(0);
  });
});
