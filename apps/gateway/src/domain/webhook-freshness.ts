/** A signed webhook older than this may be a replay of a captured request. */
export const WEBHOOK_MAX_AGE_MS = 5 * 60_000;
/** Clocks drift; a timestamp further ahead than this was not made by an honest sender. */
export const WEBHOOK_MAX_CLOCK_SKEW_MS = 60_000;

export type WebhookFreshness = 'fresh' | 'stale' | 'from_the_future' | 'malformed';

/**
 * Judges a webhook's timestamp header: Unix time in seconds (the providers' convention);
 * a 13-digit value is read as milliseconds so a sender using Date.now() is not refused.
 */
export function judgeWebhookTimestamp(header: string | undefined, now: Date): WebhookFreshness {
  const sentAt = parseWebhookTimestamp(header);
  if (sentAt === undefined) return 'malformed';
  const age = now.getTime() - sentAt;
  if (age > WEBHOOK_MAX_AGE_MS) return 'stale';
  if (-age > WEBHOOK_MAX_CLOCK_SKEW_MS) return 'from_the_future';
  return 'fresh';
}

function parseWebhookTimestamp(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d{1,13}$/.test(header)) return undefined;
  const value = Number(header);
  return header.length >= 13 ? value : value * 1_000;
}
