import { Money } from '@rental/money';
import type { BillingAddress } from '../../domain/invoice-types';

export interface CheckoutPageModel {
  /** The nonce the page's Content-Security-Policy lets its script run by. */
  readonly nonce: string;
  readonly paymentId: string;
  /** From the checkout URL the page was opened with: completing the payment needs it too. */
  readonly checkoutToken: string;
  readonly invoiceNumber: string;
  /** What to quote when paying the invoice by bank transfer instead. */
  readonly paymentReference: string;
  readonly amountCents: number;
  readonly currency: string;
  /** The invoice's; absent when it names none (a customer the CRM does not know). */
  readonly billingAddress?: BillingAddress;
  readonly status: 'open' | 'paid';
  /** Earlier tries, the first first. */
  readonly attempts: readonly { readonly attempt: number; readonly outcome: 'paid' | 'failed'; readonly failureReason: string | null }[];
  /** Too many failed attempts: no buttons until then. */
  readonly lockedUntil?: Date;
}

/**
 * The sandbox's checkout: the amount, the invoice, its payment reference for a bank transfer and who it bills, the attempts so far, and a Pay and a Fail
 * button (with the reason to fail with) that post the outcome to .../complete, the same call the
 * demo and the tests make. After a failed attempt the buttons come back, so the payer can try again.
 */
export function checkoutPage(model: CheckoutPageModel): string {
  const amount = escapeHtml(Money.of(model.amountCents, model.currency).toString());
  const invoice = escapeHtml(model.invoiceNumber);
  const reference = escapeHtml(model.paymentReference);
  const billedTo =
    model.billingAddress === undefined
      ? ''
      : `\n    <dt>Billed to</dt><dd id="billing-address">${addressLines(model.billingAddress).map(escapeHtml).join('<br>')}</dd>`;
  const completeUrl = `/sandbox/checkout/${encodeURIComponent(model.paymentId)}/${encodeURIComponent(model.checkoutToken)}/complete`;
  const attempts =
    model.attempts.length === 0
      ? ''
      : `<ol id="attempts">
    ${model.attempts.map((a) => `<li value="${a.attempt}">${a.outcome === 'paid' ? 'paid' : `failed: ${escapeHtml(a.failureReason ?? 'no reason given')}`}</li>`).join('\n    ')}
  </ol>`;
  const locked =
    model.lockedUntil === undefined
      ? undefined
      : `<p id="result" role="status">Too many failed attempts: try again after ${escapeHtml(model.lockedUntil.toISOString())}, or pay by bank transfer, quoting the payment reference ${reference}.</p>`;
  const actions =
    locked ??
    (model.status === 'open'
      ? `<p id="bank-transfer">Or pay by bank transfer, quoting the payment reference ${reference}. This checkout
    always collects the full amount: once part of it is paid by bank transfer, pay the rest by bank transfer too.</p>
  <p>
    <button type="button" data-outcome="paid">Pay</button>
    <button type="button" data-outcome="failed">Fail</button>
    <label>reason to fail with <input id="reason" type="text" value="card declined" maxlength="500"></label>
  </p>
  <p id="result" role="status"></p>
  <script nonce="${escapeHtml(model.nonce)}">
    const result = document.getElementById('result');
    const buttons = document.querySelectorAll('button[data-outcome]');
    for (const button of buttons) {
      button.addEventListener('click', async () => {
        buttons.forEach((b) => (b.disabled = true));
        const outcome = button.dataset.outcome;
        const reason = document.getElementById('reason').value.trim();
        const response = await fetch(${JSON.stringify(completeUrl)}, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(outcome === 'failed' && reason !== '' ? { outcome, reason } : { outcome }),
        });
        if (!response.ok) {
          result.textContent = 'Could not complete the payment: ' + (await response.text());
          return;
        }
        const answer = await response.json();
        if (outcome === 'paid') {
          result.textContent = 'Paid. You can close this page.';
        } else {
          result.textContent = 'Attempt ' + answer.attempt + ' failed: ' + answer.failureReason + '. You can try again.';
          buttons.forEach((b) => (b.disabled = false));
        }
      });
    }
  </script>`
      : `<p id="result" role="status">This payment is paid.</p>`);
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
    <dt>Payment reference</dt><dd id="payment-reference">${reference}</dd>${billedTo}
  </dl>
  ${attempts}
  ${actions}
</body>
</html>
`;
}

function addressLines({ line1, line2, postalCode, city, country }: BillingAddress): string[] {
  return [line1, ...(line2 === undefined ? [] : [line2]), `${postalCode} ${city}`, country];
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
