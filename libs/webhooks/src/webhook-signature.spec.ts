import { createHmac } from 'node:crypto';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER, verifyWebhook, webhookSignature } from './webhook-signature';

const secret = 'sandbox-test-secret';
const body = JSON.stringify({ id: 'evt_sandbox_1', type: 'payment.paid', amountCents: 23_958 });
const sentAt = new Date('2026-11-25T09:20:00.000Z');
const sentSeconds = 1_795_598_400;

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of "timestamp.body" with the shared secret', () => {
    const expected = createHmac('sha256', secret).update(`${sentSeconds}.${body}`).digest('hex');
    expect(webhookSignature(secret, sentSeconds, body)).toBe(expected);
    expect(signWebhook(secret, body, sentAt)).toEqual({ [TIMESTAMP_HEADER]: String(sentSeconds), [SIGNATURE_HEADER]: expected });
  });

  const signed = signWebhook(secret, body, sentAt);
  const verify = (overrides: Partial<Parameters<typeof verifyWebhook>[0]> = {}) =>
    verifyWebhook({
      secret,
      rawBody: body,
      timestamp: signed[TIMESTAMP_HEADER],
      signature: signed[SIGNATURE_HEADER],
      now: new Date(sentAt.getTime() + 30_000),
      ...overrides,
    });

  it('accepts what it signed, within the maximum age', () => {
    expect(verify()).toEqual({ ok: true, value: { timestampSeconds: sentSeconds } });
    expect(verify({ signature: signed[SIGNATURE_HEADER].toUpperCase() }).ok).toBe(true);
  });

  it.each([
    ['a changed body', { rawBody: body.replace('23958', '1') }, 'bad_signature'],
    ['another secret', { secret: 'someone-elses-secret' }, 'bad_signature'],
    ['a signature of another timestamp', { timestamp: String(sentSeconds + 1) }, 'bad_signature'],
    ['a truncated signature', { signature: signed[SIGNATURE_HEADER].slice(0, 32) }, 'bad_signature'],
    ['a signature that is not hex', { signature: 'z'.repeat(64) }, 'bad_signature'],
    ['no signature', { signature: undefined }, 'missing_signature'],
    ['no timestamp', { timestamp: '' }, 'missing_signature'],
    ['a timestamp in milliseconds or words', { timestamp: 'yesterday' }, 'malformed_timestamp'],
    ['a call older than five minutes', { now: new Date(sentAt.getTime() + 301_000) }, 'stale_timestamp'],
    ['a timestamp far in the future', { now: new Date(sentAt.getTime() - 301_000) }, 'stale_timestamp'],
    ['a timestamp more than a minute ahead', { now: new Date(sentAt.getTime() - 61_000) }, 'stale_timestamp'],
    ['a call older than a shorter maximum age', { maxAgeSeconds: 10 }, 'stale_timestamp'],
  ] as const)('rejects %s', (_, overrides, reason) => {
    expect(verify(overrides)).toEqual({ ok: false, error: reason });
  });
});
