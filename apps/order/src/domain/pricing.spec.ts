import { applyNegotiatedDiscount, DAYS_PER_UNIT, daysTerm, type PlanPrices, type PriceBreakdown, priceRental, type RentalTerm } from './pricing';

const prices = (perDayCents: number, perWeekCents: number, perMonthCents: number): PlanPrices => ({
  currency: 'EUR',
  perDayCents,
  perWeekCents,
  perMonthCents,
});
// A typical plan: a week costs 6 days, a month 20 days.
const typical = prices(1_000, 6_000, 20_000);

const price = (plan: PlanPrices, days: number | RentalTerm, quantity = 1): PriceBreakdown => {
  const result = priceRental(plan, typeof days === 'number' ? daysTerm(days) : days, quantity);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};
const units = (breakdown: PriceBreakdown) => Object.fromEntries(breakdown.lines.map((line) => [line.unit, line.units]));
const coveredDays = (breakdown: PriceBreakdown) => breakdown.lines.reduce((sum, line) => sum + line.units * DAYS_PER_UNIT[line.unit], 0);

/** Every combination of months and weeks, the rest in days (or none): slow, obviously right. */
function bruteForceCheapest(plan: PlanPrices, days: number): number {
  let best = Number.POSITIVE_INFINITY;
  for (let months = 0; months <= Math.ceil(days / 30); months++) {
    for (let weeks = 0; weeks <= Math.ceil(days / 7); weeks++) {
      const rest = Math.max(0, days - months * 30 - weeks * 7);
      best = Math.min(best, months * plan.perMonthCents + weeks * plan.perWeekCents + rest * plan.perDayCents);
    }
  }
  return best;
}

