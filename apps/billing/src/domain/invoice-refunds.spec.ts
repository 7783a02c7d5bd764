import { Money } from '@rental/money';
import { breakdown, cents, creditNote, inFull, issue, later, payment, refundNumber } from './invoice.spec-fixtures';
import { formatCreditNoteNumber, formatRefundNumber } from './invoice-number';

describe('Invoice.credit', () => {
  it('credits the full amount of an open invoice and cancels it', () => {
    const invoice = issue();
    const outcome = invoice.credit(inFull(invoice, { reason: 'payment_window_closed' }));
    expect(outcome).toEqual({
      accepted: true,
      events: [
        {
          type: 'credit-note.issued',
          invoiceNumber: '2026-000042',
          orderId: 'order-1',
          creditNoteNumber: 'CN-2026-000007',
          reason: 'payment_window_closed',
          credited: {
            net: { cents: 11_498, currency: 'EUR' },
            vat: { cents: 2_415, currency: 'EUR' },
            gross: { cents: 13_913, currency: 'EUR' },
          },
          invoiceCancelled: true,
          issuedAt: '2026-03-12T15:30:00.000Z',
        },
      ],
    });
    expect(invoice.status).toBe('cancelled');
    expect(invoice.creditNotes.map((note) => note.number)).toEqual(['CN-2026-000007']);
    expect(invoice.ledgerTotals.credited.cents).toBe(13_913);
    expect(invoice.balance.isZero()).toBe(true);
  });

  it('refunds and credits a paid invoice in full, refund first, in one step', () => {
    const invoice = issue({ extensionId: 'ext-1' });
    invoice.recordPayment(payment(13_913));
    const outcome = invoice.credit(
      inFull(invoice, { reason: 'extension_lapsed', refund: { numbers: [refundNumber], reason: 'extension_lapsed', paymentId: 'pay-1' } }),
    );
    expect(outcome).toMatchObject({
      accepted: true,
      events: [
        { type: 'credit-note.issued', extensionId: 'ext-1', reason: 'extension_lapsed', invoiceCancelled: true, credited: { gross: { cents: 13_913 } } },
        { type: 'refund.issued', refundNumber: 'RF-2026-000003', paymentId: 'pay-1', reason: 'extension_lapsed', amount: { cents: 13_913 } },
      ],
    });
    expect(invoice.ledger.map((entry) => entry.kind)).toEqual(['invoiced', 'payment', 'refund', 'credit_note']);
    const { paid, refunded, credited, balance } = invoice.ledgerTotals;
    expect([paid, refunded, credited, balance].map((m) => m.cents)).toEqual([13_913, 13_913, 13_913, 0]);
    expect(invoice.status).toBe('cancelled');
  });

  it('credits part of a paid invoice with the refund of that part; the invoice stays paid', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    const part = breakdown(7_665, 1_610);
    const outcome = invoice.credit({
      number: creditNote,
      at: later,
      reason: 'unused_days',
      totals: part,
      refund: { numbers: [refundNumber], reason: 'unused_days', paymentId: 'pay-1' },
    });
    expect(outcome).toMatchObject({
      accepted: true,
      events: [{ invoiceCancelled: false, credited: { gross: { cents: 9_275 } } }, { amount: { cents: 9_275 } }],
    });
    expect(invoice.status).toBe('paid');
    const { invoiced, paid, credited, refunded, balance } = invoice.ledgerTotals;
    expect(paid.cents - refunded.cents).toBe(invoiced.cents - credited.cents);
    expect(balance.isZero()).toBe(true);
    expect(cents(invoice.remainingCredit())).toEqual([11_498 - 7_665, 2_415 - 1_610, 13_913 - 9_275]);
    // What is left can still be credited, and that cancels the invoice.
    invoice.credit(
      inFull(invoice, {
        number: formatCreditNoteNumber(2026, 8),
        refund: { numbers: [formatRefundNumber(2026, 4)], reason: 'customer_cancelled', paymentId: 'pay-1' },
      }),
    );
    expect(invoice.status).toBe('cancelled');
    expect(invoice.ledgerTotals.refunded.cents).toBe(13_913);
  });

  it('computes the unused days of its period at its own VAT rate', () => {
    const invoice = issue();
    // 30-day period from 11 March; cancelled during its 10th day: 20 days unused.
    const credit = invoice.unusedDaysCredit(new Date('2026-03-20T12:00:00Z'));
    // 20/30 of 114.98 is 76.653: 76.65, VAT 16.0965: 16.10.
    expect(credit && cents(credit)).toEqual([7_665, 1_610, 9_275]);
    expect(invoice.unusedDaysCredit(new Date('2026-04-10T00:00:00Z'))).toBeUndefined();
  });

  it('accepts the same credit note again without a second effect', () => {
    const invoice = issue();
    invoice.credit(inFull(invoice));
    expect(invoice.credit(inFull(invoice))).toEqual({ accepted: true, events: [] });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('rejects a credit note for an invoice already credited in full', () => {
    const invoice = issue();
    invoice.credit(inFull(invoice));
    expect(invoice.credit({ number: formatCreditNoteNumber(2026, 8), at: later, reason: 'customer_cancelled', totals: breakdown(1, 0) })).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_cancelled', creditNoteNumber: 'CN-2026-000007' },
    });
    expect(invoice.ledgerTotals.credited.cents).toBe(13_913);
  });

  it('insists on the refund exactly when the invoice is paid', () => {
    const paid = issue();
    paid.recordPayment(payment(13_913));
    expect(() => paid.credit({ ...inFull(paid), refund: undefined })).toThrow('needs the refund');
    expect(paid.status).toBe('paid');
    const open = issue();
    expect(() => open.credit({ ...inFull(open), refund: { numbers: [refundNumber], reason: 'customer_cancelled', paymentId: 'pay-1' } })).toThrow(
      'nothing to refund',
    );
    expect(open.ledger).toHaveLength(1);
  });

  it.each([
    ['more net than is left', breakdown(11_499, 0), 'exceeds'],
    ['more VAT than is left', breakdown(0, 2_416), 'exceeds'],
    ['nothing', breakdown(0, 0), 'positive gross'],
    ['a gross that is not net + VAT', { net: Money.of(100), vat: Money.of(21), gross: Money.of(120) }, 'adding up'],
    ['another currency', { net: Money.of(100, 'USD'), vat: Money.of(0, 'USD'), gross: Money.of(100, 'USD') }, "invoice's currency"],
  ])('throws on a credit of %s', (_, totals, message) => {
    const invoice = issue();
    expect(() => invoice.credit({ number: creditNote, at: later, reason: 'customer_cancelled', totals })).toThrow(message);
    expect(invoice.ledger).toHaveLength(1);
  });

  it.each([
    ['a credit note numbered in another year', formatCreditNoteNumber(2027, 1), later, "2027's series"],
    ['a credit note dated before the invoice', creditNote, new Date('2026-03-01T00:00:00Z'), 'cannot predate'],
    ['an invalid date', creditNote, new Date('nope'), 'not a valid date'],
  ] as const)('throws on %s', (_, number, at, message) => {
    const invoice = issue();
    expect(() => invoice.credit(inFull(invoice, { number, at }))).toThrow(message);
    expect(invoice.status).toBe('open');
  });
});
describe('refunds of money that came by bank transfer', () => {
  const refundNumbers = (count: number) => Array.from({ length: count }, (_, index) => formatRefundNumber(2026, 10 + index));
  const transferred = (...amounts: number[]) => {
    const invoice = issue();
    amounts.forEach((cents, index) => invoice.bookTransfer({ transferId: `transfer-${index + 1}`, amount: Money.of(cents), at: later }));
    return invoice;
  };

  it('owes nothing back while the credit is covered by what is still owed', () => {
    const invoice = transferred(10_000);
    expect(invoice.refundSharesFor(Money.of(3_913))).toEqual([]);
    expect(invoice.refundSharesFor(Money.of(1))).toEqual([]);
  });

  it('owes back what a credit takes beyond the balance, to the newest transfer first, then the older ones', () => {
    const invoice = transferred(10_000, 3_913);
    expect(invoice.refundSharesFor(Money.of(2_000))).toEqual([{ amount: Money.of(2_000), transferId: 'transfer-2' }]);
    expect(invoice.refundSharesFor(Money.of(13_913))).toEqual([
      { amount: Money.of(3_913), transferId: 'transfer-2' },
      { amount: Money.of(10_000), transferId: 'transfer-1' },
    ]);
  });

  it('cancels a partly paid invoice in full with the refund of the transfer to its payer', () => {
    const invoice = transferred(10_000);
    const outcome = invoice.credit(inFull(invoice, { reason: 'payment_window_closed', refund: { reason: 'late_payment', numbers: refundNumbers(1) } }));
    expect(outcome).toMatchObject({
      accepted: true,
      events: [
        { type: 'credit-note.issued', invoiceCancelled: true, credited: { gross: { cents: 13_913 } } },
        { type: 'refund.issued', refundNumber: 'RF-2026-000010', transferId: 'transfer-1', reason: 'late_payment', amount: { cents: 10_000 } },
      ],
    });
    expect(outcome.accepted && outcome.events[1]).not.toHaveProperty('paymentId');
    const { paid, refunded, credited, balance } = invoice.ledgerTotals;
    expect([paid, refunded, credited, balance].map((m) => m.cents)).toEqual([10_000, 10_000, 13_913, 0]);
    expect(invoice.status).toBe('cancelled');
    expect(invoice.refunds).toEqual([expect.objectContaining({ number: 'RF-2026-000010', transferId: 'transfer-1', amount: Money.of(10_000) })]);
    expect(invoice.heldFromTransfers.isZero()).toBe(true);
  });

  it('refunds the unused days of an invoice paid by two transfers to their payers, one refund each', () => {
    const invoice = transferred(10_000, 3_913);
    const part = breakdown(7_665, 1_610);
    const outcome = invoice.credit({
      number: creditNote,
      at: later,
      reason: 'unused_days',
      totals: part,
      refund: { reason: 'unused_days', numbers: refundNumbers(2) },
    });
    expect(outcome).toMatchObject({
      accepted: true,
      events: [
        { type: 'credit-note.issued', invoiceCancelled: false },
        { type: 'refund.issued', refundNumber: 'RF-2026-000010', transferId: 'transfer-2', amount: { cents: 3_913 } },
        { type: 'refund.issued', refundNumber: 'RF-2026-000011', transferId: 'transfer-1', amount: { cents: 5_362 } },
      ],
    });
    expect(invoice.status).toBe('paid');
    expect(invoice.heldFromTransfers).toEqual(Money.of(13_913 - 9_275));
  });

  it('settles a partly paid invoice by a credit of more than its balance, naming the credit note when more money comes', () => {
    const invoice = transferred(10_000);
    invoice.credit({
      number: creditNote,
      at: later,
      reason: 'unused_days',
      totals: breakdown(7_665, 1_610),
      refund: { reason: 'unused_days', numbers: refundNumbers(1) },
    });
    expect(invoice.refunds).toEqual([expect.objectContaining({ transferId: 'transfer-1', amount: Money.of(9_275 - 3_913) })]);
    expect(invoice.status).toBe('paid');
    expect(invoice.bookTransfer({ transferId: 'transfer-2', amount: Money.of(3_913), at: later })).toEqual({
      booked: false,
      refusal: { reason: 'invoice_paid', paidBy: 'CN-2026-000007' },
    });
  });

  it('sends back to the provider only what did not come by transfer', () => {
    const invoice = transferred(10_000);
    // The online payment of the full amount after the partial transfer is returned at once.
    invoice.returnPayment(payment(13_913), { number: refundNumber, reason: 'duplicate_payment', at: later });
    expect(invoice.refundSharesFor(invoice.remainingCredit().gross)).toEqual([{ amount: Money.of(10_000), transferId: 'transfer-1' }]);
    const paidOnline = issue();
    paidOnline.recordPayment(payment(13_913));
    expect(paidOnline.refundSharesFor(Money.of(500))).toEqual([{ amount: Money.of(500) }]);
  });

  it('insists on one refund number per share, and on a payment id for a refund through the provider', () => {
    const invoice = transferred(10_000, 3_913);
    expect(() => invoice.credit(inFull(invoice, { refund: { reason: 'customer_cancelled', numbers: refundNumbers(1) } }))).toThrow('needs 2 refund number(s)');
    expect(() => invoice.credit(inFull(invoice, { refund: undefined }))).toThrow('needs the refund');
    const paidOnline = issue();
    paidOnline.recordPayment(payment(13_913));
    expect(() => paidOnline.credit(inFull(paidOnline, { refund: { reason: 'customer_cancelled', numbers: refundNumbers(1) } }))).toThrow('payment id');
    expect(invoice.ledger).toHaveLength(3);
    expect(paidOnline.ledger).toHaveLength(2);
  });
});
