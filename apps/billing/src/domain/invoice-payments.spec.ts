import { Money } from '@rental/money';
import { breakdown, creditNote, inFull, issue, later, payment, refundNumber } from './invoice.spec-fixtures';
import { InvalidInvoiceError } from './invoice-checks';
import { LedgerInvariantError } from './invoice-ledger';
import { formatRefundNumber } from './invoice-number';

describe('Invoice.recordPayment', () => {
  it('settles the invoice with a payment of exactly the balance', () => {
    const invoice = issue();
    const outcome = invoice.recordPayment(payment(13_913));
    expect(outcome).toEqual({
      accepted: true,
      events: [
        {
          type: 'invoice.paid',
          invoiceNumber: '2026-000042',
          orderId: 'order-1',
          paymentId: 'pay-1',
          amount: { cents: 13_913, currency: 'EUR' },
          paidAt: '2026-03-12T15:30:00.000Z',
        },
      ],
    });
    expect(invoice.status).toBe('paid');
    expect(invoice.balance.isZero()).toBe(true);
    expect(invoice.ledgerTotals.paid.cents).toBe(13_913);
    expect(invoice.ledger.at(-1)?.reference).toBe('evt-1');
  });

  it('names the extension an invoice is for when it is paid', () => {
    const invoice = issue({ extensionId: 'ext-1' });
    const outcome = invoice.recordPayment(payment(13_913));
    expect(outcome).toMatchObject({ accepted: true, events: [{ type: 'invoice.paid', extensionId: 'ext-1' }] });
  });

  it.each([
    ['too little', Money.of(13_912)],
    ['too much', Money.of(13_914)],
    ['another currency', Money.of(13_913, 'USD')],
  ])('rejects %s and stays open', (_, amount) => {
    const invoice = issue();
    expect(invoice.recordPayment({ ...payment(0), amount })).toEqual({
      accepted: false,
      rejection: { reason: 'amount_mismatch', expected: { cents: 13_913, currency: 'EUR' }, received: amount.toPlain() },
    });
    expect(invoice.status).toBe('open');
    expect(invoice.balance.cents).toBe(13_913);
    expect(invoice.ledger).toHaveLength(1);
  });

  it('accepts the same receipt again without a second effect', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    expect(invoice.recordPayment(payment(13_913))).toEqual({ accepted: true, events: [] });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('rejects a second, different payment of a paid invoice, naming the one that settled it', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    expect(invoice.recordPayment(payment(13_913, 'evt-2'))).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_paid', paidBy: 'evt-1' },
    });
    expect(invoice.ledgerTotals.paid.cents).toBe(13_913);
  });

  it('rejects a payment of a cancelled invoice', () => {
    const invoice = issue();
    invoice.credit(inFull(invoice, { reason: 'payment_window_closed' }));
    expect(invoice.recordPayment(payment(13_913))).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_cancelled', creditNoteNumber: 'CN-2026-000007' },
    });
    expect(invoice.balance.isZero()).toBe(true);
  });

  it('takes the reduced balance of a partly credited open invoice', () => {
    const invoice = issue();
    invoice.credit({ number: creditNote, at: later, reason: 'customer_cancelled', totals: breakdown(1_000, 210) });
    expect(invoice.recordPayment(payment(13_913)).accepted).toBe(false);
    expect(invoice.recordPayment(payment(12_703)).accepted).toBe(true);
    expect(invoice.status).toBe('paid');
  });

  it('throws on an empty payment or receipt id or an invalid date', () => {
    expect(() => issue().recordPayment({ ...payment(13_913), paymentId: '' })).toThrow(InvalidInvoiceError);
    expect(() => issue().recordPayment({ ...payment(13_913), receiptId: ' ' })).toThrow('receipt id');
    expect(() => issue().recordPayment({ ...payment(13_913), at: new Date(Number.NaN) })).toThrow('payment date');
  });
});
describe('Invoice.returnPayment', () => {
  it('enters a duplicate payment of a paid invoice with its refund, leaving nothing owed', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    const outcome = invoice.returnPayment(payment(13_913, 'evt-2'), { number: refundNumber, reason: 'duplicate_payment', at: later });
    expect(outcome).toEqual({
      accepted: true,
      events: [
        {
          type: 'refund.issued',
          invoiceNumber: '2026-000042',
          orderId: 'order-1',
          refundNumber: 'RF-2026-000003',
          paymentId: 'pay-1',
          reason: 'duplicate_payment',
          amount: { cents: 13_913, currency: 'EUR' },
          issuedAt: '2026-03-12T15:30:00.000Z',
        },
      ],
    });
    const { paid, refunded, balance } = invoice.ledgerTotals;
    expect([paid.cents, refunded.cents, balance.cents]).toEqual([27_826, 13_913, 0]);
    expect(invoice.status).toBe('paid');
    expect(invoice.refunds).toHaveLength(1);
    // The first payment still settled it.
    expect(invoice.recordPayment(payment(13_913, 'evt-3'))).toMatchObject({ rejection: { paidBy: 'evt-1' } });
  });

  it('enters a late payment of a cancelled invoice with its refund, whatever its amount', () => {
    const invoice = issue();
    invoice.credit(inFull(invoice, { reason: 'payment_window_closed' }));
    invoice.returnPayment(payment(500), { number: refundNumber, reason: 'late_payment', at: later });
    const { invoiced, paid, credited, refunded, balance } = invoice.ledgerTotals;
    expect([invoiced, paid, credited, refunded, balance].map((m) => m.cents)).toEqual([13_913, 500, 13_913, 500, 0]);
    expect(invoice.status).toBe('cancelled');
  });

  it('returns the same receipt once', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    invoice.returnPayment(payment(13_913, 'evt-2'), { number: refundNumber, reason: 'duplicate_payment', at: later });
    const again = invoice.returnPayment(payment(13_913, 'evt-2'), { number: formatRefundNumber(2026, 4), reason: 'duplicate_payment', at: later });
    expect(again).toEqual({ accepted: true, events: [] });
    expect(invoice.ledgerTotals.refunded.cents).toBe(13_913);
  });

  it('refuses a refund number of another year and a refund number used before', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    expect(() => invoice.returnPayment(payment(13_913, 'evt-2'), { number: formatRefundNumber(2025, 1), reason: 'duplicate_payment', at: later })).toThrow(
      "2025's series",
    );
    invoice.returnPayment(payment(13_913, 'evt-2'), { number: refundNumber, reason: 'duplicate_payment', at: later });
    expect(() => invoice.returnPayment(payment(13_913, 'evt-3'), { number: refundNumber, reason: 'duplicate_payment', at: later })).toThrow(
      LedgerInvariantError,
    );
  });
});

