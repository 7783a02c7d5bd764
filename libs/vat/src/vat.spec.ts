import { Money } from '@rental/money';
import { determineVat, OUTSIDE_EU_NOTE, REVERSE_CHARGE_NOTE, vatOnInvoiceTotal, type VatOutcome } from './vat';

const standard: VatOutcome = { ratePercent: 21, treatment: 'standard' };

describe('determineVat', () => {
  it.each([
    ['a Dutch consumer', { country: 'NL', kind: 'consumer' }],
    ['a Dutch business, even with a valid VAT number', { country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' }],
    ['a German consumer', { country: 'DE', kind: 'consumer' }],
    ['a consumer who gives a VAT number anyway', { country: 'DE', kind: 'consumer', vatNumber: 'DE123456789' }],
    ['a German business without a VAT number', { country: 'DE', kind: 'business' }],
    ['a German business with a malformed VAT number', { country: 'DE', kind: 'business', vatNumber: 'DE1234' }],
    ["a German business with another country's VAT number", { country: 'DE', kind: 'business', vatNumber: 'FR12123456789' }],
  ] as const)('charges 21%% to %s', (_, customer) => {
    expect(determineVat(customer)).toEqual(standard);
  });

  it.each([
    ['DE', 'DE123456789'],
    ['BE', 'BE 0123.456.789'],
    ['FR', 'FRAB123456789'],
    ['GR', 'EL123456789'],
    ['EL', 'EL123456789'],
  ])('reverse-charges a business in %s with VAT number %s', (country, vatNumber) => {
    expect(determineVat({ country, kind: 'business', vatNumber })).toEqual({
      ratePercent: 0,
      treatment: 'reverse_charge',
      note: 'VAT reverse-charged (article 196, Council Directive 2006/112/EC)',
    });
    expect(REVERSE_CHARGE_NOTE).toContain('article 196');
  });

  it.each([
    { country: 'US', kind: 'business' },
    { country: 'GB', kind: 'consumer' },
    { country: 'ch', kind: 'business', vatNumber: 'CHE123456789' },
  ] as const)('charges no EU VAT to a customer in $country', (customer) => {
    expect(determineVat(customer)).toEqual({ ratePercent: 0, treatment: 'outside_eu', note: OUTSIDE_EU_NOTE });
  });

  it('rejects a country that is not a two-letter code', () => {
    expect(() => determineVat({ country: 'Germany', kind: 'business' })).toThrow('ISO 3166-1');
  });
});

describe('vatOnInvoiceTotal', () => {
  it('returns net, VAT and gross', () => {
    const { net, vat, gross } = vatOnInvoiceTotal(Money.of(10_000), standard);
    expect([net.cents, vat.cents, gross.cents]).toEqual([10_000, 2_100, 12_100]);
  });

  it('rounds once on the total, not per line', () => {
    // Three lines of 2 cents: per line 0.42 cent rounds to 0 each; on the total 1.26 rounds to 1.
    const lines = [Money.of(2), Money.of(2), Money.of(2)];
    const perLine = lines.reduce((sum, line) => sum + line.percentage(21).cents, 0);
    const total = lines.reduce((sum, line) => sum.add(line));
    expect(perLine).toBe(0);
    expect(vatOnInvoiceTotal(total, standard).vat.cents).toBe(1);
  });

  it('rounds a half cent up', () => {
    // 21% of 50 cents is 10.5 cents.
    expect(vatOnInvoiceTotal(Money.of(50), standard).gross.cents).toBe(61);
  });

  it('adds nothing under reverse charge', () => {
    const outcome = determineVat({ country: 'DE', kind: 'business', vatNumber: 'DE123456789' });
    const breakdown = vatOnInvoiceTotal(Money.of(99_999), outcome);
    expect(breakdown.vat.isZero()).toBe(true);
    expect(breakdown.gross.cents).toBe(99_999);
  });
});
