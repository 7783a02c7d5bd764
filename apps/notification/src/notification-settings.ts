import { env, loadConfig } from '@rental/config';
import { z } from 'zod';
import { assertRetryPolicy, DEFAULT_RETRY_POLICY, type RetryPolicy } from './domain/retry-policy';

/** The notification service's own settings, from the environment (validated at start-up like the rest). */
export interface NotificationSettings {
  smtp: {
    host: string;
    port: number;
  };
  /** The From header of every mail, e.g. `Rental Platform <no-reply@rental.example>`. */
  mailFrom: string;
  retry: RetryPolicy;
  delivery: {
    /** The worker is woken at commit and at each retry's due time; this slow poll only covers a lost wake-up. */
    pollIntervalMs: number;
    /** Mails one instance sends at once (each holds a database connection while the SMTP server answers). */
    concurrency: number;
  };
}

export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

export const DEFAULT_MAIL_FROM = 'Rental Platform <no-reply@rental.example>';

const emailAddress = z.email();

/** `Name <address>` or a bare address, as a From header takes it. */
const mailbox = z
  .string()
  .trim()
  .refine((value) => {
    const address = /^[^<>\r\n]*<([^<>\s]+)>$/.exec(value)?.[1] ?? value;
    return emailAddress.safeParse(address).success;
  }, 'must be an address, optionally with a name: "Name <address@example.com>"');

const hostname = z
  .string()
  .trim()
  .regex(/^[^\s/:]+$|^\[[0-9a-fA-F:]+\]$/, 'must be a host name or an IP address');

export function loadNotificationSettings(source: NodeJS.ProcessEnv = process.env): NotificationSettings {
  const c = loadConfig(
    z
      .object({
        SMTP_HOST: hostname.default('127.0.0.1'),
        SMTP_PORT: env.port(1025),
        MAIL_FROM: mailbox.default(DEFAULT_MAIL_FROM),
        NOTIFICATION_RETRY_FIRST_DELAY_MS: env.positiveInt(DEFAULT_RETRY_POLICY.firstDelayMs),
        NOTIFICATION_RETRY_MAX_DELAY_MS: env.positiveInt(DEFAULT_RETRY_POLICY.maxDelayMs),
        NOTIFICATION_RETRY_MAX_ATTEMPTS: env.positiveInt(DEFAULT_RETRY_POLICY.maxAttempts),
        NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: env.positiveInt(10_000),
        NOTIFICATION_DELIVERY_CONCURRENCY: env.positiveInt(4),
      })
      .refine((s) => s.NOTIFICATION_RETRY_MAX_DELAY_MS >= s.NOTIFICATION_RETRY_FIRST_DELAY_MS, {
        message: 'must not be below NOTIFICATION_RETRY_FIRST_DELAY_MS',
        path: ['NOTIFICATION_RETRY_MAX_DELAY_MS'],
      }),
    source,
  );
  return {
    smtp: { host: c.SMTP_HOST, port: c.SMTP_PORT },
    mailFrom: c.MAIL_FROM,
    retry: assertRetryPolicy({
      firstDelayMs: c.NOTIFICATION_RETRY_FIRST_DELAY_MS,
      maxDelayMs: c.NOTIFICATION_RETRY_MAX_DELAY_MS,
      maxAttempts: c.NOTIFICATION_RETRY_MAX_ATTEMPTS,
    }),
    delivery: {
      pollIntervalMs: c.NOTIFICATION_DELIVERY_POLL_INTERVAL_MS,
      concurrency: c.NOTIFICATION_DELIVERY_CONCURRENCY,
    },
  };
}
