import type { RenderedMessage } from './compose';
import { partialPaymentReceived } from './partial-payment-received';

const NBSP = '\u00a0';
const input = () => ({
  invoiceNumber: '2026-000042',
  received: { cents: 20_000, currency: 'EUR' },
  balanceDue: { cents: 3_958, currency: 'EUR' },
  paymentReference: 'RENT-2026-000042',
});

function rendered(result: ReturnType<typeof partialPaymentReceived.render>): RenderedMessage {
  if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('partial-payment-received', () => {
  it('tells the English customer what arrived, what is still due and the reference to pay it with', () => {
    const mail = rendered(partialPaymentReceived.render('en', input()));
    expect(mail.subject).toBe('Part of the payment for invoice 2026-000042 received');
    expect(mail.text).toContain(
      'we have received your bank transfer of €200.00 for invoice 2026-000042. It does not cover the whole invoice: €39.58 is still due.',
    );
    expect(mail.text).toContain(['Invoice: 2026-000042', 'Received: €200.00', 'Still due: €39.58', 'Payment reference: RENT-2026-000042'].join('\n'));
    expect(mail.text).toContain('Please transfer the remaining €39.58 and quote the payment reference RENT-2026-000042');
    expect(mail.html).toContain('<td>RENT-2026-000042</td>');
  });

  it('tells the Dutch customer in Dutch', () => {
    const mail = rendered(partialPaymentReceived.render('nl', input()));
    expect(mail.subject).toBe('Deel van de betaling voor factuur 2026-000042 ontvangen');
    expect(mail.text).toContain(
      `wij hebben uw overboeking van €${NBSP}200,00 voor factuur 2026-000042 ontvangen. Die dekt niet de hele factuur: er staat nog €${NBSP}39,58 open.`,
    );
    expect(mail.text).toContain(
      ['Factuur: 2026-000042', `Ontvangen: €${NBSP}200,00`, `Nog te betalen: €${NBSP}39,58`, 'Betalingskenmerk: RENT-2026-000042'].join('\n'),
    );
    expect(mail.text).toContain(`Maak het resterende bedrag van €${NBSP}39,58 over onder vermelding van betalingskenmerk RENT-2026-000042`);
  });

  it.each([
    ['fractional cents', { received: { cents: 1.5, currency: 'EUR' } }, 'received.cents'],
    ['no balance', { balanceDue: undefined }, 'balanceDue'],
    ['a reference over two lines', { paymentReference: 'RENT-2026-000042\nBcc: x@example.com' }, 'paymentReference'],
  ])('refuses %s', (_, override, path) => {
    const result = partialPaymentReceived.render('en', { ...input(), ...override });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((issue) => issue.path)).toEqual([path]);
  });
});
