import { env, loadConfig } from '@rental/config';
import { z } from 'zod';

/** The order service's own rules, from the environment (validated at start-up like the rest). */
export interface OrderSettings {
  /** How long a quote's price holds. */
  quoteValidityMinutes: number;
  /** How long a customer has to pay once capacity is held; provisioning uses the same variable. */
  paymentWindowMinutes: number;
  /** How long before a rental's start its machines start being built, so that they run when it begins. */
  provisioningLeadMinutes: number;
  /** Longest rental accepted, in days. */
  maxRentalDays: number;
  /** How far ahead a rental may start, in days. */
  maxStartAheadDays: number;
  /** How many days before a rental's end the customer is reminded, e.g. [3, 1]. */
  endReminderDays: number[];
  /** How often the order service looks for due timers (payment windows, reminders, ends). */
  timerPollMs: number;
  /** How many orders one customer may have placed and not yet paid (each holds capacity); one more is refused. */
  maxUnpaidOrdersPerCustomer: number;
}

export const ORDER_SETTINGS = Symbol('ORDER_SETTINGS');

export function loadOrderSettings(source: NodeJS.ProcessEnv = process.env): OrderSettings {
  const c = loadConfig(
    z.object({
      QUOTE_VALIDITY_MINUTES: env.positiveInt(24 * 60),
      PAYMENT_WINDOW_MINUTES: env.positiveInt(60),
      PROVISIONING_LEAD_MINUTES: env.positiveInt(30),
      MAX_RENTAL_DAYS: env.positiveInt(366),
      MAX_START_AHEAD_DAYS: env.positiveInt(365),
      END_REMINDER_DAYS: z
        .string()
        .regex(/^\s*\d+\s*(,\s*\d+\s*)*$/, 'must be whole numbers of days separated by commas, e.g. 3,1')
        .transform((s) => s.split(',').map(Number))
        .refine((days) => days.every((d) => d >= 1), 'each reminder must be at least 1 day before the end')
        .prefault('3,1'),
      TIMER_POLL_MS: env.positiveInt(1_000),
      // Enough for a customer ordering for several teams at once; one customer cannot hold a whole location unpaid.
      ORDER_MAX_UNPAID_ORDERS_PER_CUSTOMER: env.positiveInt(10),
    }),
    source,
  );
  return {
    quoteValidityMinutes: c.QUOTE_VALIDITY_MINUTES,
    paymentWindowMinutes: c.PAYMENT_WINDOW_MINUTES,
    provisioningLeadMinutes: c.PROVISIONING_LEAD_MINUTES,
    maxRentalDays: c.MAX_RENTAL_DAYS,
    maxStartAheadDays: c.MAX_START_AHEAD_DAYS,
    endReminderDays: c.END_REMINDER_DAYS,
    timerPollMs: c.TIMER_POLL_MS,
    maxUnpaidOrdersPerCustomer: c.ORDER_MAX_UNPAID_ORDERS_PER_CUSTOMER,
  };
}