describe('Invoice.onlinePayments', () => {
  const transfer = (cents: number, transferId: string) => ({ transferId, amount: Money.of(cents), at: later });

  it('is the payment that settled the invoice, and stays so once it is credited and refunded', () => {
    const invoice = issue();
    expect(invoice.onlinePayments).toEqual([]);
    invoice.recordPayment(payment(13_913));
    expect(invoice.onlinePayments).toEqual([{ kind: 'payment', amount: Money.of(13_913), at: later, reference: 'evt-1' }]);
    invoice.credit(inFull(invoice));
    expect(invoice.onlinePayments.map((entry) => entry.reference)).toEqual(['evt-1']);
  });

  it('leaves out money the invoice did not take and gave back', () => {
    const invoice = issue();
    invoice.recordPayment(payment(13_913));
    invoice.returnPayment(payment(13_913, 'evt-2'), { number: refundNumber, reason: 'duplicate_payment', at: later });
    expect(invoice.onlinePayments.map((entry) => entry.reference)).toEqual(['evt-1']);
  });

  it('leaves out bank transfers, the settling one too, and a duplicate checkout payment given back after them', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(5_000, 'transfer-1'));
    invoice.returnPayment(payment(13_913), { number: refundNumber, reason: 'duplicate_payment', at: later });
    invoice.bookTransfer(transfer(8_913, 'transfer-2'));
    expect(invoice.status).toBe('paid');
    expect(invoice.onlinePayments).toEqual([]);
  });
});
