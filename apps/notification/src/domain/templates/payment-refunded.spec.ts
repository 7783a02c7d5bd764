import type { RenderedMessage } from './compose';
import { paymentRefunded } from './payment-refunded';

const NBSP = '\u00a0';
const input = () => ({
  refundNumber: 'RF-2026-000003',
  invoiceNumber: '2026-000042',
  amount: { cents: 23_958, currency: 'EUR' },
  reason: 'provisioning_failed' as const,
});

function rendered(result: ReturnType<typeof paymentRefunded.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('payment-refunded', () => {
  it('tells the English customer the number, the amount, the invoice and the reason', () => {
    const mail = rendered(paymentRefunded.render('en', input()));
    expect(mail.subject).toBe('Refund RF-2026-000003 for invoice 2026-000042');
    expect(mail.text).toContain('We have refunded €239.58 of your payment for invoice 2026-000042');
    expect(mail.text).toContain(
      ['Refund: RF-2026-000003', 'Invoice: 2026-000042', 'Amount refunded: €239.58', 'Reason: we could not deliver your servers'].join('\n'),
    );
  });

  it('tells the Dutch customer in Dutch, the amount in Dutch notation', () => {
    const mail = rendered(paymentRefunded.render('nl', input()));
    expect(mail.subject).toBe('Terugbetaling RF-2026-000003 voor factuur 2026-000042');
    expect(mail.text).toContain(`Wij hebben €${NBSP}239,58 van uw betaling voor factuur 2026-000042 terugbetaald`);
    expect(mail.text).toContain(
      ['Terugbetaling: RF-2026-000003', 'Factuur: 2026-000042', `Terugbetaald bedrag: €${NBSP}239,58`, 'Reden: wij konden uw servers niet leveren'].join('\n'),
    );
  });

  it.each([
    ['late_payment', 'your payment arrived after the invoice had been cancelled'],
    ['duplicate_payment', 'the invoice had already been paid'],
    ['extension_lapsed', 'the extension was paid after the rental had ended, too late to apply'],
  ] as const)('names the reason %s', (reason, words) => {
    expect(rendered(paymentRefunded.render('en', { ...input(), reason })).text).toContain(`Reason: ${words}`);
  });

  it('escapes the numbers in the HTML', () => {
    const mail = rendered(paymentRefunded.render('nl', { ...input(), invoiceNumber: `<a href="x">1</a> & 'y'` }));
    expect(mail.html).toContain('&lt;a href=&quot;x&quot;&gt;1&lt;/a&gt; &amp; &#39;y&#39;');
    expect(mail.html).not.toContain('<a href="x">');
  });

  it.each([
    ['an unknown reason', { reason: 'chargeback' }, 'reason'],
    ['a negative amount', { amount: { cents: -1, currency: 'EUR' } }, 'amount.cents'],
  ])('refuses %s', (_, override, path) => {
    const result = paymentRefunded.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
