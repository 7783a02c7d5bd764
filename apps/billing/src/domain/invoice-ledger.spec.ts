import { CurrencyMismatchError, Money } from '@rental/money';
import { InvoiceLedger, type LedgerEntry, LedgerInvariantError } from './invoice-ledger';

const at = new Date('2026-03-01T10:00:00Z');
const eur = (cents: number) => Money.of(cents);
const entry = (kind: LedgerEntry['kind'], cents: number, reference: string): LedgerEntry => ({ kind, amount: eur(cents), at, reference });

describe('InvoiceLedger', () => {
  it('opens with the invoiced amount owed', () => {
    const ledger = InvoiceLedger.opened(eur(12_100), at, '2026-000001');
    expect(ledger.balance.cents).toBe(12_100);
    expect(ledger.entries).toHaveLength(1);
  });

  it('derives balance = invoiced - paid - credited + refunded', () => {
    const ledger = InvoiceLedger.opened(eur(12_100), at, '2026-000001')
      .append(entry('payment', 12_100, 'pay-1'))
      .append(entry('refund', 12_100, 'ref-1'))
      .append(entry('credit_note', 12_100, 'CN-2026-000001'));
    const { invoiced, paid, credited, refunded, balance } = ledger.totals;
    expect([invoiced, paid, credited, refunded, balance].map((m) => m.cents)).toEqual([12_100, 12_100, 12_100, 12_100, 0]);
  });

  it('settles to zero with a payment of the full amount', () => {
    const ledger = InvoiceLedger.opened(eur(500), at, '2026-000001').append(entry('payment', 500, 'pay-1'));
    expect(ledger.balance.isZero()).toBe(true);
  });

  it('never lets the balance go below zero', () => {
    const opened = InvoiceLedger.opened(eur(500), at, '2026-000001');
    expect(() => opened.append(entry('payment', 501, 'pay-1'))).toThrow(LedgerInvariantError);
    const paid = opened.append(entry('payment', 500, 'pay-1'));
    expect(() => paid.append(entry('credit_note', 1, 'CN-2026-000001'))).toThrow('would leave a balance of EUR -0.01');
  });

  it('never refunds more than was paid', () => {
    const opened = InvoiceLedger.opened(eur(500), at, '2026-000001');
    expect(() => opened.append(entry('refund', 1, 'ref-1'))).toThrow('more than was paid');
  });

  it('takes a payment and its refund as one step, though the payment alone would overdraw the balance', () => {
    const paid = InvoiceLedger.opened(eur(500), at, '2026-000001').append(entry('payment', 500, 'evt-1'));
    expect(() => paid.append(entry('payment', 500, 'evt-2'))).toThrow(LedgerInvariantError);
    const returned = paid.appendAll([entry('payment', 500, 'evt-2'), entry('refund', 500, 'RF-2026-000001')]);
    expect([returned.totals.paid.cents, returned.totals.refunded.cents, returned.balance.cents]).toEqual([1_000, 500, 0]);
    expect(InvoiceLedger.fromEntries(returned.entries).totals).toEqual(returned.totals);
  });

  it('checks a step as a whole: a refund of more than was paid fails however it is grouped', () => {
    const opened = InvoiceLedger.opened(eur(500), at, '2026-000001');
    expect(() => opened.appendAll([entry('refund', 100, 'RF-2026-000001'), entry('credit_note', 100, 'CN-2026-000001')])).toThrow('more than was paid');
  });

  it('enters a document or a receipt once', () => {
    const opened = InvoiceLedger.opened(eur(500), at, '2026-000001').append(entry('credit_note', 100, 'CN-2026-000001'));
    expect(() => opened.append(entry('credit_note', 100, 'CN-2026-000001'))).toThrow('in the ledger already');
    expect(() => opened.appendAll([entry('payment', 200, 'evt-1'), entry('payment', 200, 'evt-1')])).toThrow('in the ledger already');
  });

  it('is append-only: appending returns a new ledger', () => {
    const opened = InvoiceLedger.opened(eur(500), at, '2026-000001');
    opened.append(entry('payment', 500, 'pay-1'));
    expect(opened.balance.cents).toBe(500);
  });

  it.each([
    ['a zero amount', entry('payment', 0, 'pay-1')],
    ['a negative amount', entry('payment', -5, 'pay-1')],
    ['a second invoiced entry', entry('invoiced', 5, '2026-000002')],
    ['an empty reference', entry('payment', 5, ' ')],
    ['an invalid date', { ...entry('payment', 5, 'pay-1'), at: new Date(Number.NaN) }],
  ])('rejects %s', (_, bad) => {
    expect(() => InvoiceLedger.opened(eur(500), at, '2026-000001').append(bad)).toThrow(LedgerInvariantError);
  });

  it('rejects an entry in another currency', () => {
    const dollars: LedgerEntry = { kind: 'payment', amount: Money.of(500, 'USD'), at, reference: 'pay-1' };
    expect(() => InvoiceLedger.opened(eur(500), at, '2026-000001').append(dollars)).toThrow(CurrencyMismatchError);
  });

  it('copies entry dates so that a caller mutating its Date cannot rewrite history', () => {
    const date = new Date('2026-03-02T00:00:00Z');
    const ledger = InvoiceLedger.opened(eur(500), date, '2026-000001');
    date.setUTCFullYear(1999);
    expect(ledger.entries[0].at.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });

  it('finds an entry by kind and reference', () => {
    const ledger = InvoiceLedger.opened(eur(500), at, '2026-000001').append(entry('payment', 500, 'pay-1'));
    expect(ledger.has('payment', 'pay-1')).toBe(true);
    expect(ledger.has('payment', 'pay-2')).toBe(false);
    expect(ledger.has('refund', 'pay-1')).toBe(false);
  });

  describe('fromEntries', () => {
    it('rebuilds the same totals', () => {
      const entries = [entry('invoiced', 500, '2026-000001'), entry('payment', 500, 'pay-1')];
      expect(InvoiceLedger.fromEntries(entries).balance.isZero()).toBe(true);
    });

    it.each([
      ['no entries', []],
      ['a first entry that is not the invoice', [entry('payment', 500, 'pay-1')]],
      ['entries that overdraw the balance', [entry('invoiced', 500, '2026-000001'), entry('credit_note', 600, 'CN-2026-000001')]],
    ])('rejects %s', (_, entries) => {
      expect(() => InvoiceLedger.fromEntries(entries)).toThrow(LedgerInvariantError);
    });
  });
});
