import { Money } from '@rental/money';
import { inFull, issue, later, payment } from './invoice.spec-fixtures';
import { decideOnlinePayment } from './online-payment-policy';

describe('decideOnlinePayment', () => {
  const transfer = (cents: number) => ({ transferId: 'transfer-1', amount: Money.of(cents), at: later });

  it('books the open balance: the invoice is paid', () => {
    const invoice = issue();
    expect(decideOnlinePayment(invoice, payment(13_913))).toMatchObject({ action: 'book', events: [{ type: 'invoice.paid', paymentId: 'pay-1' }] });
    expect(invoice.status).toBe('paid');
  });

  it('books the same receipt again as nothing new', () => {
    const invoice = issue();
    decideOnlinePayment(invoice, payment(13_913));
    expect(decideOnlinePayment(invoice, payment(13_913))).toEqual({ action: 'book', events: [] });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('refunds a second payment of a paid invoice in full, as a duplicate', () => {
    const invoice = issue();
    decideOnlinePayment(invoice, payment(13_913));
    expect(decideOnlinePayment(invoice, payment(13_913, 'evt-2'))).toEqual({ action: 'refund', reason: 'duplicate_payment', because: 'invoice_paid' });
    expect(invoice.ledger).toHaveLength(2);
  });

  it('refunds a payment of a cancelled invoice in full, as late', () => {
    const invoice = issue();
    invoice.credit(inFull(invoice));
    expect(decideOnlinePayment(invoice, payment(13_913))).toEqual({ action: 'refund', reason: 'late_payment', because: 'invoice_cancelled' });
  });

  it('refunds the checkout amount of an invoice paid in part by bank transfer, as a duplicate, and leaves the balance owed', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(5_000));
    expect(decideOnlinePayment(invoice, payment(13_913))).toEqual({ action: 'refund', reason: 'duplicate_payment', because: 'paid_in_part_by_transfer' });
    expect(invoice.balance.cents).toBe(8_913);
  });

  it.each([
    ['too little', Money.of(13_912)],
    ['too much', Money.of(13_914)],
    ['nothing', Money.zero()],
    ['another currency', Money.of(13_913, 'USD')],
  ])('rejects %s on an open invoice and books nothing', (_, amount) => {
    const invoice = issue();
    expect(decideOnlinePayment(invoice, { ...payment(0), amount })).toEqual({ action: 'reject', because: 'amount_mismatch' });
    expect(invoice.ledger).toHaveLength(1);
  });

  it('rejects another currency on an invoice paid in part by bank transfer: there is nothing to pay twice in it', () => {
    const invoice = issue();
    invoice.bookTransfer(transfer(5_000));
    expect(decideOnlinePayment(invoice, { ...payment(0), amount: Money.of(13_913, 'USD') })).toEqual({ action: 'reject', because: 'amount_mismatch' });
  });
});
