import type { RenderedMessage } from './compose';
import { invoiceIssued } from './invoice-issued';

const NBSP = '\u00a0';
const CHECKOUT = 'https://pay.example.com/checkout/2026-000042?token=abc&lang=nl';
const input = () => ({
  invoiceNumber: '2026-000042',
  amountDue: { cents: 149_374, currency: 'EUR' },
  dueAt: '2026-11-25T14:05:00Z',
  checkoutUrl: CHECKOUT,
});

function rendered(result: ReturnType<typeof invoiceIssued.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('invoice-issued', () => {
  it('tells the English customer how much, by when and where to pay', () => {
    const mail = rendered(invoiceIssued.render('en', input()));
    expect(mail.subject).toBe('Your invoice 2026-000042');
    expect(mail.text).toContain(['Invoice number: 2026-000042', 'Amount due: €1,493.74', 'Due: 25 November 2026 at 14:05 UTC'].join('\n'));
    expect(mail.text).toContain(`Pay online: ${CHECKOUT}`);
    expect(mail.text).toContain('not paid in time is cancelled');
    expect(mail.html).toContain(`<a href="${CHECKOUT.replace('&', '&amp;')}">Pay online</a>`);
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(invoiceIssued.render('nl', input()));
    expect(mail.subject).toBe('Uw factuur 2026-000042');
    expect(mail.text).toContain(['Factuurnummer: 2026-000042', `Te betalen: €${NBSP}1.493,74`, 'Vervaldatum: 25 november 2026 om 14:05 UTC'].join('\n'));
    expect(mail.text).toContain(`Online betalen: ${CHECKOUT}`);
    expect(mail.text).toContain('wordt geannuleerd');
    expect(mail.html).toContain('>Online betalen</a>');
  });

  it("links to the sandbox provider's local checkout when the platform runs on a developer's machine", () => {
    const sandbox = 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
    const mail = rendered(invoiceIssued.render('en', { ...input(), checkoutUrl: sandbox }));
    expect(mail.text).toContain(`Pay online: ${sandbox}`);
  });

  it('escapes the invoice number in the HTML', () => {
    const mail = rendered(invoiceIssued.render('en', { ...input(), invoiceNumber: `<b>"1"</b> & 'x'` }));
    expect(mail.html).toContain('&lt;b&gt;&quot;1&quot;&lt;/b&gt; &amp; &#39;x&#39;');
    expect(mail.html).not.toContain('<b>');
  });

  it.each([
    ['a checkout link without https', { checkoutUrl: 'http://pay.example.com/checkout' }, 'checkoutUrl'],
    ['a script link', { checkoutUrl: 'javascript:alert(document.cookie)' }, 'checkoutUrl'],
    ['an invalid due date', { dueAt: 'next Tuesday' }, 'dueAt'],
    ['a negative amount', { amountDue: { cents: -100, currency: 'EUR' } }, 'amountDue.cents'],
  ])('refuses %s', (_, override, path) => {
    const result = invoiceIssued.render('nl', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(new Set(result.error.issues.map((issue) => issue.path))).toEqual(new Set([path]));
  });
});
