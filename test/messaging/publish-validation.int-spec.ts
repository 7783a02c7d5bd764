import { ContractViolationError } from '@rental/contracts';
import { type Entry, LedgerFixtureModule, LedgerWriter } from '../fixtures/fixture-modules';
import { type FixtureApp, startFixtureApp } from '../support/fixture-app';

/** Publishing an event that breaks its own contract is a bug: it throws, and nothing of the transaction commits. */
describe('validation on publish', () => {
  let ledger: FixtureApp;

  beforeAll(async () => {
    ledger = await startFixtureApp('publish', LedgerFixtureModule.register);
  });

  afterAll(() => ledger?.close());

  it('throws ContractViolationError and rolls the whole transaction back', async () => {
    const valid: Entry = { account: 'a', seq: 0, amountCents: 5 };
    const invalid = { account: 'a', seq: 1, amountCents: 2.5 } as Entry;
    // One transaction: the valid event is recorded first, then the invalid one fails.
    const attempt = ledger.app.get(LedgerWriter).post([valid, invalid], 2);
    await expect(attempt).rejects.toBeInstanceOf(ContractViolationError);
    await expect(attempt).rejects.toThrow(/amountCents/);
    const rows = await ledger.db.query('SELECT count(*)::int AS n FROM messaging_outbox');
    expect(rows.rows[0].n).toBe(0);
  });
});
