import { checkoutPage } from './checkout-page';

const model = {
  paymentId: 'e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  invoiceNumber: '2026-000042',
  amountCents: 23_958,
  currency: 'EUR',
  status: 'open' as const,
};

describe('sandbox checkout page', () => {
  it('shows the invoice and the amount, and posts the chosen outcome to the completion URL', () => {
    const html = checkoutPage(model);
    expect(html).toContain('<dd id="invoice-number">2026-000042</dd>');
    expect(html).toContain('<dd id="amount">EUR 239.58</dd>');
    expect(html).toContain('data-outcome="paid">Pay</button>');
    expect(html).toContain('data-outcome="failed">Fail</button>');
    expect(html).toContain('"/sandbox/checkout/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b/complete"');
  });

  it('offers no buttons once the payment is completed', () => {
    const html = checkoutPage({ ...model, status: 'paid' });
    expect(html).not.toContain('<button');
    expect(html).toContain('This payment is paid.');
  });

  it('escapes what it prints', () => {
    expect(checkoutPage({ ...model, invoiceNumber: '<script>x</script>' })).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});
