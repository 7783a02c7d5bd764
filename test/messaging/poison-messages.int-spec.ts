import { randomUUID } from 'node:crypto';
import { deadLetterTopic, EnvelopeHeader, eventsTopic } from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { TallyFixtureModule } from '../fixtures/fixture-modules';
import { entryPostedV1 } from '../fixtures/ledger-contracts';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';
import { eventually } from '../support/isolation';
import { envelopeMessage, produceRaw, type RawMessage, readAll } from '../support/raw-kafka';

describe('poison messages', () => {
  let tally: FixtureApp;
  let prefix: string;
  const db = () => tally.db;

  beforeAll(async () => {
    tally = await startFixtureApp('poison', TallyFixtureModule.register, { handlerAttempts: 2 });
    prefix = tally.topicPrefix;
  });

  afterAll(() => tally?.close());

  const good = (account: string, seq: number) => envelopeMessage(entryPostedV1, account, { account, seq, amountCents: 1 });
  const withHeader = (message: RawMessage, name: string, value: string | undefined): RawMessage => {
    const headers = { ...message.headers };
    if (value === undefined) delete headers[name];
    else headers[name] = value;
    return { ...message, headers };
  };

  it('dead-letters each kind with its reason and processes the good messages between them in order', async () => {
    const poison: { message: RawMessage; reason: string }[] = [
      { reason: 'malformed-json', message: { ...good('k1', 99), value: '{"account": "k1", ' } },
      { reason: 'unknown-type', message: withHeader(good('k1', 99), EnvelopeHeader.type, 'ledger.entry-vanished') },
      { reason: 'schema-violation', message: envelopeMessage(entryPostedV1, 'k2', { account: 'k2', seq: -1, amountCents: 'ten' }) },
      { reason: 'unsupported-version', message: withHeader(good('k2', 99), EnvelopeHeader.schemaVersion, '7') },
      { reason: 'missing-metadata', message: withHeader(good('k1', 99), EnvelopeHeader.id, undefined) },
      { reason: 'unsupported-spec-version', message: withHeader(good('k2', 99), EnvelopeHeader.specVersion, '2.0') },
      { reason: 'forged-source', message: withHeader(good('k1', 99), EnvelopeHeader.source, 'intruder') },
      { reason: 'handler-failed', message: good('explode', 0) },
    ];
    // Good and poison messages interleaved on the same keys, so that a stalled partition would show.
    const messages: RawMessage[] = [];
    const seqs: Record<string, number> = { k1: 0, k2: 0 };
    for (const p of poison) {
      for (const key of ['k1', 'k2']) messages.push(good(key, seqs[key]++));
      messages.push(p.message);
    }
    for (const key of ['k1', 'k2']) messages.push(good(key, seqs[key]++));
    const goodCount = seqs.k1 + seqs.k2;

    await produceRaw(eventsTopic('ledger', prefix), messages);

    await eventually(
      async () => (await db().query('SELECT count(*)::int AS n FROM tally_applied')).rows[0].n,
      (n) => n === goodCount,
      60_000,
      'every good message applied',
    );
    for (const key of ['k1', 'k2']) {
      const applied = await db().query('SELECT seq FROM tally_applied WHERE account = $1 ORDER BY n', [key]);
      expect(applied.rows.map((r) => r.seq)).toEqual(Array.from({ length: seqs[key] }, (_, i) => i));
    }

    const dead = await readAll(deadLetterTopic('tally', prefix), poison.length);
    expect(dead.map((m) => m.headers![DeadLetterHeader.reason]!.toString()).sort()).toEqual(poison.map((p) => p.reason).sort());
    for (const letter of dead) {
      expect(letter.headers![DeadLetterHeader.topic]!.toString()).toBe(eventsTopic('ledger', prefix));
      expect(Number(letter.headers![DeadLetterHeader.offset]!.toString())).toBeGreaterThanOrEqual(0);
      expect(letter.headers![DeadLetterHeader.partition]).toBeDefined();
      expect(letter.headers![DeadLetterHeader.detail]!.toString().length).toBeGreaterThan(0);
    }
    const violation = dead.find((m) => m.headers![DeadLetterHeader.reason]!.toString() === 'schema-violation')!;
    expect(violation.headers![DeadLetterHeader.detail]!.toString()).toMatch(/seq|amountCents/);
    // The handler that can tell the sender answered the contract violation, once, before it was dead-lettered.
    const refused = await db().query('SELECT account, problem FROM tally_refused');
    expect(refused.rows).toEqual([{ account: 'k2', problem: violation.headers![DeadLetterHeader.detail]!.toString() }]);
    const failed = dead.find((m) => m.headers![DeadLetterHeader.reason]!.toString() === 'handler-failed')!;
    expect(failed.headers![DeadLetterHeader.detail]!.toString()).toContain('cannot tally the account "explode"');
    // The original message travels unchanged, so it can be replayed once the cause is fixed.
    const original = poison.find((p) => p.reason === 'malformed-json')!.message;
    expect(dead.some((m) => m.value?.toString() === original.value)).toBe(true);
  });

  it('skips a duplicate event id without a second effect', async () => {
    const message = envelopeMessage(entryPostedV1, 'dup', { account: 'dup', seq: 0, amountCents: 5 }, { id: randomUUID() });
    await produceRaw(eventsTopic('ledger', prefix), [message, message, message]);
    await produceRaw(eventsTopic('ledger', prefix), [good('dup', 1)]);
    await eventually(
      async () => (await db().query(`SELECT count(*)::int AS n FROM tally_applied WHERE account = 'dup' AND seq = 1`)).rows[0].n,
      (n) => n === 1,
      30_000,
      'the message after the duplicates',
    );
    const copies = await db().query(`SELECT count(*)::int AS n FROM tally_applied WHERE account = 'dup' AND seq = 0`);
    expect(copies.rows[0].n).toBe(1);
  });
});
