import type { RenderedMessage } from './compose';
import { paymentReceived } from './payment-received';

const NBSP = '\u00a0';
const input = () => ({ amount: { cents: 149_374, currency: 'EUR' }, invoiceNumber: '2026-000042' });

function rendered(result: ReturnType<typeof paymentReceived.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('payment-received', () => {
  it('confirms the amount and the invoice in English', () => {
    const mail = rendered(paymentReceived.render('en', input()));
    expect(mail.subject).toBe('Payment received for invoice 2026-000042');
    expect(mail.text).toContain('we have received your payment of €1,493.74.');
    expect(mail.text).toContain('Amount: €1,493.74\nInvoice: 2026-000042');
    expect(mail.html).toContain('<td>2026-000042</td>');
  });

  it('confirms them in Dutch', () => {
    const mail = rendered(paymentReceived.render('nl', input()));
    expect(mail.subject).toBe('Betaling ontvangen voor factuur 2026-000042');
    expect(mail.text).toContain(`wij hebben uw betaling van €${NBSP}1.493,74 ontvangen.`);
    expect(mail.text).toContain(`Bedrag: €${NBSP}1.493,74\nFactuur: 2026-000042`);
    expect(mail.text).toContain('u hoeft verder niets te doen');
  });

  it('escapes the invoice number in the HTML', () => {
    const mail = rendered(paymentReceived.render('en', { ...input(), invoiceNumber: '<img src=x onerror=alert(1)>' }));
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each([
    ['no amount', { amount: undefined }, 'amount'],
    ['a lower-case currency', { amount: { cents: 100, currency: 'eur' } }, 'amount.currency'],
    ['an invoice number over two lines', { invoiceNumber: '2026-000042\nBcc: x@example.com' }, 'invoiceNumber'],
  ])('refuses %s', (_, override, path) => {
    const result = paymentReceived.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
