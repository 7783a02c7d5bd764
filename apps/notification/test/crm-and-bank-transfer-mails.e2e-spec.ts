import { randomUUID } from 'node:crypto';
import {
  bankTransferAppliedV1,
  bankTransferFlaggedV1,
  customerRegisteredV1,
  customerUpdatedV1,
  type EventDefinition,
  invoiceIssuedV1,
  invoicePaidV1,
  machineRunningV2,
  orderPlacedV1,
  type PayloadOf,
  topicOf,
} from '@rental/contracts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../../deploy/local/smtp-sink';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { NotificationModule } from '../src/notification.module';
import { loadNotificationSettings } from '../src/notification-settings';

const NBSP = '\u00a0';

type Language = 'en' | 'nl';
type Registered = PayloadOf<typeof customerRegisteredV1>;
type Applied = PayloadOf<typeof bankTransferAppliedV1>;
type Flagged = PayloadOf<typeof bankTransferFlaggedV1>;

describe('notification: mails to the CRM’s customers, and about bank transfers', () => {
  let sink: SmtpSink;
  let service: ServiceApp;

  /** Publishes as the event's owner would; resolves with the event id. */
  const publish = async <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>): Promise<string> => {
    const id = randomUUID();
    await produceRaw(topicOf(definition, service.topicPrefix), [envelopeMessage(definition, key, payload, { id })]);
    return id;
  };
  const consumed = (eventId: string) =>
    eventually(
      () => service.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [eventId]),
      (r) => r.rowCount === 1,
      30_000,
      `event ${eventId} consumed`,
    );
  const mailsTo = (email: string): ReceivedMail[] => sink.messages().filter((mail) => mail.to === email);
  const waitForMail = (email: string, subject: string): Promise<ReceivedMail> =>
    eventually(
      async () => mailsTo(email).find((mail) => mail.subject === subject),
      (mail) => mail !== undefined,
      30_000,
      `a mail "${subject}" to ${email}`,
    ) as Promise<ReceivedMail>;
  const deliveries = async (orderId: string) =>
    (await service.db.query(`SELECT kind, recipient, language, status FROM notification_delivery WHERE order_id = $1 ORDER BY created_at`, [orderId])).rows as {
      kind: string;
      recipient: string;
      language: string;
      status: string;
    }[];

  const registered = (customerId: string, language: Language, contactEmail: string, registeredAt = '2026-11-25T08:30:00Z'): Registered => ({
    ...(customerRegisteredV1.example as Registered),
    customerId,
    language,
    contactEmail,
    registeredAt,
  });
  /** order.placed as the order service publishes it, with the customer snapshot it had then. */
  const orderPlaced = (orderId: string, customerId: string, language: Language, email: string): PayloadOf<typeof orderPlacedV1> => {
    const example = orderPlacedV1.example as PayloadOf<typeof orderPlacedV1>;
    return { ...example, orderId, quoteId: randomUUID(), customer: { ...example.customer, customerId, email, language } };
  };
  const applied = (orderId: string, customerId: string, overrides: Partial<Applied>): Applied => ({
    ...(bankTransferAppliedV1.example as Applied),
    transferId: randomUUID(),
    orderId,
    customerId,
    ...overrides,
  });
  const flagged = (orderId: string, customerId: string, overrides: Partial<Flagged>): Flagged => ({
    ...(bankTransferFlaggedV1.example as Flagged),
    transferId: randomUUID(),
    orderId,
    customerId,
    ...overrides,
  });

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    service = await startServiceApp('notification', (config) =>
      NotificationModule.register(config, loadNotificationSettings({ SMTP_PORT: String(sink.port), NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: '600000' })),
    );
  });

  afterAll(async () => {
    await service?.close();
    await sink?.stop();
  });

  it('mails a CRM customer where the CRM says, and where customer.updated moves it for every later mail', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const first = `inkoop-${customerId}@stroopwafel.example`;
    const moved = `ops-${customerId}@stroopwafel.example`;
    await consumed(await publish(customerRegisteredV1, customerId, registered(customerId, 'nl', first)));
    await publish(orderPlacedV1, orderId, orderPlaced(orderId, customerId, 'nl', first));
    await waitForMail(first, `We hebben uw bestelling ${orderId} ontvangen`);

    const updated = await publish(customerUpdatedV1, customerId, {
      ...(customerUpdatedV1.example as PayloadOf<typeof customerUpdatedV1>),
      customerId,
      language: 'en',
      contactEmail: moved,
      updatedAt: '2026-11-26T10:00:00Z',
    });
    // The CRM's first record again, under a new event id: older than the update, so it moves nothing back.
    const stale = await publish(customerRegisteredV1, customerId, registered(customerId, 'nl', first));
    await consumed(updated);
    await consumed(stale);

    // Billing still names the address the order had; the CRM's newer word wins.
    await publish(invoiceIssuedV1, orderId, {
      ...(invoiceIssuedV1.example as PayloadOf<typeof invoiceIssuedV1>),
      orderId,
      customerId,
      invoiceNumber: '2026-000501',
      recipient: { email: first, language: 'nl' },
    });
    await publish(machineRunningV2, orderId, {
      ...machineRunningV2.example!,
      orderId,
      machineId: randomUUID(),
      hostname: 'debian-5.ams1.rental.example',
      access: { method: 'ssh-key' },
    });
    const invoiceMail = await waitForMail(moved, 'Your invoice 2026-000501');
    expect(invoiceMail.text).toContain('Invoice number: 2026-000501');
    await waitForMail(moved, 'Your server debian-5.ams1.rental.example is ready');

    const rows = await eventually(
      () => deliveries(orderId),
      (list) => list.length === 3 && list.every((row) => row.status === 'sent'),
      30_000,
      'three mails sent',
    );
    expect(rows.map((row) => [row.kind, row.recipient, row.language])).toEqual([
      ['order-received', first, 'nl'],
      ['invoice-issued', moved, 'en'],
      ['machine-ready', moved, 'en'],
    ]);
  });

  it('tells of a part payment (received, still due, reference), not of the settling transfer, which invoice.paid announces, and of an overpayment to be paid back', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const email = `finance-${customerId}@poffertjes.example`;
    await consumed(await publish(customerRegisteredV1, customerId, registered(customerId, 'en', email)));
    await publish(orderPlacedV1, orderId, orderPlaced(orderId, customerId, 'en', email));

    await publish(
      bankTransferAppliedV1,
      orderId,
      applied(orderId, customerId, { invoiceNumber: '2026-000502', appliedCents: 20_000, outcome: 'partially_paid', balanceCents: 3_958 }),
    );
    const partial = await waitForMail(email, 'Part of the payment for invoice 2026-000502 received');
    expect(partial.text).toContain(
      'we have received your bank transfer of €200.00 for invoice 2026-000502. It does not cover the whole invoice: €39.58 is still due.',
    );
    expect(partial.text).toContain(['Invoice: 2026-000502', 'Received: €200.00', 'Still due: €39.58', 'Payment reference: RENT-2026-000502'].join('\n'));

    const settling = applied(orderId, customerId, { invoiceNumber: '2026-000502', appliedCents: 3_958, outcome: 'settled', balanceCents: 0 });
    await publish(bankTransferAppliedV1, orderId, settling);
    await publish(
      bankTransferFlaggedV1,
      orderId,
      flagged(orderId, customerId, {
        transferId: settling.transferId,
        invoiceNumber: '2026-000502',
        reason: 'overpaid',
        refundableCents: 1_042,
        reference: 'RENT-2026-000502',
      }),
    );
    await publish(invoicePaidV1, orderId, { ...invoicePaidV1.example!, orderId, invoiceNumber: '2026-000502', amountCents: 23_958 });
    const refund = await waitForMail(email, 'We will pay back €10.42 of your bank transfer');
    expect(refund.text).toContain(
      'You transferred more than invoice 2026-000502 asked for. The invoice is paid; we cannot keep the €10.42 too much and will pay it back.',
    );
    expect(refund.text).toContain('Reference on your transfer: RENT-2026-000502');
    await waitForMail(email, 'Payment received for invoice 2026-000502');

    const rows = await eventually(
      () => deliveries(orderId),
      (list) => list.length === 4 && list.every((row) => row.status === 'sent'),
      30_000,
      'four mails sent',
    );
    expect(rows.map((row) => row.kind)).toEqual(['order-received', 'partial-payment-received', 'bank-transfer-refund-pending', 'payment-received']);
    // Each mail sent is announced with its kind.
    const announced = await service.db.query(
      `SELECT value::jsonb ->> 'kind' AS kind FROM messaging_outbox WHERE event_type = 'notification.sent' AND key = $1`,
      [orderId],
    );
    expect(announced.rows.map((row: { kind: string }) => row.kind).sort()).toEqual([
      'bank-transfer-refund-pending',
      'order-received',
      'partial-payment-received',
      'payment-received',
    ]);
  });

  it('mails the CRM customer a part payment before the order reached notification, in Dutch', async () => {
    const customerId = randomUUID();
    const orderId = randomUUID();
    const email = `boekhouding-${customerId}@kaaskop.example`;
    await consumed(await publish(customerRegisteredV1, customerId, registered(customerId, 'nl', email)));
    await publish(
      bankTransferAppliedV1,
      orderId,
      applied(orderId, customerId, { invoiceNumber: '2026-000503', appliedCents: 10_000, outcome: 'partially_paid', balanceCents: 13_958 }),
    );
    const mail = await waitForMail(email, 'Deel van de betaling voor factuur 2026-000503 ontvangen');
    expect(mail.text).toContain(`Nog te betalen: €${NBSP}139,58`);
    expect(mail.text).toContain('onder vermelding van betalingskenmerk RENT-2026-000503');
  });

  it('mails a customer the CRM does not know at the address of its order, once the order is known, and no one for a transfer that matched no invoice', async () => {
    const orderId = randomUUID();
    const customerId = randomUUID();
    const email = `it-${customerId}@tulip.example`;
    const wrongCurrency = await publish(
      bankTransferFlaggedV1,
      orderId,
      flagged(orderId, customerId, {
        invoiceNumber: '2026-000504',
        reason: 'currency_mismatch',
        refundableCents: 25_000,
        currency: 'USD',
        reference: '  RENT-2026-000504\n',
      }),
    );
    await consumed(wrongCurrency);
    const waiting = await service.db.query(`SELECT kind FROM notification_awaiting_customer WHERE order_id = $1`, [orderId]);
    expect(waiting.rows).toEqual([{ kind: 'bank-transfer-refund-pending' }]);

    await publish(orderPlacedV1, orderId, orderPlaced(orderId, customerId, 'en', email));
    const mail = await waitForMail(email, 'We will pay back US$250.00 of your bank transfer');
    expect(mail.text).toContain('Your transfer was not in the currency of invoice 2026-000504');
    expect(mail.text).toContain('quote the payment reference RENT-2026-000504');
    expect(mail.text).toContain('Reference on your transfer: RENT-2026-000504\n');

    const transferId = randomUUID();
    const unmatched = await publish(bankTransferFlaggedV1, transferId, {
      transferId,
      reason: 'unknown_reference',
      refundableCents: 5_000,
      currency: 'EUR',
      reference: 'for the servers',
      detail: 'no invoice matches the reference',
      flaggedAt: '2026-11-27T09:00:00Z',
    });
    await consumed(unmatched);
    const mailed = await service.db.query(`SELECT count(*)::int AS n FROM notification_delivery WHERE causing_event_id = $1`, [unmatched]);
    const parked = await service.db.query(`SELECT count(*)::int AS n FROM notification_awaiting_customer WHERE causing_event_id = $1`, [unmatched]);
    expect([mailed.rows[0].n, parked.rows[0].n]).toEqual([0, 0]);
  });
});
