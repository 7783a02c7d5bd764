import { LATEST_YEAR } from '@rental/contracts';
import { err, ok, type Result } from '@rental/result';
import { addRentalDuration, DAY_MS, parseRentalDuration } from './rental-duration';

/** When a rental runs, UTC, end exclusive. */
export interface RentalPeriod {
  readonly start: Date;
  readonly end: Date;
}

/** What a customer asks for: a start and either an end or an ISO-8601 duration (`P1M2W3D`). */
export type RentalPeriodRequest =
  { readonly start: Date; readonly end: Date; readonly duration?: undefined } | { readonly start: Date; readonly duration: string; readonly end?: undefined };

export interface RentalPeriodRules {
  readonly now: Date;
  /** Longest rental accepted, in billable days. */
  readonly maxDays?: number;
  /** How many days after `now` a rental may start at the latest; no bound when absent. */
  readonly maxStartAheadDays?: number;
  /**
   * How far before `now` a start may lie. A customer who asks to start "now" sends a time that is
   * already past when it arrives, and the clocks of their machine and ours differ.
   */
  readonly clockSkewToleranceMs?: number;
}

export const DEFAULT_MAX_RENTAL_DAYS = 366;
export const DEFAULT_CLOCK_SKEW_TOLERANCE_MS = 5 * 60_000;

export type RentalPeriodErrorCode =
  | 'start_invalid'
  | 'end_invalid'
  | 'end_or_duration_required'
  | 'start_in_past'
  | 'start_too_far_ahead'
  | 'end_not_after_start'
  | 'duration_malformed'
  | 'duration_zero'
  | 'period_too_long'
  | 'end_out_of_range';

export interface RentalPeriodError {
  readonly code: RentalPeriodErrorCode;
  readonly message: string;
}

const isValidDate = (value: unknown): value is Date => value instanceof Date && !Number.isNaN(value.getTime());

/**
 * Validates a requested period and returns it with a computed end. Every problem that can be seen is
 * reported at once, so a customer fixes their request in one round trip.
 */
export function rentalPeriod(request: RentalPeriodRequest, rules: RentalPeriodRules): Result<RentalPeriod, RentalPeriodError[]> {
  const maxDays = rules.maxDays ?? DEFAULT_MAX_RENTAL_DAYS;
  const skewMs = rules.clockSkewToleranceMs ?? DEFAULT_CLOCK_SKEW_TOLERANCE_MS;
  const errors: RentalPeriodError[] = [];
  const fail = (code: RentalPeriodErrorCode, message: string) => errors.push({ code, message });

  const start = isValidDate(request.start) ? new Date(request.start.getTime()) : null;
  if (start === null) fail('start_invalid', 'start must be a valid date');
  else if (start.getTime() < rules.now.getTime() - skewMs) {
    fail('start_in_past', `start ${start.toISOString()} is before now (${rules.now.toISOString()})`);
  } else if (rules.maxStartAheadDays !== undefined && start.getTime() > rules.now.getTime() + rules.maxStartAheadDays * DAY_MS) {
    fail('start_too_far_ahead', `start ${start.toISOString()} is more than ${rules.maxStartAheadDays} days ahead`);
  }

  const end = start === null ? null : resolveEnd(request, start, fail);
  if (start !== null && end !== null) {
    if (end.getTime() <= start.getTime()) {
      fail('end_not_after_start', `end ${end.toISOString()} must be after start ${start.toISOString()}`);
    } else if (billableDays({ start, end }) > maxDays) {
      fail('period_too_long', `the period is ${billableDays({ start, end })} days; at most ${maxDays} are allowed`);
    } else if (end.getUTCFullYear() > LATEST_YEAR) {
      // Whatever the configured bounds, a time the contracts cannot carry is never computed into a quote.
      fail('end_out_of_range', `the period would end after the year ${LATEST_YEAR}`);
    }
  }

  return errors.length > 0 || start === null || end === null ? err(errors) : ok({ start, end });
}

function resolveEnd(request: RentalPeriodRequest, start: Date, fail: (code: RentalPeriodErrorCode, message: string) => void): Date | null {
  const hasEnd = request.end !== undefined;
  const hasDuration = request.duration !== undefined;
  if (hasEnd === hasDuration) {
    fail('end_or_duration_required', 'give either an end or a duration, not both and not neither');
    return null;
  }
  if (hasEnd) {
    if (isValidDate(request.end)) return new Date(request.end.getTime());
    fail('end_invalid', 'end must be a valid date');
    return null;
  }
  const parsed = parseRentalDuration(request.duration as string);
  if (!parsed.ok) {
    if (parsed.error === 'duration_zero') fail('duration_zero', 'the duration must be longer than zero');
    else if (parsed.error === 'duration_too_large') fail('period_too_long', 'the duration is too large');
    else fail('duration_malformed', `duration "${request.duration}" must look like P1M, P2W, P10D or P1M2W3D`);
    return null;
  }
  const end = addRentalDuration(start, parsed.value);
  // Far beyond the maximum the arithmetic leaves the range of Date; it is too long all the same.
  if (!isValidDate(end)) {
    fail('period_too_long', 'the duration is too large');
    return null;
  }
  return end;
}

/** Days charged for a period: whole days, and a day once started counts in full. */
export function billableDays(period: RentalPeriod): number {
  return Math.ceil((period.end.getTime() - period.start.getTime()) / DAY_MS);
}
