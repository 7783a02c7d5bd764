import { randomUUID } from 'node:crypto';
import { bankTransferReceivedV1, customerRegisteredV1, type EventDefinition, eventsTopic, type PayloadOf, rentalRequestedV1, topicOf } from '@rental/contracts';
import { collectEvents, type EventCollector } from '../support/event-collector';
import { type Platform, startPlatform } from '../support/platform';
import { envelopeMessage, produceRaw } from '../support/raw-kafka';

/**
 * Another system's view of the platform: no HTTP request at all. The CRM registers a customer and
 * requests a rental for it, finance reports the bank transfer that pays the invoice, and everything
 * is observed on the platform's topics, as a developer of another system would, from the AsyncAPI
 * document's names alone.
 */
describe('a rental driven and observed over Kafka only', () => {
  let platform: Platform;
  let events: EventCollector;
  const prefix = () => platform.apps.order.topicPrefix;
  const publish = <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>, source: string) =>
    produceRaw(topicOf(definition, prefix()), [envelopeMessage(definition, key, payload, { source })]);

  beforeAll(async () => {
    platform = await startPlatform();
    events = await collectEvents(['order', 'billing', 'provisioning'].map((owner) => eventsTopic(owner, prefix())));
  });

  afterAll(async () => {
    await events?.stop();
    await platform?.close();
  });

  it('registers a customer, accepts its rental, settles the invoice by bank transfer and runs the machine', async () => {
    const customerId = randomUUID();
    const requestId = randomUUID();
    const now = platform.clock.now();
    await publish(
      customerRegisteredV1,
      customerId,
      {
        customerId,
        companyName: 'Poffertjes Cloud B.V.',
        kind: 'business',
        billingAddress: { line1: 'Kade 1', postalCode: '1011 AA', city: 'Amsterdam', country: 'NL' },
        country: 'NL',
        vatNumber: 'NL123456789B01',
        language: 'nl',
        contactEmail: 'ops@poffertjes.example',
        registeredAt: now.toISOString(),
      },
      'crm',
    );
    await publish(
      rentalRequestedV1,
      customerId,
      {
        requestId,
        customerId,
        planCode: 'standard-4',
        locationCode: 'ams1',
        imageCode: 'debian-12',
        quantity: 1,
        start: new Date(now.getTime() + 3_600_000).toISOString(),
        duration: 'P30D',
        discountPercent: 10,
        requestedAt: now.toISOString(),
      },
      'crm',
    );

    const accepted = await events.waitFor<{ requestId: string; orderId: string; price: { totalCents: number; subtotalCents: number } }>(
      'rental.request.accepted',
      (e) => e.payload.requestId === requestId,
      60_000,
    );
    const { orderId } = accepted.payload;
    expect(accepted.key).toBe(customerId);
    expect(accepted.payload.price.subtotalCents).toBe(8_910); // 30 days of standard-4 at the month price (99.00) less 10%

    const invoice = await events.waitFor<{ invoiceNumber: string; paymentReference: string; grossCents: number; recipient: { email: string } }>(
      'invoice.issued',
      (e) => e.key === orderId,
      60_000,
    );
    expect(invoice.payload.paymentReference).toBe(`RENT-${invoice.payload.invoiceNumber}`);
    expect(invoice.payload.grossCents).toBe(accepted.payload.price.totalCents);
    expect(invoice.payload.recipient.email).toBe('ops@poffertjes.example');

    const transferId = randomUUID();
    const reference = invoice.payload.paymentReference;
    await publish(
      bankTransferReceivedV1,
      reference,
      {
        transferId,
        amountCents: invoice.payload.grossCents,
        currency: 'EUR',
        payer: { name: 'Poffertjes Cloud B.V.', iban: 'NL91ABNA0417164300' },
        reference: `Invoice ${reference} thank you`,
        receivedAt: platform.clock.now().toISOString(),
      },
      'finance',
    );
    const applied = await events.waitFor<{ transferId: string; outcome: string; balanceCents: number }>(
      'bank-transfer.applied',
      (e) => e.payload.transferId === transferId,
      60_000,
    );
    expect(applied.payload).toMatchObject({ outcome: 'settled', balanceCents: 0 });
    await events.waitFor('invoice.paid', (e) => e.key === orderId, 60_000);
    // Paid an hour before its start: nothing is built until the provisioning lead before the start.
    const scheduled = await events.waitFor<{ provisioningStartsAt: string }>('order.scheduled', (e) => e.key === orderId, 60_000);
    platform.clock.advance(Date.parse(scheduled.payload.provisioningStartsAt) - platform.clock.now().getTime());
    const running = await events.waitFor<{ ipAddress: string }>('machine.running', (e) => e.key === orderId, 60_000);
    expect(running.payload.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    await events.waitFor<{ to: string }>('order.status-changed', (e) => e.key === orderId && e.payload.to === 'running', 60_000);
  });
});
