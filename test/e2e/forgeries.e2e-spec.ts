import { randomUUID } from 'node:crypto';
import {
  bankTransferReceivedV1,
  CLOUDEVENTS_SPEC_VERSION,
  commandsTopic,
  EnvelopeHeader,
  type EventDefinition,
  eventsTopic,
  invoiceIssuedV1,
  invoicePaidV1,
  machineRunningV2,
  orderPaidV1,
  paymentRecordV1,
} from '@rental/contracts';
import type { ServiceName } from '@rental/service-kit';
import { checkout, CustomerClient, type Json } from '../support/customer-client';
import { type DeadLetterWatch, watchDeadLetters } from '../support/dead-letter-watch';
import { type Platform, startPlatform } from '../support/platform';
import { envelopeMessage, produceRaw, type RawMessage } from '../support/raw-kafka';

/** One forged message, where it is written, and the consumers that would have acted on it. */
interface Forgery {
  what: string;
  topic: string;
  message: RawMessage;
  /** Each of these must refuse it, with this reason: those that would act on it, where they read the topic at all. */
  refusedBy: ServiceName[];
  reason: 'forged-source' | 'unsupported-spec-version' | 'missing-metadata';
}

/**
 * An outsider who can write to the topics the platform reads (a development broker without ACLs,
 * or a principal that slipped through) replays the forgeries that once got a server without
 * paying. Each is refused by every consumer that would have acted on it, and acts on nothing: the
 * invoice stays open, no machine is built, no mail is sent, and a stranger's real invoice is not
 * shadowed. (Writing to the owner's topic under the owner's name is the broker's ACLs' to refuse;
 * see test/security.)
 */
