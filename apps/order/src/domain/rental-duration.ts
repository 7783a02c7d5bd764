import { err, ok, type Result } from '@rental/result';

/** A rental length as the customer states it: calendar months, weeks and days. */
export interface RentalDuration {
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
}

export type RentalDurationError = 'duration_malformed' | 'duration_zero' | 'duration_too_large';

export const DAY_MS = 86_400_000;

// ISO 8601 order (months before weeks before days), each part optional. Years, hours and fractions
// are left out on purpose: rentals are priced in days, and "P1Y" is just "P12M".
const DURATION = /^P(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** Parses `PnM`, `PnW`, `PnD` and their combinations in that order, e.g. `P1M2W3D`. */
export function parseRentalDuration(text: string): Result<RentalDuration, RentalDurationError> {
  const match = typeof text === 'string' ? DURATION.exec(text) : null;
  if (match === null || text === 'P') return err('duration_malformed');
  const [months, weeks, days] = [match[1], match[2], match[3]].map((part) => (part === undefined ? 0 : Number(part)));
  if (![months, weeks, days].every(Number.isSafeInteger)) return err('duration_too_large');
  if (months + weeks + days === 0) return err('duration_zero');
  return ok({ months, weeks, days });
}

/**
 * `start` plus the duration, in UTC. Months are calendar months and clamp to the last day of a
 * shorter month (31 Jan + P1M = 28 or 29 Feb); weeks and days are exact 24-hour days, since UTC
 * has no daylight-saving jumps. Months are added first, as ISO 8601 prescribes, so that
 * 31 Jan + P1M1D is 1 Mar (or 29 Feb), not 3 or 4 Mar.
 */
export function addRentalDuration(start: Date, duration: RentalDuration): Date {
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth() + duration.months;
  // Day 0 of the following month is the last day of the target month; Date.UTC rolls the month over.
  const lastDayOfTarget = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(start.getUTCDate(), lastDayOfTarget);
  const afterMonths = Date.UTC(year, month, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
  return new Date(afterMonths + (duration.weeks * 7 + duration.days) * DAY_MS);
}

/** For people: `1 month + 2 weeks`, `31 days`. */
export function describeRentalDuration(duration: RentalDuration): string {
  const parts = (['months', 'weeks', 'days'] as const)
    .filter((unit) => duration[unit] > 0)
    .map((unit) => `${duration[unit]} ${duration[unit] === 1 ? unit.slice(0, -1) : unit}`);
  return parts.join(' + ');
}
