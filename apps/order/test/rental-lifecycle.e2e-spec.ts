import { randomUUID } from 'node:crypto';
import {
  capacityReservedV1,
  type EventDefinition,
  eventsTopic,
  invoicePaidV1,
  machineDeprovisionedV1,
  machineProvisioningFailedV1,
  machineProvisioningStartedV1,
  machineRunningV2,
  orderCancelV1,
  orderExtendV1,
  orderPlaceV1,
  type PayloadOf,
  paymentFailedV1,
  quoteCreateV1,
  topicOf,
} from '@rental/contracts';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import { collectEvents, type EventCollector } from '../../../test/support/event-collector';
import { eventuallyExpect } from '../../../test/support/isolation';
import { envelopeMessage, produceRaw } from '../../../test/support/raw-kafka';
import { type ServiceApp, startServiceApp } from '../../../test/support/service-app';
import { OrderModule } from '../src/order.module';
import { loadOrderSettings } from '../src/order-settings';
import { aCustomer } from './order-test-kit';

const DAY = 86_400_000;

/** The order service alone, on the real broker and database, told the other services' facts; its clock moves. */
describe('order service: the rest of a rental’s life', () => {
  const clock = new AdjustableClock(new Date('2026-03-02T09:00:00Z'));
  let order: ServiceApp;
  let events: EventCollector;

  const send = <D extends EventDefinition>(definition: D, key: string, payload: PayloadOf<D>) =>
    produceRaw(topicOf(definition, order.topicPrefix), [envelopeMessage(definition, key, payload)]);
  const statusOf = async (orderId: string) => (await order.db.query(`SELECT status FROM orders WHERE id = $1`, [orderId])).rows[0]?.status;
  const reaches = (orderId: string, status: string) => eventuallyExpect(async () => expect(await statusOf(orderId)).toBe(status));

  /** A placed order for two machines, 30 days from tomorrow, with capacity held: it awaits payment. */
  const awaitingPayment = async (who = aCustomer()) => {
    const quoteId = randomUUID();
    await send(quoteCreateV1, quoteId, {
      quoteId,
      customer: who,
      planCode: 'standard-4',
      locationCode: 'ams1',
      imageCode: 'debian-12',
      quantity: 2,
      start: new Date(clock.now().getTime() + DAY).toISOString(),
      duration: 'P30D',
    });
    await events.waitFor('quote.created', (e) => e.key === quoteId);
    const orderId = randomUUID();
    await send(orderPlaceV1, orderId, { orderId, quoteId, customer: who });
    await events.waitFor('order.placed', (e) => e.key === orderId);
    await send(capacityReservedV1, orderId, {
      orderId,
      holdId: randomUUID(),
      hosts: [{ hostId: randomUUID(), machines: 2 }],
      expiresAt: new Date(clock.now().getTime() + 3_600_000).toISOString(),
    });
    await events.waitFor('order.accepted', (e) => e.key === orderId);
    return { orderId, who };
  };

  const pay = (orderId: string, extensionId?: string, invoiceNumber = '2026-000001') =>
    send(invoicePaidV1, orderId, {
      orderId,
      invoiceNumber,
      paymentId: randomUUID(),
      amountCents: 23_958,
      currency: 'EUR',
      paidAt: clock.now().toISOString(),
      ...(extensionId === undefined ? {} : { extensionId }),
    });

  const running = async () => {
    const placed = await awaitingPayment();
    const { orderId } = placed;
    await pay(orderId);
    await events.waitFor('order.paid', (e) => e.key === orderId);
    const machines = [randomUUID(), randomUUID()];
    for (const machineId of machines) {
      await send(machineProvisioningStartedV1, orderId, { orderId, machineId, hostId: randomUUID(), attempt: 1, startedAt: clock.now().toISOString() });
    }
    for (const [i, machineId] of machines.entries()) {
      await send(machineRunningV2, orderId, {
        orderId,
        machineId,
        hostname: `debian-${i}.ams1.rental.example`,
        ipAddress: `203.0.113.${10 + i}`,
        access: { method: 'ssh-key' },
        runningSince: clock.now().toISOString(),
      });
    }
    await reaches(orderId, 'running');
    return { ...placed, machines };
  };

  const deprovision = async (orderId: string, machines: string[], reason: 'rental_ended' | 'order_cancelled') => {
    for (const machineId of machines) {
      await send(machineDeprovisionedV1, orderId, {
        orderId,
        machineId,
        hostname: 'debian.ams1.rental.example',
        reason,
        wasDelivered: true,
        deprovisionedAt: clock.now().toISOString(),
      });
    }
  };

  const cancel = async (orderId: string, customerId: string, requestId = randomUUID()) => {
    await send(orderCancelV1, orderId, { orderId, customerId, requestId, requestedAt: clock.now().toISOString() });
    return requestId;
  };

  beforeAll(async () => {
    order = await startServiceApp('order', (config) => OrderModule.register(config, loadOrderSettings({ ...process.env, TIMER_POLL_MS: '100' }), { clock }));
    events = await collectEvents([eventsTopic('order', order.topicPrefix)]);
  });

  afterAll(async () => {
    await events?.stop();
    await order?.close();
  });

  it('cancels an order whose payment window closed unpaid, and not one that was paid in time', async () => {
    const paid = await awaitingPayment();
    await pay(paid.orderId);
    await events.waitFor('order.paid', (e) => e.key === paid.orderId);
    // Placed later, its window closes later: timers fire in the order they are due, so once it is
    // cancelled, the paid order's window would have closed too had its timer not been disarmed.
    const unpaid = await awaitingPayment();

    clock.advance(61 * 60_000);
    const cancelled = await events.waitFor<{ reason: string; settlement: string; wasRunning: boolean }>('order.cancelled', (e) => e.key === unpaid.orderId);
    expect(cancelled.payload).toMatchObject({ reason: 'payment_window_closed', settlement: 'full', wasRunning: false });
    await reaches(unpaid.orderId, 'cancelled');
    expect(await statusOf(paid.orderId)).toBe('scheduled');
    const published = await order.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'order.cancelled' AND key = $1`, [paid.orderId]);
    expect(published.rows[0].n).toBe(0);
  });

  it('lets the customer cancel before payment, once; refuses a stranger and a second request', async () => {
    const { orderId, who } = await awaitingPayment();
    const stranger = await cancel(orderId, randomUUID());
    const unknown = await events.waitFor<{ reason: string; requestId: string }>('order.cancellation-rejected', (e) => e.payload.requestId === stranger);
    expect(unknown.payload.reason).toBe('order_not_found');

    const requestId = await cancel(orderId, who.customerId);
    const cancelled = await events.waitFor<{ reason: string; settlement: string; requestId: string }>('order.cancelled', (e) => e.key === orderId);
    expect(cancelled.payload).toMatchObject({ reason: 'customer_cancelled', settlement: 'full', requestId });

    await cancel(orderId, who.customerId, requestId); // the same request again: already answered
    const again = await cancel(orderId, who.customerId);
    const refused = await events.waitFor<{ reason: string; status: string; requestId: string }>(
      'order.cancellation-rejected',
      (e) => e.payload.requestId === again,
    );
    expect(refused.payload).toMatchObject({ reason: 'not_cancellable', status: 'cancelled' });
    expect(events.all('order.cancelled').filter((e) => e.key === orderId)).toHaveLength(1);
    expect(events.all<{ requestId: string }>('order.cancellation-rejected').filter((e) => e.payload.requestId === requestId)).toEqual([]);

    // A machine that comes up after the cancellation changes nothing here: provisioning takes it back.
    const runningSeen = async () =>
      (await order.db.query(`SELECT count(*)::int AS n FROM messaging_inbox WHERE event_type = 'machine.running'`)).rows[0].n as number;
    const before = await runningSeen();
    const lateMachine = randomUUID();
    await send(machineRunningV2, orderId, {
      orderId,
      machineId: lateMachine,
      hostname: 'debian-late.ams1.rental.example',
      ipAddress: '203.0.113.77',
      access: { method: 'ssh-key' },
      runningSince: clock.now().toISOString(),
    });
    await eventuallyExpect(async () => expect(await runningSeen()).toBe(before + 1));
    expect(await statusOf(orderId)).toBe('cancelled');
    const machines = await order.db.query(`SELECT count(*)::int AS n FROM order_machines WHERE order_id = $1`, [orderId]);
    expect(machines.rows[0].n).toBe(0);

    // The payment window's timer was disarmed with the cancellation.
    const { rows } = await order.db.query(`SELECT count(*)::int AS n FROM durable_timer WHERE key = $1 AND fired_at IS NULL`, [orderId]);
    expect(rows[0].n).toBe(0);
  });

  it('reminds before the end, ends the rental at its end, and completes once every machine is gone', async () => {
    const { orderId, machines } = await running();
    const end = new Date((await order.db.query(`SELECT period_end FROM orders WHERE id = $1`, [orderId])).rows[0].period_end);

    clock.advance(end.getTime() - clock.now().getTime() - 3 * DAY + 1_000);
    const first = await events.waitFor<{ daysLeft: number; endsAt: string }>('order.end-approached', (e) => e.key === orderId);
    expect(first.payload).toMatchObject({ daysLeft: 3, endsAt: end.toISOString() });

    clock.advance(2 * DAY);
    await events.waitFor<{ daysLeft: number }>('order.end-approached', (e) => e.key === orderId && e.payload.daysLeft === 1);
    expect(await statusOf(orderId)).toBe('running');

    clock.advance(DAY);
    const ended = await events.waitFor<{ appliedExtensionIds: string[] }>('order.ended', (e) => e.key === orderId);
    expect(ended.payload.appliedExtensionIds).toEqual([]);
    await reaches(orderId, 'deprovisioning');

    const deprovisionedSeen = async () =>
      (await order.db.query(`SELECT count(*)::int AS n FROM messaging_inbox WHERE event_type = 'machine.deprovisioned'`)).rows[0].n as number;
    const before = await deprovisionedSeen();
    await deprovision(orderId, machines.slice(0, 1), 'rental_ended');
    // The inbox row commits with the handler's effect: once it is there, the first machine's end is applied.
    await eventuallyExpect(async () => expect(await deprovisionedSeen()).toBe(before + 1));
    expect(await statusOf(orderId)).toBe('deprovisioning');
    await deprovision(orderId, machines.slice(1), 'rental_ended');
    await reaches(orderId, 'completed');
    const steps = await order.db.query(`SELECT trigger FROM order_timeline WHERE order_id = $1 ORDER BY seq`, [orderId]);
    expect(steps.rows.map((r) => r.trigger).slice(-4)).toEqual(['end_reminder_sent', 'end_reminder_sent', 'rental_ended', 'machine_deprovisioned']);
  });

  it('extends a running rental once its invoice is paid, and moves the end and its reminders', async () => {
    const { orderId, who } = await running();
    const oldEnd = new Date((await order.db.query(`SELECT period_end FROM orders WHERE id = $1`, [orderId])).rows[0].period_end);
    const extensionId = randomUUID();
    await send(orderExtendV1, orderId, { orderId, customerId: who.customerId, extensionId, duration: 'P1W', requestedAt: clock.now().toISOString() });
    const accepted = await events.waitFor<{ period: { start: string; end: string }; price: { totalCents: number }; paymentDueAt: string }>(
      'order.extension-accepted',
      (e) => e.key === orderId,
    );
    const newEnd = new Date(oldEnd.getTime() + 7 * DAY);
    expect(accepted.payload.period).toEqual({ start: oldEnd.toISOString(), end: newEnd.toISOString() });
    expect(accepted.payload.price.totalCents).toBe(7_986); // two machines, a week at 33.00, 21% VAT
    expect(accepted.payload.paymentDueAt).toBe(oldEnd.toISOString());

    const pending = randomUUID();
    await send(orderExtendV1, orderId, { orderId, customerId: who.customerId, extensionId: pending, duration: 'P1W', requestedAt: clock.now().toISOString() });
    const refused = await events.waitFor<{ reason: string; extensionId: string }>('order.extension-rejected', (e) => e.payload.extensionId === pending);
    expect(refused.payload.reason).toBe('extension_pending');

    await pay(orderId, extensionId, '2026-000002');
    const extended = await events.waitFor<{ newEnd: string; previousEnd: string; invoiceNumber: string }>('order.extended', (e) => e.key === orderId);
    expect(extended.payload).toMatchObject({ previousEnd: oldEnd.toISOString(), newEnd: newEnd.toISOString(), invoiceNumber: '2026-000002' });

    // Past the old end, up to the new end's first reminder: timers fire in the order they are due, so
    // the old end and its reminders would have fired before it, had they not moved.
    clock.advance(newEnd.getTime() - clock.now().getTime() - 3 * DAY + 1_000);
    await events.waitFor<{ endsAt: string }>('order.end-approached', (e) => e.key === orderId && e.payload.endsAt === newEnd.toISOString());
    expect(await statusOf(orderId)).toBe('running');
    const reminders = events.all<{ endsAt: string }>('order.end-approached').filter((e) => e.key === orderId);
    expect(reminders.map((r) => r.payload.endsAt)).toEqual([newEnd.toISOString()]);

    clock.advance(3 * DAY);
    const ended = await events.waitFor<{ appliedExtensionIds: string[] }>('order.ended', (e) => e.key === orderId);
    expect(ended.payload.appliedExtensionIds).toEqual([extensionId]);
  });

  it('cancels a running rental by deprovisioning it, settling the unused days', async () => {
    const { orderId, who, machines } = await running();
    await cancel(orderId, who.customerId);
    const cancelled = await events.waitFor<{ settlement: string; wasRunning: boolean }>('order.cancelled', (e) => e.key === orderId);
    expect(cancelled.payload).toMatchObject({ settlement: 'unused_days', wasRunning: true });
    await reaches(orderId, 'deprovisioning');
    await deprovision(orderId, machines, 'order_cancelled');
    await reaches(orderId, 'completed');
  });

  it('fails the order when a machine cannot be provisioned, and notes a failed payment on the timeline', async () => {
    const { orderId } = await awaitingPayment();
    await send(paymentFailedV1, orderId, {
      orderId,
      customerId: randomUUID(),
      invoiceNumber: '2026-000003',
      paymentId: randomUUID(),
      attempt: 1,
      reason: 'card declined',
      checkoutUrl: 'http://127.0.0.1:3002/sandbox/checkout/x',
      retryUntil: clock.now().toISOString(),
      failedAt: clock.now().toISOString(),
    });
    const note = await events.waitFor<{ from: string; to: string; detail: string; trigger: string }>(
      'order.status-changed',
      (e) => e.key === orderId && e.payload.trigger === 'payment_failed',
    );
    expect(note.payload).toMatchObject({ from: 'awaiting_payment', to: 'awaiting_payment' });
    expect(note.payload.detail).toContain('card declined');

    await pay(orderId);
    await events.waitFor('order.paid', (e) => e.key === orderId);
    await send(machineProvisioningFailedV1, orderId, {
      orderId,
      machineId: randomUUID(),
      attempts: 3,
      reason: 'image install timed out',
      failedAt: clock.now().toISOString(),
    });
    const cancelled = await events.waitFor<{ reason: string; settlement: string }>('order.cancelled', (e) => e.key === orderId);
    expect(cancelled.payload).toMatchObject({ reason: 'provisioning_failed', settlement: 'full' });
    await reaches(orderId, 'failed');
  });
});
