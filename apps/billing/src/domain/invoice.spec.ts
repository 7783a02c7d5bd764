import { Invoice } from './invoice';
import { InvalidInvoiceError } from './invoice-checks';
import type { CreditCommand, InvoiceCustomer, IssueInvoice, ReceivedPayment, ReceivedTransfer } from './invoice-types';
import { formatCreditNoteNumber, formatInvoiceNumber, formatRefundNumber } from './invoice-number';
import { LedgerInvariantError } from './invoice-ledger';
import { Money } from '@rental/money';
import { PLATFORM_SELLER } from './seller';
import { OUTSIDE_EU_NOTE, REVERSE_CHARGE_NOTE, type VatBreakdown } from '@rental/vat';

const issuedAt = new Date('2026-03-10T09:00:00Z');
const later = new Date('2026-03-12T15:30:00Z');
const dutchConsumer: InvoiceCustomer = { name: 'J. de Vries', country: 'NL', kind: 'consumer' };
const germanBusiness: InvoiceCustomer = { name: 'Beispiel GmbH', country: 'DE', kind: 'business', vatNumber: 'de 123 456 789' };

// The overrides may swap the payment terms for a due date; spreading them over the defaults is
// beyond what TypeScript can check against the DueDate union, hence the assertion.
function command(overrides: Partial<IssueInvoice> = {}): IssueInvoice {
  return <IssueInvoice>{
    number: formatInvoiceNumber(2026, 42),
    orderId: 'order-1',
    period: { start: new Date('2026-03-11T00:00:00Z'), end: new Date('2026-04-10T00:00:00Z') },
    customer: dutchConsumer,
    lines: [
      { description: 'Server S2, 30 days', quantity: 2, unitPrice: Money.of(4_999) },
      { description: 'Extra IPv4 address', quantity: 1, unitPrice: Money.of(1_500) },
    ],
    issuedAt,
    paymentTermsDays: 14,
    ...overrides,
  };
}

const issue = (overrides: Partial<IssueInvoice> = {}) => Invoice.issue(command(overrides)).invoice;
const creditNote = formatCreditNoteNumber(2026, 7);
const refundNumber = formatRefundNumber(2026, 3);
const payment = (cents: number, receiptId = 'evt-1'): ReceivedPayment => ({ amount: Money.of(cents), at: later, paymentId: 'pay-1', receiptId });
const cents = ({ net, vat, gross }: VatBreakdown) => [net.cents, vat.cents, gross.cents];
const breakdown = (net: number, vat: number): VatBreakdown => ({ net: Money.of(net), vat: Money.of(vat), gross: Money.of(net + vat) });
/** A credit of everything left; with the refund a paid invoice needs. */
const inFull = (invoice: Invoice, overrides: Partial<CreditCommand> = {}): CreditCommand => ({
  number: creditNote,
  at: later,
  reason: 'customer_cancelled',
  totals: invoice.remainingCredit(),
  ...(invoice.status === 'paid' ? { refund: { numbers: [refundNumber], reason: 'customer_cancelled', paymentId: 'pay-1' } } : {}),
  ...overrides,
});

