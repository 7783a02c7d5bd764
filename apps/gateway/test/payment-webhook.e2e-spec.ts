import { type PayloadOf, paymentRecordV1, topicOf } from '@rental/contracts';
import { webhookSignature } from '@rental/webhooks';
import { readAll, topicSize } from '../../../test/support/raw-kafka';
import type { ServiceApp } from '../../../test/support/service-app';
import { call, newId, startGateway, WEBHOOK_SECRET } from './gateway-test-kit';

let app: ServiceApp;

beforeAll(async () => {
  app = await startGateway();
});

afterAll(async () => {
  await app?.close();
});

const nowSeconds = (offsetSeconds = 0) => String(Math.floor(Date.now() / 1_000) + offsetSeconds);

function paymentEvent(overrides: Record<string, unknown> = {}) {
  return {
    id: `evt_${newId()}`,
    type: 'payment.paid',
    paymentId: newId(),
    amountCents: 23_958,
    currency: 'EUR',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

/** Delivers a body as the sandbox provider does: signed over the exact bytes sent. */
function deliver(
  rawBody: string,
  { timestamp = nowSeconds(), secret = WEBHOOK_SECRET, signature }: { timestamp?: string; secret?: string; signature?: string } = {},
) {
  return call(app, 'POST', '/v1/payment-provider/webhook', {
    rawBody,
    headers: { 'x-sandbox-timestamp': timestamp, 'x-sandbox-signature': signature ?? webhookSignature(secret, Number(timestamp), rawBody) },
  });
}

const recordedCommands = async (providerEventId: string) =>
  (
    await app.db.query(`SELECT value FROM messaging_outbox WHERE event_type = 'payment.record' AND value::jsonb ->> 'providerEventId' = $1`, [providerEventId])
  ).rows.map((r: { value: string }) => JSON.parse(r.value) as PayloadOf<typeof paymentRecordV1>);

describe('payment provider webhook', () => {
  it('records payment.record once for a correctly signed event, even when it is delivered twice', async () => {
    const event = paymentEvent();
    // Spacing and key order as the provider sent them: the signature covers these bytes, not a re-serialisation.
    const rawBody = JSON.stringify(event, null, 1);

    const first = await deliver(rawBody);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ received: true, duplicate: false });
    const second = await deliver(rawBody);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ received: true, duplicate: true });

    expect(await recordedCommands(event.id)).toEqual([
      { providerEventId: event.id, paymentId: event.paymentId, status: 'paid', amountCents: 23_958, currency: 'EUR', reportedAt: event.occurredAt },
    ]);
    // On Kafka: once another event's command has gone out after it, the topic holds exactly these two.
    const marker = paymentEvent();
    expect((await deliver(JSON.stringify(marker))).status).toBe(200);
    const topic = topicOf(paymentRecordV1, app.topicPrefix);
    const messages = await readAll(topic, 2);
    expect(messages.map((m) => JSON.parse(m.value!.toString()).providerEventId).sort()).toEqual([event.id, marker.id].sort());
    expect(messages.find((m) => m.key?.toString() === event.paymentId)).toBeDefined();
    expect(await topicSize(topic)).toBe(2);
  });

  it('passes a failed payment on, and ignores fields the provider added later', async () => {
    const event = paymentEvent({ type: 'payment.failed', failureReason: 'card_declined', livemode: false });
    expect((await deliver(JSON.stringify(event))).status).toBe(200);
    expect(await recordedCommands(event.id)).toEqual([expect.objectContaining({ status: 'failed', failureReason: 'card_declined' })]);
  });

  it('refuses a bad or missing signature with 401 invalid_signature and records nothing', async () => {
    const event = paymentEvent();
    const rawBody = JSON.stringify(event);
    const attempts = [
      await deliver(rawBody, { secret: 'not-the-secret' }),
      await deliver(rawBody, { signature: webhookSignature(WEBHOOK_SECRET, Number(nowSeconds()), `${rawBody} `) }),
      await deliver(rawBody, { signature: 'deadbeef' }),
      await call(app, 'POST', '/v1/payment-provider/webhook', { rawBody }),
    ];
    for (const answer of attempts) {
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('invalid_signature');
    }
    expect(await recordedCommands(event.id)).toEqual([]);
  });

  it('refuses a timestamp older than five minutes, or more than a minute ahead, with 401 stale_webhook', async () => {
    const event = paymentEvent();
    const rawBody = JSON.stringify(event);
    for (const timestamp of [nowSeconds(-6 * 60), nowSeconds(2 * 60)]) {
      const answer = await deliver(rawBody, { timestamp });
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('stale_webhook');
    }
    expect(await recordedCommands(event.id)).toEqual([]);
    expect((await deliver(rawBody, { timestamp: nowSeconds(-4 * 60) })).status).toBe(200);
  });

  it('answers a signed but invalid body with 400, and malformed JSON with 400', async () => {
    const invalid = await deliver(JSON.stringify(paymentEvent({ amountCents: 12.5, type: 'payment.refunded' })));
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('validation_failed');
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['amountCents', 'type']);
    const malformed = await deliver('{"id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');
  });
});
