import { deadLetterTopic, EnvelopeHeader, eventsTopic } from '@rental/contracts';
import { AlreadyDecided, DeadLetterDecisions } from '@rental/messaging';
import { Client } from 'pg';
import { type OpsContext, runOps } from '../../deploy/ops/ops';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { createTestDatabase, dropTestDatabase, eventually, testKafka, uniqueId } from '../support/isolation';
import { envelopeMessage, produceRaw, topicSize } from '../support/raw-kafka';
import { RepairableTallyModule } from './repairable-tally-fixture';

interface LetterJson {
  deadLetter: string;
  reason: string;
  eventId: string | null;
  eventType: string | null;
  original: { topic: string; partition: number; offset: string };
  decision: { decision: string; note: string | null } | null;
  headers?: Record<string, string>;
  value?: string | null;
  outcome?: string;
  detail?: string;
}

describe('repairing dead letters with the ops CLI', () => {
  let tally: FixtureApp;
  let decisionsUrl: string;
  let context: OpsContext;
  let printed: string[];
  let errors: string[];

  /** Runs `npm run ops -- <argv>` in this process: its exit code and what it printed, parsed when --json. */
  const ops = async <T = LetterJson[]>(...argv: string[]): Promise<{ code: number; out: T; errors: string }> => {
    printed = [];
    errors = [];
    const code = await runOps(argv, context);
    const text = printed.join('\n');
    return { code, out: (argv.includes('--json') && text ? JSON.parse(text) : text) as T, errors: errors.join('\n') };
  };
  const appliedRows = async (eventId: string): Promise<number> =>
    (await tally.db.query(`SELECT count(*)::int AS n FROM tally_applied WHERE event_id = $1`, [eventId])).rows[0].n;

  beforeAll(async () => {
    tally = await startFixtureApp('ops_tally', RepairableTallyModule.register, { handlerAttempts: 2 });
    decisionsUrl = (await createTestDatabase(`ops_${uniqueId()}`)).toString();
    context = {
      kafka: testKafka(),
      topicPrefix: tally.topicPrefix,
      services: { tally: { databaseUrl: tally.databaseUrl } },
      decisionsDatabaseUrl: decisionsUrl,
      operator: 'on-call',
      print: (text) => printed.push(text),
      printError: (text) => errors.push(text),
    };
  });

  afterAll(async () => {
    await tally?.close();
    if (decisionsUrl) await dropTestDatabase(decisionsUrl);
  });

  it('lists, shows, replays once after the cause is fixed, refuses a second replay, and discards with a note', async () => {
    const ledger = eventsTopic('ledger', tally.topicPrefix);
    await tally.db.query(`INSERT INTO tally_blocked_account (account) VALUES ('acme')`);
    const failing = envelopeMessage(entryPostedV1, 'acme', { account: 'acme', seq: 0, amountCents: 700 });
    const invalid = envelopeMessage(entryPostedV1, 'k2', { account: 'k2', seq: -1, amountCents: 1 });
    await produceRaw(ledger, [failing, invalid]);
    const failingId = String(failing.headers[EnvelopeHeader.id]);
    await eventually(
      () => topicSize(deadLetterTopic('tally', tally.topicPrefix)),
      (n) => n === 2,
      60_000,
      'both messages dead-lettered',
    );

    const all = await ops('dead-letters', 'list', '--json');
    expect(all.code).toBe(0);
    expect(all.out.map((l) => l.reason).sort()).toEqual(['handler-failed', 'schema-violation']);
    const failed = await ops('dead-letters', 'list', '--service', 'tally', '--reason', 'handler-failed', '--json');
    expect(failed.out).toHaveLength(1);
    const letter = failed.out[0];
    expect(letter).toMatchObject({ eventId: failingId, eventType: 'ledger.entry-posted', decision: null, original: { topic: ledger } });
    expect((await ops('dead-letters', 'list', '--type', 'ledger.entry-vanished', '--json')).out).toEqual([]);

    const shown = await ops<LetterJson>('dead-letters', 'show', 'tally', letter.deadLetter, '--json');
    expect(shown.out.headers).toMatchObject({ [EnvelopeHeader.id]: failingId, [EnvelopeHeader.source]: 'ledger' });
    expect(Object.keys(shown.out.headers!).filter((name) => name.startsWith('dlq_'))).toEqual([]);
    expect(JSON.parse(shown.out.value!)).toEqual({ account: 'acme', seq: 0, amountCents: 700 });
    expect(shown.out.detail).toContain('the account "acme" is blocked');
    const readable = await ops('dead-letters', 'show', 'tally', letter.deadLetter);
    expect(readable.out).toContain('reason: handler-failed');

    // A dry run publishes nothing.
    const before = await topicSize(ledger);
    const dry = await ops('dead-letters', 'replay', 'tally', letter.deadLetter, '--dry-run', '--json');
    expect(dry.out.map((o) => o.outcome)).toEqual(['would replay']);
    expect(await topicSize(ledger)).toBe(before);

    // The cause is fixed; the replay applies the event, once.
    await tally.db.query(`DELETE FROM tally_blocked_account`);
    // Two operators replaying it together: one does, the other is refused.
    const racing = await Promise.all(
      ['first', 'second'].map(async (operator) => {
        const out: string[] = [];
        const code = await runOps(['dead-letters', 'replay', 'tally', letter.deadLetter, '--json'], { ...context, operator, print: (t) => out.push(t) });
        return { code, outcome: (JSON.parse(out.join('\n')) as LetterJson[])[0] };
      }),
    );
    expect(racing.map((r) => `${r.code} ${r.outcome.outcome}`).sort()).toEqual(['0 replayed', '1 refused']);
    const replayed = racing.find((r) => r.code === 0)!;
    expect(replayed.outcome.detail).toMatch(new RegExp(`^to ${ledger.replace(/\./g, '\\.')}\\[${letter.original.partition}\\]@\\d+$`));
    await eventually(
      () => appliedRows(failingId),
      (n) => n === 1,
      30_000,
      'the replayed event applied',
    );

    // The same dead letter again: refused, nothing published.
    const size = await topicSize(ledger);
    const again = await ops('dead-letters', 'replay', 'tally', letter.deadLetter, '--json');
    expect(again.code).toBe(1);
    expect(again.out[0]).toMatchObject({ outcome: 'refused' });
    expect(again.out[0].detail).toMatch(/already replayed by (first|second) at .*say --force/);
    expect(await topicSize(ledger)).toBe(size);
    // A filter takes only what is undecided: the contract violation, which is dead-lettered again by the same validation.
    expect((await ops('dead-letters', 'replay', 'tally', '--reason', 'handler-failed', '--json')).out).toEqual([]);

    // Forced, the copy reaches the consumer again and its inbox makes it harmless: a later entry on the same key is applied, the first still once.
    expect((await ops('dead-letters', 'replay', 'tally', letter.deadLetter, '--force', '--json')).out.map((o) => o.outcome)).toEqual(['replayed']);
    const later = envelopeMessage(entryPostedV1, 'acme', { account: 'acme', seq: 1, amountCents: 1 });
    await produceRaw(ledger, [later]);
    await eventually(
      () => appliedRows(String(later.headers[EnvelopeHeader.id])),
      (n) => n === 1,
      30_000,
      'the entry after the forced replay',
    );
    expect(await appliedRows(failingId)).toBe(1);

    // A replay goes through the same validation: the contract violation comes back as a new dead letter, and is then set aside with a note.
    const invalidLetter = all.out.find((l) => l.reason === 'schema-violation')!;
    expect((await ops('dead-letters', 'replay', 'tally', invalidLetter.deadLetter, '--json')).out.map((o) => o.outcome)).toEqual(['replayed']);
    await eventually(
      () => topicSize(deadLetterTopic('tally', tally.topicPrefix)),
      (n) => n === 3,
      30_000,
      'the violation dead-lettered again',
    );
    const [returned] = (await ops('dead-letters', 'list', '--json')).out;
    expect(returned).toMatchObject({ reason: 'schema-violation', eventId: invalidLetter.eventId, decision: null });
    expect((await tally.db.query(`SELECT count(*)::int AS n FROM tally_applied WHERE account = 'k2'`)).rows[0].n).toBe(0);
    const discarded = await ops('dead-letters', 'discard', 'tally', returned.deadLetter, '--note', 'seq -1 came from a test tool');
    expect(discarded.code).toBe(0);
    const twice = await ops('dead-letters', 'discard', 'tally', returned.deadLetter, '--note', 'again');
    expect(twice.code).toBe(1);
    expect(twice.errors).toMatch(/already discarded by on-call .*"seq -1 came from a test tool"/);
    expect((await ops('dead-letters', 'list', '--json')).out).toEqual([]);
    const decided = await ops('dead-letters', 'list', '--all', '--json');
    expect(decided.out.map((l) => `${l.reason} ${l.decision?.decision}`).sort()).toEqual([
      'handler-failed replayed',
      'schema-violation discarded',
      'schema-violation replayed',
    ]);
    // Reading the dead letters moved no offset and left no reader group behind.
    const admin = testKafka().admin();
    await admin.connect();
    try {
      expect((await admin.listGroups()).groups.filter((g) => g.groupId.startsWith('ops-reader-'))).toEqual([]);
    } finally {
      await admin.disconnect();
    }

    // status: the group has caught up and the outbox is empty.
    const status = await eventually(
      async () =>
        (await ops<{ lag: { group: string; lag: number }[]; backlogs: { service: string; outbox: { unpublished: number } }[] }>('status', '--json')).out,
      (s) => s.lag.length > 0 && s.lag.every((l) => l.lag === 0),
      30_000,
      'the tally group caught up',
    );
    expect(new Set(status.lag.map((l) => l.group))).toEqual(new Set([`${tally.topicPrefix}rental.tally`]));
    expect(status.backlogs).toEqual([
      { service: 'tally', outbox: { unpublished: 0, oldestAgeSeconds: null }, timers: null, provisioningJobs: null, mailDeliveries: null },
    ]);
  });

  it('holds a dead letter while it is being replayed: an operator deciding it meanwhile waits, then is refused', async () => {
    const decisions = await DeadLetterDecisions.open(decisionsUrl);
    const db = new Client({ connectionString: decisionsUrl });
    await db.connect();
    const advisoryLocks = async () =>
      (
        await db.query<{ granted: boolean }>(
          `SELECT granted FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows.map((l) => (l.granted ? 'held' : 'waiting'));
    let publish!: () => void;
    const published = new Promise<void>((resolve) => (publish = resolve));
    const deciding: Promise<unknown>[] = [];
    try {
      const at = { topic: `${tally.topicPrefix}race.dlq`, partition: 0, offset: '1' };
      const decision = (decidedBy: string) => ({ at, decision: 'replayed' as const, note: null, eventId: null, eventType: null, decidedBy });
      const first = decisions.decide(decision('first'), { force: false }, async () => {
        await published;
        return 'ledger[0]@1';
      });
      deciding.push(first);
      await eventually(advisoryLocks, (locks) => locks.join() === 'held', 10_000, 'the first replay holding the dead letter');
      const second = decisions.decide(decision('second'), { force: false }, async () => 'ledger[0]@2');
      deciding.push(second);
      await eventually(advisoryLocks, (locks) => [...locks].sort().join() === 'held,waiting', 10_000, 'the second waiting for it');
      publish();
      expect((await first).replayedTo).toBe('ledger[0]@1');
      await expect(second).rejects.toBeInstanceOf(AlreadyDecided);
      expect([...(await decisions.latest([at.topic])).values()].map((d) => d.decidedBy)).toEqual(['first']);
    } finally {
      // Let a replay still waiting finish, so that the pool can close.
      publish();
      await Promise.allSettled(deciding);
      await db.end();
      await decisions.close();
    }
  });
});
