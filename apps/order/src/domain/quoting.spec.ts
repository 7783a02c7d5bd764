import type { Catalogue } from './catalogue';
import { priceQuote, type QuoteRequest } from './quoting';

const catalogue: Catalogue = {
  plans: [
    {
      code: 'standard-4',
      name: 'Standard 4',
      resources: { vcpu: 4, memoryMb: 8192, diskGb: 160 },
      prices: { currency: 'EUR', perDayCents: 550, perWeekCents: 3300, perMonthCents: 9900 },
      maxDiscountPercent: 15,
    },
  ],
  locations: [
    { code: 'ams1', name: 'Amsterdam 1', country: 'NL', images: ['debian-12'] },
    { code: 'fra1', name: 'Frankfurt 1', country: 'DE', images: [] },
  ],
  images: [
    { code: 'debian-12', name: 'Debian 12' },
    { code: 'ubuntu-24.04', name: 'Ubuntu 24.04' },
  ],
};
const now = new Date('2026-11-25T09:00:00Z');
const rules = { now, validityMinutes: 60, maxRentalDays: 366 };
const request: QuoteRequest = {
  planCode: 'standard-4',
  locationCode: 'ams1',
  imageCode: 'debian-12',
  quantity: 2,
  start: new Date('2026-12-01T09:00:00Z'),
  duration: 'P30D',
  customer: { country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' },
};

describe('priceQuote', () => {
  it('prices 30 days of two machines as two months, with Dutch VAT, valid for the configured time', () => {
    const quote = priceQuote(request, catalogue, rules);
    if (!quote.ok) throw new Error(JSON.stringify(quote.error));
    expect(quote.value.billableDays).toBe(30);
    expect(quote.value.period.end.toISOString()).toBe('2026-12-31T09:00:00.000Z');
    expect(quote.value.price).toEqual({
      currency: 'EUR',
      pricedAs: '30 days',
      lines: [{ unit: 'month', units: 1, unitPriceCents: 9900, lineTotalCents: 9900 }],
      quantity: 2,
      discountCents: 2 * (30 * 550 - 9900),
      subtotalCents: 19_800,
      vat: { ratePercent: 21, treatment: 'standard' },
      vatCents: 4_158,
      totalCents: 23_958,
    });
    expect(quote.value.validUntil.toISOString()).toBe('2026-11-25T10:00:00.000Z');
  });

  describe('a month costs a month', () => {
    const priced = (start: string, period: { duration: string } | { end: string }) => {
      const at = new Date(start);
      const { duration: _, ...rest } = request;
      const asked: QuoteRequest = { ...rest, start: at, ...('end' in period ? { end: new Date(period.end) } : period) };
      const quote = priceQuote(asked, catalogue, { ...rules, now: at });
      if (!quote.ok) throw new Error(JSON.stringify(quote.error));
      return quote.value;
    };

    it.each([
      ['2027-02-01T09:00:00Z', 28],
      ['2027-04-01T09:00:00Z', 30],
      ['2026-12-01T09:00:00Z', 31],
      ['2028-02-01T09:00:00Z', 29],
    ])('P1M from %s is one month (%i days) at the month price', (start, days) => {
      const quote = priced(start, { duration: 'P1M' });
      expect(quote.billableDays).toBe(days);
      expect(quote.price).toMatchObject({ pricedAs: '1 month', subtotalCents: 19_800, totalCents: 23_958 });
      expect(quote.price.lines).toEqual([{ unit: 'month', units: 1, unitPriceCents: 9_900, lineTotalCents: 9_900 }]);
    });

    it('P3M from December is three months; P1M2W is a month and two weeks', () => {
      expect(priced('2026-12-01T09:00:00Z', { duration: 'P3M' }).price).toMatchObject({ pricedAs: '3 months', subtotalCents: 2 * 29_700 });
      const monthAndTwoWeeks = priced('2027-01-31T09:00:00Z', { duration: 'P1M2W' });
      expect(monthAndTwoWeeks.price.pricedAs).toBe('1 month + 2 weeks');
      expect(monthAndTwoWeeks.price.lines.map((l) => [l.unit, l.units])).toEqual([
        ['month', 1],
        ['week', 2],
      ]);
    });

    it('the same 31 days given by an end are priced by their days', () => {
      const quote = priced('2026-12-01T09:00:00Z', { end: '2027-01-01T09:00:00Z' });
      expect(quote.price.pricedAs).toBe('31 days');
      expect(quote.price.subtotalCents).toBe(2 * (9_900 + 550));
    });
  });

  it('reverse-charges a German business with a valid VAT number', () => {
    const quote = priceQuote({ ...request, customer: { country: 'DE', kind: 'business', vatNumber: 'DE123456789' } }, catalogue, rules);
    if (!quote.ok) throw new Error(JSON.stringify(quote.error));
    expect(quote.value.price.vat.treatment).toBe('reverse_charge');
    expect(quote.value.price.vatCents).toBe(0);
    expect(quote.value.price.totalCents).toBe(19_800);
  });

  it('takes a negotiated discount off each unit price before VAT, so the lines still add up to the subtotal', () => {
    const quote = priceQuote({ ...request, discountPercent: 10 }, catalogue, rules);
    if (!quote.ok) throw new Error(JSON.stringify(quote.error));
    expect(quote.value.price).toEqual({
      currency: 'EUR',
      pricedAs: '30 days',
      lines: [{ unit: 'month', units: 1, unitPriceCents: 8_910, lineTotalCents: 8_910 }],
      quantity: 2,
      discountCents: 2 * (30 * 550 - 8_910),
      subtotalCents: 17_820,
      vat: { ratePercent: 21, treatment: 'standard' },
      vatCents: 3_742,
      totalCents: 21_562,
    });
  });

  it.each([
    [{ planCode: 'mega-128' }, 'unknown_plan'],
    [{ locationCode: 'lon1' }, 'unknown_location'],
    [{ imageCode: 'windows-95' }, 'unknown_image'],
    [{ locationCode: 'fra1' }, 'image_not_offered_in_location'],
    [{ duration: undefined, end: new Date('2026-11-30T09:00:00Z') }, 'invalid_period'],
    [{ duration: 'P2Y' }, 'invalid_period'],
  ] as const)('refuses %o with %s', (change, reason) => {
    const quote = priceQuote({ ...request, ...change } as QuoteRequest, catalogue, rules);
    expect(quote.ok).toBe(false);
    if (!quote.ok) {
      expect(quote.error.reason).toBe(reason);
      expect(quote.error.detail.length).toBeGreaterThan(0);
    }
  });
});
