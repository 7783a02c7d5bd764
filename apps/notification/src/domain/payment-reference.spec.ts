import { invoiceIssuedV1 } from '@rental/contracts';
import { paymentReferenceOf } from './payment-reference';

describe('paymentReferenceOf', () => {
  it('is the reference the contract prints on the invoice', () => {
    expect(paymentReferenceOf('2026-000042')).toBe('RENT-2026-000042');
    expect(invoiceIssuedV1.schema.shape.paymentReference.safeParse(paymentReferenceOf('2026-000042')).success).toBe(true);
    expect(invoiceIssuedV1.example).toMatchObject({ invoiceNumber: '2026-000042', paymentReference: paymentReferenceOf('2026-000042') });
  });
});