describe('priceRental', () => {
  it('prices one day at the day price, with no discount', () => {
    const breakdown = price(typical, 1);
    expect(breakdown.lines).toEqual([{ unit: 'day', units: 1, unitPriceCents: 1_000, lineTotalCents: 1_000 }]);
    expect(breakdown).toMatchObject({ perMachineCents: 1_000, subtotalCents: 1_000, discount: null });
    expect(coveredDays(breakdown)).toBe(1);
  });

  it('prices 6 days as a week when the week costs less than 6 days', () => {
    const plan = prices(1_000, 5_500, 20_000);
    expect(units(price(plan, 6))).toEqual({ week: 1 });
    expect(price(plan, 6)).toMatchObject({ perMachineCents: 5_500, discount: { dayRateTotalCents: 6_000, discountCents: 500 } });
    expect(coveredDays(price(plan, 6))).toBe(7);
    expect(price(plan, 7)).toMatchObject({ perMachineCents: 5_500, discount: { discountCents: 1_500 } });
  });

  it('prices 6 days as days and 7 as a week when the week costs more than 6 days', () => {
    const plan = prices(1_000, 6_500, 20_000);
    expect(units(price(plan, 6))).toEqual({ day: 6 });
    expect(price(plan, 6).discount).toBeNull();
    expect(units(price(plan, 7))).toEqual({ week: 1 });
    expect(price(plan, 7).discount).toEqual({ dayRateTotalCents: 7_000, discountCents: 500 });
  });

  it('prefers the shorter bill when two combinations cost the same', () => {
    // 6 days or one week: both 6,000.
    expect(units(price(typical, 6))).toEqual({ week: 1 });
    expect(price(typical, 6).perMachineCents).toBe(6_000);
  });

  it('chooses one month for 26 days when that is cheaper than weeks and days', () => {
    // 3 weeks + 5 days = 23,000 and 4 weeks = 24,000, against one month at 20,000.
    const breakdown = price(typical, 26);
    expect(units(breakdown)).toEqual({ month: 1 });
    expect(breakdown).toMatchObject({ perMachineCents: 20_000, discount: { dayRateTotalCents: 26_000, discountCents: 6_000 } });
    expect(coveredDays(breakdown)).toBe(30);
  });

  it.each([
    [29, { month: 1 }, 20_000],
    [30, { month: 1 }, 20_000],
    [31, { month: 1, day: 1 }, 21_000],
    [37, { month: 1, week: 1 }, 26_000],
    [36, { month: 1, week: 1 }, 26_000], // 6 days or a week: same price, fewer units
    [59, { month: 2 }, 40_000],
  ])('prices %i days as %p', (days, expected, total) => {
    const breakdown = price(typical, days);
    expect(units(breakdown)).toEqual(expected);
    expect(breakdown.perMachineCents).toBe(total);
  });

  it('lists months, then weeks, then days, each with unit price and line total', () => {
    expect(price(prices(1_000, 6_500, 25_000), 40).lines).toEqual([
      { unit: 'month', units: 1, unitPriceCents: 25_000, lineTotalCents: 25_000 },
      { unit: 'week', units: 1, unitPriceCents: 6_500, lineTotalCents: 6_500 },
      { unit: 'day', units: 3, unitPriceCents: 1_000, lineTotalCents: 3_000 },
    ]);
  });

  it('pays days when weeks and months are no cheaper than days', () => {
    const plan = prices(1_000, 8_000, 31_000);
    expect(units(price(plan, 45))).toEqual({ day: 45 });
    expect(price(plan, 45)).toMatchObject({ perMachineCents: 45_000, discount: null });
  });

  it('uses weeks, not months, when months are dear', () => {
    const plan = prices(1_000, 6_000, 30_000);
    expect(units(price(plan, 30))).toEqual({ week: 4, day: 2 });
    expect(price(plan, 30).perMachineCents).toBe(26_000);
  });

  it('uses the longer unit when it is cheaper than even one day', () => {
    expect(units(price(prices(1_000, 900, 20_000), 1))).toEqual({ week: 1 });
  });

  it('shows no discount when the week price is exactly seven days', () => {
    const breakdown = price(prices(1_000, 7_000, 30_000), 7);
    expect(breakdown.perMachineCents).toBe(7_000);
    expect(breakdown.discount).toBeNull();
  });

  it('prices a large period: a year and a leap day', () => {
    const breakdown = price(typical, 366);
    // 12 months + 6 days and 12 months + 1 week both cost 246,000; the shorter bill wins.
    expect(units(breakdown)).toEqual({ month: 12, week: 1 });
    expect(breakdown.perMachineCents).toBe(246_000);
    expect(breakdown.discount).toEqual({ dayRateTotalCents: 366_000, discountCents: 120_000 });
  });

  it('prices a century', () => {
    const breakdown = price(typical, 36_500);
    // 36,500 = 1,216 × 30 + 20, and 20 days cost least as 3 weeks (18,000).
    expect(units(breakdown)).toEqual({ month: 1_216, week: 3 });
    expect(breakdown.perMachineCents).toBe(1_216 * 20_000 + 18_000);
  });

  describe('months asked for as months', () => {
    // standard-4: 5.50 a day, 33.00 a week, 99.00 a month.
    const standard = prices(550, 3_300, 9_900);

    it.each([
      ['February', 28],
      ['April', 30],
      ['December', 31],
    ])('cost one month in %s (%i days), measured against that many days at the day price', (_, days) => {
      const breakdown = price(standard, { months: 1, days: 0, billableDays: days });
      expect(breakdown.lines).toEqual([{ unit: 'month', units: 1, unitPriceCents: 9_900, lineTotalCents: 9_900 }]);
      expect(breakdown.discount).toEqual({ dayRateTotalCents: days * 550, discountCents: days * 550 - 9_900 });
    });

    it('where 31 days given by an end cost a month and a day', () => {
      expect(units(price(standard, 31))).toEqual({ month: 1, day: 1 });
      expect(price(standard, 31).perMachineCents).toBe(10_450);
    });

    it('price three months as three months, whatever the calendar', () => {
      expect(price(standard, { months: 3, days: 0, billableDays: 92 }).perMachineCents).toBe(29_700);
      expect(price(standard, { months: 3, days: 0, billableDays: 89 }).perMachineCents).toBe(29_700);
    });

    it('price the weeks and days after them by the cheapest cover, as loose days are', () => {
      // P1M2W: a month, then 14 days as two weeks.
      expect(units(price(standard, { months: 1, days: 14, billableDays: 45 }))).toEqual({ month: 1, week: 2 });
      // P1M26D: the 26 days cost less as a second month (99.00) than as 3 weeks and 5 days (126.50).
      expect(units(price(standard, { months: 1, days: 26, billableDays: 57 }))).toEqual({ month: 2 });
    });

    it('add the months to those of the cover in one line', () => {
      const breakdown = price(typical, { months: 2, days: 29, billableDays: 90 });
      expect(breakdown.lines).toEqual([{ unit: 'month', units: 3, unitPriceCents: 20_000, lineTotalCents: 60_000 }]);
    });
  });

  it('multiplies by the quantity, and the discount with it', () => {
    const breakdown = price(typical, 26, 3);
    expect(breakdown.lines).toEqual([{ unit: 'month', units: 1, unitPriceCents: 20_000, lineTotalCents: 20_000 }]);
    expect(breakdown).toMatchObject({
      quantity: 3,
      perMachineCents: 20_000,
      subtotalCents: 60_000,
      discount: { dayRateTotalCents: 78_000, discountCents: 18_000 },
    });
  });

  it('matches a brute-force search for every period up to 400 days over varied prices', () => {
    const plans = [
      typical,
      prices(1_000, 5_000, 30_000),
      prices(1_000, 6_999, 19_999),
      prices(997, 6_011, 17_003),
      prices(1_000, 7_500, 26_000),
      prices(1_500, 9_000, 25_000),
      prices(0, 6_000, 20_000),
      prices(1_000, 0, 20_000),
    ];
    for (const plan of plans) {
      for (let days = 1; days <= 400; days++) {
        const breakdown = price(plan, days);
        const cheapest = bruteForceCheapest(plan, days);
        expect({ plan, days, total: breakdown.perMachineCents }).toEqual({ plan, days, total: cheapest });
        expect(coveredDays(breakdown)).toBeGreaterThanOrEqual(days);
      }
    }
  });

  describe('rejects', () => {
    const codes = (plan: PlanPrices, days: number | RentalTerm, quantity: number) => {
      const result = priceRental(plan, typeof days === 'number' ? daysTerm(days) : days, quantity);
      return result.ok ? [] : result.error.map((e) => e.code);
    };

    it.each([
      ['a fractional day price', prices(999.5, 6_000, 20_000)],
      ['a negative week price', prices(1_000, -1, 20_000)],
      ['a NaN month price', prices(1_000, 6_000, Number.NaN)],
      ['an unsafe month price', prices(1_000, 6_000, 2 ** 53)],
    ])('%s', (_, plan) => {
      expect(codes(plan, 10, 1)).toEqual(['price_invalid']);
    });

    it.each([0, -1, 1.5, Number.NaN, 36_601])('%p billable days', (days) => {
      expect(codes(typical, days, 1)).toEqual(['days_invalid']);
    });

    it.each([0, -2, 1.5, Number.NaN])('a quantity of %p', (quantity) => {
      expect(codes(typical, 10, quantity)).toEqual(['quantity_invalid']);
    });

    it.each([
      ['no months and no days', { months: 0, days: 0, billableDays: 30 }],
      ['a fraction of a month', { months: 0.5, days: 0, billableDays: 15 }],
      ['negative days', { months: 1, days: -3, billableDays: 28 }],
    ])('a term of %s', (_, term) => {
      expect(codes(typical, term, 1)).toEqual(['term_invalid']);
    });

    it('an unsupported currency', () => {
      expect(codes({ ...typical, currency: 'USD' as 'EUR' }, 10, 1)).toEqual(['currency_invalid']);
    });

    it('every problem at once', () => {
      expect(codes(prices(-1, 0.5, 20_000), 0, 0)).toEqual(['price_invalid', 'price_invalid', 'days_invalid', 'quantity_invalid']);
    });

    it('a total, or the day-rate total it is compared with, that no longer fits in exact cents', () => {
      const dear = prices(2 ** 47, 2 ** 52, 2 ** 52);
      expect(codes(dear, 30, 1)).toEqual([]);
      expect(codes(dear, 30, 4)).toEqual(['amount_too_large']);
      expect(codes(prices(2 ** 48, 2 ** 52, 2 ** 52), 400, 1)).toEqual(['amount_too_large']);
    });
  });
});

