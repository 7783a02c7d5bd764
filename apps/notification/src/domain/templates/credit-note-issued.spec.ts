import type { RenderedMessage } from './compose';
import { creditNoteIssued } from './credit-note-issued';

const NBSP = '\u00a0';
const eur = (cents: number) => ({ cents, currency: 'EUR' });
const input = () => ({
  creditNoteNumber: 'CN-2026-000007',
  invoiceNumber: '2026-000042',
  reason: 'payment_window_closed' as const,
  net: eur(123_400),
  vat: eur(25_914),
  gross: eur(149_314),
  invoiceCancelled: true,
});

function rendered(result: ReturnType<typeof creditNoteIssued.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('credit-note-issued', () => {
  it('tells the English customer the number, the invoice, the amount and the reason', () => {
    const mail = rendered(creditNoteIssued.render('en', input()));
    expect(mail.subject).toBe('Credit note CN-2026-000007 for invoice 2026-000042');
    expect(mail.text).toContain('We have credited €1,493.14 of invoice 2026-000042.');
    expect(mail.text).toContain(
      [
        'Credit note: CN-2026-000007',
        'Invoice: 2026-000042',
        'Reason: the invoice was not paid before it was due, so the order was cancelled',
        'Credited (excl. VAT): €1,234.00',
        'VAT: €259.14',
        'Total credited: €1,493.14',
      ].join('\n'),
    );
    expect(mail.text).toContain('The invoice is now cancelled: nothing is owed on it.');
  });

  it('tells the Dutch customer in Dutch, amounts in Dutch notation', () => {
    const mail = rendered(creditNoteIssued.render('nl', input()));
    expect(mail.subject).toBe('Creditnota CN-2026-000007 voor factuur 2026-000042');
    expect(mail.text).toContain(`Wij hebben €${NBSP}1.493,14 van factuur 2026-000042 gecrediteerd.`);
    expect(mail.text).toContain(
      [
        'Creditnota: CN-2026-000007',
        'Factuur: 2026-000042',
        'Reden: de factuur is niet vóór de vervaldatum betaald, waardoor de bestelling is geannuleerd',
        `Gecrediteerd (excl. btw): €${NBSP}1.234,00`,
        `Btw: €${NBSP}259,14`,
        `Totaal gecrediteerd: €${NBSP}1.493,14`,
      ].join('\n'),
    );
    expect(mail.text).toContain('De factuur is hiermee geannuleerd');
  });

  it('says the rest of the invoice stands when it credits only part of it (unused days)', () => {
    const mail = rendered(creditNoteIssued.render('en', { ...input(), reason: 'unused_days', invoiceCancelled: false }));
    expect(mail.text).toContain('Reason: the whole days you did not use after cancelling the rental');
    expect(mail.text).toContain('The rest of the invoice stands.');
    expect(mail.text).not.toContain('now cancelled');
  });

  it('escapes the numbers in the HTML', () => {
    const mail = rendered(creditNoteIssued.render('en', { ...input(), creditNoteNumber: `CN<i>"7"</i>&'` }));
    expect(mail.html).toContain('CN&lt;i&gt;&quot;7&quot;&lt;/i&gt;&amp;&#39;');
    expect(mail.html).not.toContain('<i>');
  });

  it.each([
    ['an unknown reason', { reason: 'goodwill' }, 'reason'],
    ['fractional cents', { gross: eur(1.5) }, 'gross.cents'],
    ['a missing cancellation flag', { invoiceCancelled: undefined }, 'invoiceCancelled'],
  ])('refuses %s', (_, override, path) => {
    const result = creditNoteIssued.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
