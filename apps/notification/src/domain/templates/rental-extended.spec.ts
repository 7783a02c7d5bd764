import type { RenderedMessage } from './compose';
import { rentalExtended } from './rental-extended';

const ORDER = '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11';
const input = () => ({ orderId: ORDER, invoiceNumber: '2026-000057', previousEnd: '2026-12-31T09:00:00Z', newEnd: '2027-01-07T09:00:00Z' });

function rendered(result: ReturnType<typeof rentalExtended.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('rental-extended', () => {
  it('tells the English customer the new end', () => {
    const mail = rendered(rentalExtended.render('en', input()));
    expect(mail.subject).toBe(`Your rental ${ORDER} is extended until 7 January 2027`);
    expect(mail.text).toContain('Thank you for paying invoice 2026-000057: your rental is extended');
    expect(mail.text).toContain([`Order: ${ORDER}`, 'Previous end: 31 December 2026 at 09:00 UTC', 'New end: 7 January 2027 at 09:00 UTC'].join('\n'));
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(rentalExtended.render('nl', input()));
    expect(mail.subject).toBe(`Uw huur ${ORDER} is verlengd tot 7 januari 2027`);
    expect(mail.text).toContain('Hartelijk dank voor het betalen van factuur 2026-000057');
    expect(mail.text).toContain(
      [`Bestelling: ${ORDER}`, 'Vorige einddatum: 31 december 2026 om 09:00 UTC', 'Nieuwe einddatum: 7 januari 2027 om 09:00 UTC'].join('\n'),
    );
  });

  it('escapes the order id in the HTML', () => {
    const mail = rendered(rentalExtended.render('en', { ...input(), orderId: `<b>"o"</b>&'` }));
    expect(mail.html).toContain('&lt;b&gt;&quot;o&quot;&lt;/b&gt;&amp;&#39;');
    expect(mail.html).not.toContain('<b>');
  });

  it('refuses a new end that is not after the previous one', () => {
    const result = rentalExtended.render('en', { ...input(), newEnd: '2026-12-31T09:00:00Z' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual(['newEnd']);
  });
});
