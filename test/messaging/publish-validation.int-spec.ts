import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ContractViolationError } from '@rental/contracts';
import { Client } from 'pg';
import { LedgerFixtureModule, LedgerWriter, type Entry } from '../fixtures/fixture-modules';
import { createTestDatabase, deleteTopics, dropTestDatabase, testBrokers, uniqueId } from '../support/isolation';

/** Publishing an event that breaks its own contract is a bug: it throws, and nothing of the transaction commits. */
describe('validation on publish', () => {
  const run = uniqueId();
  const prefix = `t${run}.`;
  let databaseUrl: string;
  let app: INestApplicationContext;
  let db: Client;

  beforeAll(async () => {
    databaseUrl = await createTestDatabase(`publish_${run}`);
    app = await NestFactory.createApplicationContext(
      LedgerFixtureModule.register({ databaseUrl, brokers: testBrokers(), topicPrefix: prefix }),
      { logger: ['error'] },
    );
    await app.init();
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await app?.close();
    await dropTestDatabase(databaseUrl);
    await deleteTopics(prefix);
  });

  it('throws ContractViolationError and rolls the whole transaction back', async () => {
    const valid: Entry = { account: 'a', seq: 0, amountCents: 5 };
    const invalid = { account: 'a', seq: 1, amountCents: 2.5 } as Entry;
    // One transaction: the valid event is recorded first, then the invalid one fails.
    const attempt = app.get(LedgerWriter).post([valid, invalid], 2);
    await expect(attempt).rejects.toBeInstanceOf(ContractViolationError);
    await expect(attempt).rejects.toThrow(/amountCents/);
    const rows = await db.query('SELECT count(*)::int AS n FROM messaging_outbox');
    expect(rows.rows[0].n).toBe(0);
  });
});