describe('applyNegotiatedDiscount', () => {
  // standard-4: 30 days of two machines is one month each at 99.00.
  const standard = prices(550, 3_300, 9_900);
  const month = price(standard, 30, 2);

  it('takes the percentage off each unit price, and the subtotal follows from the lines', () => {
    const discounted = applyNegotiatedDiscount(month, 10);
    expect(discounted.lines).toEqual([{ unit: 'month', units: 1, unitPriceCents: 8_910, lineTotalCents: 8_910 }]);
    expect(discounted).toMatchObject({ perMachineCents: 8_910, subtotalCents: 17_820, quantity: 2, term: daysTerm(30) });
    // The saving against the day price now includes the negotiated discount.
    expect(discounted.discount).toEqual({ dayRateTotalCents: 2 * 30 * 550, discountCents: 2 * 30 * 550 - 17_820 });
  });

  it.each([
    // percent, unit price, discounted unit price: the discount is rounded half up, so a half cent goes to the customer
    [12.5, 550, 481], // 68.75 -> 69
    [0.5, 300, 298], // 1.5 -> 2
    [0.5, 100, 99], // 0.5 -> 1
    [0.5, 99, 99], // 0.495 -> 0
    [14.35, 1_000, 856], // 143.5 -> 144, where 1000 * 14.35 / 100 in floating point is 143.49999999999997
    [33.33, 1, 1], // 0.3333 -> 0
  ])('%p%% off %p cents is %p cents', (percent, unitPriceCents, expected) => {
    const breakdown = price(prices(unitPriceCents, unitPriceCents * 7, unitPriceCents * 30), 1);
    expect(applyNegotiatedDiscount(breakdown, percent).lines[0].unitPriceCents).toBe(expected);
  });

  it('keeps every line units x unit price, and the lines times the quantity the subtotal, at every allowed percentage', () => {
    const mixed = price(prices(1_001, 6_007, 19_999), 47, 3); // a month, two weeks and three days
    expect(mixed.lines.map((l) => l.unit)).toEqual(['month', 'week', 'day']);
    for (let percent = 0; percent <= 100; percent += 0.5) {
      const d = applyNegotiatedDiscount(mixed, percent);
      for (const line of d.lines) expect(line.lineTotalCents).toBe(line.units * line.unitPriceCents);
      expect(d.perMachineCents).toBe(d.lines.reduce((sum, l) => sum + l.lineTotalCents, 0));
      expect(d.subtotalCents).toBe(d.perMachineCents * 3);
      // Within half a cent per unit of the exact percentage, never more than the list price.
      const exact = (mixed.subtotalCents * (100 - percent)) / 100;
      const units = mixed.lines.reduce((sum, l) => sum + l.units, 0) * 3;
      expect(Math.abs(d.subtotalCents - exact)).toBeLessThanOrEqual(units / 2);
      expect(d.subtotalCents).toBeLessThanOrEqual(mixed.subtotalCents);
    }
  });

  it('changes nothing at 0%, and makes the rental free at 100%', () => {
    expect(applyNegotiatedDiscount(month, 0)).toEqual(month);
    const free = applyNegotiatedDiscount(month, 100);
    expect(free).toMatchObject({ perMachineCents: 0, subtotalCents: 0, discount: { dayRateTotalCents: 33_000, discountCents: 33_000 } });
  });

  it('counts the negotiated discount as a saving where the list price had none', () => {
    const oneDay = price(standard, 1);
    expect(oneDay.discount).toBeNull();
    expect(applyNegotiatedDiscount(oneDay, 10).discount).toEqual({ dayRateTotalCents: 550, discountCents: 55 });
  });

  it.each([-1, 100.5, 10.001, Number.NaN])('refuses %p%% as a bug of the caller', (percent) => {
    expect(() => applyNegotiatedDiscount(month, percent)).toThrow(RangeError);
  });
});
