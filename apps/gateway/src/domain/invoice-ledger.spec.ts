import { invoiceLedger, type LedgerEntries, paymentsBesideBankTransfers } from './invoice-ledger';

const entries = (overrides: Partial<LedgerEntries> = {}): LedgerEntries => ({ payments: [], bankTransfers: [], creditedGrossCents: [], refunds: [], ...overrides });

describe('invoiceLedger', () => {
  const payment = { paymentId: 'p1', amountCents: 23_958 };

  it('owes the whole amount of an open invoice', () => {
    expect(invoiceLedger(23_958, entries())).toEqual({ invoicedCents: 23_958, paidCents: 0, creditedCents: 0, refundedCents: 0, balanceCents: 23_958 });
  });

  it('owes nothing once paid', () => {
    expect(invoiceLedger(23_958, entries({ payments: [payment] })).balanceCents).toBe(0);
  });

  it('owes nothing once an open invoice is credited in full', () => {
    expect(invoiceLedger(23_958, entries({ creditedGrossCents: [23_958] }))).toMatchObject({ creditedCents: 23_958, balanceCents: 0 });
  });

  it('stays settled when a paid invoice is credited and refunded in part (unused days)', () => {
    const ledger = invoiceLedger(23_958, entries({ payments: [payment], creditedGrossCents: [11_979], refunds: [{ paymentId: 'p1', amountCents: 11_979 }] }));
    expect(ledger).toEqual({ invoicedCents: 23_958, paidCents: 23_958, creditedCents: 11_979, refundedCents: 11_979, balanceCents: 0 });
  });

  it('counts a payment known only by its refund (late or duplicate) as paid and refunded', () => {
    const late = invoiceLedger(23_958, entries({ creditedGrossCents: [23_958], refunds: [{ paymentId: 'late', amountCents: 23_958 }] }));
    expect(late).toEqual({ invoicedCents: 23_958, paidCents: 23_958, creditedCents: 23_958, refundedCents: 23_958, balanceCents: 0 });
    const duplicate = invoiceLedger(23_958, entries({ payments: [payment], refunds: [{ paymentId: 'second', amountCents: 23_958 }] }));
    expect(duplicate).toMatchObject({ paidCents: 47_916, refundedCents: 23_958, balanceCents: 0 });
  });

  describe('bank transfers', () => {
    const partial = { transferId: 't1', appliedCents: 20_000, outcome: 'partially_paid' as const };

    it('lowers the balance by a partial payment and leaves the rest due', () => {
      expect(invoiceLedger(23_958, entries({ bankTransfers: [partial] }))).toMatchObject({ paidCents: 20_000, balanceCents: 3_958 });
    });

    it('counts a settling transfer once, whatever the invoice.paid that came with it says', () => {
      const settling = { transferId: 't2', appliedCents: 3_958, outcome: 'settled' as const };
      for (const announced of [
        { paymentId: 't2', amountCents: 3_958 },
        { paymentId: 'p9', amountCents: 23_958 },
      ]) {
        const ledger = invoiceLedger(23_958, entries({ payments: [announced], bankTransfers: [partial, settling] }));
        expect(ledger).toMatchObject({ paidCents: 23_958, balanceCents: 0 });
      }
    });

    it('counts only the booked part of an overpayment, and nothing of a transfer only flagged', () => {
      const overpaid = { transferId: 't3', appliedCents: 23_958, outcome: 'settled' as const };
      const flaggedOnly = { transferId: 't4', appliedCents: 0, outcome: null };
      const ledger = invoiceLedger(23_958, entries({ payments: [payment], bankTransfers: [overpaid, flaggedOnly] }));
      expect(ledger).toMatchObject({ paidCents: 23_958, balanceCents: 0 });
    });

    it('adds an online payment of the rest after a partial transfer', () => {
      const ledger = invoiceLedger(23_958, entries({ payments: [{ paymentId: 'p2', amountCents: 3_958 }], bankTransfers: [partial] }));
      expect(ledger).toMatchObject({ paidCents: 23_958, balanceCents: 0 });
    });

    it('treats a refund of a transfer as a refund of money paid, not as an unannounced payment', () => {
      const settled = { transferId: 't5', appliedCents: 23_958, outcome: 'settled' as const };
      const ledger = invoiceLedger(23_958, entries({ bankTransfers: [settled], creditedGrossCents: [11_979], refunds: [{ paymentId: 't5', amountCents: 11_979 }] }));
      expect(ledger).toEqual({ invoicedCents: 23_958, paidCents: 23_958, creditedCents: 11_979, refundedCents: 11_979, balanceCents: 0 });
    });
  });
});

describe('paymentsBesideBankTransfers', () => {
  const payments = [{ paymentId: 'p1', amountCents: 100 }];

  it('keeps every payment while no transfer settled the invoice', () => {
    expect(paymentsBesideBankTransfers(payments, [{ transferId: 't1', appliedCents: 50, outcome: 'partially_paid' }])).toEqual(payments);
  });

  it('leaves out the invoice.paid of an invoice a transfer settled', () => {
    expect(paymentsBesideBankTransfers(payments, [{ transferId: 't1', appliedCents: 100, outcome: 'settled' }])).toEqual([]);
  });
});
