import { env, loadConfig } from '@rental/config';
import { z } from 'zod';

/** The order service's own rules, from the environment (validated at start-up like the rest). */
export interface OrderSettings {
  /** How long a quote's price holds. */
  quoteValidityMinutes: number;
  /** How long a customer has to pay once capacity is held; provisioning uses the same variable. */
  paymentWindowMinutes: number;
  /** Longest rental accepted, in days. */
  maxRentalDays: number;
}

export const ORDER_SETTINGS = Symbol('ORDER_SETTINGS');

export function loadOrderSettings(source: NodeJS.ProcessEnv = process.env): OrderSettings {
  const c = loadConfig(
    z.object({
      QUOTE_VALIDITY_MINUTES: env.positiveInt(24 * 60),
      PAYMENT_WINDOW_MINUTES: env.positiveInt(60),
      MAX_RENTAL_DAYS: env.positiveInt(366),
    }),
    source,
  );
  return {
    quoteValidityMinutes: c.QUOTE_VALIDITY_MINUTES,
    paymentWindowMinutes: c.PAYMENT_WINDOW_MINUTES,
    maxRentalDays: c.MAX_RENTAL_DAYS,
  };
}
