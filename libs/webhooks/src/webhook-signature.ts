import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '@rental/result';

/**
 * The signature of a payment provider's webhook call, as Stripe does it: HMAC-SHA256 over
 * `${timestamp}.${rawBody}` with a shared secret, sent hex-encoded beside the timestamp. Signing the
 * timestamp with the body lets the receiver refuse a captured call replayed later (max age).
 *
 * Pure (no I/O, time passed in): the sandbox provider (billing) signs and the gateway verifies
 * with this one implementation.
 */

export const TIMESTAMP_HEADER = 'X-Sandbox-Timestamp';
export const SIGNATURE_HEADER = 'X-Sandbox-Signature';
/** Five minutes, as Stripe: covers retries in flight and modest clock skew, not a replay hours later. */
export const DEFAULT_MAX_AGE_SECONDS = 300;
/** Clocks drift, but a timestamp further ahead than this was not made by an honest sender. */
export const DEFAULT_MAX_FUTURE_SKEW_SECONDS = 60;

export interface SignedHeaders {
  readonly [TIMESTAMP_HEADER]: string;
  readonly [SIGNATURE_HEADER]: string;
}

export type SignatureRejection = 'missing_signature' | 'malformed_timestamp' | 'stale_timestamp' | 'bad_signature';

export interface VerifyWebhook {
  readonly secret: string;
  /** Exactly the bytes received: re-serialised JSON would not match the signature. */
  readonly rawBody: string | Buffer;
  readonly timestamp: string | undefined;
  readonly signature: string | undefined;
  readonly now: Date;
  readonly maxAgeSeconds?: number;
  readonly maxFutureSkewSeconds?: number;
}

/** Hex HMAC-SHA256 of `${timestamp}.${rawBody}`. */
export function webhookSignature(secret: string, timestampSeconds: number, rawBody: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.`, 'utf8').update(rawBody).digest('hex');
}

/** The headers a webhook call sent at `now` carries. */
export function signWebhook(secret: string, rawBody: string, now: Date): SignedHeaders {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { [TIMESTAMP_HEADER]: String(timestamp), [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, rawBody) };
}

/**
 * Accepts a call only if its signature matches and its timestamp is at most `maxAgeSeconds` old and
 * at most `maxFutureSkewSeconds` ahead of `now` (a sender's clock may run a little fast). The signatures are compared in constant time, so
 * response timing does not reveal how much of a forged signature was right.
 */
export function verifyWebhook(input: VerifyWebhook): Result<{ timestampSeconds: number }, SignatureRejection> {
  const { timestamp, signature } = input;
  if (timestamp === undefined || signature === undefined || timestamp === '' || signature === '') {
    return err('missing_signature');
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    return err('malformed_timestamp');
  }
  const timestampSeconds = Number(timestamp);
  const age = input.now.getTime() / 1000 - timestampSeconds;
  if (age > (input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) || -age > (input.maxFutureSkewSeconds ?? DEFAULT_MAX_FUTURE_SKEW_SECONDS)) {
    return err('stale_timestamp');
  }
  const expected = Buffer.from(webhookSignature(input.secret, timestampSeconds, input.rawBody), 'hex');
  const given = /^[0-9a-fA-F]+$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  // timingSafeEqual needs equal lengths; a length mismatch says nothing about the secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return err('bad_signature');
  }
  return ok({ timestampSeconds });
}
