import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { orderPlacedV1, type PayloadOf, topicOf } from '@rental/contracts';
import { loadServiceSettings } from '@rental/service-kit';
import { type SmtpSink, startSmtpSink } from '../../../deploy/local/smtp-sink';
import { eventually, testBrokers } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { NotificationModule } from '../src/notification.module';
import { loadNotificationSettings } from '../src/notification-settings';

const ORDERS = 24;

/**
 * Two instances of the service on one database, their workers racing for the same backlog of due
 * deliveries (piled up while the mail server was away): every mail leaves once.
 */
describe('notification: two instances share the delivery log', () => {
  let sink: SmtpSink;
  let first: ServiceApp;
  let second: INestApplicationContext;
  let port: number;

  const settings = () =>
    loadNotificationSettings({
      SMTP_PORT: String(port),
      NOTIFICATION_RETRY_FIRST_DELAY_MS: '100',
      NOTIFICATION_RETRY_MAX_DELAY_MS: '200',
      NOTIFICATION_RETRY_MAX_ATTEMPTS: '1000',
      NOTIFICATION_DELIVERY_CONCURRENCY: '4',
    });

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    port = sink.port;
    first = await startServiceApp('notification', (config) => NotificationModule.register(config, settings()));
    const config = loadServiceSettings('notification', {
      KAFKA_BROKERS: testBrokers().join(','),
      KAFKA_TOPIC_PREFIX: first.topicPrefix,
      NOTIFICATION_DATABASE_URL: first.config.databaseUrl,
      CONSUMER_SESSION_TIMEOUT_MS: '6000',
    });
    second = await NestFactory.createApplicationContext(NotificationModule.register(config, settings()), { logger: ['error'] });
    await second.init();
  });

  afterAll(async () => {
    await second?.close();
    await first?.close();
    await sink?.stop();
  });

  it('sends each of a backlog of mails exactly once when the mail server comes back', async () => {
    await sink.stop();
    const orders = Array.from({ length: ORDERS }, () => randomUUID());
    await produceRaw(
      topicOf(orderPlacedV1, first.topicPrefix),
      orders.map((orderId) =>
        envelopeMessage(orderPlacedV1, orderId, {
          ...orderPlacedV1.example!,
          orderId,
          quoteId: randomUUID(),
          customer: { ...orderPlacedV1.example!.customer, customerId: randomUUID(), email: `buyer-${orderId.slice(0, 8)}@example.com` },
        } as PayloadOf<typeof orderPlacedV1>),
      ),
    );
    const countWhere = async (condition: string): Promise<number> =>
      (await first.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE ${condition}`)).rows[0].n;
    await eventually(
      () => countWhere(`status = 'pending' AND attempts >= 1`),
      (n) => n === ORDERS,
      30_000,
      'every delivery failed once',
    );

    const back = await startSmtpSink({ port });
    try {
      await eventually(
        () => countWhere(`status = 'sent'`),
        (n) => n === ORDERS,
        30_000,
        'every delivery sent',
      );
      const subjects = back.messages().map((mail) => mail.subject);
      expect(subjects).toHaveLength(ORDERS);
      expect(new Set(subjects)).toEqual(new Set(orders.map((orderId) => `We hebben uw bestelling ${orderId} ontvangen`)));
    } finally {
      await back.stop();
    }
  });
});
