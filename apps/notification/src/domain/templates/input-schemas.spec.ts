import { httpsUrl, instant, linkUrl, moneyInput, singleLine } from './input-schemas';

describe('template input building blocks', () => {
  describe('singleLine', () => {
    it('trims and keeps one line of text, any script', () => {
      expect(singleLine.parse('  cx-4 (4 vCPU) — Zoë  ')).toBe('cx-4 (4 vCPU) — Zoë');
    });

    it.each(['', '   ', 'a\nb', 'Order\r\nBcc: x@example.com', 'nul\u0000', 'x'.repeat(201)])('refuses %p', (value) => {
      expect(singleLine.safeParse(value).success).toBe(false);
    });
  });

  describe('moneyInput', () => {
    it('accepts whole, non-negative cents with an ISO code', () => {
      expect(moneyInput.parse({ cents: 0, currency: 'EUR' })).toEqual({ cents: 0, currency: 'EUR' });
      expect(moneyInput.parse({ cents: 123_450, currency: 'USD' })).toEqual({ cents: 123_450, currency: 'USD' });
    });

    it.each([
      { cents: 12.5, currency: 'EUR' },
      { cents: -1, currency: 'EUR' },
      { cents: Number.MAX_SAFE_INTEGER + 1, currency: 'EUR' },
      { cents: '100', currency: 'EUR' },
      { cents: 100, currency: 'eur' },
      { cents: 100, currency: 'EURO' },
      { cents: 100 },
    ])('refuses %p', (value) => {
      expect(moneyInput.safeParse(value).success).toBe(false);
    });
  });

  describe('instant', () => {
    it('accepts a Date or a zoned ISO-8601 string and gives a Date', () => {
      expect(instant.parse(new Date('2026-11-25T14:05:00.000Z')).toISOString()).toBe('2026-11-25T14:05:00.000Z');
      expect(instant.parse('2026-11-25T14:05:00Z').toISOString()).toBe('2026-11-25T14:05:00.000Z');
      expect(instant.parse('2026-11-25T15:05:00+01:00').toISOString()).toBe('2026-11-25T14:05:00.000Z');
    });

    it.each([new Date('nonsense'), '2026-11-25T14:05:00', '2026-11-25', 'tomorrow', 1_764_079_500_000, null])('refuses %p', (value) => {
      expect(instant.safeParse(value).success).toBe(false);
    });
  });

  describe('httpsUrl', () => {
    it('accepts an https address with a query', () => {
      const url = 'https://pay.example.com/checkout/inv-1?token=a&b=2';
      expect(httpsUrl.parse(url)).toBe(url);
    });

    it.each([
      'http://pay.example.com/checkout',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'https://',
      'pay.example.com/checkout',
      `https://pay.example.com/${'a'.repeat(2_000)}`,
    ])('refuses %p', (value) => {
      expect(httpsUrl.safeParse(value).success).toBe(false);
    });
  });

  describe('linkUrl', () => {
    it.each([
      'https://pay.example.com/checkout/inv-1?token=a&b=2',
      'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8',
      'http://localhost:3000/sandbox-payments/e5f6a7b8?lang=nl',
      'http://[::1]:3000/sandbox-payments/e5f6a7b8',
    ])('accepts %p', (url) => {
      expect(linkUrl.parse(url)).toBe(url);
    });

    it.each([
      'http://pay.example.com/checkout',
      'http://127.0.0.1.evil.example/checkout',
      'http://localhost@evil.example/checkout',
      'http://127.0.0.1:3000@evil.example/checkout',
      'http://10.0.0.5:3000/sandbox-payments/1',
      'javascript:alert(1)',
      `http://localhost/${'a'.repeat(2_000)}`,
    ])('refuses %p', (value) => {
      expect(linkUrl.safeParse(value).success).toBe(false);
    });
  });
});
