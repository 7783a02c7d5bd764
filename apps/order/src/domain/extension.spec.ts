import type { Catalogue } from './catalogue';
import { priceExtension } from './extension';
import type { OrderState } from './order';

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
  locations: [{ code: 'ams1', name: 'Amsterdam 1', country: 'NL', images: ['debian-12'] }],
  images: [{ code: 'debian-12', name: 'Debian 12' }],
};

const running: OrderState = {
  id: '6f1f5c1e-8f3a-4c1e-9a55-2b0b7f0e8d11',
  customerId: '3b0c7a52-1f4e-4a47-9c1e-7f0a8a0b1c21',
  quoteId: '9d5e2c1a-4b7f-4e3a-8c2d-1a2b3c4d5e6f',
  planCode: 'standard-4',
  locationCode: 'ams1',
  imageCode: 'debian-12',
  quantity: 2,
  period: { start: new Date('2026-12-01T09:00:00Z'), end: new Date('2026-12-31T09:00:00Z') },
  price: { totalCents: 23_958, currency: 'EUR' },
  status: 'running',
  timeline: [],
};
const context = { catalogue, customer: { country: 'NL', kind: 'consumer' as const }, maxRentalDays: 366, extensionPending: false };

describe('priceExtension', () => {
  it('prices a week from the current end at the week price, with VAT, for every machine', () => {
    const priced = priceExtension(running, { duration: 'P1W' }, context);
    if (!priced.ok) throw new Error(JSON.stringify(priced.error));
    expect(priced.value.period).toEqual({ start: new Date('2026-12-31T09:00:00Z'), end: new Date('2027-01-07T09:00:00Z') });
    expect(priced.value.price.lines).toEqual([{ unit: 'week', units: 1, unitPriceCents: 3300, lineTotalCents: 3300 }]);
    expect(priced.value.price.subtotalCents).toBe(6_600);
    expect(priced.value.price.vatCents).toBe(1_386);
    expect(priced.value.price.totalCents).toBe(7_986);
  });

  it('prices a month from the current end (31 December to 31 January: 31 days) as one month', () => {
    const priced = priceExtension(running, { duration: 'P1M' }, context);
    if (!priced.ok) throw new Error(JSON.stringify(priced.error));
    expect(priced.value.billableDays).toBe(31);
    expect(priced.value.price).toMatchObject({ pricedAs: '1 month', subtotalCents: 19_800 });
  });

  it('accepts a new end instead of a duration, and refuses one that is not later', () => {
    const priced = priceExtension(running, { end: new Date('2027-01-03T09:00:00Z') }, context);
    expect(priced.ok && priced.value.billableDays).toBe(3);
    const earlier = priceExtension(running, { end: new Date('2026-12-20T09:00:00Z') }, context);
    expect(!earlier.ok && earlier.error.reason).toBe('invalid_period');
  });

  it('refuses a rental that is not running, or that already waits for an extension to be paid', () => {
    const paid = priceExtension({ ...running, status: 'paid' }, { duration: 'P1W' }, context);
    expect(!paid.ok && paid.error.reason).toBe('not_running');
    const pending = priceExtension(running, { duration: 'P1W' }, { ...context, extensionPending: true });
    expect(!pending.ok && pending.error.reason).toBe('extension_pending');
  });

  it('keeps the whole rental within the maximum length', () => {
    const tooLong = priceExtension(running, { duration: 'P9M' }, { ...context, maxRentalDays: 300 });
    expect(!tooLong.ok && tooLong.error).toEqual({ reason: 'too_long', detail: 'the rental would last 303 days; at most 300 are allowed' });
  });
});
