import { randomUUID } from 'node:crypto';
import {
  creditNoteIssuedV1,
  type EventDefinition,
  invoiceIssuedV1,
  orderCancelledV1,
  orderEndApproachedV1,
  orderEndedV1,
  orderExtendedV1,
  orderPlacedV1,
  orderRejectedV1,
  orderScheduledV1,
  type PayloadOf,
  paymentFailedV1,
  paymentRefundedV1,
  topicOf,
} from '@rental/contracts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from '../../../deploy/local/smtp-sink';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, type RawMessage } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { NotificationModule } from '../src/notification.module';
import { loadNotificationSettings } from '../src/notification-settings';

const NBSP = '\u00a0';
const SANDBOX_CHECKOUT = 'http://127.0.0.1:3000/sandbox-payments/e5f6a7b8-9c0d-4e1f-8a2b-3c4d5e6f7a8b';

type Language = 'en' | 'nl';

function orderPlaced(orderId: string, language: Language, email: string): PayloadOf<typeof orderPlacedV1> {
  const example = orderPlacedV1.example!;
  return {
    ...example,
    orderId,
    quoteId: randomUUID(),
    customer: { ...example.customer, customerId: randomUUID(), email, language },
  } as PayloadOf<typeof orderPlacedV1>;
}

/** An event about one order, as its producer would publish it: the example payload with this order's ids. */
function about<D extends EventDefinition>(definition: D, orderId: string, payload: Partial<PayloadOf<D>> = {}): RawMessage {
  return envelopeMessage(definition, orderId, { ...(definition.example as object), orderId, ...payload });
}

