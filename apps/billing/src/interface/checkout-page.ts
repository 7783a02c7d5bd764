import { Money } from '@rental/money';

export interface CheckoutPageModel {
  readonly paymentId: string;
  readonly invoiceNumber: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly status: 'open' | 'paid' | 'failed';
}

/**
 * The sandbox's checkout: the amount and the invoice, and a Pay and a Fail button that post the
 * outcome to .../complete, the same call the demo and the tests make.
 */
export function checkoutPage(model: CheckoutPageModel): string {
  const amount = escapeHtml(Money.of(model.amountCents, model.currency).toString());
  const invoice = escapeHtml(model.invoiceNumber);
  const completeUrl = `/sandbox/checkout/${encodeURIComponent(model.paymentId)}/complete`;
  const actions =
    model.status === 'open'
      ? `<p>
    <button type="button" data-outcome="paid">Pay</button>
    <button type="button" data-outcome="failed">Fail</button>
  </p>
  <p id="result" role="status"></p>
  <script>
    const result = document.getElementById('result');
    for (const button of document.querySelectorAll('button[data-outcome]')) {
      button.addEventListener('click', async () => {
        document.querySelectorAll('button').forEach((b) => (b.disabled = true));
        const response = await fetch(${JSON.stringify(completeUrl)}, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ outcome: button.dataset.outcome }),
        });
        result.textContent = response.ok
          ? (button.dataset.outcome === 'paid' ? 'Paid. You can close this page.' : 'The payment failed.')
          : 'Could not complete the payment: ' + (await response.text());
      });
    }
  </script>`
      : `<p id="result" role="status">This payment is ${model.status === 'paid' ? 'paid' : 'failed'}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Sandbox checkout: invoice ${invoice}</title>
</head>
<body>
  <h1>Sandbox checkout</h1>
  <p>No real money moves here: this stands in for a payment provider's checkout.</p>
  <dl>
    <dt>Invoice</dt><dd id="invoice-number">${invoice}</dd>
    <dt>Amount</dt><dd id="amount">${amount}</dd>
  </dl>
  ${actions}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
