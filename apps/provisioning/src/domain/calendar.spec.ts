import { COUNT, fromNowOn, type Interval, intervalOf, type Occupancy, overlaps, peakUse } from './calendar';

const at = (day: number, hour = 0) => new Date(Date.UTC(2026, 2, day, hour));
const t0 = at(10);
const span = (from: number, until: number | null): Interval => ({ from: at(from), until: until === null ? null : at(until) });
const machines = (amount: number, occupies: Interval): Occupancy<number> => ({ amount, occupies });

describe('intervalOf', () => {
  it('copies a start and a later end, or an open end', () => {
    const from = at(10);
    const interval = intervalOf(from, at(20));
    from.setUTCFullYear(2030);
    expect(interval).toEqual(span(10, 20));
    expect(intervalOf(at(10), null)).toEqual(span(10, null));
    expect(fromNowOn(t0)).toEqual(span(10, null));
  });

  it('throws on an end that is not after the start, or an invalid start: bugs upstream', () => {
    expect(() => intervalOf(at(10), at(10))).toThrow(RangeError);
    expect(() => intervalOf(at(10), at(9))).toThrow(RangeError);
    expect(() => intervalOf(new Date(Number.NaN), null)).toThrow(RangeError);
  });
});

describe('overlaps', () => {
  it.each<[string, Interval, Interval, boolean]>([
    ['one inside the other', span(10, 20), span(12, 14), true],
    ['back to back (the end is excluded)', span(10, 20), span(20, 30), false],
    ['apart', span(10, 12), span(14, 16), false],
    ['an open end reaching a later one', span(10, null), span(100, 101), true],
    ['an open end starting after the other ends', span(20, null), span(10, 20), false],
  ])('%s', (_, a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });
});

describe('peakUse', () => {
  it('is what is used at once at the busiest moment, not the sum of what overlaps', () => {
    const occupancies = [machines(2, span(10, 15)), machines(3, span(15, 20)), machines(1, span(12, 18))];
    expect(peakUse(occupancies, span(10, 20), t0, COUNT)).toBe(4);
    expect(peakUse(occupancies, span(10, 12), t0, COUNT)).toBe(2);
    expect(peakUse(occupancies, span(20, 30), t0, COUNT)).toBe(0);
  });

  it('finds a peak that begins inside the interval asked about', () => {
    expect(peakUse([machines(1, span(10, 30)), machines(5, span(25, 26))], span(20, 28), t0, COUNT)).toBe(6);
  });

  it('counts what is still there past its planned end as occupying until it is gone', () => {
    const overdue = [machines(2, span(5, 9))];
    expect(peakUse(overdue, span(11, 12), t0, COUNT)).toBe(2);
    expect(peakUse(overdue, span(11, 12), at(5), COUNT)).toBe(0);
  });

  it('counts an open end for ever after its start', () => {
    expect(peakUse([machines(1, span(10, null))], span(300, 301), t0, COUNT)).toBe(1);
    expect(peakUse([machines(1, span(300, 301))], span(10, null), t0, COUNT)).toBe(1);
  });
});
