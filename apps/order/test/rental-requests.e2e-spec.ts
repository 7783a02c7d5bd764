import { randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  customerRegisteredV1,
  customerUpdatedV1,
  deadLetterTopic,
  type EventDefinition,
  eventsTopic,
  type PayloadOf,
  type rentalRequestAcceptedV1,
  rentalRequestedV1,
  type rentalRequestRejectedV1,
  topicOf,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventuallyExpect } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, type RawMessage, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderModule } from '../src/order.module';

type CrmCustomer = PayloadOf<typeof customerRegisteredV1>;
type RentalRequested = PayloadOf<typeof rentalRequestedV1>;
type Accepted = PayloadOf<typeof rentalRequestAcceptedV1>;
type Rejected = PayloadOf<typeof rentalRequestRejectedV1>;
interface OrderPlaced {
  orderId: string;
  quoteId: string;
  customer: Record<string, unknown>;
  price: Record<string, unknown>;
}

const DAY = 86_400_000;

const crmCustomer = (overrides: Partial<CrmCustomer> = {}): CrmCustomer => ({
  customerId: randomUUID(),
  companyName: 'Poffertjes Cloud B.V.',
  kind: 'business',
  billingAddress: { line1: 'Kade 1', postalCode: '1011 AA', city: 'Amsterdam', country: 'NL' },
  country: 'NL',
  vatNumber: 'NL123456789B01',
  language: 'nl',
  contactEmail: 'ops@poffertjes.example',
  registeredAt: new Date().toISOString(),
  ...overrides,
});

const rentalRequest = (customerId: string, overrides: Partial<RentalRequested> = {}): RentalRequested => ({
  requestId: randomUUID(),
  customerId,
  planCode: 'standard-4',
  locationCode: 'ams1',
  imageCode: 'debian-12',
  quantity: 2,
  start: new Date(Date.now() + DAY).toISOString(),
  duration: 'P30D',
  discountPercent: 10,
  accountManager: 'j.devries@rental.example',
  requestedAt: new Date().toISOString(),
  ...overrides,
});

