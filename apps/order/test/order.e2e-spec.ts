import { randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  capacityUnavailableV1,
  deadLetterTopic,
  eventsTopic,
  invoicePaidV1,
  machineProvisioningStartedV1,
  machineRunningV1,
  machineRunningV2,
  orderPlaceV1,
  type PayloadOf,
  quoteCreateV1,
  topicOf,
} from '@rental/contracts';
import { DeadLetterHeader } from '@rental/messaging';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw, readAll } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderModule } from '../src/order.module';
import { aCustomer, type Customer } from './order-test-kit';

describe('order service', () => {
  let order: ServiceApp;
  let events: EventCollector;
  const send = (definition: typeof quoteCreateV1 | typeof orderPlaceV1, key: string, payload: unknown) =>
    produceRaw(topicOf(definition, order.topicPrefix), [envelopeMessage(definition, key, payload)]);
  const tell = (
    definition:
      | typeof capacityReservedV1
      | typeof capacityUnavailableV1
      | typeof invoicePaidV1
      | typeof machineProvisioningStartedV1
      | typeof machineRunningV1
      | typeof machineRunningV2,
    key: string,
    payload: unknown,
  ) => produceRaw(topicOf(definition, order.topicPrefix), [envelopeMessage(definition, key, payload)]);

  const quote = async (who: Customer, overrides: Partial<PayloadOf<typeof quoteCreateV1>> = {}) => {
    const quoteId = randomUUID();
    await send(quoteCreateV1, quoteId, {
      quoteId,
      customer: who,
      planCode: 'standard-4',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 2,
      start: new Date(Date.now() + 86_400_000).toISOString(),
      duration: 'P30D',
      ...overrides,
    });
    return quoteId;
  };
  const place = async (who: Customer, quoteId: string) => {
    const orderId = randomUUID();
    await send(orderPlaceV1, orderId, { orderId, quoteId, customer: who });
    return orderId;
  };

  beforeAll(async () => {
    order = await startServiceApp('order', (config) => OrderModule.register(config));
    events = await collectEvents([eventsTopic('order', order.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await order?.close();
  });

  it('publishes its catalogue at start-up', async () => {
    const published = await events.waitFor<{ plans: { code: string; maxDiscountPercent: number }[]; locations: { code: string }[] }>('catalogue.published');
    expect(published.payload.plans.map((p) => p.code)).toEqual(['small-2', 'standard-4', 'large-8', 'xlarge-16']);
    // What an account manager may take off each plan in a rental.requested.
    expect(published.payload.plans.map((p) => p.maxDiscountPercent)).toEqual([15, 15, 15, 15]);
    expect(published.payload.locations.map((l) => l.code)).toEqual(['ams1', 'fra1']);
  });

  it('prices a quote: the cheapest units, VAT for the customer, a validity', async () => {
    const who = aCustomer();
    const quoteId = await quote(who);
    const created = await events.waitFor<{ price: Record<string, unknown>; billableDays: number; customerId: string }>(
      'quote.created',
      (e) => e.key === quoteId,
    );
    expect(created.payload.customerId).toBe(who.customerId);
    expect(created.payload.billableDays).toBe(30);
    expect(created.payload.price).toMatchObject({ subtotalCents: 19_800, vatCents: 4_158, totalCents: 23_958 });

    const german = await quote(aCustomer({ country: 'DE', vatNumber: 'DE123456789' }));
    const reverse = await events.waitFor<{ price: { vat: { treatment: string }; totalCents: number } }>('quote.created', (e) => e.key === german);
    expect(reverse.payload.price.vat.treatment).toBe('reverse_charge');
    expect(reverse.payload.price.totalCents).toBe(19_800);
  });

  it('refuses a quote the catalogue cannot serve, with a reason', async () => {
    const quoteId = await quote(aCustomer(), { planCode: 'mega-128' });
    const rejected = await events.waitFor<{ reason: string }>('quote.rejected', (e) => e.key === quoteId);
    expect(rejected.payload.reason).toBe('unknown_plan');
  });

  it('places an order once per quote, and only for the quote’s own customer', async () => {
    const who = aCustomer();
    const quoteId = await quote(who);
    await events.waitFor('quote.created', (e) => e.key === quoteId);

    const stranger = await place(aCustomer(), quoteId);
    expect((await events.waitFor<{ reason: string }>('order.rejected', (e) => e.key === stranger)).payload.reason).toBe('quote_not_found');

    const orderId = await place(who, quoteId);
    const placed = await events.waitFor<{ quantity: number; price: { totalCents: number } }>('order.placed', (e) => e.key === orderId);
    expect(placed.payload.quantity).toBe(2);
    expect(placed.payload.price.totalCents).toBe(23_958);
    await events.waitFor<{ to: string }>('order.status-changed', (e) => e.key === orderId && e.payload.to === 'placed');

    const second = await place(who, quoteId);
    expect((await events.waitFor<{ reason: string }>('order.rejected', (e) => e.key === second)).payload.reason).toBe('quote_already_ordered');
  });

  it('refuses an expired quote', async () => {
    const who = aCustomer();
    const quoteId = await quote(who);
    await events.waitFor('quote.created', (e) => e.key === quoteId);
    await order.db.query(`UPDATE quotes SET valid_until = now() - interval '1 minute' WHERE id = $1`, [quoteId]);
    const orderId = await place(who, quoteId);
    expect((await events.waitFor<{ reason: string }>('order.rejected', (e) => e.key === orderId)).payload.reason).toBe('quote_expired');
  });

  /** A placed order of `who` with capacity held, for two machines at 239.58 a month. */
  const accepted = async (who: Customer, quoteId: string) => {
    await events.waitFor('quote.created', (e) => e.key === quoteId);
    const orderId = await place(who, quoteId);
    await events.waitFor('order.placed', (e) => e.key === orderId);
    await tell(capacityReservedV1, orderId, {
      orderId,
      holdId: randomUUID(),
      hosts: [{ hostId: randomUUID(), machines: 2 }],
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await events.waitFor('order.accepted', (e) => e.key === orderId);
    return orderId;
  };
  const payNow = (orderId: string) =>
    tell(invoicePaidV1, orderId, {
      orderId,
      invoiceNumber: '2026-000001',
      paymentId: randomUUID(),
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: new Date().toISOString(),
    });

  it('schedules a rental paid before its start: provisioning starts 30 minutes before it, and the customer is told when it is ready', async () => {
    const who = aCustomer();
    const start = new Date(Date.now() + 10 * 86_400_000);
    const quoteId = await quote(who, { start: start.toISOString() });
    const orderId = await accepted(who, quoteId);
    const placed = events.all<{ provisioningFrom: string }>('order.placed').find((e) => e.key === orderId)!;
    const provisioningFrom = new Date(start.getTime() - 30 * 60_000).toISOString();
    expect(new Date(placed.payload.provisioningFrom).toISOString()).toBe(provisioningFrom);

    await payNow(orderId);
    const paid = await events.waitFor<{ provisionAt: string }>('order.paid', (e) => e.key === orderId);
    expect(new Date(paid.payload.provisionAt).toISOString()).toBe(provisioningFrom);
    const scheduled = await events.waitFor<{ provisioningStartsAt: string; readyBy: string; customerId: string }>('order.scheduled', (e) => e.key === orderId);
    expect(scheduled.payload).toMatchObject({ customerId: who.customerId });
    expect(new Date(scheduled.payload.provisioningStartsAt).toISOString()).toBe(provisioningFrom);
    expect(new Date(scheduled.payload.readyBy).toISOString()).toBe(start.toISOString());

    await tell(machineProvisioningStartedV1, orderId, {
      orderId,
      machineId: randomUUID(),
      hostId: randomUUID(),
      attempt: 1,
      startedAt: new Date().toISOString(),
    });
    await events.waitFor<{ to: string }>('order.status-changed', (e) => e.key === orderId && e.payload.to === 'provisioning');
    const timeline = await order.db.query(`SELECT to_status, detail FROM order_timeline WHERE order_id = $1 ORDER BY seq`, [orderId]);
    expect(timeline.rows.map((r) => r.to_status)).toEqual(['placed', 'awaiting_payment', 'paid', 'scheduled', 'provisioning']);
    expect(timeline.rows[3].detail).toBe(`ready by ${start.toISOString()}; provisioning starts at ${provisioningFrom}`);
  });

  it('provisions a rental paid within the lead time at once, without a schedule', async () => {
    const who = aCustomer();
    const quoteId = await quote(who, { start: new Date(Date.now() + 20 * 60_000).toISOString() });
    const orderId = await accepted(who, quoteId);
    await payNow(orderId);
    const paid = await events.waitFor<{ provisionAt: string; paidAt: string }>('order.paid', (e) => e.key === orderId);
    expect(new Date(paid.payload.provisionAt).getTime()).toBeGreaterThanOrEqual(new Date(paid.payload.paidAt).getTime());
    await tell(machineProvisioningStartedV1, orderId, {
      orderId,
      machineId: randomUUID(),
      hostId: randomUUID(),
      attempt: 1,
      startedAt: new Date().toISOString(),
    });
    await events.waitFor<{ to: string }>('order.status-changed', (e) => e.key === orderId && e.payload.to === 'provisioning');
    // The provisioning step is the fence: a scheduled status would have come before it.
    const timeline = await order.db.query(`SELECT to_status FROM order_timeline WHERE order_id = $1 ORDER BY seq`, [orderId]);
    expect(timeline.rows.map((r) => r.to_status)).toEqual(['placed', 'awaiting_payment', 'paid', 'provisioning']);
    expect(events.all('order.scheduled').filter((e) => e.key === orderId)).toEqual([]);
  });

  it('moves a rental from placed to running as the other services report, with its timeline', async () => {
    const who = aCustomer();
    // Starting now, so it is provisioned as soon as it is paid.
    const quoteId = await quote(who, { start: new Date().toISOString() });
    const orderId = await accepted(who, quoteId);
    const acceptance = events.all<{ price: { totalCents: number }; customer: { email: string } }>('order.accepted').find((e) => e.key === orderId)!;
    expect(acceptance.payload.price.totalCents).toBe(23_958);
    expect(acceptance.payload.customer.email).toBe(who.email);

    await payNow(orderId);
    await events.waitFor('order.paid', (e) => e.key === orderId);

    const machines = [randomUUID(), randomUUID()];
    for (const machineId of machines) {
      await tell(machineProvisioningStartedV1, orderId, { orderId, machineId, hostId: randomUUID(), attempt: 1, startedAt: new Date().toISOString() });
    }
    // The first as a v1 still in the topic from before provisioning published v2: both count.
    for (const [i, machineId] of machines.entries()) {
      await tell(i === 0 ? machineRunningV1 : machineRunningV2, orderId, {
        orderId,
        machineId,
        hostname: `debian-${i}.ams1.rental.example`,
        ipAddress: `203.0.113.${10 + i}`,
        access: { method: 'ssh-key' },
        runningSince: new Date().toISOString(),
      });
    }
    await events.waitFor<{ to: string }>('order.status-changed', (e) => e.key === orderId && e.payload.to === 'running');

    const timeline = await order.db.query(`SELECT to_status FROM order_timeline WHERE order_id = $1 ORDER BY seq`, [orderId]);
    expect(timeline.rows.map((r) => r.to_status)).toEqual(['placed', 'awaiting_payment', 'paid', 'provisioning', 'running']);
  });

  it('rejects the order when no capacity can be found', async () => {
    const who = aCustomer();
    const quoteId = await quote(who);
    await events.waitFor('quote.created', (e) => e.key === quoteId);
    const orderId = await place(who, quoteId);
    await events.waitFor('order.placed', (e) => e.key === orderId);
    await tell(capacityUnavailableV1, orderId, { orderId, locationCode: 'ams1', detail: 'every host in ams1 is full' });
    const rejected = await events.waitFor<{ reason: string; detail: string }>('order.rejected', (e) => e.key === orderId);
    expect(rejected.payload).toMatchObject({ reason: 'no_capacity', detail: 'every host in ams1 is full' });
    await eventually(
      async () => (await order.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0].status,
      (status) => status === 'rejected',
      10_000,
      'order rejected',
    );
  });

  it('dead-letters a fact about an order it never placed, with the reason', async () => {
    const orderId = randomUUID();
    await tell(capacityUnavailableV1, orderId, { orderId, locationCode: 'ams1', detail: 'full' });
    const [letter] = await readAll(deadLetterTopic('order', order.topicPrefix), 1, 60_000);
    expect(letter.headers![DeadLetterHeader.reason]!.toString()).toBe('handler-failed');
    expect(letter.headers![DeadLetterHeader.detail]!.toString()).toContain(`unknown order ${orderId}`);
  });
});
