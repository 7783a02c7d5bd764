import { LANGUAGES } from './language';
import { MESSAGE_KINDS, type MessageKind } from './message-kind';
import { renderMessage } from './render';

const validInput = {
  'order-received': {
    orderId: 'ord-1',
    plan: 'CX-4',
    location: 'Amsterdam',
    period: { start: '2026-03-01T00:00:00Z', end: '2026-03-31T00:00:00Z' },
    total: { cents: 100, currency: 'EUR' },
  },
  'invoice-issued': {
    invoiceNumber: '2026-000001',
    amountDue: { cents: 121, currency: 'EUR' },
    dueAt: '2026-03-08T00:00:00Z',
    checkoutUrl: 'https://pay.example.com/c/1',
  },
  'payment-received': { amount: { cents: 121, currency: 'EUR' }, invoiceNumber: '2026-000001' },
  'machine-ready': {
    orderId: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11',
    machineId: 'b7e1d2c3-5a6f-4b8e-9d0c-1e2f3a4b5c6d',
    hostname: 'srv-1.example.com',
    ipAddress: '192.0.2.1',
    access: { method: 'password' },
  },
  'order-rejected': { orderId: 'ord-1', detail: 'no host in ams1 has room' },
  'payment-failed': {
    invoiceNumber: '2026-000001',
    attempt: 2,
    reason: 'card declined',
    checkoutUrl: 'https://pay.example.com/c/1',
    retryUntil: '2026-03-08T00:00:00Z',
  },
  'order-cancelled': {
    orderId: 'ord-1',
    reason: 'customer_cancelled',
    settlement: 'full',
    wasRunning: false,
    cancelledAt: '2026-03-02T10:00:00Z',
  },
  'credit-note-issued': {
    creditNoteNumber: 'CN-2026-000001',
    invoiceNumber: '2026-000001',
    reason: 'customer_cancelled',
    net: { cents: 100, currency: 'EUR' },
    vat: { cents: 21, currency: 'EUR' },
    gross: { cents: 121, currency: 'EUR' },
    invoiceCancelled: true,
  },
  'payment-refunded': {
    refundNumber: 'RF-2026-000001',
    invoiceNumber: '2026-000001',
    amount: { cents: 121, currency: 'EUR' },
    reason: 'customer_cancelled',
  },
  'extension-invoice-issued': {
    invoiceNumber: '2026-000002',
    orderId: 'ord-1',
    amountDue: { cents: 121, currency: 'EUR' },
    dueAt: '2026-03-31T00:00:00Z',
    checkoutUrl: 'https://pay.example.com/c/2',
  },
  'order-scheduled': { orderId: 'ord-1', provisioningStartsAt: '2026-03-31T08:30:00Z', readyBy: '2026-03-31T09:00:00Z' },
  'rental-extended': { orderId: 'ord-1', invoiceNumber: '2026-000002', previousEnd: '2026-03-31T00:00:00Z', newEnd: '2026-04-07T00:00:00Z' },
  'rental-ending-soon': { orderId: 'ord-1', endsAt: '2026-03-31T00:00:00Z', daysLeft: 3 },
  'rental-ended': { orderId: 'ord-1', endedAt: '2026-03-31T00:00:00Z' },
  'partial-payment-received': {
    invoiceNumber: '2026-000001',
    received: { cents: 100, currency: 'EUR' },
    balanceDue: { cents: 21, currency: 'EUR' },
    paymentReference: 'RENT-2026-000001',
  },
  'bank-transfer-refund-pending': {
    reason: 'overpaid',
    amount: { cents: 121, currency: 'EUR' },
    invoiceNumber: '2026-000001',
    paymentReference: 'RENT-2026-000001',
  },
} as const satisfies Record<MessageKind, unknown>;

