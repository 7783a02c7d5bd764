import { randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  customerRegisteredV1,
  type EventDefinition,
  eventsTopic,
  orderPlaceV1,
  type PayloadOf,
  quoteCreateV1,
  rentalRequestedV1,
  topicOf,
} from '@rental/contracts';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderModule } from '../src/order.module';
import { loadOrderSettings } from '../src/order-settings';
import { aCustomer, type Customer } from './order-test-kit';

const MAX_UNPAID = 2;
const DAY = 86_400_000;

/**
 * One customer may hold only so many unpaid orders (here 2): the next is refused with
 * too_many_unpaid_orders, whether the customer orders through the gateway or the CRM asks for it;
 * an order that is paid for, or closed, frees its place.
 */
describe('order service: unpaid orders per customer', () => {
  let order: ServiceApp;
  let events: EventCollector;

  const send = <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>) =>
    produceRaw(topicOf(definition, order.topicPrefix), [envelopeMessage(definition, key, payload)]);
  const quote = async (who: Customer) => {
    const quoteId = randomUUID();
    await send(quoteCreateV1, quoteId, {
      quoteId,
      customer: who,
      planCode: 'small-2',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 1,
      start: new Date(Date.now() + DAY).toISOString(),
      duration: 'P7D',
    });
    await events.waitFor('quote.created', (e) => e.key === quoteId);
    return quoteId;
  };
  const place = async (who: Customer, quoteId: string) => {
    const orderId = randomUUID();
    await send(orderPlaceV1, orderId, { orderId, quoteId, customer: who });
    return orderId;
  };
  /** What the order service answered to an order.place: placed, or the reason it was rejected. */
  const answerTo = async (orderId: string): Promise<string> => {
    const answer = () =>
      events.all('order.placed').some((e) => e.key === orderId)
        ? 'placed'
        : events.all<{ reason: string }>('order.rejected').find((e) => e.key === orderId)?.payload.reason;
    return (await eventually(
      async () => answer(),
      (a) => a !== undefined,
      30_000,
      `the answer to order ${orderId}`,
    ))!;
  };
  const statusOf = (orderId: string, status: string) =>
    eventually(
      async () => (await order.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0]?.status,
      (s) => s === status,
      30_000,
      `order ${status}`,
    );

  beforeAll(async () => {
    order = await startServiceApp('order', (config) =>
      OrderModule.register(config, loadOrderSettings({ ...process.env, ORDER_MAX_UNPAID_ORDERS_PER_CUSTOMER: String(MAX_UNPAID) })),
    );
    events = await collectEvents([eventsTopic('order', order.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await order?.close();
  });

  it('refuses the order after the limit with too_many_unpaid_orders; another customer is served; a closed order frees its place, one awaiting payment does not', async () => {
    const who = aCustomer();
    const [q1, q2, q3, q4] = [await quote(who), await quote(who), await quote(who), await quote(who)];
    const first = await place(who, q1);
    expect(await answerTo(first)).toBe('placed');
    const second = await place(who, q2);
    expect(await answerTo(second)).toBe('placed');

    const third = await place(who, q3);
    const refused = await events.waitFor<{ reason: string; detail: string; customerId: string; quoteId: string }>('order.rejected', (e) => e.key === third);
    expect(refused.payload).toEqual({
      orderId: third,
      quoteId: q3,
      customerId: who.customerId,
      reason: 'too_many_unpaid_orders',
      detail: '2 orders of yours await payment, and 2 is the most at once; pay or cancel one first',
    });
    expect((await order.db.query(`SELECT count(*)::int AS n FROM orders WHERE id = $1`, [third])).rows[0].n).toBe(0);

    const other = aCustomer();
    expect(await answerTo(await place(other, await quote(other)))).toBe('placed');

    // Capacity held: the second awaits payment and still counts. No capacity for the first: it is closed, and frees a place.
    await send(capacityReservedV1, second, {
      orderId: second,
      holdId: randomUUID(),
      hosts: [{ hostId: randomUUID(), machines: 1 }],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await statusOf(second, 'awaiting_payment');
    await send(capacityUnavailableV1, first, { orderId: first, locationCode: 'ams1', detail: 'every host in ams1 is full' });
    await statusOf(first, 'rejected');
    // The refused quote was never ordered: it can be ordered now.
    expect(await answerTo(await place(who, q3))).toBe('placed');
    expect(await answerTo(await place(who, q4))).toBe('too_many_unpaid_orders');
  });

  it('counts orders placed at the same moment one after the other: of five at once, two are placed', async () => {
    const who = aCustomer();
    const quotes = [];
    for (let i = 0; i < 5; i++) quotes.push(await quote(who));
    const orderIds = await Promise.all(quotes.map((q) => place(who, q)));
    const answers = await Promise.all(orderIds.map(answerTo));
    expect(answers.filter((a) => a === 'placed')).toHaveLength(MAX_UNPAID);
    expect(answers.filter((a) => a === 'too_many_unpaid_orders')).toHaveLength(5 - MAX_UNPAID);
  });

  it('refuses a rental the CRM requests for a customer at the limit, without leaving a quote behind', async () => {
    const customerId = randomUUID();
    await send(customerRegisteredV1, customerId, customerRegisteredV1.schema.parse({ ...customerRegisteredV1.example, customerId }));
    const request = () => ({
      requestId: randomUUID(),
      customerId,
      planCode: 'small-2',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 1,
      start: new Date(Date.now() + DAY).toISOString(),
      duration: 'P7D',
      accountManager: 'j.devries@rental.example',
      requestedAt: new Date().toISOString(),
    });
    // One after the other: the CRM's requests share the customer's key, so they arrive in order anyway.
    const asked = [request(), request(), request()];
    for (const r of asked) await send(rentalRequestedV1, customerId, r);

    const rejected = await events.waitFor<{ requestId: string; reason: string; detail: string }>(
      'rental.request.rejected',
      (e) => e.payload.requestId === asked[2].requestId,
    );
    expect(rejected.payload).toMatchObject({ reason: 'too_many_unpaid_orders', detail: expect.stringContaining('2 is the most at once') });
    const placed = events.all<{ customer: { customerId: string } }>('order.placed').filter((e) => e.payload.customer.customerId === customerId);
    expect(placed).toHaveLength(2);
    expect((await order.db.query(`SELECT count(*)::int AS n FROM quotes WHERE customer_id = $1`, [customerId])).rows[0].n).toBe(2);
  });
});
