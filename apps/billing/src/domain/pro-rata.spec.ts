import { Money } from '@rental/money';
import { daysUsed, InvalidPeriodError, proRataShare, type RentalPeriod, unusedDaysCredit } from './pro-rata';

const start = new Date('2026-12-01T09:00:00Z');
const thirtyDays: RentalPeriod = { start, end: new Date('2026-12-31T09:00:00Z') };
const at = (days: number, hours = 0) => new Date(start.getTime() + days * 86_400_000 + hours * 3_600_000);
const dutch = { ratePercent: 21, treatment: 'standard' as const };
const reverseCharge = { ratePercent: 0, treatment: 'reverse_charge' as const, note: 'VAT reverse-charged' };

describe('daysUsed', () => {
  it('counts the day in progress as used', () => {
    // Day 10 of the rental: nine whole days have passed and the tenth has begun.
    expect(daysUsed(thirtyDays, at(9, 5))).toEqual({ billableDays: 30, usedDays: 10, unusedDays: 20 });
    expect(daysUsed(thirtyDays, at(0, 0.001))).toEqual({ billableDays: 30, usedDays: 1, unusedDays: 29 });
  });

  it('counts a day that has just ended as used, and the next one not yet', () => {
    expect(daysUsed(thirtyDays, at(10))).toEqual({ billableDays: 30, usedDays: 10, unusedDays: 20 });
  });

  it('uses nothing before or at the start, and everything at or after the end', () => {
    expect(daysUsed(thirtyDays, at(-3)).usedDays).toBe(0);
    expect(daysUsed(thirtyDays, start).usedDays).toBe(0);
    expect(daysUsed(thirtyDays, thirtyDays.end).unusedDays).toBe(0);
    expect(daysUsed(thirtyDays, at(45)).unusedDays).toBe(0);
  });

  it('bills a started last day as a whole one', () => {
    const period = { start, end: new Date(start.getTime() + 2.5 * 86_400_000) };
    expect(daysUsed(period, at(1, 1))).toEqual({ billableDays: 3, usedDays: 2, unusedDays: 1 });
  });

  it('rejects a period that does not end after it starts, and invalid dates', () => {
    expect(() => daysUsed({ start, end: start }, start)).toThrow(InvalidPeriodError);
    expect(() => daysUsed({ start, end: new Date('nope') }, start)).toThrow('valid dates');
    expect(() => daysUsed(thirtyDays, new Date('nope'))).toThrow('not a valid date');
  });
});

describe('proRataShare', () => {
  it('rounds down to the cent', () => {
    expect(proRataShare(Money.of(100), 1, 3).cents).toBe(33);
    expect(proRataShare(Money.of(200), 2, 3).cents).toBe(133);
    expect(proRataShare(Money.of(19_800), 20, 30).cents).toBe(13_200);
  });

  it('gives all or nothing at the ends', () => {
    expect(proRataShare(Money.of(12_345), 7, 7).cents).toBe(12_345);
    expect(proRataShare(Money.of(12_345), 0, 7).cents).toBe(0);
  });

  it('stays exact where floating point would not', () => {
    // 9007199254740991 * 3 does not fit a double exactly.
    expect(proRataShare(Money.of(Number.MAX_SAFE_INTEGER), 3, 3).cents).toBe(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [1, 0],
    [-1, 3],
    [4, 3],
    [1.5, 3],
  ])('rejects part %s of %s', (part, whole) => {
    expect(() => proRataShare(Money.of(100), part, whole)).toThrow(RangeError);
  });
});

describe('unusedDaysCredit', () => {
  it('credits a 30-day invoice of EUR 239.58 cancelled on day 10: 20 days, net rounded down, VAT half up', () => {
    // Net 198.00 + 21% VAT 41.58 = 239.58. 20/30 of 198.00 is 132.00; VAT 27.72.
    const { days, credit } = unusedDaysCredit(Money.of(19_800), dutch, thirtyDays, at(9, 5));
    expect(days).toEqual({ billableDays: 30, usedDays: 10, unusedDays: 20 });
    expect([credit?.net.cents, credit?.vat.cents, credit?.gross.cents]).toEqual([13_200, 2_772, 15_972]);
  });

  it('spreads a month bought as a month over the days of that calendar month', () => {
    // P1M from 1 December is 31 days for one month's price (198.00): cancelled on day 10, 21 of 31 days are credited.
    const december: RentalPeriod = { start, end: new Date('2027-01-01T09:00:00Z') };
    const { days, credit } = unusedDaysCredit(Money.of(19_800), dutch, december, at(9, 5));
    expect(days).toEqual({ billableDays: 31, usedDays: 10, unusedDays: 21 });
    // 21/31 of 198.00 is 134.129: 134.12 net; 21% VAT 28.1652: 28.17.
    expect([credit?.net.cents, credit?.vat.cents, credit?.gross.cents]).toEqual([13_412, 2_817, 16_229]);
  });

  it('rounds the net down and the VAT on it half up', () => {
    // 29/30 of 99.99 is 96.657: 96.65 net; 21% of 96.65 is 20.2965: 20.30.
    const { credit } = unusedDaysCredit(Money.of(9_999), dutch, thirtyDays, at(0, 1));
    expect([credit?.net.cents, credit?.vat.cents, credit?.gross.cents]).toEqual([9_665, 2_030, 11_695]);
  });

  it('credits the whole invoice to the cent when no day was used', () => {
    const { credit } = unusedDaysCredit(Money.of(19_800), dutch, thirtyDays, at(-1));
    expect([credit?.net.cents, credit?.vat.cents, credit?.gross.cents]).toEqual([19_800, 4_158, 23_958]);
  });

  it('charges no VAT on the credit of a reverse-charged invoice', () => {
    const { credit } = unusedDaysCredit(Money.of(19_800), reverseCharge, thirtyDays, at(29, 23));
    expect(credit).toBeUndefined();
    const early = unusedDaysCredit(Money.of(19_800), reverseCharge, thirtyDays, at(27, 1)).credit;
    expect([early?.net.cents, early?.vat.cents, early?.gross.cents]).toEqual([1_320, 0, 1_320]);
  });

  it('credits nothing when every day is used, or when the share rounds down to nothing', () => {
    expect(unusedDaysCredit(Money.of(19_800), dutch, thirtyDays, at(29, 1)).credit).toBeUndefined();
    expect(unusedDaysCredit(Money.of(29), dutch, thirtyDays, at(28, 1)).credit).toBeUndefined();
  });
});
