import { formatInvoiceNumber } from './invoice-number';
import { findPaymentReference, paymentReferenceOf } from './payment-reference';

describe('payment references', () => {
  it('is RENT- and the invoice number', () => {
    expect(paymentReferenceOf(formatInvoiceNumber(2026, 42))).toBe('RENT-2026-000042');
  });

  it.each([
    ['RENT-2026-000042'],
    ['  rent-2026-000042  '],
    ['Rent 2026 000042'],
    ['RENT2026000042'],
    ['RENT – 2026 — 000042'],
    ['RENT-2026\n000042'],
    ['Invoice RENT-2026-000042, Stroopwafel Logistics'],
    ['ref:RENT-2026-000042/server rental'],
    ['RENT-2026-000042 and again RENT 2026 000042'],
  ])('finds the invoice in %j', (text) => {
    expect(findPaymentReference(text)).toEqual({ kind: 'found', invoiceNumber: '2026-000042' });
  });

  it.each([
    ['an empty text', ''],
    ['no reference', 'server rental november'],
    ['the invoice number without RENT', '2026-000042'],
    ['RENT at the end of a longer word', 'CURRENT 2026 000042'],
    ['a sequence that runs on into more digits', 'RENT-2026-0000421'],
    ['a digit too few', 'RENT-2026-00042'],
    ['a space inside the sequence', 'RENT-2026-000 042'],
    ['other separators', 'RENT/2026/000042'],
    ['a sequence no invoice has', 'RENT-2026-000000'],
  ])('finds nothing in %s', (_, text) => {
    expect(findPaymentReference(text)).toEqual({ kind: 'none' });
  });

  it('does not guess between two invoices', () => {
    expect(findPaymentReference('RENT-2026-000042 + RENT-2026-000043')).toEqual({ kind: 'ambiguous', references: ['RENT-2026-000042', 'RENT-2026-000043'] });
  });
});
