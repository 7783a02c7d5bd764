import type { RenderedMessage } from './compose';
import { paymentFailed } from './payment-failed';

const CHECKOUT = 'https://pay.example.com/checkout/2026-000042?token=abc&lang=nl';
const input = () => ({
  invoiceNumber: '2026-000042',
  attempt: 2,
  reason: 'card declined: insufficient funds',
  checkoutUrl: CHECKOUT,
  retryUntil: '2026-11-26T09:05:00Z',
});

function rendered(result: ReturnType<typeof paymentFailed.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('payment-failed', () => {
  it('tells the English customer the attempt failed, why, and how and until when to try again', () => {
    const mail = rendered(paymentFailed.render('en', input()));
    expect(mail.subject).toBe('Your payment for invoice 2026-000042 did not go through');
    expect(mail.text).toContain(
      ['Invoice: 2026-000042', 'Attempt: 2', 'Reason: card declined: insufficient funds', 'You can try again until: 26 November 2026 at 09:05 UTC'].join('\n'),
    );
    expect(mail.text).toContain('through the link below until 26 November 2026 at 09:05 UTC');
    expect(mail.text).toContain(`Try again: ${CHECKOUT}`);
    expect(mail.html).toContain(`<a href="${CHECKOUT.replace('&', '&amp;')}">Try again</a>`);
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(paymentFailed.render('nl', input()));
    expect(mail.subject).toBe('Uw betaling voor factuur 2026-000042 is niet gelukt');
    expect(mail.text).toContain(
      ['Factuur: 2026-000042', 'Poging: 2', 'Reden: card declined: insufficient funds', 'Opnieuw proberen kan tot: 26 november 2026 om 09:05 UTC'].join('\n'),
    );
    expect(mail.text).toContain('U kunt het tot 26 november 2026 om 09:05 UTC opnieuw proberen');
    expect(mail.text).toContain(`Opnieuw betalen: ${CHECKOUT}`);
  });

  it('leaves the reason out when the provider gave none', () => {
    const { reason: _, ...withoutReason } = input();
    const mail = rendered(paymentFailed.render('en', withoutReason));
    expect(mail.text).toContain('Attempt: 2\nYou can try again until:');
    expect(mail.text).not.toContain('Reason');
  });

  it('links to the local sandbox checkout in development', () => {
    const sandbox = 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
    expect(rendered(paymentFailed.render('en', { ...input(), checkoutUrl: sandbox })).text).toContain(`Try again: ${sandbox}`);
  });

  it("escapes the provider's reason in the HTML", () => {
    const mail = rendered(paymentFailed.render('nl', { ...input(), reason: `<script>steal()</script> & 'co'` }));
    expect(mail.html).toContain('&lt;script&gt;steal()&lt;/script&gt; &amp; &#39;co&#39;');
    expect(mail.html).not.toContain('<script>');
  });

  it.each([
    ['a script link', { checkoutUrl: 'javascript:alert(1)' }, 'checkoutUrl'],
    ['an attempt zero', { attempt: 0 }, 'attempt'],
    ['a retry limit without a zone', { retryUntil: '2026-11-26T09:05:00' }, 'retryUntil'],
  ])('refuses %s', (_, override, path) => {
    const result = paymentFailed.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
