import { LANGUAGES } from './language';
import { MESSAGE_KINDS } from './message-kind';
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
    hostname: 'srv-1.example.com',
    ipAddress: '192.0.2.1',
    access: { method: 'password', rootPassword: 'S3cret-root-pw' },
  },
} as const;

const SUBJECTS = {
  en: {
    'order-received': 'We have received your order ord-1',
    'invoice-issued': 'Your invoice 2026-000001',
    'payment-received': 'Payment received for invoice 2026-000001',
    'machine-ready': 'Your server srv-1.example.com is ready',
  },
  nl: {
    'order-received': 'We hebben uw bestelling ord-1 ontvangen',
    'invoice-issued': 'Uw factuur 2026-000001',
    'payment-received': 'Betaling ontvangen voor factuur 2026-000001',
    'machine-ready': 'Uw server srv-1.example.com staat klaar',
  },
} as const;

describe('renderMessage', () => {
  const cases = MESSAGE_KINDS.flatMap((kind) => LANGUAGES.map((language) => [kind, language] as const));

  it.each(cases)('finds the %s template in %s', (kind, language) => {
    const result = renderMessage(kind, language, validInput[kind]);
    if (!result.ok) throw new Error(`expected a mail, got ${JSON.stringify(result.error)}`);
    expect(result.value.subject).toBe(SUBJECTS[language][kind]);
    expect(result.value.html).toContain(`<html lang="${language}">`);
  });

  it.each(['order-placed', 'ORDER-RECEIVED', '', 'toString', '__proto__', 'constructor'])(
    'refuses the unknown kind %p without throwing',
    (kind) => {
      expect(renderMessage(kind, 'en', validInput['order-received'])).toEqual({ ok: false, error: { reason: 'unknown_kind', kind } });
    },
  );

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

  it('keeps a password out of the refusal of a machine-ready mail it could not render', () => {
    const result = renderMessage('machine-ready', 'en', {
      ...validInput['machine-ready'],
      ipAddress: 'not-an-ip',
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('S3cret-root-pw');
  });
});
