import { paymentRecordV1 } from '@rental/contracts';
import { RetentionPurge } from '@rental/messaging';
import { webhookSignature } from '@rental/webhooks';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import type { ServiceApp } from '../../../test/support/service-app';
import { call, createCustomer, newId, startGateway, WEBHOOK_SECRET } from './gateway-test-kit';

const DAY = 86_400_000;

/**
 * What the gateway keeps only for a while: webhook receipts (WEBHOOK_RECEIPT_RETENTION_DAYS) and
 * idempotency keys (IDEMPOTENCY_KEY_RETENTION_DAYS), purged by the platform's retention purge
 * against the gateway's clock.
 */
describe('gateway retention', () => {
  const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
  let app: ServiceApp;
  const purge = () => app.app.get(RetentionPurge).purgeNow();

  beforeAll(async () => {
    app = await startGateway({ WEBHOOK_RECEIPT_RETENTION_DAYS: '30', IDEMPOTENCY_KEY_RETENTION_DAYS: '7' }, { clock });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Delivers an event as the provider does, signed at the gateway's present. */
  const deliver = (rawBody: string) => {
    const timestamp = Math.floor(clock.now().getTime() / 1_000);
    return call(app, 'POST', '/v1/payment-provider/webhook', {
      rawBody,
      headers: { 'x-sandbox-timestamp': String(timestamp), 'x-sandbox-signature': webhookSignature(WEBHOOK_SECRET, timestamp, rawBody) },
    });
  };
  const receipts = async (eventId: string) => (await app.db.query(`SELECT 1 FROM gateway_payment_provider_events WHERE event_id = $1`, [eventId])).rowCount;
  const commands = async (eventId: string) =>
    (await app.db.query(`SELECT 1 FROM messaging_outbox WHERE event_type = $1 AND value::jsonb ->> 'providerEventId' = $2`, [paymentRecordV1.type, eventId]))
      .rowCount;

  it('keeps a webhook receipt through its retention, so a redelivery is still recognised, and purges it after', async () => {
    const event = {
      id: `evt_${newId()}`,
      type: 'payment.paid',
      paymentId: newId(),
      amountCents: 23_958,
      currency: 'EUR',
      occurredAt: clock.now().toISOString(),
    };
    const rawBody = JSON.stringify(event);
    expect((await deliver(rawBody)).body).toEqual({ received: true, duplicate: false });

    clock.advance(29 * DAY);
    await purge();
    expect(await receipts(event.id)).toBe(1);
    expect((await deliver(rawBody)).body).toEqual({ received: true, duplicate: true });
    expect(await commands(event.id)).toBe(1);

    clock.advance(2 * DAY);
    const report = await purge();
    expect(report.gateway_payment_provider_events).toBeGreaterThanOrEqual(1);
    expect(await receipts(event.id)).toBe(0);
  });

  it('purges idempotency keys older than their retention and keeps the recent ones', async () => {
    const customer = await createCustomer(app);
    const key = (name: string, ageMs: number) =>
      app.db.query(`INSERT INTO gateway_idempotency_keys (customer_id, key, request_hash, order_id, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        customer.id,
        name,
        'a'.repeat(64),
        newId(),
        new Date(clock.now().getTime() - ageMs),
      ]);
    await key('eight-days-old', 8 * DAY);
    await key('six-days-old', 6 * DAY);
    await key('new', 0);

    await purge();
    const left = await app.db.query(`SELECT key FROM gateway_idempotency_keys WHERE customer_id = $1 ORDER BY key`, [customer.id]);
    expect(left.rows.map((r) => r.key)).toEqual(['new', 'six-days-old']);
  });

  it('finds what it purges through an index, not by reading the whole table', async () => {
    for (const [table, column] of [
      ['gateway_idempotency_keys', 'created_at'],
      ['gateway_payment_provider_events', 'received_at'],
    ]) {
      const plan = await app.db.query(
        'BEGIN; SET LOCAL enable_seqscan = off; EXPLAIN SELECT ctid FROM ' + table + ' WHERE ' + column + ' < now() LIMIT 1000; COMMIT;',
      );
      expect(JSON.stringify(plan)).toContain(`${table}_${column}`);
    }
  });
});
