import type { RenderedMessage } from './compose';
import { rentalEndingSoon } from './rental-ending-soon';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const input = (daysLeft = 3) => ({ orderId: ORDER, endsAt: '2026-12-31T09:00:00Z', daysLeft });

function rendered(result: ReturnType<typeof rentalEndingSoon.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('rental-ending-soon', () => {
  it('tells the English customer the days left, the end, and how to extend through the API', () => {
    const mail = rendered(rentalEndingSoon.render('en', input()));
    expect(mail.subject).toBe(`Your rental ${ORDER} ends in 3 days`);
    expect(mail.text).toContain('Your rental ends on 31 December 2026 at 09:00 UTC.');
    expect(mail.text).toContain('their disks wiped: please save any data you want to keep');
    expect(mail.text).toContain([`Order: ${ORDER}`, 'Ends: 31 December 2026 at 09:00 UTC'].join('\n'));
    expect(mail.text).toContain(`    POST /v1/orders/${ORDER}/extensions\n\n    {"duration": "P1W"}`);
    expect(mail.text).toContain('once it is paid before the rental ends, the end date moves');
    expect(mail.html).toContain(`<pre><code>POST /v1/orders/${ORDER}/extensions</code></pre>`);
    expect(mail.html).toContain('<pre><code>{&quot;duration&quot;: &quot;P1W&quot;}</code></pre>');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(rentalEndingSoon.render('nl', input()));
    expect(mail.subject).toBe(`Uw huur ${ORDER} eindigt over 3 dagen`);
    expect(mail.text).toContain('Uw huur eindigt op 31 december 2026 om 09:00 UTC.');
    expect(mail.text).toContain([`Bestelling: ${ORDER}`, 'Einde: 31 december 2026 om 09:00 UTC'].join('\n'));
    expect(mail.text).toContain(`    POST /v1/orders/${ORDER}/extensions`);
    expect(mail.text).toContain('schuift de einddatum op');
  });

  it('says "1 day" in the singular', () => {
    expect(rendered(rentalEndingSoon.render('en', input(1))).subject).toBe(`Your rental ${ORDER} ends in 1 day`);
    expect(rendered(rentalEndingSoon.render('nl', input(1))).subject).toBe(`Uw huur ${ORDER} eindigt over 1 dag`);
  });

  it('escapes the order id in the HTML', () => {
    const mail = rendered(rentalEndingSoon.render('en', { ...input(), orderId: `<x>"1"&'` }));
    expect(mail.html).toContain('POST /v1/orders/&lt;x&gt;&quot;1&quot;&amp;&#39;/extensions');
    expect(mail.html).not.toContain('<x>');
  });

  it.each([
    ['no days left', { daysLeft: 0 }, 'daysLeft'],
    ['part of a day', { daysLeft: 1.5 }, 'daysLeft'],
  ])('refuses %s', (_, override, path) => {
    const result = rentalEndingSoon.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
