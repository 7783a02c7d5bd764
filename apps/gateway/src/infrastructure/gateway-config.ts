import { env, loadConfig } from '@rental/config';
import { z } from 'zod';

/** The gateway's own settings, on top of the ones every service has (port, database, Kafka). */
export interface GatewayConfig {
  /** Shared secret of the admin endpoints (X-Admin-Token). */
  adminToken: string;
  /** How long a request waits for the owner's answer to its command before a 504. */
  replyTimeoutMs: number;
  /** How often a waiting request looks at the read model when no notification woke it. */
  replyPollMs: number;
  /** How often a live timeline (SSE) looks at the read model when no notification woke it. */
  feedPollMs: number;
  /**
   * How long a live timeline stays open after the rental's final status without a new entry: the
   * settlement that follows (credit notes, refunds) still adds notes to the timeline.
   */
  feedLingerMs: number;
  /** HMAC key the sandbox payment provider signs its webhooks with. */
  sandboxWebhookSecret: string;
  retention: {
    /** How long a retry under the same Idempotency-Key still finds the first request's answer. */
    idempotencyKeyDays: number;
    /** How long a provider webhook's receipt is kept; longer than any provider redelivers a webhook. */
    webhookReceiptDays: number;
  };
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** Reads and validates the gateway's variables; throws ConfigError naming every bad one. */
export function loadGatewayConfig(source: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const c = loadConfig(
    z.object({
      GATEWAY_ADMIN_TOKEN: env.secret({ devDefault: 'dev-admin-token' }),
      GATEWAY_REPLY_TIMEOUT_MS: env.positiveInt(10_000),
      GATEWAY_REPLY_POLL_MS: env.positiveInt(50),
      GATEWAY_FEED_POLL_MS: env.positiveInt(500),
      GATEWAY_FEED_LINGER_MS: env.positiveInt(10_000),
      SANDBOX_WEBHOOK_SECRET: env.secret({ devDefault: 'sandbox-dev-secret' }),
      IDEMPOTENCY_KEY_RETENTION_DAYS: env.positiveInt(7),
      WEBHOOK_RECEIPT_RETENTION_DAYS: env.positiveInt(30),
    }),
    source,
  );
  return {
    adminToken: c.GATEWAY_ADMIN_TOKEN,
    replyTimeoutMs: c.GATEWAY_REPLY_TIMEOUT_MS,
    replyPollMs: c.GATEWAY_REPLY_POLL_MS,
    feedPollMs: c.GATEWAY_FEED_POLL_MS,
    feedLingerMs: c.GATEWAY_FEED_LINGER_MS,
    sandboxWebhookSecret: c.SANDBOX_WEBHOOK_SECRET,
    retention: { idempotencyKeyDays: c.IDEMPOTENCY_KEY_RETENTION_DAYS, webhookReceiptDays: c.WEBHOOK_RECEIPT_RETENTION_DAYS },
  };
}
