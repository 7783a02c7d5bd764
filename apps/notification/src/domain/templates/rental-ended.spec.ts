import type { RenderedMessage } from './compose';
import { rentalEnded } from './rental-ended';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const input = () => ({ orderId: ORDER, endedAt: '2026-12-31T09:00:00Z' });

function rendered(result: ReturnType<typeof rentalEnded.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('rental-ended', () => {
  it('tells the English customer the rental is over and the servers are stopped and wiped', () => {
    const mail = rendered(rentalEnded.render('en', input()));
    expect(mail.subject).toBe(`Your rental ${ORDER} has ended`);
    expect(mail.text).toContain([`Order: ${ORDER}`, 'Ended: 31 December 2026 at 09:00 UTC'].join('\n'));
    expect(mail.text).toContain('Your servers are being stopped and their disks wiped');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(rentalEnded.render('nl', input()));
    expect(mail.subject).toBe(`Uw huur ${ORDER} is afgelopen`);
    expect(mail.text).toContain([`Bestelling: ${ORDER}`, 'Afgelopen: 31 december 2026 om 09:00 UTC'].join('\n'));
    expect(mail.text).toContain('Uw servers worden gestopt en hun schijven gewist');
  });

  it('escapes the order id in the HTML', () => {
    const mail = rendered(rentalEnded.render('nl', { ...input(), orderId: `<s>"o"</s>&'` }));
    expect(mail.html).toContain('&lt;s&gt;&quot;o&quot;&lt;/s&gt;&amp;&#39;');
    expect(mail.html).not.toContain('<s>');
  });

  it('refuses an end without a zone', () => {
    const result = rentalEnded.render('en', { ...input(), endedAt: '2026-12-31T09:00:00' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual(['endedAt']);
  });
});
