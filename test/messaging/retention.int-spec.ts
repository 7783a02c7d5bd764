import { randomUUID } from 'node:crypto';
import { EnvelopeHeader, eventsTopic } from '@rental/contracts';
import { RetentionPurge } from '@rental/messaging';
import { LedgerFixtureModule, LedgerWriter, TallyFixtureModule } from '../fixtures/fixture-modules';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { AdjustableClock } from '../support/adjustable-clock';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { eventually } from '../support/isolation';
import { envelopeMessage, produceRaw, type RawMessage } from '../support/raw-kafka';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/**
 * The retention purge of the messaging tables, against the injectable clock: inbox rows go after
 * the inbox retention (14 days in the fixtures) and not before, so that an event redelivered
 * within it is still applied once; published outbox rows go after the outbox retention (1 hour).
 */
describe('retention of the messaging tables', () => {
  describe('inbox', () => {
    const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
    let tally: FixtureApp;
    const purge = () => tally.app.get(RetentionPurge).purgeNow();

    beforeAll(async () => {
      tally = await startFixtureApp('retention_inbox', TallyFixtureModule.register, { clock });
    });

    afterAll(() => tally?.close());

    const entry = (account: string, seq: number, id = randomUUID()): RawMessage =>
      envelopeMessage(entryPostedV1, account, { account, seq, amountCents: 1 }, { id });
    const idOf = (message: RawMessage) => String(message.headers[EnvelopeHeader.id]);
    const send = (...messages: RawMessage[]) => produceRaw(eventsTopic('ledger', tally.topicPrefix), messages);
    const applied = async (id: string) => (await tally.db.query(`SELECT count(*)::int AS n FROM tally_applied WHERE event_id = $1`, [id])).rows[0].n as number;
    const appliedOnce = (id: string) =>
      eventually(
        () => applied(id),
        (n) => n === 1,
        30_000,
        `event ${id} applied`,
      );
    const inInbox = async (id: string) => (await tally.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [id])).rowCount;

    it('keeps an applied event through the retention, so a redelivery is not applied again, and purges it after', async () => {
      const old = entry('acct-1', 1);
      const oldId = idOf(old);
      await send(old);
      await appliedOnce(oldId);

      clock.advance(13 * DAY);
      expect((await purge()).messaging_inbox).toBe(0);
      expect(await inInbox(oldId)).toBe(1);
      // Redelivered 13 days on (a consumer group reset), then a later event on the same key as a fence.
      const fence = entry('acct-1', 2);
      await send(old, fence);
      await appliedOnce(idOf(fence));
      expect(await applied(oldId)).toBe(1);

      clock.advance(2 * DAY);
      expect((await purge()).messaging_inbox).toBe(1);
      expect(await inInbox(oldId)).toBe(0);
      // The fence was applied 2 days ago by the clock: within the retention, it stays.
      expect(await inInbox(idOf(fence))).toBe(1);
    });

    it('finds what it purges through an index, not by reading the whole table', async () => {
      const plan = await tally.db.query(
        `BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT ctid FROM messaging_inbox WHERE processed_at < now() LIMIT 1000; COMMIT;`,
      );
      expect(JSON.stringify(plan)).toContain('messaging_inbox_processed_at');
    });
  });

  describe('outbox', () => {
    const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
    let ledger: FixtureApp;
    const purge = () => ledger.app.get(RetentionPurge).purgeNow();

    beforeAll(async () => {
      ledger = await startFixtureApp('retention_outbox', LedgerFixtureModule.register, { clock });
    });

    afterAll(() => ledger?.close());

    it('keeps a published event for the outbox retention, then purges it', async () => {
      const [posted] = await ledger.app.get(LedgerWriter).post([{ account: 'acct-9', seq: 1, amountCents: 5 }]);
      const publishedAt = () =>
        ledger.db
          .query(`SELECT published_at FROM messaging_outbox WHERE event_id = $1`, [posted.id])
          .then((r) => r.rows[0]?.published_at as Date | null | undefined);
      const stamped = await eventually(publishedAt, (at) => at instanceof Date, 30_000, 'event published');
      // Stamped with the service's clock, which the purge measures against.
      expect(Math.abs(stamped!.getTime() - clock.now().getTime())).toBeLessThan(60_000);

      clock.advance(HOUR - 60_000);
      expect((await purge()).messaging_outbox).toBe(0);
      expect(await publishedAt()).toBeInstanceOf(Date);

      clock.advance(2 * 60_000);
      expect((await purge()).messaging_outbox).toBe(1);
      expect(await publishedAt()).toBeUndefined();
    });
  });
});
