import { billableDays, rentalPeriod, type RentalPeriodRequest } from './rental-period';

const now = new Date('2026-03-10T12:00:00.000Z');
const at = (iso: string) => new Date(iso);
const codes = (request: RentalPeriodRequest, rules: Parameters<typeof rentalPeriod>[1] = { now }) => {
  const result = rentalPeriod(request, rules);
  return result.ok ? [] : result.error.map((e) => e.code);
};

describe('rentalPeriod', () => {
  it('accepts a start and an end', () => {
    const result = rentalPeriod({ start: at('2026-03-11T00:00:00Z'), end: at('2026-03-18T00:00:00Z') }, { now });
    expect(result).toEqual({
      ok: true,
      value: { start: at('2026-03-11T00:00:00Z'), end: at('2026-03-18T00:00:00Z') },
    });
  });

  it('computes the end from a duration in calendar months', () => {
    const result = rentalPeriod({ start: at('2027-01-31T09:00:00Z'), duration: 'P1M' }, { now });
    expect(result.ok && result.value.end.toISOString()).toBe('2027-02-28T09:00:00.000Z');
  });

  it('computes the end from a combined duration', () => {
    const result = rentalPeriod({ start: at('2026-04-01T00:00:00Z'), duration: 'P1M2W3D' }, { now });
    expect(result.ok && result.value.end.toISOString()).toBe('2026-05-18T00:00:00.000Z');
  });

  it('refuses a start further ahead than the rules allow, and accepts one on the bound', () => {
    const rules = { now, maxStartAheadDays: 365 };
    expect(codes({ start: at('2027-03-10T12:00:00Z'), duration: 'P1W' }, rules)).toEqual([]);
    expect(codes({ start: at('2027-03-10T12:00:00.001Z'), duration: 'P1W' }, rules)).toEqual(['start_too_far_ahead']);
    expect(codes({ start: at('9999-12-01T00:00:00Z'), duration: 'P1M' }, rules)).toEqual(['start_too_far_ahead', 'end_out_of_range']);
  });

  it('never computes an end after the year 9999, whatever the bounds', () => {
    const unbounded = { now: at('9999-06-01T00:00:00Z') };
    expect(codes({ start: at('9999-12-01T00:00:00Z'), duration: 'P1M' }, unbounded)).toEqual(['end_out_of_range']);
    expect(codes({ start: at('9999-12-01T00:00:00Z'), duration: 'P2W' }, unbounded)).toEqual([]);
  });

  it('copies the dates, so a caller mutating theirs does not move the period', () => {
    const start = at('2026-03-11T00:00:00Z');
    const end = at('2026-03-12T00:00:00Z');
    const result = rentalPeriod({ start, end }, { now });
    start.setUTCFullYear(2030);
    end.setUTCFullYear(2030);
    expect(result.ok && [result.value.start.toISOString(), result.value.end.toISOString()]).toEqual(['2026-03-11T00:00:00.000Z', '2026-03-12T00:00:00.000Z']);
  });

  it.each([
    ['equal to the start', '2026-03-11T00:00:00Z'],
    ['before the start', '2026-03-10T23:59:59Z'],
  ])('rejects an end %s', (_, end) => {
    expect(codes({ start: at('2026-03-11T00:00:00Z'), end: at(end) })).toEqual(['end_not_after_start']);
  });

  describe('start relative to now', () => {
    const oneDayFrom = (start: string) => ({ start: at(start), duration: 'P1D' });

    it('accepts a start exactly now', () => {
      expect(codes(oneDayFrom('2026-03-10T12:00:00Z'))).toEqual([]);
    });

    it('accepts a start up to five minutes in the past by default (clock skew)', () => {
      expect(codes(oneDayFrom('2026-03-10T11:55:00Z'))).toEqual([]);
      expect(codes(oneDayFrom('2026-03-10T11:54:59.999Z'))).toEqual(['start_in_past']);
    });

    it('uses the configured tolerance', () => {
      expect(codes(oneDayFrom('2026-03-10T11:59:00Z'), { now, clockSkewToleranceMs: 0 })).toEqual(['start_in_past']);
      expect(codes(oneDayFrom('2026-03-10T11:00:00Z'), { now, clockSkewToleranceMs: 3_600_000 })).toEqual([]);
    });
  });

  it.each([
    ['P', 'duration_malformed'],
    ['P1Y', 'duration_malformed'],
    ['1 month', 'duration_malformed'],
    ['P0D', 'duration_zero'],
    ['P0M0W0D', 'duration_zero'],
  ])('rejects the duration %s as %s', (duration, code) => {
    expect(codes({ start: at('2026-03-11T00:00:00Z'), duration })).toEqual([code]);
  });

  describe('maximum length', () => {
    const start = at('2026-04-01T00:00:00Z');

    it('accepts exactly the default 366 days and rejects one more', () => {
      expect(codes({ start, end: at('2027-04-02T00:00:00Z') })).toEqual([]);
      expect(codes({ start, end: at('2027-04-02T00:00:01Z') })).toEqual(['period_too_long']);
    });

    it('accepts twelve calendar months across a leap day (366 days)', () => {
      expect(codes({ start: at('2027-03-01T00:00:00Z'), duration: 'P12M' })).toEqual([]);
      expect(codes({ start: at('2027-03-01T00:00:00Z'), duration: 'P12M1D' })).toEqual(['period_too_long']);
    });

    it('uses the configured maximum', () => {
      expect(codes({ start, duration: 'P5W' }, { now, maxDays: 30 })).toEqual(['period_too_long']);
      expect(codes({ start, duration: 'P4W2D' }, { now, maxDays: 30 })).toEqual([]);
    });

    it('calls an absurd duration too long rather than failing on the arithmetic', () => {
      expect(codes({ start, duration: 'P99999999999999999999D' })).toEqual(['period_too_long']);
      expect(codes({ start, duration: 'P999999999999M' })).toEqual(['period_too_long']);
    });
  });

  it('reports every problem it can see at once, with a message', () => {
    const result = rentalPeriod({ start: at('2026-03-01T00:00:00Z'), end: at('2026-02-01T00:00:00Z') }, { now });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.code)).toEqual(['start_in_past', 'end_not_after_start']);
    expect(result.error[0].message).toContain('2026-03-01T00:00:00.000Z');
  });

  it('rejects invalid dates and missing or doubled ends from untyped input', () => {
    expect(codes({ start: at('nonsense'), duration: 'P1D' })).toEqual(['start_invalid']);
    expect(codes({ start: at('2026-03-11T00:00:00Z'), end: at('nonsense') })).toEqual(['end_invalid']);
    const start = at('2026-03-11T00:00:00Z');
    expect(codes({ start } as RentalPeriodRequest)).toEqual(['end_or_duration_required']);
    expect(codes({ start, end: at('2026-03-12T00:00:00Z'), duration: 'P1D' } as unknown as RentalPeriodRequest)).toEqual(['end_or_duration_required']);
  });
});

describe('billableDays', () => {
  const from = (start: string, end: string) => billableDays({ start: at(start), end: at(end) });

  it.each([
    ['2026-03-11T00:00:00Z', '2026-03-12T00:00:00Z', 1],
    ['2026-03-11T00:00:00Z', '2026-03-11T00:00:01Z', 1], // a started day counts in full
    ['2026-03-11T00:00:00Z', '2026-03-12T00:00:00.001Z', 2],
    ['2026-03-11T10:00:00Z', '2026-03-18T10:00:00Z', 7],
    ['2026-03-11T10:00:00Z', '2026-03-18T09:59:59Z', 7],
    ['2027-01-31T00:00:00Z', '2027-02-28T00:00:00Z', 28],
    ['2026-03-28T00:00:00Z', '2026-04-04T00:00:00Z', 7], // UTC: no DST hour lost
  ])('%s to %s is %i days', (start, end, days) => {
    expect(from(start, end)).toBe(days);
  });
});
