import { randomUUID } from 'node:crypto';
import { orderPlacedV1, type PayloadOf, topicOf } from '@rental/contracts';
import { type SmtpSink, startSmtpSink } from '../../../deploy/local/smtp-sink';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { NotificationModule } from '../src/notification.module';
import { loadNotificationSettings } from '../src/notification-settings';

interface DeliveryRow {
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  content_text: string | null;
}

/** The mail server refuses connections for a while: the delivery is retried with backoff and sent once, when it is back. */
describe('notification: SMTP outage', () => {
  let sink: SmtpSink;
  let service: ServiceApp;
  let port: number;

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    port = sink.port;
    service = await startServiceApp('notification', (config) =>
      NotificationModule.register(
        config,
        loadNotificationSettings({
          SMTP_PORT: String(port),
          NOTIFICATION_RETRY_FIRST_DELAY_MS: '200',
          NOTIFICATION_RETRY_MAX_DELAY_MS: '400',
          NOTIFICATION_RETRY_MAX_ATTEMPTS: '1000',
          // Far longer than the test: retries must come from the worker's own timer at each due time.
          NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: '600000',
        }),
      ),
    );
  });

  afterAll(async () => {
    await service?.close();
    await sink?.stop();
  });

  it('retries while the server refuses, then delivers exactly one mail once it is back', async () => {
    await sink.stop();
    const orderId = randomUUID();
    const email = 'finance@dijkstra-data.example';
    const payload = {
      ...orderPlacedV1.example!,
      orderId,
      quoteId: randomUUID(),
      customer: { ...orderPlacedV1.example!.customer, customerId: randomUUID(), email, language: 'en' as const },
    } as PayloadOf<typeof orderPlacedV1>;
    await produceRaw(topicOf(orderPlacedV1, service.topicPrefix), [envelopeMessage(orderPlacedV1, orderId, payload)]);

    const delivery = async (): Promise<DeliveryRow | undefined> =>
      (await service.db.query(`SELECT status, attempts, last_error, next_attempt_at, content_text FROM notification_delivery WHERE order_id = $1`, [orderId]))
        .rows[0];

    // Several failed attempts, each recorded with the reason and the next due time; still pending.
    const failing = (await eventually(delivery, (row) => (row?.attempts ?? 0) >= 3, 30_000, 'three failed attempts'))!;
    expect(failing.status).toBe('pending');
    expect(failing.last_error).toMatch(/ECONNREFUSED/);
    expect(failing.next_attempt_at).not.toBeNull();
    expect(failing.content_text).toContain(`Order: ${orderId}`);

    const back = await startSmtpSink({ port });
    try {
      const sent = (await eventually(delivery, (row) => row?.status === 'sent', 30_000, 'the delivery sent'))!;
      expect(sent.attempts).toBeGreaterThan(failing.attempts);
      expect(sent.last_error).toBeNull();
      expect(sent.content_text).toBeNull();
      // A later mail through the same sender: had a failed attempt been queued somewhere and sent late, it would be here by now.
      const laterOrder = randomUUID();
      await produceRaw(topicOf(orderPlacedV1, service.topicPrefix), [
        envelopeMessage(orderPlacedV1, laterOrder, { ...payload, orderId: laterOrder, quoteId: randomUUID() }),
      ]);
      await eventually(
        async () => back.messages().some((mail) => mail.subject === `We have received your order ${laterOrder}`),
        (arrived) => arrived,
        30_000,
        "the later order's mail",
      );
      const mails = back.messages().filter((mail) => mail.subject.includes(orderId));
      expect(mails).toHaveLength(1);
      expect(mails[0].to).toBe(email);

      const sentFacts = await service.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'notification.sent' AND key = $1`, [
        orderId,
      ]);
      expect(sentFacts.rows[0].n).toBe(1);
    } finally {
      await back.stop();
    }
  });
});
