import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@nestjs/common';
import {
  type EventDefinition,
  eventsTopic,
  invoiceIssuedV1,
  invoicePaidV1,
  machineRunningV1,
  machineRunningV2,
  notificationSentV1,
  orderPlacedV1,
  type PayloadOf,
  rootPasswordContext,
  topicOf,
} from '@rental/contracts';
import { DEVELOPMENT_SECRETS_PUBLIC_KEY, readSealingKey, sealSecret } from '@rental/secrets';
import type { KafkaMessage } from 'kafkajs';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../../deploy/local/smtp-sink';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, type RawMessage, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { NotificationModule } from '../src/notification.module';
import { loadNotificationSettings } from '../src/notification-settings';

const NBSP = '\u00a0';
const ROOT_PASSWORD = 'Kq7-vT9x!mZ2-pW4r';
const SANDBOX_CHECKOUT = 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b';

/** Every line the service logs while the test runs, to prove what never appears in them. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log = (...parts: unknown[]) => this.keep(parts);
  warn = (...parts: unknown[]) => this.keep(parts);
  error = (...parts: unknown[]) => this.keep(parts);
  debug = (...parts: unknown[]) => this.keep(parts);
  verbose = (...parts: unknown[]) => this.keep(parts);
  fatal = (...parts: unknown[]) => this.keep(parts);
  private keep(parts: unknown[]): void {
    this.lines.push(parts.map((part) => (part instanceof Error ? part.stack : String(part))).join(' '));
  }
}

const customer = (language: 'en' | 'nl', email: string) => ({
  ...orderPlacedV1.example!.customer,
  customerId: randomUUID(),
  email,
  language,
});

function orderPlaced(orderId: string, language: 'en' | 'nl', email: string): PayloadOf<typeof orderPlacedV1> {
  return { ...orderPlacedV1.example!, orderId, quoteId: randomUUID(), customer: customer(language, email) } as PayloadOf<typeof orderPlacedV1>;
}

describe('notification: a mail for each customer-visible step', () => {
  let sink: SmtpSink;
  let service: ServiceApp;
  const logs = new CapturingLogger();

  const publish = (definition: EventDefinition, ...messages: RawMessage[]) => produceRaw(topicOf(definition, service.topicPrefix), messages);
  const mailsTo = (email: string): ReceivedMail[] => sink.messages().filter((mail) => mail.to === email);
  const waitForMail = (email: string, subject: string): Promise<ReceivedMail> =>
    eventually(
      async () => mailsTo(email).find((mail) => mail.subject === subject),
      (mail) => mail !== undefined,
      30_000,
      `a mail "${subject}" to ${email}`,
    ) as Promise<ReceivedMail>;
  const deliveries = async (orderId: string) =>
    (
      await service.db.query(
        `SELECT id, kind, status, causing_event_id, content_text, content_html, row_to_json(d)::text AS row
           FROM notification_delivery d WHERE order_id = $1 ORDER BY created_at`,
        [orderId],
      )
    ).rows as { id: string; kind: string; status: string; causing_event_id: string; content_text: string | null; row: string }[];

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    service = await startServiceApp('notification', (config) =>
      NotificationModule.register(
        config,
        // A poll far longer than the test: every mail below leaves because the commit woke the worker.
        loadNotificationSettings({ SMTP_PORT: String(sink.port), NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: '600000' }),
      ),
    );
    service.app.useLogger(logs);
  });

  afterAll(async () => {
    await service?.close();
    await sink?.stop();
  });

  const dutchOrder = randomUUID();
  const dutchEmail = 'inkoop@stroopwafel-logistics.example';

  it("confirms an order in the customer's language (Dutch), with the plan, period and price before VAT", async () => {
    await publish(orderPlacedV1, envelopeMessage(orderPlacedV1, dutchOrder, orderPlaced(dutchOrder, 'nl', dutchEmail)));

    const mail = await waitForMail(dutchEmail, `We hebben uw bestelling ${dutchOrder} ontvangen`);
    expect(mail.from).toBe('Rental Platform <no-reply@rental.example>');
    expect(mail.text).toContain(`Bestelling: ${dutchOrder}`);
    expect(mail.text).toContain('Pakket: 2 × standard-4 (4 vCPU, 8 GB RAM, 160 GB schijf)');
    expect(mail.text).toContain('Locatie: ams1');
    expect(mail.text).toContain('Periode: 1 december 2026 om 09:00 UTC tot 31 december 2026 om 09:00 UTC');
    expect(mail.text).toContain(`Totaal (excl. btw): €${NBSP}198,00`);
    expect(mail.html).toContain('<html lang="nl">');
  });

  it('sends the invoice once, with number, amount in Dutch notation, due date and checkout link, though the event came twice', async () => {
    const issued: PayloadOf<typeof invoiceIssuedV1> = {
      ...invoiceIssuedV1.example!,
      orderId: dutchOrder,
      invoiceNumber: '2026-000042',
      grossCents: 23_958,
      dueAt: '2026-11-26T09:05:00Z',
      checkoutUrl: SANDBOX_CHECKOUT,
      recipient: { email: dutchEmail, language: 'nl' },
    } as PayloadOf<typeof invoiceIssuedV1>;
    const invoiceEvent = envelopeMessage(invoiceIssuedV1, dutchOrder, issued);
    const paid: PayloadOf<typeof invoicePaidV1> = { ...invoicePaidV1.example!, orderId: dutchOrder, invoiceNumber: '2026-000042', amountCents: 23_958 };
    // The same event twice (a relay that published again), then the payment on the same partition: once the
    // payment's mail is queued, the duplicate has been consumed.
    await publish(invoiceIssuedV1, invoiceEvent, invoiceEvent, envelopeMessage(invoicePaidV1, dutchOrder, paid));

    const invoiceMail = await waitForMail(dutchEmail, 'Uw factuur 2026-000042');
    expect(invoiceMail.text).toContain('Factuurnummer: 2026-000042');
    expect(invoiceMail.text).toContain(`Te betalen: €${NBSP}239,58`);
    expect(invoiceMail.text).toContain('Vervaldatum: 26 november 2026 om 09:05 UTC');
    expect(invoiceMail.text).toContain(`Online betalen: ${SANDBOX_CHECKOUT}`);
    expect(invoiceMail.html).toContain(`href="${SANDBOX_CHECKOUT}"`);

    const paymentMail = await waitForMail(dutchEmail, 'Betaling ontvangen voor factuur 2026-000042');
    expect(paymentMail.text).toContain(`Bedrag: €${NBSP}239,58`);

    const rows = await eventually(
      () => deliveries(dutchOrder),
      (list) => list.length >= 3 && list.every((row) => row.status === 'sent'),
      30_000,
      'every delivery of the order sent',
    );
    expect(rows.filter((row) => row.kind === 'invoice-issued')).toHaveLength(1);
    expect(mailsTo(dutchEmail).filter((mail) => mail.subject === 'Uw factuur 2026-000042')).toHaveLength(1);
  });

  it('tells where the machine is, how to log in and where to reveal the one-time password once, never the password', async () => {
    const machineId = randomUUID();
    const sealed = sealSecret(ROOT_PASSWORD, readSealingKey(DEVELOPMENT_SECRETS_PUBLIC_KEY, 'public'), rootPasswordContext(dutchOrder, machineId));
    const running: PayloadOf<typeof machineRunningV2> = {
      orderId: dutchOrder,
      machineId,
      hostname: 'debian-1.ams1.rental.example',
      ipAddress: '203.0.113.10',
      access: { method: 'password', rootPasswordSealed: sealed },
      runningSince: '2026-11-25T09:21:30Z',
    };
    await publish(machineRunningV2, envelopeMessage(machineRunningV2, dutchOrder, running));

    const mail = await waitForMail(dutchEmail, 'Uw server debian-1.ams1.rental.example staat klaar');
    expect(mail.text).toContain('Hostnaam: debian-1.ams1.rental.example');
    expect(mail.text).toContain('IP-adres: 203.0.113.10');
    expect(mail.text).toContain('ssh root@203.0.113.10');
    expect(mail.text).toContain('eenmalige root-wachtwoord');
    expect(mail.text).toContain(`POST /v1/orders/${dutchOrder}/machines/${machineId}/root-password`);
    expect(mail.text).not.toContain(ROOT_PASSWORD);
    expect(mail.text).not.toContain(sealed.ciphertext);

    const rows = await eventually(
      () => deliveries(dutchOrder),
      (list) => list.some((row) => row.kind === 'machine-ready' && row.status === 'sent'),
      30_000,
      'the machine-ready delivery recorded as sent',
    );
    // Sent means cleared: no row of the delivery log holds the content, let alone the password.
    for (const row of rows) {
      expect(row.content_text).toBeNull();
      expect(row.row).not.toContain(ROOT_PASSWORD);
    }
    const awaiting = await service.db.query(`SELECT count(*)::int AS n FROM notification_awaiting_customer`);
    expect(awaiting.rows[0].n).toBe(0);
  });

  it('waits for the customer when a machine runs before its order.placed arrived, then mails in their language (English)', async () => {
    const orderId = randomUUID();
    const machineId = randomUUID();
    const email = 'ops@tulip-hosting.example';
    // A v1 still in the topic from before provisioning sealed passwords: its clear password is dropped on arrival.
    const running: PayloadOf<typeof machineRunningV1> = {
      ...machineRunningV1.example!,
      orderId,
      machineId,
      hostname: 'ubuntu-2.fra1.rental.example',
      ipAddress: '198.51.100.20',
      access: { method: 'password', rootPassword: ROOT_PASSWORD },
    };
    await publish(machineRunningV1, envelopeMessage(machineRunningV1, orderId, running));
    const parked = await eventually(
      async () => (await service.db.query(`SELECT t::text AS row FROM notification_awaiting_customer t WHERE order_id = $1`, [orderId])).rows,
      (rows) => rows.length === 1,
      30_000,
      'the machine-ready mail waiting for its customer',
    );
    expect(parked[0].row).not.toContain(ROOT_PASSWORD);
    expect(mailsTo(email)).toHaveLength(0);

    await publish(orderPlacedV1, envelopeMessage(orderPlacedV1, orderId, { ...orderPlaced(orderId, 'en', email), quantity: 1 }));

    const confirmation = await waitForMail(email, `We have received your order ${orderId}`);
    expect(confirmation.text).toContain('Plan: standard-4 (4 vCPU, 8 GB RAM, 160 GB disk)');
    expect(confirmation.text).toContain('Total (excl. VAT): €198.00');
    const ready = await waitForMail(email, 'Your server ubuntu-2.fra1.rental.example is ready');
    expect(ready.text).toContain('IP address: 198.51.100.20');
    expect(ready.text).toContain(`POST /v1/orders/${orderId}/machines/${machineId}/root-password`);
    expect(ready.text).not.toContain(ROOT_PASSWORD);
    const awaiting = await service.db.query(`SELECT count(*)::int AS n FROM notification_awaiting_customer`);
    expect(awaiting.rows[0].n).toBe(0);
  });

  it('publishes notification.sent for every mail sent, without content, password or address; logs hold neither', async () => {
    // Two orders: four mails for the Dutch one, two for the English one.
    const sentRows = await eventually(
      async () => (await service.db.query(`SELECT id, order_id, kind, language FROM notification_delivery WHERE status = 'sent'`)).rows,
      (rows) => rows.length === 6,
      30_000,
      'six deliveries sent',
    );
    const messages: KafkaMessage[] = await readAll(eventsTopic('notification', service.topicPrefix), sentRows.length);
    const published = messages.map((message) => ({
      type: message.headers?.ce_type?.toString(),
      payload: JSON.parse(message.value!.toString()) as PayloadOf<typeof notificationSentV1>,
      raw: [message.value!.toString(), ...Object.entries(message.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`)].join('\n'),
    }));
    expect(published.every((event) => event.type === notificationSentV1.type)).toBe(true);
    expect(published.map((event) => event.payload.deliveryId).sort()).toEqual(sentRows.map((row) => row.id).sort());
    for (const row of sentRows) {
      const event = published.find((candidate) => candidate.payload.deliveryId === row.id)!;
      expect(event.payload).toMatchObject({ orderId: row.order_id, kind: row.kind, language: row.language });
    }
    for (const event of published) {
      expect(Object.keys(event.payload).sort()).toEqual(['deliveryId', 'kind', 'language', 'orderId', 'sentAt']);
      expect(event.raw).not.toContain(ROOT_PASSWORD);
      expect(event.raw).not.toContain('@');
    }

    const logged = logs.lines.join('\n');
    expect(logged).toContain('sent machine-ready (nl) to i***@stroopwafel-logistics.example');
    expect(logged).not.toContain(ROOT_PASSWORD);
    expect(logged).not.toContain(dutchEmail);
  });
});
