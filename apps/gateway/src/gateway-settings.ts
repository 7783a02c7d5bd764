import type { KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { env, loadConfig } from '@rental/config';
import { sealingKeySetting } from '@rental/secrets';
import { z } from 'zod';

/** The gateway's own settings, on top of the ones every service has (port, database, Kafka). */
export interface GatewaySettings {
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
  /**
   * The private half of the key root passwords are sealed to (provisioning holds the public half):
   * only the gateway opens one, once, when the customer reveals it.
   */
  secretsPrivateKey: KeyObject;
  /** Limits on the public API, against one client (or one key) taking it for itself. */
  limits: GatewayLimits;
  retention: GatewayRetentionSettings;
}

export interface GatewayLimits {
  /** Requests one API key may make per window. */
  perKey: number;
  /** Requests one client address may make per window, authenticated or not (failed attempts count too). */
  perAddress: number;
  /** The window both request limits count over. */
  windowMs: number;
  /** Live timelines (SSE) one API key may hold open at once. */
  streamsPerKey: number;
  /** The largest JSON body accepted, in bytes. */
  bodyBytes: number;
  /**
   * The proxies in front of the gateway whose X-Forwarded-For names the client (addresses, CIDR
   * ranges, or Express's names loopback, linklocal, uniquelocal); empty: the TCP peer is the client.
   */
  trustedProxies: string[];
}

export interface GatewayRetentionSettings {
  /** How long a retry under the same Idempotency-Key still finds the first request's answer. */
  idempotencyKeyDays: number;
  /** How long a provider webhook's receipt is kept; longer than any provider redelivers a webhook. */
  webhookReceiptDays: number;
}

export const GATEWAY_SETTINGS = Symbol('GATEWAY_SETTINGS');

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];
/** One trusted proxy as Express's `trust proxy` takes it: an address, a CIDR range or a named range. */
function isProxy(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const trustedProxies = () =>
  z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
    .refine((entries) => entries.every(isProxy), 'must be comma-separated addresses, CIDR ranges or loopback, linklocal, uniquelocal');

/** Reads and validates the gateway's variables; throws ConfigError naming every bad one. */
export function loadGatewaySettings(source: NodeJS.ProcessEnv = process.env): GatewaySettings {
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
      GATEWAY_SECRETS_PRIVATE_KEY: sealingKeySetting('private'),
      // 10 requests a second per key sustains polling an order and following its timeline with room to spare.
      GATEWAY_RATE_LIMIT_PER_KEY: env.positiveInt(600),
      // Above the per-key limit: several customers (or one customer's keys) may share an address behind a NAT.
      GATEWAY_RATE_LIMIT_PER_ADDRESS: env.positiveInt(1_200),
      GATEWAY_RATE_LIMIT_WINDOW_MS: env.positiveInt(60_000),
      GATEWAY_MAX_STREAMS_PER_KEY: env.positiveInt(5),
      // Our largest body (a customer with its address, an SSH key) is a few kilobytes.
      GATEWAY_MAX_BODY_BYTES: env.positiveInt(100 * 1024),
      GATEWAY_TRUSTED_PROXIES: trustedProxies(),
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
    secretsPrivateKey: c.GATEWAY_SECRETS_PRIVATE_KEY,
    limits: {
      perKey: c.GATEWAY_RATE_LIMIT_PER_KEY,
      perAddress: c.GATEWAY_RATE_LIMIT_PER_ADDRESS,
      windowMs: c.GATEWAY_RATE_LIMIT_WINDOW_MS,
      streamsPerKey: c.GATEWAY_MAX_STREAMS_PER_KEY,
      bodyBytes: c.GATEWAY_MAX_BODY_BYTES,
      trustedProxies: c.GATEWAY_TRUSTED_PROXIES,
    },
    retention: { idempotencyKeyDays: c.IDEMPOTENCY_KEY_RETENTION_DAYS, webhookReceiptDays: c.WEBHOOK_RECEIPT_RETENTION_DAYS },
  };
}
