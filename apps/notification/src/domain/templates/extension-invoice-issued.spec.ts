import type { RenderedMessage } from './compose';
import { extensionInvoiceIssued } from './extension-invoice-issued';

const NBSP = '\u00a0';
const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const CHECKOUT = 'https://pay.example.com/checkout/2026-000057?token=abc&lang=nl';
const input = () => ({
  invoiceNumber: '2026-000057',
  orderId: ORDER,
  amountDue: { cents: 7_986, currency: 'EUR' },
  dueAt: '2026-12-31T09:00:00Z',
  checkoutUrl: CHECKOUT,
});

function rendered(result: ReturnType<typeof extensionInvoiceIssued.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('extension-invoice-issued', () => {
  it("tells the English customer it is the extension's invoice, what happens paid and unpaid, and where to pay", () => {
    const mail = rendered(extensionInvoiceIssued.render('en', input()));
    expect(mail.subject).toBe('Your invoice 2026-000057 for extending your rental');
    expect(mail.text).toContain(['Invoice number: 2026-000057', `Order: ${ORDER}`, 'Amount due: €79.86', 'Due: 31 December 2026 at 09:00 UTC'].join('\n'));
    expect(mail.text).toContain('Once it is paid, your rental is extended');
    expect(mail.text).toContain('If it is not paid by 31 December 2026 at 09:00 UTC, your rental ends as planned.');
    expect(mail.text).toContain(`Pay online: ${CHECKOUT}`);
    // The first invoice's promises do not hold for a rental that already runs.
    expect(mail.text).not.toContain('cancelled');
    expect(mail.text).not.toContain('start preparing');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(extensionInvoiceIssued.render('nl', input()));
    expect(mail.subject).toBe('Uw factuur 2026-000057 voor de verlenging van uw huur');
    expect(mail.text).toContain(
      ['Factuurnummer: 2026-000057', `Bestelling: ${ORDER}`, `Te betalen: €${NBSP}79,86`, 'Vervaldatum: 31 december 2026 om 09:00 UTC'].join('\n'),
    );
    expect(mail.text).toContain('Is de factuur op 31 december 2026 om 09:00 UTC niet betaald, dan eindigt uw huur zoals gepland.');
    expect(mail.html).toContain(`<a href="${CHECKOUT.replace('&', '&amp;')}">Online betalen</a>`);
  });

  it('escapes the invoice number in the HTML', () => {
    const mail = rendered(extensionInvoiceIssued.render('en', { ...input(), invoiceNumber: `<u>"57"</u> & 'x'` }));
    expect(mail.html).toContain('&lt;u&gt;&quot;57&quot;&lt;/u&gt; &amp; &#39;x&#39;');
    expect(mail.html).not.toContain('<u>');
  });

  it.each([
    ['a plain-http checkout elsewhere', { checkoutUrl: 'http://pay.example.com/checkout' }, 'checkoutUrl'],
    ['no order', { orderId: '  ' }, 'orderId'],
  ])('refuses %s', (_, override, path) => {
    const result = extensionInvoiceIssued.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
