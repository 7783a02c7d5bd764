/**
 * A stretch of time from `from` (included) to `until` (excluded). An open end (null) lasts until
 * something ends it: a rental placed before provisioning kept rental periods has no known end.
 */
export interface Interval {
  readonly from: Date;
  readonly until: Date | null;
}

/** Something that takes `amount` of a resource (a host's capacity, a pool's addresses) over an interval. */
export interface Occupancy<T> {
  readonly amount: T;
  readonly occupies: Interval;
}

/** How amounts of one resource add up and compare: what a calendar needs to find its busiest moment. */
export interface Measure<T> {
  readonly zero: T;
  add(a: T, b: T): T;
  /** The larger of two amounts; for a vector, component by component. */
  max(a: T, b: T): T;
}

export const COUNT: Measure<number> = { zero: 0, add: (a, b) => a + b, max: Math.max };

/** A validated copy. Intervals come from rental periods the order service checked, so a bad one is a bug and throws. */
export function intervalOf(from: Date, until: Date | null): Interval {
  if (Number.isNaN(from.getTime())) throw new RangeError('interval: invalid start');
  if (until !== null && !(until.getTime() > from.getTime())) {
    throw new RangeError(`interval: the end ${until.toISOString()} must be after the start ${from.toISOString()}`);
  }
  return { from: new Date(from.getTime()), until: until === null ? null : new Date(until.getTime()) };
}

/** From `at` on, for good: what must hold for everything still to come. */
export function fromNowOn(at: Date): Interval {
  return intervalOf(at, null);
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.from.getTime() < endOf(b) && b.from.getTime() < endOf(a);
}

/**
 * The most that `occupancies` take at once at any moment of `within`. Use only rises where an
 * occupancy starts, so the busiest moment is `within`'s start or the start of an occupancy inside
 * it. Everything given is still there at `at`: one whose planned end has passed (a machine not
 * yet taken back) occupies until it is gone, which nobody can date, so its end is open.
 */
export function peakUse<T>(occupancies: readonly Occupancy<T>[], within: Interval, at: Date, measure: Measure<T>): T {
  const overlapping = occupancies
    .map(({ amount, occupies }) => ({ amount, occupies: stillThere(occupies, at) }))
    .filter(({ occupies }) => overlaps(occupies, within));
  const moments = [within.from, ...overlapping.map((occupancy) => occupancy.occupies.from).filter((from) => covers(within, from))];
  return moments.reduce(
    (peak, moment) =>
      measure.max(
        peak,
        overlapping.filter((occupancy) => covers(occupancy.occupies, moment)).reduce((sum, occupancy) => measure.add(sum, occupancy.amount), measure.zero),
      ),
    measure.zero,
  );
}

function stillThere(occupies: Interval, at: Date): Interval {
  return occupies.until !== null && occupies.until.getTime() <= at.getTime() ? { from: occupies.from, until: null } : occupies;
}

function covers(interval: Interval, moment: Date): boolean {
  return interval.from.getTime() <= moment.getTime() && moment.getTime() < endOf(interval);
}

function endOf(interval: Interval): number {
  return interval.until === null ? Number.POSITIVE_INFINITY : interval.until.getTime();
}
