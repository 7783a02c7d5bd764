import type { OrderStatus } from './order-status';

const DAY_MS = 86_400_000;

/** How billing settles a rental that stops early; see the README's refund policy. */
export type Settlement = 'full' | 'unused_days';

/**
 * Before the machines run the customer has had nothing, so everything is credited and refunded;
 * once they run, the days not yet started are.
 */
export function settlementOnCancel(statusBefore: OrderStatus): Settlement {
  return statusBefore === 'running' ? 'unused_days' : 'full';
}

export interface EndReminder {
  readonly daysLeft: number;
  readonly at: Date;
}

/**
 * The reminders still ahead of `now` for a rental ending at `end`, one per configured number of
 * days before the end; a reminder whose moment has passed (a short rental, a late extension) is skipped.
 */
export function endReminders(end: Date, daysBefore: readonly number[], now: Date): EndReminder[] {
  return [...new Set(daysBefore)]
    .map((daysLeft) => ({ daysLeft, at: new Date(end.getTime() - daysLeft * DAY_MS) }))
    .filter((reminder) => reminder.at.getTime() > now.getTime())
    .sort((a, b) => a.at.getTime() - b.at.getTime());
}
