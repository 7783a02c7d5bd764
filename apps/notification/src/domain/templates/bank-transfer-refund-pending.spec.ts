import { bankTransferRefundPending, REFUND_PENDING_REASONS } from './bank-transfer-refund-pending';
import type { RenderedMessage } from './compose';

const NBSP = '\u00a0';
const input = (overrides: Record<string, unknown> = {}) => ({
  reason: 'overpaid',
  amount: { cents: 1_042, currency: 'EUR' },
  invoiceNumber: '2026-000042',
  paymentReference: 'RENT-2026-000042',
  transferReference: 'RENT 2026 000042',
  ...overrides,
});

function rendered(result: ReturnType<typeof bankTransferRefundPending.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('bank-transfer-refund-pending', () => {
  it('tells the English customer that the excess of an overpayment goes back', () => {
    const mail = rendered(bankTransferRefundPending.render('en', input()));
    expect(mail.subject).toBe('We will pay back €10.42 of your bank transfer');
    expect(mail.text).toContain(
      'You transferred more than invoice 2026-000042 asked for. The invoice is paid; we cannot keep the €10.42 too much and will pay it back.',
    );
    expect(mail.text).toContain(['To be paid back: €10.42', 'Invoice: 2026-000042', 'Reference on your transfer: RENT 2026 000042'].join('\n'));
    expect(mail.text).toContain('The money goes back to the account it came from');
    expect(mail.text).not.toContain('If the invoice is still to be paid');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(bankTransferRefundPending.render('nl', input({ reason: 'invoice_cancelled', amount: { cents: 23_958, currency: 'EUR' } })));
    expect(mail.subject).toBe(`Wij betalen €${NBSP}239,58 van uw overboeking terug`);
    expect(mail.text).toContain(
      `Factuur 2026-000042 is geannuleerd, dus daarop is niets meer verschuldigd. Wij betalen het hele bedrag van €${NBSP}239,58 terug.`,
    );
    expect(mail.text).toContain([`Terug te betalen: €${NBSP}239,58`, 'Factuur: 2026-000042', 'Omschrijving van uw overboeking: RENT 2026 000042'].join('\n'));
    expect(mail.text).toContain('Het geld gaat terug naar de rekening waarvan het kwam');
  });

  it('tells how to pay an invoice that a transfer in another currency left unpaid', () => {
    const mail = rendered(bankTransferRefundPending.render('en', input({ reason: 'currency_mismatch', amount: { cents: 25_000, currency: 'USD' } })));
    expect(mail.subject).toBe('We will pay back US$250.00 of your bank transfer');
    expect(mail.text).toContain('Your transfer was not in the currency of invoice 2026-000042');
    expect(mail.text).toContain(
      "If the invoice is still to be paid, transfer the amount due in the invoice's currency and quote the payment reference RENT-2026-000042.",
    );
    const dutch = rendered(bankTransferRefundPending.render('nl', input({ reason: 'currency_mismatch' })));
    expect(dutch.text).toContain('onder vermelding van betalingskenmerk RENT-2026-000042');
  });

  it.each(REFUND_PENDING_REASONS.flatMap((reason) => (['en', 'nl'] as const).map((language) => [reason, language] as const)))(
    'explains %s in %s',
    (reason, language) => {
      const mail = rendered(bankTransferRefundPending.render(language, input({ reason })));
      expect(mail.text).toContain('2026-000042');
      expect(mail.text).toContain(language === 'en' ? '€10.42' : `€${NBSP}10,42`);
    },
  );

  it('leaves out a transfer reference that was blank', () => {
    const mail = rendered(bankTransferRefundPending.render('en', input({ transferReference: undefined })));
    expect(mail.text).not.toContain('Reference on your transfer');
  });

  it.each([
    ['a reason billing does not send', { reason: 'changed_mind' }, 'reason'],
    ['a negative amount', { amount: { cents: -1, currency: 'EUR' } }, 'amount.cents'],
    ['a transfer reference over two lines', { transferReference: 'a\nBcc: x@example.com' }, 'transferReference'],
  ])('refuses %s', (_, override, path) => {
    const result = bankTransferRefundPending.render('en', input(override));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('escapes the transfer reference in the HTML', () => {
    const mail = rendered(bankTransferRefundPending.render('en', input({ transferReference: '<b>RENT</b>' })));
    expect(mail.html).toContain('&lt;b&gt;RENT&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>RENT');
  });
});
