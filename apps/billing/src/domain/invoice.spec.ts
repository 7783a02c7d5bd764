import { Invoice, InvalidInvoiceError, type InvoiceCustomer, type IssueInvoice } from './invoice';
import { formatCreditNoteNumber, formatInvoiceNumber } from './invoice-number';
import { LedgerInvariantError } from './invoice-ledger';
import { Money } from '@rental/money';
import { PLATFORM_SELLER } from './seller';
import { OUTSIDE_EU_NOTE, REVERSE_CHARGE_NOTE } from '@rental/vat';

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
    ['an invalid issue date', { issuedAt: new Date('nope') }, 'not a valid date'],
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
    const outcome = invoice.recordPayment(Money.of(13_913), later, 'pay-1');
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
  });

  it.each([
    ['too little', Money.of(13_912)],
    ['too much', Money.of(13_914)],
    ['another currency', Money.of(13_913, 'USD')],
  ])('rejects %s and stays open', (_, amount) => {
    const invoice = issue();
    expect(invoice.recordPayment(amount, later, 'pay-1')).toEqual({
      accepted: false,
      rejection: { reason: 'amount_mismatch', expected: { cents: 13_913, currency: 'EUR' }, received: amount.toPlain() },
    });
    expect(invoice.status).toBe('open');
    expect(invoice.balance.cents).toBe(13_913);
    expect(invoice.ledger).toHaveLength(1);
  });

  it('accepts the same payment again without a second effect', () => {
    const invoice = issue();
    invoice.recordPayment(Money.of(13_913), later, 'pay-1');
    expect(invoice.recordPayment(Money.of(13_913), later, 'pay-1')).toEqual({ accepted: true, events: [] });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('rejects a second, different payment of a paid invoice', () => {
    const invoice = issue();
    invoice.recordPayment(Money.of(13_913), later, 'pay-1');
    expect(invoice.recordPayment(Money.of(13_913), later, 'pay-2')).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_paid', paidBy: 'pay-1' },
    });
    expect(invoice.ledgerTotals.paid.cents).toBe(13_913);
  });

  it('rejects a payment of a cancelled invoice', () => {
    const invoice = issue();
    invoice.cancelWithCreditNote(creditNote, later, 'payment window closed');
    expect(invoice.recordPayment(Money.of(13_913), later, 'pay-1')).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_cancelled', creditNoteNumber: 'CN-2026-000007' },
    });
    expect(invoice.balance.isZero()).toBe(true);
  });

  it('throws on an empty payment id or an invalid date', () => {
    expect(() => issue().recordPayment(Money.of(13_913), later, '')).toThrow(InvalidInvoiceError);
    expect(() => issue().recordPayment(Money.of(13_913), new Date(Number.NaN), 'pay-1')).toThrow('payment date');
  });
});

describe('Invoice.cancelWithCreditNote', () => {
  it('credits the full amount of an open invoice', () => {
    const invoice = issue();
    const outcome = invoice.cancelWithCreditNote(creditNote, later, '  payment window closed ');
    expect(outcome).toEqual({
      accepted: true,
      events: [
        {
          type: 'invoice.cancelled',
          invoiceNumber: '2026-000042',
          orderId: 'order-1',
          creditNoteNumber: 'CN-2026-000007',
          credited: {
            net: { cents: 11_498, currency: 'EUR' },
            vat: { cents: 2_415, currency: 'EUR' },
            gross: { cents: 13_913, currency: 'EUR' },
          },
          reason: 'payment window closed',
          cancelledAt: '2026-03-12T15:30:00.000Z',
        },
      ],
    });
    expect(invoice.status).toBe('cancelled');
    expect(invoice.creditNote?.number).toBe('CN-2026-000007');
    expect(invoice.ledgerTotals.credited.cents).toBe(13_913);
    expect(invoice.balance.isZero()).toBe(true);
  });

  it('accepts the same credit note again without a second effect', () => {
    const invoice = issue();
    invoice.cancelWithCreditNote(creditNote, later, 'customer cancelled');
    expect(invoice.cancelWithCreditNote(creditNote, later, 'customer cancelled')).toEqual({ accepted: true, events: [] });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('rejects cancelling a paid invoice', () => {
    const invoice = issue();
    invoice.recordPayment(Money.of(13_913), later, 'pay-1');
    expect(invoice.cancelWithCreditNote(creditNote, later, 'customer cancelled')).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_paid', paidBy: 'pay-1' },
    });
    expect(invoice.status).toBe('paid');
    expect(invoice.ledgerTotals.credited.isZero()).toBe(true);
  });

  it('rejects a second credit note', () => {
    const invoice = issue();
    invoice.cancelWithCreditNote(creditNote, later, 'customer cancelled');
    expect(invoice.cancelWithCreditNote(formatCreditNoteNumber(2026, 8), later, 'again')).toEqual({
      accepted: false,
      rejection: { reason: 'invoice_cancelled', creditNoteNumber: 'CN-2026-000007' },
    });
    expect(invoice.ledgerTotals.credited.cents).toBe(13_913);
  });

  it.each([
    ['a credit note numbered in another year', formatCreditNoteNumber(2027, 1), later, 'x', "2027's series"],
    ['a credit note dated before the invoice', creditNote, new Date('2026-03-01T00:00:00Z'), 'x', 'cannot predate'],
    ['an empty reason', creditNote, later, ' ', 'cancellation reason'],
  ] as const)('throws on %s', (_, number, at, reason, message) => {
    const invoice = issue();
    expect(() => invoice.cancelWithCreditNote(number, at, reason)).toThrow(message);
    expect(invoice.status).toBe('open');
  });
});

describe('Invoice.restore', () => {
  it('rebuilds an invoice from its state', () => {
    const invoice = issue();
    invoice.recordPayment(Money.of(13_913), later, 'pay-1');
    const restored = Invoice.restore(invoice.toState());
    expect(restored.status).toBe('paid');
    expect(restored.balance.isZero()).toBe(true);
    expect(restored.recordPayment(Money.of(13_913), later, 'pay-1')).toEqual({ accepted: true, events: [] });
  });

  it('rejects a status that contradicts the ledger', () => {
    const state = issue().toState();
    expect(() => Invoice.restore({ ...state, status: 'paid' })).toThrow('contradicts its ledger');
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

  it('keeps balance >= 0, and zero exactly when the invoice is no longer open, under any sequence of calls', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const random = lcg(seed);
      const invoice = issue({ customer: random() < 0.5 ? dutchConsumer : germanBusiness });
      const gross = invoice.totals.gross.cents;
      for (let step = 0; step < 8; step += 1) {
        const choice = random();
        if (choice < 0.5) {
          const amounts = [gross, gross - 1, gross + 1, 1, gross * 2];
          const amount = amounts[Math.floor(random() * amounts.length)];
          invoice.recordPayment(Money.of(amount), later, `pay-${Math.floor(random() * 3)}`);
        } else {
          invoice.cancelWithCreditNote(formatCreditNoteNumber(2026, 1 + Math.floor(random() * 3)), later, 'test');
        }
        expect(invoice.balance.isNegative()).toBe(false);
        expect(invoice.balance.isZero()).toBe(invoice.status !== 'open');
      }
      expect(Invoice.restore(invoice.toState()).balance.equals(invoice.balance)).toBe(true);
    }
  });
});
