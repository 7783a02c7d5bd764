import type { Catalogue } from './catalogue';
import { priceRentalRequest, type RentalRequestQuote } from './rental-request';

const catalogue: Catalogue = {
  plans: [
    {
      code: 'standard-4',
      name: 'Standard 4',
      resources: { vcpu: 4, memoryMb: 8192, diskGb: 160 },
      prices: { currency: 'EUR', perDayCents: 550, perWeekCents: 3300, perMonthCents: 9900 },
      maxDiscountPercent: 15,
    },
    {
      code: 'small-2',
      name: 'Small 2',
      resources: { vcpu: 2, memoryMb: 4096, diskGb: 80 },
      prices: { currency: 'EUR', perDayCents: 300, perWeekCents: 1800, perMonthCents: 5500 },
      maxDiscountPercent: 0,
    },
  ],
  locations: [{ code: 'ams1', name: 'Amsterdam 1', country: 'NL', images: ['debian-12'] }],
  images: [{ code: 'debian-12', name: 'Debian 12' }],
};
const rules = { now: new Date('2026-11-25T09:00:00Z'), validityMinutes: 60, maxRentalDays: 366 };
const request: RentalRequestQuote = {
  planCode: 'standard-4',
  locationCode: 'ams1',
  imageCode: 'debian-12',
  quantity: 1,
  start: new Date('2026-12-01T09:00:00Z'),
  duration: 'P30D',
  customer: { country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' },
  discountPercent: 10,
};

describe('priceRentalRequest', () => {
  it('prices a discount the plan allows, up to its maximum', () => {
    for (const [discountPercent, subtotalCents] of [
      [10, 8_910],
      [15, 8_415],
      [0, 9_900],
    ]) {
      const priced = priceRentalRequest({ ...request, discountPercent }, catalogue, rules);
      if (!priced.ok) throw new Error(JSON.stringify(priced.error));
      expect(priced.value.price.subtotalCents).toBe(subtotalCents);
    }
  });

  it('prices a month asked for as P1M as one month, also in a 31-day December', () => {
    const priced = priceRentalRequest({ ...request, duration: 'P1M' }, catalogue, rules);
    if (!priced.ok) throw new Error(JSON.stringify(priced.error));
    expect(priced.value.billableDays).toBe(31);
    expect(priced.value.price).toMatchObject({ pricedAs: '1 month', subtotalCents: 8_910 });
  });

  it('refuses a discount above the plan’s maximum, saying what the plan allows', () => {
    expect(priceRentalRequest({ ...request, discountPercent: 15.5 }, catalogue, rules)).toEqual({
      ok: false,
      error: { reason: 'discount_not_allowed', detail: 'standard-4 allows a discount of at most 15%; 15.5% was asked' },
    });
    const none = priceRentalRequest({ ...request, planCode: 'small-2', discountPercent: 0.5 }, catalogue, rules);
    expect(!none.ok && none.error.reason).toBe('discount_not_allowed');
    expect(priceRentalRequest({ ...request, planCode: 'small-2', discountPercent: 0 }, catalogue, rules).ok).toBe(true);
  });

  it('refuses what the catalogue cannot serve as a quote would', () => {
    const unknown = priceRentalRequest({ ...request, planCode: 'mega-128', discountPercent: 50 }, catalogue, rules);
    expect(!unknown.ok && unknown.error.reason).toBe('unknown_plan');
    const past = priceRentalRequest({ ...request, start: new Date('2026-11-01T09:00:00Z') }, catalogue, rules);
    expect(!past.ok && past.error.reason).toBe('invalid_period');
  });
});
