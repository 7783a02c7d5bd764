import { invoiceLedger } from './invoice-ledger';

describe('invoiceLedger', () => {
  const payment = { paymentId: 'p1', amountCents: 23_958 };

  it('owes the whole amount of an open invoice', () => {
    expect(invoiceLedger(23_958, [], [], [])).toEqual({ invoicedCents: 23_958, paidCents: 0, creditedCents: 0, refundedCents: 0, balanceCents: 23_958 });
  });

  it('owes nothing once paid', () => {
    expect(invoiceLedger(23_958, [payment], [], []).balanceCents).toBe(0);
  });

  it('owes nothing once an open invoice is credited in full', () => {
    expect(invoiceLedger(23_958, [], [23_958], [])).toMatchObject({ creditedCents: 23_958, balanceCents: 0 });
  });

  it('stays settled when a paid invoice is credited and refunded in part (unused days)', () => {
    const ledger = invoiceLedger(23_958, [payment], [11_979], [{ paymentId: 'p1', amountCents: 11_979 }]);
    expect(ledger).toEqual({ invoicedCents: 23_958, paidCents: 23_958, creditedCents: 11_979, refundedCents: 11_979, balanceCents: 0 });
  });

  it('counts a payment known only by its refund (late or duplicate) as paid and refunded', () => {
    const late = invoiceLedger(23_958, [], [23_958], [{ paymentId: 'late', amountCents: 23_958 }]);
    expect(late).toEqual({ invoicedCents: 23_958, paidCents: 23_958, creditedCents: 23_958, refundedCents: 23_958, balanceCents: 0 });
    const duplicate = invoiceLedger(23_958, [payment], [], [{ paymentId: 'second', amountCents: 23_958 }]);
    expect(duplicate).toMatchObject({ paidCents: 47_916, refundedCents: 23_958, balanceCents: 0 });
  });
});
