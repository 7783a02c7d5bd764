import { env, loadConfig } from '@rental/config';
import { z } from 'zod';

/** The payment providers billing has an adapter for; the sandbox stands in for one during development. */
export const PAYMENT_PROVIDERS = ['sandbox'] as const;
export type PaymentProviderName = (typeof PAYMENT_PROVIDERS)[number];

/** Billing's own settings, beside the ones every service has (ServiceSettings): the provider chosen, with its settings. */
export type BillingSettings = { paymentProvider: 'sandbox'; sandbox: SandboxProviderSettings };

export const BILLING_SETTINGS = Symbol('BILLING_SETTINGS');

export interface SandboxProviderSettings {
  /**
   * Where customers reach the sandbox checkout: the base of every checkout URL. Unset: billing's own
   * HTTP server on 127.0.0.1, at the port it is bound to (known only once listening when BILLING_PORT is 0).
   */
  publicUrl?: string;
  /** The gateway's payment-provider webhook, called when a sandbox payment completes. */
  webhookUrl: string;
  /** Shared with the gateway, which verifies the signature with the same variable. */
  webhookSecret: string;
  /** Deliveries of one webhook before the sandbox gives up until the next start. */
  webhookAttempts: number;
  /** Delay before the first redelivery; it doubles with each further attempt. */
  webhookRetryMs: number;
  /** Failed attempts one payment may have within `checkoutLockoutMinutes`; then its checkout refuses attempts until that time has passed. */
  checkoutMaxFailedAttempts: number;
  checkoutLockoutMinutes: number;
}

const httpUrl = () => z.string().refine((text) => /^https?:\/\/[^/\s]+/.test(text) && URL.canParse(text), { message: 'must be an http:// or https:// URL' });

/** Reads and validates billing's variables; throws ConfigError naming every bad one. */
export function loadBillingSettings(source: NodeJS.ProcessEnv = process.env): BillingSettings {
  const c = loadConfig(
    z.object({
      PAYMENT_PROVIDER: env.standIn(PAYMENT_PROVIDERS, { devDefault: 'sandbox', standIns: ['sandbox'] }),
      SANDBOX_PUBLIC_URL: httpUrl().optional(),
      SANDBOX_WEBHOOK_URL: httpUrl().default('http://127.0.0.1:3000/v1/payment-provider/webhook'),
      SANDBOX_WEBHOOK_SECRET: env.secret({ devDefault: 'sandbox-dev-secret' }),
      SANDBOX_WEBHOOK_ATTEMPTS: env.positiveInt(5),
      SANDBOX_WEBHOOK_RETRY_MS: env.positiveInt(500),
      SANDBOX_CHECKOUT_MAX_FAILED_ATTEMPTS: env.positiveInt(5),
      SANDBOX_CHECKOUT_LOCKOUT_MINUTES: env.positiveInt(15),
    }),
    source,
  );
  return {
    paymentProvider: c.PAYMENT_PROVIDER,
    sandbox: {
      // Trailing slashes would double up when paths are appended.
      ...(c.SANDBOX_PUBLIC_URL === undefined ? {} : { publicUrl: c.SANDBOX_PUBLIC_URL.replace(/\/+$/, '') }),
      webhookUrl: c.SANDBOX_WEBHOOK_URL,
      webhookSecret: c.SANDBOX_WEBHOOK_SECRET,
      webhookAttempts: c.SANDBOX_WEBHOOK_ATTEMPTS,
      webhookRetryMs: c.SANDBOX_WEBHOOK_RETRY_MS,
      checkoutMaxFailedAttempts: c.SANDBOX_CHECKOUT_MAX_FAILED_ATTEMPTS,
      checkoutLockoutMinutes: c.SANDBOX_CHECKOUT_LOCKOUT_MINUTES,
    },
  };
}