describe('Invoice.issue', () => {
  it('prices the lines and charges 21% once on the total', () => {
    const invoice = issue();
    expect(invoice.lines.map((line) => line.lineTotal.cents)).toEqual([9_998, 1_500]);
    // 21% of 114.98 is 24.1458, rounded once to 24.15.
    const { net, vat, gross } = invoice.totals;
    expect([net.cents, vat.cents, gross.cents]).toEqual([11_498, 2_415, 13_913]);
    expect(invoice.vat).toEqual({ ratePercent: 21, treatment: 'standard' });
  });

  it('opens with the gross amount owed and is due after the payment terms', () => {
    const invoice = issue();
    expect(invoice.status).toBe('open');
    expect(invoice.balance.cents).toBe(13_913);
    expect(invoice.ledger).toHaveLength(1);
    expect(invoice.dueAt.toISOString()).toBe('2026-03-24T09:00:00.000Z');
    expect(issue({ paymentTermsDays: 0 }).dueAt.toISOString()).toBe(issuedAt.toISOString());
  });

  it('can be due at a moment fixed elsewhere, such as the close of the payment window', () => {
    const dueAt = new Date('2026-03-11T08:59:30Z');
    expect(issue({ paymentTermsDays: undefined, dueAt }).dueAt.toISOString()).toBe('2026-03-11T08:59:30.000Z');
    expect(issue({ paymentTermsDays: undefined, dueAt: issuedAt }).dueAt.toISOString()).toBe(issuedAt.toISOString());
  });

  it('carries the seller details as they were at issue', () => {
    expect(issue().seller).toEqual(PLATFORM_SELLER);
  });

  it('reverse-charges an EU business with a valid VAT number and stores the number normalised', () => {
    const invoice = issue({ customer: germanBusiness });
    expect(invoice.customer.vatNumber).toBe('DE123456789');
    expect(invoice.vat).toEqual({ ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE });
    expect(invoice.totals.gross.cents).toBe(11_498);
  });

  it('charges no EU VAT outside the EU', () => {
    const invoice = issue({ customer: { name: 'Acme Inc.', country: 'us', kind: 'business' } });
    expect(invoice.customer.country).toBe('US');
    expect(invoice.vat.note).toBe(OUTSIDE_EU_NOTE);
    expect(invoice.totals.vat.isZero()).toBe(true);
  });

  it('carries the billing address it was issued with, tidied, and unaffected by later changes to the caller\'s object', () => {
    const address = { line1: ' Havenstraat 12 ', line2: ' ', postalCode: '3011 AB', city: 'Rotterdam', country: 'nl' };
    const invoice = issue({ customer: { ...dutchConsumer, billingAddress: address } });
    address.line1 = 'Elsewhere 1';
    const expected = { line1: 'Havenstraat 12', postalCode: '3011 AB', city: 'Rotterdam', country: 'NL' };
    expect(invoice.customer.billingAddress).toEqual(expected);
    expect(Invoice.restore(invoice.toState()).customer.billingAddress).toEqual(expected);
    expect(issue().customer).not.toHaveProperty('billingAddress');
  });

  it('returns an invoice.issued event with plain, JSON-ready values', () => {
    const { events } = Invoice.issue(command({ customer: germanBusiness }));
    expect(events).toEqual([
      {
        type: 'invoice.issued',
        invoiceNumber: '2026-000042',
        orderId: 'order-1',
        customer: { name: 'Beispiel GmbH', country: 'DE', kind: 'business', vatNumber: 'DE123456789' },
        vat: { ratePercent: 0, treatment: 'reverse_charge', note: REVERSE_CHARGE_NOTE },
        totals: {
          net: { cents: 11_498, currency: 'EUR' },
          vat: { cents: 0, currency: 'EUR' },
          gross: { cents: 11_498, currency: 'EUR' },
        },
        issuedAt: '2026-03-10T09:00:00.000Z',
        dueAt: '2026-03-24T09:00:00.000Z',
      },
    ]);
    expect(JSON.parse(JSON.stringify(events))).toEqual(events);
  });

  it.each([
    ['a number from another year', { number: formatInvoiceNumber(2025, 1) }, "2025's series"],
    ['no lines', { lines: [] }, 'at least one line'],
    ['nothing to charge', { lines: [{ description: 'Free trial', quantity: 1, unitPrice: Money.zero() }] }, 'must charge something'],
    ['negative payment terms', { paymentTermsDays: -1 }, 'payment terms'],
    ['fractional payment terms', { paymentTermsDays: 1.5 }, 'payment terms'],
    ['a due date before the issue date', { paymentTermsDays: undefined, dueAt: new Date('2026-03-10T08:59:59Z') }, 'before it is issued'],
    ['an invalid due date', { paymentTermsDays: undefined, dueAt: new Date('nope') }, 'due date is not a valid date'],
    ['an empty order id', { orderId: ' ' }, 'order id'],
    ['a customer without a name', { customer: { ...dutchConsumer, name: '' } }, 'customer name'],
    ['a billing address without a city', { customer: { ...dutchConsumer, billingAddress: { line1: 'Havenstraat 12', postalCode: '3011 AB', city: ' ', country: 'NL' } } }, 'billing address city'],
    ['an invalid issue date', { issuedAt: new Date('nope') }, 'not a valid date'],
    ['a period that ends before it starts', { period: { start: later, end: issuedAt } }, 'must end after it starts'],
    ['an empty extension id', { extensionId: ' ' }, 'extension id'],
  ] as const)('rejects %s', (_, overrides, message) => {
    expect(() => Invoice.issue(command(overrides as Partial<IssueInvoice>))).toThrow(message);
  });

  it('does not share its dates with the caller', () => {
    const date = new Date(issuedAt.getTime());
    const invoice = issue({ issuedAt: date });
    date.setUTCDate(1);
    invoice.issuedAt.setUTCDate(2);
    expect(invoice.issuedAt.toISOString()).toBe('2026-03-10T09:00:00.000Z');
  });
});

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
    const outcome = invoice.credit(inFull(invoice, { reason: 'extension_lapsed', refund: { numbers: [refundNumber], reason: 'extension_lapsed', paymentId: 'pay-1' } }));
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
    const outcome = invoice.credit({ number: creditNote, at: later, reason: 'unused_days', totals: part, refund: { numbers: [refundNumber], reason: 'unused_days', paymentId: 'pay-1' } });
    expect(outcome).toMatchObject({ accepted: true, events: [{ invoiceCancelled: false, credited: { gross: { cents: 9_275 } } }, { amount: { cents: 9_275 } }] });
    expect(invoice.status).toBe('paid');
    const { invoiced, paid, credited, refunded, balance } = invoice.ledgerTotals;
    expect(paid.cents - refunded.cents).toBe(invoiced.cents - credited.cents);
    expect(balance.isZero()).toBe(true);
    expect(cents(invoice.remainingCredit())).toEqual([11_498 - 7_665, 2_415 - 1_610, 13_913 - 9_275]);
    // What is left can still be credited, and that cancels the invoice.
    invoice.credit(inFull(invoice, { number: formatCreditNoteNumber(2026, 8), refund: { numbers: [formatRefundNumber(2026, 4)], reason: 'customer_cancelled', paymentId: 'pay-1' } }));
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
    expect(() => open.credit({ ...inFull(open), refund: { numbers: [refundNumber], reason: 'customer_cancelled', paymentId: 'pay-1' } })).toThrow('nothing to refund');
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

