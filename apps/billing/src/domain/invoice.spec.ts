import { Money } from '@rental/money';
import { OUTSIDE_EU_NOTE, REVERSE_CHARGE_NOTE, type VatBreakdown } from '@rental/vat';
import { Invoice } from './invoice';
import { breakdown, command, creditNote, dutchConsumer, germanBusiness, issue, issuedAt, later, payment, refundNumber } from './invoice.spec-fixtures';
import { InvalidInvoiceError } from './invoice-checks';
import { LedgerInvariantError } from './invoice-ledger';
import { formatCreditNoteNumber, formatInvoiceNumber, formatRefundNumber } from './invoice-number';
import type { IssueInvoice } from './invoice-types';
import { PLATFORM_SELLER } from './seller';

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

  it("carries the billing address it was issued with, tidied, and unaffected by later changes to the caller's object", () => {
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
    [
      'a billing address without a city',
      { customer: { ...dutchConsumer, billingAddress: { line1: 'Havenstraat 12', postalCode: '3011 AB', city: ' ', country: 'NL' } } },
      'billing address city',
    ],
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
describe('Invoice.restore', () => {
  const settled = () => {
    const invoice = issue({ extensionId: 'ext-1' });
    invoice.recordPayment(payment(13_913));
    invoice.returnPayment(payment(13_913, 'evt-2'), { number: formatRefundNumber(2026, 9), reason: 'duplicate_payment', at: later });
    invoice.credit({
      number: creditNote,
      at: later,
      reason: 'unused_days',
      totals: breakdown(100, 21),
      refund: { numbers: [refundNumber], reason: 'unused_days', paymentId: 'pay-1' },
    });
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
    invoice.credit({
      number: creditNote,
      at: later,
      reason: 'unused_days',
      totals: breakdown(100, 21),
      refund: { reason: 'unused_days', numbers: [refundNumber] },
    });
    const state = invoice.toState();
    const restored = Invoice.restore(state);
    expect(restored.heldFromTransfers).toEqual(Money.of(13_913 - 121));
    expect(restored.refunds).toEqual(invoice.refunds);
    expect(() => Invoice.restore({ ...state, bankTransfers: [{ transferId: 'transfer-1', amount: Money.of(13_000) }] })).toThrow('does not match its ledger');
    expect(() => Invoice.restore({ ...state, bankTransfers: [] })).toThrow('which is not booked on it');
    const overdrawn = {
      ...state,
      bankTransfers: [{ transferId: 'transfer-1', amount: Money.of(100) }],
      ledger: state.ledger.map((entry) => (entry.kind === 'payment' ? { ...entry, amount: Money.of(100) } : entry)),
    };
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
