import type { RenderedMessage } from './compose';
import { orderReceived } from './order-received';

const NBSP = '\u00a0';
const input = () => ({
  orderId: 'ord-42',
  plan: 'CX-4 (4 vCPU, 8 GB RAM)',
  location: 'Amsterdam',
  period: { start: '2026-03-01T00:00:00Z', end: new Date('2026-03-31T00:00:00.000Z') },
  total: { cents: 123_450, currency: 'EUR' },
});

function rendered(result: ReturnType<typeof orderReceived.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('order-received', () => {
  it('tells the English customer what was ordered', () => {
    const mail = rendered(orderReceived.render('en', input()));
    expect(mail.subject).toBe('We have received your order ord-42');
    expect(mail.text).toContain('Thank you for your order.');
    expect(mail.text).toContain(
      [
        'Order: ord-42',
        'Plan: CX-4 (4 vCPU, 8 GB RAM)',
        'Location: Amsterdam',
        'Period: 1 March 2026 at 00:00 UTC until 31 March 2026 at 00:00 UTC',
        'Total (excl. VAT): €1,234.50',
      ].join('\n'),
    );
    expect(mail.html).toContain('<td>€1,234.50</td>');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(orderReceived.render('nl', input()));
    expect(mail.subject).toBe('We hebben uw bestelling ord-42 ontvangen');
    expect(mail.text).toContain('Hartelijk dank voor uw bestelling.');
    expect(mail.text).toContain(
      [
        'Bestelling: ord-42',
        'Pakket: CX-4 (4 vCPU, 8 GB RAM)',
        'Locatie: Amsterdam',
        'Periode: 1 maart 2026 om 00:00 UTC tot 31 maart 2026 om 00:00 UTC',
        `Totaal (excl. btw): €${NBSP}1.234,50`,
      ].join('\n'),
    );
    expect(mail.text).toContain('btw op de factuur');
    expect(mail.html).toContain('<html lang="nl">');
    expect(mail.text).not.toMatch(/Thank|Order:|Plan:/);
  });

  it('escapes what the customer or catalogue typed', () => {
    const mail = rendered(orderReceived.render('en', { ...input(), plan: '<script>alert("x")</script> & co' }));
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
    expect(mail.text).toContain('Plan: <script>alert("x")</script> & co');
  });

  it.each([
    ['a missing order id', { orderId: undefined }, 'orderId'],
    ['an empty plan', { plan: '  ' }, 'plan'],
    ['a period that ends before it starts', { period: { start: '2026-03-31T00:00:00Z', end: '2026-03-01T00:00:00Z' } }, 'period.end'],
    ['a period without zones', { period: { start: '2026-03-01T00:00:00', end: '2026-03-31T00:00:00' } }, 'period.start'],
    ['fractional cents', { total: { cents: 10.5, currency: 'EUR' } }, 'total.cents'],
  ])('refuses %s', (_, override, path) => {
    const result = orderReceived.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toContain(path);
  });
});
