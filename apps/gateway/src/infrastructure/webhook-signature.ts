import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox provider's signature scheme (the one Stripe and others use): hex HMAC-SHA256 over
 * `${timestamp}.${raw body}`. Signing the timestamp with the body lets the receiver refuse old
 * deliveries without trusting an unsigned header.
 */
export function signWebhook(secret: string, timestamp: string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

/** Constant-time comparison, so the response time does not tell an attacker how much of a guess was right. */
export function isValidWebhookSignature(secret: string, timestamp: string, rawBody: Buffer | string, signature: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}
