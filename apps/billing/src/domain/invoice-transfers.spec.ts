import { Money } from '@rental/money';
import type { Invoice } from './invoice';
import { inFull, issue, later, payment } from './invoice.spec-fixtures';
import type { ReceivedTransfer } from './invoice-types';

describe('Invoice.bookTransfer', () => {
  const transfer = (cents: number, transferId = 'transfer-1', currency = 'EUR'): ReceivedTransfer => ({
    transferId,
    amount: Money.of(cents, currency),
    at: later,
  });

  it('settles the invoice with a transfer of exactly the balance, as an online payment would', () => {
    const invoice = issue({ extensionId: 'ext-1' });
    const outcome = invoice.bookTransfer(transfer(13_913));
    expect(outcome).toEqual({
      booked: true,
      applied: Money.of(13_913),
      balance: Money.zero(),
      excess: Money.zero(),
      events: [
        {
          type: 'invoice.paid',
          invoiceNumber: '2026-000042',
          orderId: 'order-1',
          extensionId: 'ext-1',
          paymentId: 'transfer-1',
          amount: { cents: 13_913, currency: 'EUR' },
          paidAt: '2026-03-12T15:30:00.000Z',
        },
      ],
    });
    expect(invoice.status).toBe('paid');
    expect(invoice.ledger.at(-1)).toMatchObject({ kind: 'payment', reference: 'transfer-1', amount: Money.of(13_913) });
    expect(invoice.bankTransfers).toEqual([{ transferId: 'transfer-1', amount: Money.of(13_913) }]);
  });

  it('books less than the balance as a partial payment: the invoice stays open, and a later transfer completes it', () => {
    const invoice = issue();
    expect(invoice.bookTransfer(transfer(10_000))).toEqual({
      booked: true,
      applied: Money.of(10_000),
      balance: Money.of(3_913),
      excess: Money.zero(),
      events: [],
    });
    expect(invoice.status).toBe('open');
    expect(invoice.ledgerTotals.paid.cents).toBe(10_000);
    expect(invoice.heldFromTransfers).toEqual(Money.of(10_000));

    const rest = invoice.bookTransfer(transfer(3_913, 'transfer-2'));
    expect(rest).toMatchObject({
      booked: true,
      applied: Money.of(3_913),
      balance: Money.zero(),
      events: [{ type: 'invoice.paid', paymentId: 'transfer-2', amount: { cents: 3_913 } }],
    });
    expect(invoice.status).toBe('paid');
  });

  it('settles with the balance out of a larger transfer and leaves the excess unbooked', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(10_000));
    const outcome = invoice.bookTransfer(transfer(5_000, 'transfer-2'));
    expect(outcome).toMatchObject({ booked: true, applied: Money.of(3_913), balance: Money.zero(), excess: Money.of(1_087) });
    expect(invoice.ledgerTotals.paid.cents).toBe(13_913);
    expect(invoice.status).toBe('paid');
  });

  it.each([
    ['a paid invoice', (invoice: Invoice) => invoice.recordPayment(payment(13_913)), { reason: 'invoice_paid', paidBy: 'evt-1' }],
    ['a cancelled invoice', (invoice: Invoice) => invoice.credit(inFull(invoice)), { reason: 'invoice_cancelled', creditNoteNumber: 'CN-2026-000007' }],
  ] as const)('books nothing on %s', (_, before, refusal) => {
    const invoice = issue();
    before(invoice);
    const ledger = invoice.ledger.length;
    expect(invoice.bookTransfer(transfer(13_913))).toEqual({ booked: false, refusal });
    expect(invoice.ledger).toHaveLength(ledger);
  });

  it('books nothing in another currency, even of the same number', () => {
    const invoice = issue();
    expect(invoice.bookTransfer(transfer(13_913, 'transfer-1', 'USD'))).toEqual({ booked: false, refusal: { reason: 'currency_mismatch', expected: 'EUR' } });
    expect(invoice.status).toBe('open');
    expect(invoice.ledger).toHaveLength(1);
  });

  it('throws on a transfer booked before, an empty id, nothing, or an invalid date', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(100));
    expect(() => invoice.bookTransfer(transfer(100))).toThrow('booked on invoice 2026-000042 already');
    expect(() => invoice.bookTransfer(transfer(100, ' '))).toThrow('transfer id');
    expect(() => invoice.bookTransfer(transfer(0, 'transfer-2'))).toThrow('must be positive');
    expect(() => invoice.bookTransfer({ ...transfer(100, 'transfer-2'), at: new Date('nope') })).toThrow('transfer date');
    expect(invoice.ledgerTotals.paid.cents).toBe(100);
  });

  it('keeps online payments exact: after a partial transfer the full amount is refused', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(10_000));
    expect(invoice.recordPayment(payment(13_913))).toMatchObject({ accepted: false, rejection: { reason: 'amount_mismatch', expected: { cents: 3_913 } } });
  });
});