/** The order service alone, told by a CRM in raw Kafka messages; it answers on its own topic. */
describe('order service: rentals the CRM requests', () => {
  let order: ServiceApp;
  let events: EventCollector;

  const message = <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>, id = randomUUID()) =>
    envelopeMessage(definition, key, payload, { id });
  const send = <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>) =>
    produceRaw(topicOf(definition, order.topicPrefix), [message(definition, key, payload)]);
  /** Sends messages and waits until the service has dealt with each (its inbox holds their ids). */
  const deliver = async (topic: string, messages: RawMessage[]) => {
    await produceRaw(topic, messages);
    const ids = messages.map((m) => String(m.headers.ce_id));
    await eventuallyExpect(async () => {
      const seen = await order.db.query(`SELECT count(*)::int AS n FROM messaging_inbox WHERE event_id = ANY($1::uuid[])`, [ids]);
      expect(seen.rows[0].n).toBe(ids.length);
    });
  };
  const crmTopic = () => topicOf(rentalRequestedV1, order.topicPrefix);

  const register = async (overrides: Partial<CrmCustomer> = {}) => {
    const customer = crmCustomer(overrides);
    await send(customerRegisteredV1, customer.customerId, customer);
    return customer;
  };
  const request = async (customerId: string, overrides: Partial<RentalRequested> = {}) => {
    const payload = rentalRequest(customerId, overrides);
    await send(rentalRequestedV1, customerId, payload);
    return payload;
  };
  const reserved = (orderId: string) =>
    message(capacityReservedV1, orderId, {
      orderId,
      holdId: randomUUID(),
      hosts: [{ hostId: randomUUID(), machines: 2 }],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
  const reserve = (orderId: string) => deliver(topicOf(capacityReservedV1, order.topicPrefix), [reserved(orderId)]);

  /** The orders placed for a customer, once there are `n` (each order has its own key, so they arrive in any order). */
  const placedFor = async (customerId: string, n = 1) => {
    const mine = () => events.all<OrderPlaced>('order.placed').filter((e) => e.payload.customer.customerId === customerId);
    await eventuallyExpect(async () => expect(mine()).toHaveLength(n));
    return mine();
  };
  const acceptanceOf = (requestId: string) => events.waitFor<Accepted>('rental.request.accepted', (e) => e.payload.requestId === requestId);
  const rejectionOf = (requestId: string) => events.waitFor<Rejected>('rental.request.rejected', (e) => e.payload.requestId === requestId);
  const statusOf = async (requestId: string) => (await order.db.query(`SELECT status FROM rental_requests WHERE request_id = $1`, [requestId])).rows[0]?.status;
  /** Events of a type the service recorded for publishing that mention `text`: a doubled answer shows up here. */
  const recorded = async (type: string, text: string): Promise<number> =>
    (await order.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = $1 AND value LIKE '%' || $2 || '%'`, [type, text])).rows[0].n;

  beforeAll(async () => {
    order = await startServiceApp('order', (config) => OrderModule.register(config));
    events = await collectEvents([eventsTopic('order', order.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await order?.close();
  });

  it('quotes and orders a requested rental for the CRM’s customer, discounted, and accepts it once capacity is held', async () => {
    const customer = await register();
    const asked = await request(customer.customerId);

    const [placed] = await placedFor(customer.customerId);
    const snapshot = {
      customerId: customer.customerId,
      name: 'Poffertjes Cloud B.V.',
      email: 'ops@poffertjes.example',
      language: 'nl',
      country: 'NL',
      kind: 'business',
      vatNumber: 'NL123456789B01',
    };
    expect(placed.payload.customer).toEqual(snapshot);
    // 10% off the month price of 99.00, per machine and before VAT: 2 x 89.10, plus 21%.
    expect(placed.payload.price).toMatchObject({
      lines: [{ unit: 'month', units: 1, unitPriceCents: 8_910, lineTotalCents: 8_910 }],
      quantity: 2,
      subtotalCents: 17_820,
      vatCents: 3_742,
      totalCents: 21_562,
    });
    const quote = await events.waitFor<{ customerId: string }>('quote.created', (e) => e.key === placed.payload.quoteId);
    expect(quote.payload).toMatchObject({ customerId: customer.customerId, price: placed.payload.price });
    // Placed is not yet accepted: the CRM hears once capacity is held.
    expect(await statusOf(asked.requestId)).toBe('placed');
    expect(await recorded('rental.request.accepted', asked.requestId)).toBe(0);

    const { orderId } = placed.payload;
    await reserve(orderId);
    const accepted = await acceptanceOf(asked.requestId);
    expect(accepted.key).toBe(customer.customerId);
    expect(accepted.payload).toMatchObject({
      customerId: customer.customerId,
      orderId,
      quoteId: placed.payload.quoteId,
      price: placed.payload.price,
      discountPercent: 10,
    });
    const orderAccepted = await events.waitFor<{ customer: unknown }>('order.accepted', (e) => e.key === orderId);
    expect(orderAccepted.payload).toMatchObject({ customer: snapshot, price: placed.payload.price });
    expect(await statusOf(asked.requestId)).toBe('accepted');
  });

  it('rejects a request it cannot serve, with the reason, placing nothing', async () => {
    const customer = await register();
    const cases: [string, RentalRequested][] = [
      ['unknown_customer', rentalRequest(randomUUID())],
      ['unknown_plan', rentalRequest(customer.customerId, { planCode: 'mega-128' })],
      ['unknown_location', rentalRequest(customer.customerId, { locationCode: 'lon1' })],
      ['invalid_period', rentalRequest(customer.customerId, { start: new Date(Date.now() - 2 * DAY).toISOString() })],
      ['discount_not_allowed', rentalRequest(customer.customerId, { discountPercent: 20 })],
    ];
    for (const [, payload] of cases) await send(rentalRequestedV1, payload.customerId, payload);

    for (const [reason, payload] of cases) {
      const rejected = await rejectionOf(payload.requestId);
      expect(rejected.key).toBe(payload.customerId);
      expect(rejected.payload).toMatchObject({ customerId: payload.customerId, reason });
      expect(rejected.payload.orderId).toBeUndefined();
      expect(rejected.payload.detail).not.toBe('');
      expect(await statusOf(payload.requestId)).toBe('rejected');
    }
    expect((await rejectionOf(cases[4][1].requestId)).payload.detail).toBe('standard-4 allows a discount of at most 15%; 20% was asked');
    const orders = await order.db.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1`, [customer.customerId]);
    expect(orders.rows[0].n).toBe(0);
  });

  it('rejects a requested rental no host has room for, naming the order that was placed', async () => {
    const customer = await register();
    const asked = await request(customer.customerId);
    const [placed] = await placedFor(customer.customerId);
    const { orderId } = placed.payload;
    await send(capacityUnavailableV1, orderId, { orderId, locationCode: 'ams1', detail: 'every host in ams1 is full' });

    const rejected = await rejectionOf(asked.requestId);
    expect(rejected.key).toBe(customer.customerId);
    expect(rejected.payload).toMatchObject({ reason: 'no_capacity', orderId, detail: 'every host in ams1 is full' });
    // The order itself is rejected as any other would be.
    expect((await events.waitFor<{ reason: string }>('order.rejected', (e) => e.key === orderId)).payload.reason).toBe('no_capacity');
    expect(await statusOf(asked.requestId)).toBe('rejected');
  });

  it('answers a request that breaks its contract with invalid_request when it can, dead-letters it, and serves the corrected one', async () => {
    const customer = await register();
    const requestId = randomUUID();
    const invalid = { ...rentalRequest(customer.customerId), requestId, quantity: 0 };
    const unanswerable = { ...rentalRequest(customer.customerId), requestId: 'CRM-42', quantity: 0 };
    await produceRaw(crmTopic(), [
      envelopeMessage(rentalRequestedV1, customer.customerId, unanswerable),
      envelopeMessage(rentalRequestedV1, customer.customerId, invalid),
    ]);

    const rejected = await rejectionOf(requestId);
    expect(rejected.key).toBe(customer.customerId);
    expect(rejected.payload).toMatchObject({ customerId: customer.customerId, reason: 'invalid_request' });
    expect(rejected.payload.detail).toContain('quantity');

    const letters = await readAll(deadLetterTopic('order', order.topicPrefix), 2, 60_000);
    expect(letters.map((l) => JSON.parse(l.value!.toString()).requestId).sort()).toEqual(['CRM-42', requestId].sort());
    for (const letter of letters) {
      expect(letter.headers![DeadLetterHeader.reason]!.toString()).toBe('schema-violation');
      expect(letter.headers![DeadLetterHeader.detail]!.toString()).toContain('quantity');
    }
    // Without a requestId to name, the CRM cannot be answered: the dead-letter topic is the record. An
    // answer is recorded before the message is dead-lettered, so there would be one by now.
    expect(await recorded('rental.request.rejected', customer.customerId)).toBe(1);

    // Nothing was read under the requestId, so the corrected request is served.
    await send(rentalRequestedV1, customer.customerId, { ...invalid, quantity: 1 });
    const [placed] = await placedFor(customer.customerId);
    expect(placed.payload.price).toMatchObject({ quantity: 1, subtotalCents: 8_910 });
    expect(await statusOf(requestId)).toBe('placed');
  });

  it('does nothing twice when the CRM sends a request again under a new event id', async () => {
    const customer = await register();
    const first = rentalRequest(customer.customerId);
    const refused = rentalRequest(customer.customerId, { planCode: 'mega-128' });
    await produceRaw(crmTopic(), [message(rentalRequestedV1, customer.customerId, first), message(rentalRequestedV1, customer.customerId, refused)]);
    const [placed] = await placedFor(customer.customerId);
    await rejectionOf(refused.requestId);

    await deliver(crmTopic(), [message(rentalRequestedV1, customer.customerId, first), message(rentalRequestedV1, customer.customerId, refused)]);
    const orders = await order.db.query(`SELECT id FROM orders WHERE customer_id = $1`, [customer.customerId]);
    expect(orders.rows).toEqual([{ id: placed.payload.orderId }]);
    const quotes = await order.db.query(`SELECT count(*)::int AS n FROM quotes WHERE customer_id = $1`, [customer.customerId]);
    expect(quotes.rows[0].n).toBe(1);
    expect(await recorded('rental.request.rejected', refused.requestId)).toBe(1);

    // Accepted once, however often capacity is reported or the request sent.
    await reserve(placed.payload.orderId);
    await acceptanceOf(first.requestId);
    await reserve(placed.payload.orderId);
    await deliver(crmTopic(), [message(rentalRequestedV1, customer.customerId, first)]);
    expect(await recorded('rental.request.accepted', first.requestId)).toBe(1);
    expect(await statusOf(first.requestId)).toBe('accepted');
  });

  it('orders for the customer as the CRM last described them; an older record sent again changes nothing', async () => {
    const customer = await register({ registeredAt: new Date(Date.now() - 60_000).toISOString() });
    await request(customer.customerId);
    const [before] = await placedFor(customer.customerId);
    expect(before.payload.customer).toMatchObject({ email: 'ops@poffertjes.example', language: 'nl' });

    const { registeredAt: _registeredAt, ...record } = customer;
    await send(customerUpdatedV1, customer.customerId, {
      ...record,
      contactEmail: 'billing@poffertjes.example',
      language: 'en',
      updatedAt: new Date().toISOString(),
    });
    // The registration once more, as a CRM retrying after a timeout would send it: older than the update.
    await send(customerRegisteredV1, customer.customerId, customer);
    await request(customer.customerId, { quantity: 1 });
    const after = (await placedFor(customer.customerId, 2)).find((e) => e.payload.orderId !== before.payload.orderId)!;
    expect(after.payload.customer).toMatchObject({ name: 'Poffertjes Cloud B.V.', email: 'billing@poffertjes.example', language: 'en' });

    await reserve(after.payload.orderId);
    const accepted = await events.waitFor<{ customer: { email: string } }>('order.accepted', (e) => e.key === after.payload.orderId);
    expect(accepted.payload.customer.email).toBe('billing@poffertjes.example');
    // An order keeps the customer it was placed for.
    const first = await order.db.query(`SELECT customer FROM orders WHERE id = $1`, [before.payload.orderId]);
    expect(first.rows[0].customer.email).toBe('ops@poffertjes.example');
  });

  it('reads a customer’s registration before the request that follows it in the same batch', async () => {
    const customer = crmCustomer();
    const asked = rentalRequest(customer.customerId);
    await produceRaw(crmTopic(), [message(customerRegisteredV1, customer.customerId, customer), message(rentalRequestedV1, customer.customerId, asked)]);
    const [placed] = await placedFor(customer.customerId);
    expect(placed.payload.customer).toMatchObject({ customerId: customer.customerId, name: customer.companyName });
    expect(await statusOf(asked.requestId)).toBe('placed');
  });
});
