import { checkoutPage, type CheckoutPageModel } from './checkout-page';

const model: CheckoutPageModel = {
  nonce: 'bm9uY2Utb2YtdGhlLXRlc3Q=',
  paymentId: 'e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  checkoutToken: 'q0Tn1pP6x3Wz_9kYcR2vBf8sLmA4uHj7eDg5iKo-NtE',
  invoiceNumber: '2026-000042',
  paymentReference: 'RENT-2026-000042',
  amountCents: 23_958,
  currency: 'EUR',
  status: 'open',
  attempts: [],
};

describe('sandbox checkout page', () => {
  it('shows the invoice and the amount, and posts the chosen outcome to the completion URL', () => {
    const html = checkoutPage(model);
    expect(html).toContain('<dd id="invoice-number">2026-000042</dd>');
    expect(html).toContain('<dd id="amount">EUR 239.58</dd>');
    expect(html).toContain('<dd id="payment-reference">RENT-2026-000042</dd>');
    expect(html).toContain('pay by bank transfer, quoting the payment reference RENT-2026-000042');
    expect(html).toContain('data-outcome="paid">Pay</button>');
    expect(html).toContain('data-outcome="failed">Fail</button>');
    expect(html).toContain('<input id="reason"');
    expect(html).toContain('"/sandbox/checkout/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b/q0Tn1pP6x3Wz_9kYcR2vBf8sLmA4uHj7eDg5iKo-NtE/complete"');
    expect(html).not.toContain('id="attempts"');
    expect(html).not.toContain('id="billing-address"');
    // Its one script runs by the nonce of its Content-Security-Policy.
    expect(html.match(/<script/g)).toEqual(['<script']);
    expect(html).toContain('<script nonce="bm9uY2Utb2YtdGhlLXRlc3Q=">');
  });

  it('offers no buttons while too many failed attempts keep it shut, and says until when and how else to pay', () => {
    const html = checkoutPage({
      ...model,
      lockedUntil: new Date('2026-12-01T09:15:00Z'),
      attempts: [{ attempt: 5, outcome: 'failed', failureReason: 'card declined' }],
    });
    expect(html).toContain(
      'Too many failed attempts: try again after 2026-12-01T09:15:00.000Z, or pay by bank transfer, quoting the payment reference RENT-2026-000042.',
    );
    expect(html).not.toContain('<button');
    expect(html).not.toContain('<script');
  });

  it('shows the billing address the invoice was issued with', () => {
    const html = checkoutPage({
      ...model,
      billingAddress: { line1: 'Havenstraat 12', line2: '4th floor', postalCode: '3011 AB', city: 'Rotterdam', country: 'NL' },
    });
    expect(html).toContain('<dd id="billing-address">Havenstraat 12<br>4th floor<br>3011 AB Rotterdam<br>NL</dd>');
  });

  it('lists failed attempts and still offers to pay', () => {
    const html = checkoutPage({ ...model, attempts: [{ attempt: 1, outcome: 'failed', failureReason: 'insufficient funds' }] });
    expect(html).toContain('<li value="1">failed: insufficient funds</li>');
    expect(html).toContain('data-outcome="paid">Pay</button>');
  });

  it('offers no buttons once the payment is paid', () => {
    const html = checkoutPage({
      ...model,
      status: 'paid',
      attempts: [
        { attempt: 1, outcome: 'failed', failureReason: 'card declined' },
        { attempt: 2, outcome: 'paid', failureReason: null },
      ],
    });
    expect(html).not.toContain('<button');
    expect(html).not.toContain('id="bank-transfer"');
    expect(html).toContain('<li value="2">paid</li>');
    expect(html).toContain('This payment is paid.');
  });

  it('escapes what it prints', () => {
    const html = checkoutPage({
      ...model,
      invoiceNumber: '<script>x</script>',
      paymentReference: '"RENT"',
      billingAddress: { line1: '<i>Havenstraat</i>', postalCode: '3011 AB', city: 'Rotterdam', country: 'NL' },
      attempts: [{ attempt: 1, outcome: 'failed', failureReason: '<b>' }],
    });
    expect(html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(html).toContain('<dd id="payment-reference">&quot;RENT&quot;</dd>');
    expect(html).toContain('failed: &lt;b&gt;');
    expect(html).toContain('<dd id="billing-address">&lt;i&gt;Havenstraat&lt;/i&gt;<br>3011 AB Rotterdam<br>NL</dd>');
  });
});
