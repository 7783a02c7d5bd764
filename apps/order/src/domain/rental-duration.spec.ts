import { addRentalDuration, parseRentalDuration, type RentalDuration } from './rental-duration';

const at = (iso: string) => new Date(iso);
const duration = (text: string): RentalDuration => {
  const parsed = parseRentalDuration(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error}`);
  return parsed.value;
};

describe('parseRentalDuration', () => {
  it.each([
    ['P1D', { months: 0, weeks: 0, days: 1 }],
    ['P2W', { months: 0, weeks: 2, days: 0 }],
    ['P3M', { months: 3, weeks: 0, days: 0 }],
    ['P1M2W3D', { months: 1, weeks: 2, days: 3 }],
    ['P1M3D', { months: 1, weeks: 0, days: 3 }],
    ['P2W1D', { months: 0, weeks: 2, days: 1 }],
    ['P0M10D', { months: 0, weeks: 0, days: 10 }],
    ['P010D', { months: 0, weeks: 0, days: 10 }],
  ])('parses %s', (text, expected) => {
    expect(parseRentalDuration(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'P', '1D', 'P1', 'PD', 'P1Y', 'PT1H', 'P1DT1H', 'P1.5D', 'P-1D', 'P1D1M', 'P1W1M', 'p1d', ' P1D', 'P1D ', 'P1M 2D'])(
    'rejects "%s" as malformed',
    (text) => {
      expect(parseRentalDuration(text)).toEqual({ ok: false, error: 'duration_malformed' });
    },
  );

  it('rejects a non-string without throwing', () => {
    expect(parseRentalDuration(7 as unknown as string)).toEqual({ ok: false, error: 'duration_malformed' });
  });

  it.each(['P0D', 'P0W', 'P0M', 'P0M0W0D'])('rejects %s as zero', (text) => {
    expect(parseRentalDuration(text)).toEqual({ ok: false, error: 'duration_zero' });
  });

  it('rejects a number of units beyond exact integers', () => {
    expect(parseRentalDuration('P99999999999999999999D')).toEqual({ ok: false, error: 'duration_too_large' });
  });
});

describe('addRentalDuration', () => {
  it.each([
    ['2026-01-31T10:00:00.000Z', 'P1M', '2026-02-28T10:00:00.000Z'], // clamped, common year
    ['2028-01-31T10:00:00.000Z', 'P1M', '2028-02-29T10:00:00.000Z'], // clamped, leap year
    ['2026-03-31T00:00:00.000Z', 'P1M', '2026-04-30T00:00:00.000Z'],
    ['2026-01-30T00:00:00.000Z', 'P1M', '2026-02-28T00:00:00.000Z'],
    ['2026-01-15T08:30:15.250Z', 'P1M', '2026-02-15T08:30:15.250Z'], // time of day kept
    ['2026-11-30T00:00:00.000Z', 'P3M', '2027-02-28T00:00:00.000Z'], // across a year
    ['2026-12-31T00:00:00.000Z', 'P1M', '2027-01-31T00:00:00.000Z'],
    ['2026-05-31T00:00:00.000Z', 'P12M', '2027-05-31T00:00:00.000Z'],
    ['2026-03-01T00:00:00.000Z', 'P1D', '2026-03-02T00:00:00.000Z'],
    ['2026-03-28T12:00:00.000Z', 'P1W', '2026-04-04T12:00:00.000Z'], // across the EU DST change: still 168 h
    ['2026-01-31T00:00:00.000Z', 'P1M1D', '2026-03-01T00:00:00.000Z'], // months first, then days
    ['2026-01-01T00:00:00.000Z', 'P1M2W3D', '2026-02-18T00:00:00.000Z'],
  ])('%s + %s = %s', (start, text, end) => {
    expect(addRentalDuration(at(start), duration(text)).toISOString()).toBe(end);
  });

  it('does not change the start date it was given', () => {
    const start = at('2026-01-31T00:00:00.000Z');
    addRentalDuration(start, duration('P1M2W'));
    expect(start.toISOString()).toBe('2026-01-31T00:00:00.000Z');
  });
});