describe('Invoice.bookTransfer', () => {
  const transfer = (cents: number, transferId = 'transfer-1', currency = 'EUR'): ReceivedTransfer => ({ transferId, amount: Money.of(cents, currency), at: later });

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
    expect(invoice.bookTransfer(transfer(10_000))).toEqual({ booked: true, applied: Money.of(10_000), balance: Money.of(3_913), excess: Money.zero(), events: [] });
    expect(invoice.status).toBe('open');
    expect(invoice.ledgerTotals.paid.cents).toBe(10_000);
    expect(invoice.heldFromTransfers).toEqual(Money.of(10_000));

    const rest = invoice.bookTransfer(transfer(3_913, 'transfer-2'));
    expect(rest).toMatchObject({ booked: true, applied: Money.of(3_913), balance: Money.zero(), events: [{ type: 'invoice.paid', paymentId: 'transfer-2', amount: { cents: 3_913 } }] });
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
    const outcome = invoice.credit({ number: creditNote, at: later, reason: 'unused_days', totals: part, refund: { reason: 'unused_days', numbers: refundNumbers(2) } });
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
    invoice.credit({ number: creditNote, at: later, reason: 'unused_days', totals: breakdown(7_665, 1_610), refund: { reason: 'unused_days', numbers: refundNumbers(1) } });
    expect(invoice.refunds).toEqual([expect.objectContaining({ transferId: 'transfer-1', amount: Money.of(9_275 - 3_913) })]);
    expect(invoice.status).toBe('paid');
    expect(invoice.bookTransfer({ transferId: 'transfer-2', amount: Money.of(3_913), at: later })).toEqual({ booked: false, refusal: { reason: 'invoice_paid', paidBy: 'CN-2026-000007' } });
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

describe('Invoice.restore', () => {
  const settled = () => {
    const invoice = issue({ extensionId: 'ext-1' });
    invoice.recordPayment(payment(13_913));
    invoice.returnPayment(payment(13_913, 'evt-2'), { number: formatRefundNumber(2026, 9), reason: 'duplicate_payment', at: later });
    invoice.credit({ number: creditNote, at: later, reason: 'unused_days', totals: breakdown(100, 21), refund: { numbers: [refundNumber], reason: 'unused_days', paymentId: 'pay-1' } });
    return invoice;
  };

  it('rebuilds an invoice from its state, returned payments and partial credits included', () => {
    const invoice = settled();
    const restored = Invoice.restore(invoice.toState());
    expect(restored.status).toBe('paid');
    expect(restored.extensionId).toBe('ext-1');
    expect(restored.period).toEqual(invoice.period);
    expect(restored.ledgerTotals).toEqual(invoice.ledgerTotals);
    expect(restored.recordPayment(payment(13_913))).toEqual({ accepted: true, events: [] });
  });

  it('rebuilds an invoice issued before periods were stored', () => {
    const { period: _, ...state } = issue().toState();
    const restored = Invoice.restore(state);
    expect(restored.period).toBeUndefined();
    expect(restored.unusedDaysCredit(later)).toBeUndefined();
  });

  it('rejects a status that contradicts the ledger', () => {
    const state = issue().toState();
    expect(() => Invoice.restore({ ...state, status: 'paid' })).toThrow('contradicts its ledger');
  });

  it('rejects credit notes or refunds that do not match the ledger', () => {
    const state = settled().toState();
    expect(() => Invoice.restore({ ...state, creditNotes: [] })).toThrow('credit notes do not match');
    expect(() => Invoice.restore({ ...state, refunds: state.refunds.map((r) => ({ ...r, amount: Money.of(1) })) })).toThrow('refunds do not match');
  });

  it('rebuilds the bank transfers booked on it and what they still hold', () => {
    const invoice = issue();
    invoice.bookTransfer({ transferId: 'transfer-1', amount: Money.of(13_913), at: later });
    invoice.credit({ number: creditNote, at: later, reason: 'unused_days', totals: breakdown(100, 21), refund: { reason: 'unused_days', numbers: [refundNumber] } });
    const state = invoice.toState();
    const restored = Invoice.restore(state);
    expect(restored.heldFromTransfers).toEqual(Money.of(13_913 - 121));
    expect(restored.refunds).toEqual(invoice.refunds);
    expect(() => Invoice.restore({ ...state, bankTransfers: [{ transferId: 'transfer-1', amount: Money.of(13_000) }] })).toThrow('does not match its ledger');
    expect(() => Invoice.restore({ ...state, bankTransfers: [] })).toThrow('which is not booked on it');
    const overdrawn = { ...state, bankTransfers: [{ transferId: 'transfer-1', amount: Money.of(100) }], ledger: state.ledger.map((entry) => (entry.kind === 'payment' ? { ...entry, amount: Money.of(100) } : entry)) };
    expect(() => Invoice.restore(overdrawn)).toThrow();
  });

  it('rejects a ledger that does not invoice the gross total', () => {
    const state = issue().toState();
    const ledger = [{ ...state.ledger[0], amount: Money.of(1) }];
    expect(() => Invoice.restore({ ...state, ledger })).toThrow(InvalidInvoiceError);
  });

  it('rejects a ledger with a negative balance', () => {
    const state = issue().toState();
    const overCredited = [...state.ledger, { kind: 'credit_note' as const, amount: Money.of(20_000), at: later, reference: 'CN-2026-000001' }];
    expect(() => Invoice.restore({ ...state, ledger: overCredited })).toThrow(LedgerInvariantError);
  });
});

describe('the balance invariant', () => {
  /** Small deterministic PRNG, so a failing sequence can be replayed from its seed. */
  function lcg(seed: number): () => number {
    let value = seed;
    return () => {
      value = (value * 1_103_515_245 + 12_345) % 2 ** 31;
      return value / 2 ** 31;
    };
  }

  it('keeps balance >= 0, zero exactly when settled, and paid - refunded = invoiced - credited once settled, under any sequence of calls', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = lcg(seed);
      const pick = <T>(options: readonly T[]): T => options[Math.floor(random() * options.length)];
      const invoice = issue({ customer: random() < 0.5 ? dutchConsumer : germanBusiness });
      const gross = invoice.totals.gross.cents;
      let sequence = 1;
      let transfers = 0;
      /** Numbers for the refunds a credit needs, as the application takes them. */
      const refundFor = (totals: VatBreakdown) => {
        const shares = invoice.refundSharesFor(totals.gross);
        if (shares.length === 0) return {};
        const numbers = shares.map(() => formatRefundNumber(2026, (sequence += 1)));
        return { refund: { reason: 'customer_cancelled' as const, numbers, paymentId: 'pay-1' } };
      };
      for (let step = 0; step < 10; step += 1) {
        const choice = random();
        const number = formatCreditNoteNumber(2026, (sequence += 1));
        if (choice < 0.25) {
          const amount = pick([gross, gross - 1, gross + 1, 1, gross * 2, invoice.balance.cents || 1]);
          const received = payment(amount, `evt-${Math.floor(random() * 4)}`);
          const outcome = invoice.recordPayment(received);
          if (!outcome.accepted && outcome.rejection.reason !== 'amount_mismatch') {
            invoice.returnPayment(received, { number: formatRefundNumber(2026, (sequence += 1)), reason: 'duplicate_payment', at: later });
          }
        } else if (choice < 0.5) {
          const amount = pick([1, Math.ceil(gross / 3), invoice.balance.cents || 1, gross, gross + 7]);
          invoice.bookTransfer({ transferId: `transfer-${(transfers += 1)}`, amount: Money.of(amount), at: later });
        } else if (choice < 0.7 && invoice.status !== 'cancelled') {
          const credit = invoice.unusedDaysCredit(new Date(issuedAt.getTime() + Math.floor(random() * 40) * 86_400_000));
          if (credit !== undefined && credit.net.compare(invoice.remainingCredit().net) <= 0 && credit.vat.compare(invoice.remainingCredit().vat) <= 0) {
            invoice.credit({ number, at: later, reason: 'unused_days', totals: credit, ...refundFor(credit) });
          }
        } else if (invoice.status !== 'cancelled') {
          invoice.credit({ number, at: later, reason: 'customer_cancelled', totals: invoice.remainingCredit(), ...refundFor(invoice.remainingCredit()) });
        }
        const { invoiced, paid, credited, refunded, balance } = invoice.ledgerTotals;
        expect(balance.isNegative()).toBe(false);
        expect(balance.isZero()).toBe(invoice.status !== 'open');
        if (invoice.status !== 'open') expect(paid.cents - refunded.cents).toBe(invoiced.cents - credited.cents);
        expect(invoice.status === 'cancelled').toBe(credited.equals(invoiced));
        expect(invoice.heldFromTransfers.isNegative()).toBe(false);
      }
      const restored = Invoice.restore(invoice.toState());
      expect(restored.ledgerTotals).toEqual(invoice.ledgerTotals);
      expect(restored.status).toBe(invoice.status);
      expect(restored.heldFromTransfers).toEqual(invoice.heldFromTransfers);
    }
  });
});