describe('forged facts and commands act on nothing', () => {
  let platform: Platform;
  let deadLetters: DeadLetterWatch;
  const prefix = () => platform.apps.order.topicPrefix;
  const db = (service: ServiceName) => platform.apps[service].db;
  const as = <D extends EventDefinition>(definition: D, key: string, payload: unknown, source: string) => envelopeMessage(definition, key, payload, { source });

  beforeAll(async () => {
    platform = await startPlatform();
    deadLetters = await watchDeadLetters(['order', 'billing', 'provisioning', 'notification', 'gateway'], prefix());
  });

  afterAll(async () => {
    await deadLetters?.stop();
    await platform?.close();
  });

  it('refuses each forgery by its source or topic, and the real rentals go on as if it never came', async () => {
    const now = platform.clock.now();
    const victim = await CustomerClient.register(platform.gatewayUrl);
    const quote = await victim.quote({ now });
    const placed = await victim.placeOrder(quote.id);
    expect(placed.status).toBe(201);
    const orderId: string = placed.body.id;
    const awaiting = await victim.until(orderId, 'the invoice', (o: Json) => o.status === 'awaiting_payment' && o.invoice !== undefined);
    const invoice = awaiting.invoice;
    const paymentId = /([0-9a-f-]{36})(?:[/?#].*)?$/.exec(invoice.checkoutUrl)![1];
    const [year, sequence] = (invoice.number as string).split('-');
    // The number billing will give the next invoice: a forgery that claims it must not shadow it.
    const nextNumber = `${year}-${String(Number(sequence) + 1).padStart(6, '0')}`;
    const paidAt = now.toISOString();

    const invoicePaid = { orderId, invoiceNumber: invoice.number, paymentId, amountCents: invoice.grossCents, currency: 'EUR', paidAt };
    const stranger = await CustomerClient.register(platform.gatewayUrl);
    const forgedInvoice = {
      ...invoiceIssuedV1.example,
      orderId: randomUUID(),
      customerId: stranger.customerId,
      invoiceNumber: nextNumber,
      issuedAt: paidAt,
      dueAt: paidAt,
      checkoutUrl: 'https://pay.example.net/phish',
      recipient: { email: stranger.email, language: 'nl' },
    };
    const forgedMachine = {
      orderId,
      machineId: randomUUID(),
      hostname: 'forged.ams1.rental.example',
      ipAddress: '203.0.113.66',
      access: { method: 'ssh-key' },
      runningSince: paidAt,
    };
    const unversioned = as(invoicePaidV1, orderId, invoicePaid, 'billing');
    const uncorrelated = as(invoicePaidV1, orderId, invoicePaid, 'billing');
    delete uncorrelated.headers[EnvelopeHeader.correlationId];

    const crm = eventsTopic('crm', prefix());
    const billing = eventsTopic('billing', prefix());
    const forgeries: Forgery[] = [
      {
        what: "invoice.paid under billing's name on the CRM's topic",
        topic: crm,
        message: as(invoicePaidV1, orderId, invoicePaid, 'billing'),
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: "invoice.paid from the CRM on billing's topic",
        topic: billing,
        message: as(invoicePaidV1, orderId, invoicePaid, 'crm'),
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: "order.paid from the CRM on the order service's topic",
        topic: eventsTopic('order', prefix()),
        message: as(orderPaidV1, orderId, { orderId, invoiceNumber: invoice.number, paidAt }, 'crm'),
        refusedBy: ['provisioning'],
        reason: 'forged-source',
      },
      {
        what: "order.paid under the order service's name on the CRM's topic",
        topic: crm,
        message: as(orderPaidV1, orderId, { orderId, invoiceNumber: invoice.number, paidAt }, 'order'),
        refusedBy: ['order', 'billing', 'notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: 'payment.record from the CRM, with the payment id read from the checkout URL',
        topic: commandsTopic('billing', prefix()),
        message: as(
          paymentRecordV1,
          paymentId,
          { providerEventId: `evt_${randomUUID()}`, paymentId, status: 'paid', amountCents: invoice.grossCents, currency: 'EUR', reportedAt: paidAt },
          'crm',
        ),
        refusedBy: ['billing'],
        reason: 'forged-source',
      },
      {
        what: "bank-transfer.received on the CRM's topic",
        topic: crm,
        message: as(
          bankTransferReceivedV1,
          invoice.paymentReference,
          {
            ...bankTransferReceivedV1.example,
            transferId: randomUUID(),
            amountCents: invoice.grossCents,
            reference: invoice.paymentReference,
            receivedAt: paidAt,
          },
          'finance',
        ),
        refusedBy: ['billing'],
        reason: 'forged-source',
      },
      {
        what: "machine.running under provisioning's name on the CRM's topic",
        topic: crm,
        message: as(machineRunningV2, orderId, forgedMachine, 'provisioning'),
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: "machine.running from the CRM on provisioning's topic",
        topic: eventsTopic('provisioning', prefix()),
        message: as(machineRunningV2, orderId, forgedMachine, 'crm'),
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: "invoice.issued with a phishing link under billing's name on the CRM's topic",
        topic: crm,
        message: as(invoiceIssuedV1, forgedInvoice.orderId, forgedInvoice, 'billing'),
        refusedBy: ['notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: "invoice.issued with a phishing link from the CRM on billing's topic",
        topic: billing,
        message: as(invoiceIssuedV1, forgedInvoice.orderId, forgedInvoice, 'crm'),
        refusedBy: ['notification', 'gateway'],
        reason: 'forged-source',
      },
      {
        what: `invoice.paid on billing's topic with ce_specversion 999`,
        topic: billing,
        message: { ...unversioned, headers: { ...unversioned.headers, [EnvelopeHeader.specVersion]: '999' } },
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'unsupported-spec-version',
      },
      {
        what: "invoice.paid on billing's topic without ce_correlationid",
        topic: billing,
        message: uncorrelated,
        refusedBy: ['order', 'notification', 'gateway'],
        reason: 'missing-metadata',
      },
    ];
    expect(unversioned.headers[EnvelopeHeader.specVersion]).toBe(CLOUDEVENTS_SPEC_VERSION);

    for (const forgery of forgeries) await produceRaw(forgery.topic, [forgery.message]);
    // Fence: every consumer that would have acted on a forgery has read it and set it aside.
    for (const forgery of forgeries) {
      const eventId = forgery.message.headers[EnvelopeHeader.id]!.toString();
      for (const service of forgery.refusedBy) {
        const letter = await deadLetters.waitFor(service, eventId);
        expect({ what: forgery.what, service, reason: letter.reason, topic: letter.originalTopic }).toEqual({
          what: forgery.what,
          service,
          reason: forgery.reason,
          topic: forgery.topic,
        });
      }
    }

    // Acted on nothing: the order waits for its payment, the invoice is open, no machine, no mail but the invoice's.
    const order = await db('order').query(`SELECT status FROM orders WHERE id = $1`, [orderId]);
    expect(order.rows).toEqual([{ status: 'awaiting_payment' }]);
    const invoices = await db('billing').query(`SELECT status FROM invoices WHERE order_id = $1`, [orderId]);
    expect(invoices.rows).toEqual([{ status: 'open' }]);
    const payments = await db('billing').query(`SELECT status FROM payments WHERE order_id = $1`, [orderId]);
    expect(payments.rows.map((p: Json) => p.status)).not.toContain('paid');
    const transfers = await db('billing').query(`SELECT count(*)::int AS n FROM bank_transfers`);
    expect(transfers.rows[0].n).toBe(0);
    const machines = await db('provisioning').query(`SELECT count(*)::int AS n FROM machines WHERE order_id = $1`, [orderId]);
    expect(machines.rows[0].n).toBe(0);
    const gatewayMachines = await db('gateway').query(`SELECT count(*)::int AS n FROM gateway_machines`);
    expect(gatewayMachines.rows[0].n).toBe(0);
    const shadow = await db('gateway').query(`SELECT count(*)::int AS n FROM gateway_invoices WHERE invoice_number = $1`, [nextNumber]);
    expect(shadow.rows[0].n).toBe(0);
    const mails = await db('notification').query(`SELECT kind FROM notification_delivery WHERE order_id = ANY($1)`, [[orderId, forgedInvoice.orderId]]);
    expect(mails.rows.map((m: Json) => m.kind).sort()).toEqual(['invoice-issued', 'order-received'].sort());
    expect(platform.sink.messages().filter((m) => m.to.includes(stranger.email))).toEqual([]);
    expect((await victim.order(orderId)).status).toBe('awaiting_payment');

    // The stranger's real invoice takes the number the forgery claimed, and shows; the victim's real payment still runs its rental.
    const strangersQuote = await stranger.quote({ now });
    const strangersOrder = await stranger.placeOrder(strangersQuote.id);
    expect(strangersOrder.status).toBe(201);
    const strangers = await stranger.until(strangersOrder.body.id, 'its invoice', (o: Json) => o.invoice !== undefined);
    expect(strangers.invoice.number).toBe(nextNumber);
    expect(strangers.invoice.checkoutUrl).not.toContain('pay.example.net');
    expect(await checkout(invoice.checkoutUrl, 'paid')).toBe(200);
    const running = await victim.until(orderId, 'running', (o: Json) => o.status === 'running');
    expect(running.machines.map((m: Json) => m.hostname)).not.toContain(forgedMachine.hostname);
  });
});