describe('notification: the mails of the unhappy paths and of the end of a rental', () => {
  let sink: SmtpSink;
  let service: ServiceApp;

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
    (await service.db.query(`SELECT kind, status FROM notification_delivery WHERE order_id = $1 ORDER BY created_at`, [orderId])).rows as {
      kind: string;
      status: string;
    }[];
  const placeOrder = async (language: Language, email: string): Promise<string> => {
    const orderId = randomUUID();
    await publish(orderPlacedV1, envelopeMessage(orderPlacedV1, orderId, orderPlaced(orderId, language, email)));
    return orderId;
  };

  beforeAll(async () => {
    sink = await startSmtpSink({ port: 0 });
    service = await startServiceApp('notification', (config) =>
      NotificationModule.register(
        config,
        // A poll far longer than the test: every mail below leaves because the commit woke the worker.
        loadNotificationSettings({ SMTP_PORT: String(sink.port), NOTIFICATION_DELIVERY_POLL_INTERVAL_MS: '600000' }),
      ),
    );
  });

  afterAll(async () => {
    await service?.close();
    await sink?.stop();
  });

  it('tells a Dutch customer an order was refused for lack of capacity, and mails nothing for a refused order.place', async () => {
    const email = 'inkoop@molen-hosting.example';
    const orderId = await placeOrder('nl', email);
    await publish(orderRejectedV1, about(orderRejectedV1, orderId, { reason: 'no_capacity', detail: 'no active host in ams1 has room for 2 machines' }));

    const mail = await waitForMail(email, `Wij kunnen uw bestelling ${orderId} niet leveren: geen capaciteit beschikbaar`);
    expect(mail.text).toContain('Toelichting: no active host in ams1 has room for 2 machines');
    expect(mail.text).toContain('u betaalt niets');

    // A quote refused at ordering never had an order.placed: nothing to mail, and nothing left waiting. Its
    // order.placed (unrealistic, but on the same partition) then proves the rejection was consumed first.
    const refused = randomUUID();
    const refusedEmail = 'nobody@molen-hosting.example';
    await publish(
      orderRejectedV1,
      about(orderRejectedV1, refused, { reason: 'quote_expired' }),
      envelopeMessage(orderPlacedV1, refused, orderPlaced(refused, 'nl', refusedEmail)),
    );
    await waitForMail(refusedEmail, `We hebben uw bestelling ${refused} ontvangen`);
    expect((await deliveries(refused)).map((row) => row.kind)).toEqual(['order-received']);
  });

  it('walks an English customer through a failed payment, the closed payment window, its credit note and the refund of a late payment', async () => {
    const email = 'ops@tulip-servers.example';
    const orderId = await placeOrder('en', email);
    await publish(
      paymentFailedV1,
      about(paymentFailedV1, orderId, {
        invoiceNumber: '2026-000101',
        attempt: 1,
        reason: 'card declined:\ninsufficient funds',
        checkoutUrl: SANDBOX_CHECKOUT,
        retryUntil: '2026-11-26T09:05:00Z',
      }),
    );
    const failed = await waitForMail(email, 'Your payment for invoice 2026-000101 did not go through');
    // The provider's two lines arrive as one.
    expect(failed.text).toContain('Reason: card declined: insufficient funds');
    expect(failed.text).toContain('You can try again until: 26 November 2026 at 09:05 UTC');
    expect(failed.text).toContain(`Try again: ${SANDBOX_CHECKOUT}`);

    await publish(
      orderCancelledV1,
      about(orderCancelledV1, orderId, { reason: 'payment_window_closed', settlement: 'full', wasRunning: false, requestId: undefined }),
    );
    const cancelled = await waitForMail(email, `Your order ${orderId} is cancelled: no payment received`);
    expect(cancelled.text).toContain('a payment that still arrives is refunded to you automatically');

    await publish(
      creditNoteIssuedV1,
      about(creditNoteIssuedV1, orderId, { invoiceNumber: '2026-000101', creditNoteNumber: 'CN-2026-000011', reason: 'payment_window_closed' }),
      about(paymentRefundedV1, orderId, { invoiceNumber: '2026-000101', refundNumber: 'RF-2026-000005', reason: 'late_payment' }),
    );
    const credit = await waitForMail(email, 'Credit note CN-2026-000011 for invoice 2026-000101');
    expect(credit.text).toContain('Total credited: €239.58');
    expect(credit.text).toContain('The invoice is now cancelled: nothing is owed on it.');
    const refund = await waitForMail(email, 'Refund RF-2026-000005 for invoice 2026-000101');
    expect(refund.text).toContain('Amount refunded: €239.58');
    expect(refund.text).toContain('Reason: your payment arrived after the invoice had been cancelled');
  });

  it('apologises to a Dutch customer whose servers could not be delivered, and mails the refund once though it came twice', async () => {
    const email = 'beheer@gracht-data.example';
    const orderId = await placeOrder('nl', email);
    const cancellation = about(orderCancelledV1, orderId, {
      reason: 'provisioning_failed',
      detail: 'boot failed on every host of ams1 after 3 attempts',
      settlement: 'full',
      wasRunning: false,
      requestId: undefined,
    });
    await publish(orderCancelledV1, cancellation);
    const refund = about(paymentRefundedV1, orderId, { refundNumber: 'RF-2026-000006', reason: 'provisioning_failed' });
    const creditNote = about(creditNoteIssuedV1, orderId, { creditNoteNumber: 'CN-2026-000013', reason: 'provisioning_failed' });
    // The refund twice (a relay that published again), then the credit note on the same partition: once the
    // credit note's mail is queued, the duplicate has been consumed.
    await publish(paymentRefundedV1, refund, refund, creditNote);

    const apology = await waitForMail(email, `Onze excuses: wij konden uw bestelling ${orderId} niet leveren`);
    expect(apology.text).toContain('Reden: boot failed on every host of ams1 after 3 attempts');
    expect(apology.text).toContain('elke betaling volledig terugbetaald');
    const refundMail = await waitForMail(email, 'Terugbetaling RF-2026-000006 voor factuur 2026-000042');
    expect(refundMail.text).toContain(`Terugbetaald bedrag: €${NBSP}239,58`);
    expect(refundMail.text).toContain('Reden: wij konden uw servers niet leveren');
    const credit = await waitForMail(email, 'Creditnota CN-2026-000013 voor factuur 2026-000042');
    expect(credit.text).toContain(`Totaal gecrediteerd: €${NBSP}239,58`);

    const rows = await eventually(
      () => deliveries(orderId),
      (list) => list.length === 4 && list.every((row) => row.status === 'sent'),
      30_000,
      'the order, cancellation, refund and credit-note mails sent',
    );
    expect(rows.map((row) => row.kind).sort()).toEqual(['credit-note-issued', 'order-cancelled', 'order-received', 'payment-refunded']);
    expect(mailsTo(email).filter((mail) => mail.subject.startsWith('Terugbetaling'))).toHaveLength(1);
  });

  it('tells an English customer who cancelled a running rental that the servers are wiped and unused days refunded', async () => {
    const email = 'it@windmill-labs.example';
    const orderId = await placeOrder('en', email);
    await publish(orderCancelledV1, about(orderCancelledV1, orderId, { reason: 'customer_cancelled', settlement: 'unused_days', wasRunning: true }));

    const mail = await waitForMail(email, `Your order ${orderId} is cancelled`);
    expect(mail.text).toContain('Your servers are being stopped and their disks wiped');
    expect(mail.text).toContain('We refund the whole days you have not used, pro rata');
  });

  it('tells an English customer who paid before the start when the servers will be ready', async () => {
    const email = 'ops@tulip-hosting.example';
    const orderId = await placeOrder('en', email);
    await publish(orderScheduledV1, about(orderScheduledV1, orderId, { provisioningStartsAt: '2027-03-01T08:30:00Z', readyBy: '2027-03-01T09:00:00Z' }));
    const mail = await waitForMail(email, `Your servers for order ${orderId} will be ready on 1 March 2027`);
    expect(mail.text).toContain('We start preparing your servers at 1 March 2027 at 08:30 UTC');
    expect((await deliveries(orderId)).map((row) => row.kind)).toContain('order-scheduled');
  });

  it('follows a Dutch rental to its end: extension invoice, extension, reminder, end', async () => {
    const email = 'ict@polder-compute.example';
    const orderId = await placeOrder('nl', email);
    const extensionId = randomUUID();
    await publish(
      invoiceIssuedV1,
      about(invoiceIssuedV1, orderId, {
        invoiceNumber: '2026-000157',
        extensionId,
        grossCents: 7_986,
        dueAt: '2026-12-31T09:00:00Z',
        checkoutUrl: SANDBOX_CHECKOUT,
        recipient: { email, language: 'nl' },
      }),
    );
    const invoice = await waitForMail(email, 'Uw factuur 2026-000157 voor de verlenging van uw huur');
    expect(invoice.text).toContain(`Te betalen: €${NBSP}79,86`);
    expect(invoice.text).toContain('dan eindigt uw huur zoals gepland');

    await publish(
      orderExtendedV1,
      about(orderExtendedV1, orderId, { extensionId, invoiceNumber: '2026-000157', previousEnd: '2026-12-31T09:00:00Z', newEnd: '2027-01-07T09:00:00Z' }),
      about(orderEndApproachedV1, orderId, { endsAt: '2027-01-07T09:00:00Z', daysLeft: 1 }),
      about(orderEndedV1, orderId, { endedAt: '2027-01-07T09:00:00Z', appliedExtensionIds: [extensionId] }),
    );
    const extended = await waitForMail(email, `Uw huur ${orderId} is verlengd tot 7 januari 2027`);
    expect(extended.text).toContain('Nieuwe einddatum: 7 januari 2027 om 09:00 UTC');
    const reminder = await waitForMail(email, `Uw huur ${orderId} eindigt over 1 dag`);
    expect(reminder.text).toContain(`POST /v1/orders/${orderId}/extensions`);
    const ended = await waitForMail(email, `Uw huur ${orderId} is afgelopen`);
    expect(ended.text).toContain('Uw servers worden gestopt en hun schijven gewist');
  });

  it('keeps a mail for an order whose customer is not known yet, then sends it in their language', async () => {
    const orderId = randomUUID();
    const email = 'finance@dijk-digital.example';
    await publish(creditNoteIssuedV1, about(creditNoteIssuedV1, orderId, { creditNoteNumber: 'CN-2026-000012', reason: 'customer_cancelled' }));
    await eventually(
      async () => (await service.db.query(`SELECT count(*)::int AS n FROM notification_awaiting_customer WHERE order_id = $1`, [orderId])).rows[0].n,
      (n) => n === 1,
      30_000,
      'the credit-note mail waiting for its customer',
    );

    await publish(orderPlacedV1, envelopeMessage(orderPlacedV1, orderId, orderPlaced(orderId, 'nl', email)));
    const mail = await waitForMail(email, 'Creditnota CN-2026-000012 voor factuur 2026-000042');
    expect(mail.text).toContain('Reden: u hebt de bestelling geannuleerd');
  });
});