const SUBJECTS = {
  en: {
    'order-received': 'We have received your order ord-1',
    'invoice-issued': 'Your invoice 2026-000001',
    'payment-received': 'Payment received for invoice 2026-000001',
    'machine-ready': 'Your server srv-1.example.com is ready',
    'order-rejected': 'We cannot deliver your order ord-1: no capacity available',
    'payment-failed': 'Your payment for invoice 2026-000001 did not go through',
    'order-cancelled': 'Your order ord-1 is cancelled',
    'credit-note-issued': 'Credit note CN-2026-000001 for invoice 2026-000001',
    'payment-refunded': 'Refund RF-2026-000001 for invoice 2026-000001',
    'extension-invoice-issued': 'Your invoice 2026-000002 for extending your rental',
    'order-scheduled': 'Your servers for order ord-1 will be ready on 31 March 2026',
    'rental-extended': 'Your rental ord-1 is extended until 7 April 2026',
    'rental-ending-soon': 'Your rental ord-1 ends in 3 days',
    'rental-ended': 'Your rental ord-1 has ended',
    'partial-payment-received': 'Part of the payment for invoice 2026-000001 received',
    'bank-transfer-refund-pending': 'We will pay back €1.21 of your bank transfer',
  },
  nl: {
    'order-received': 'We hebben uw bestelling ord-1 ontvangen',
    'invoice-issued': 'Uw factuur 2026-000001',
    'payment-received': 'Betaling ontvangen voor factuur 2026-000001',
    'machine-ready': 'Uw server srv-1.example.com staat klaar',
    'order-rejected': 'Wij kunnen uw bestelling ord-1 niet leveren: geen capaciteit beschikbaar',
    'payment-failed': 'Uw betaling voor factuur 2026-000001 is niet gelukt',
    'order-cancelled': 'Uw bestelling ord-1 is geannuleerd',
    'credit-note-issued': 'Creditnota CN-2026-000001 voor factuur 2026-000001',
    'payment-refunded': 'Terugbetaling RF-2026-000001 voor factuur 2026-000001',
    'extension-invoice-issued': 'Uw factuur 2026-000002 voor de verlenging van uw huur',
    'order-scheduled': 'Uw servers voor bestelling ord-1 staan klaar op 31 maart 2026',
    'rental-extended': 'Uw huur ord-1 is verlengd tot 7 april 2026',
    'rental-ending-soon': 'Uw huur ord-1 eindigt over 3 dagen',
    'rental-ended': 'Uw huur ord-1 is afgelopen',
    'partial-payment-received': 'Deel van de betaling voor factuur 2026-000001 ontvangen',
    'bank-transfer-refund-pending': 'Wij betalen €\u00a01,21 van uw overboeking terug',
  },
} as const satisfies Record<'en' | 'nl', Record<MessageKind, string>>;

describe('renderMessage', () => {
  const cases = MESSAGE_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

  it.each(cases)('finds the %s template in %s', (kind, language) => {
    const result = renderMessage(kind, language, validInput[kind]);
    if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
    expect(result.value.subject).toBe(SUBJECTS[language][kind]);
    expect(result.value.html).toContain(`<html lang="${language}">`);
  });

  it.each(['order-placed', 'ORDER-RECEIVED', '', 'toString', '__proto__', 'constructor'])('refuses the unknown kind %p without throwing', (kind) => {
    expect(renderMessage(kind, 'en', validInput['order-received'])).toEqual({ ok: false, error: { reason: 'unknown_kind', kind } });
  });

  it("refuses input that fails the kind's schema, naming kind and paths", () => {
    const result = renderMessage('payment-received', 'nl', { amount: { cents: 1.5, currency: 'EUR' } });
    expect(result).toEqual({
      ok: false,
      error: {
        reason: 'invalid_input',
        kind: 'payment-received',
        issues: [
          { path: 'amount.cents', message: 'must be whole, non-negative cents' },
          { path: 'invoiceNumber', message: expect.any(String) },
        ],
      },
    });
  });

  it("validates against the requested kind's schema, not any other", () => {
    const result = renderMessage('machine-ready', 'en', validInput['payment-received']);
    expect(result).toMatchObject({ ok: false, error: { reason: 'invalid_input', kind: 'machine-ready' } });
  });

  it.each([null, undefined, 'text', 42, []])('refuses %p as input', (input) => {
    expect(renderMessage('order-received', 'en', input)).toMatchObject({ ok: false, error: { reason: 'invalid_input' } });
  });

  it('keeps a password out of the refusal of a machine-ready mail it could not render (an input from before v2 held one)', () => {
    const result = renderMessage('machine-ready', 'en', {
      ...validInput['machine-ready'],
      access: { method: 'password', rootPassword: 'S3cret-root-pw' },
      ipAddress: 'not-an-ip',
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('S3cret-root-pw');
  });
});
