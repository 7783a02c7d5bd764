import {
  capacityReleasedV1,
  capacityReservedV1,
  capacityUnavailableV1,
  machineDeprovisionedV1,
  machineProvisioningStartedV1,
  machineRunningV2,
} from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import {
  awaitEvents,
  cancelledMessage,
  capacityLeaks,
  endedMessage,
  eventsOf,
  forceFaults,
  handled,
  orderPlaced,
  paidMessage,
  placedMessage,
  republished,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

/** A placedAt that makes the 60-minute hold lapse in a moment. */
const almostAnHourAgo = () => new Date(Date.now() - 60 * 60_000 + 4_000).toISOString();

const TAKE_BACK = [
  { step: 'stop', outcome: 'succeeded' },
  { step: 'wipe', outcome: 'succeeded' },
  { step: 'destroy', outcome: 'succeeded' },
];

/**
 * order.cancelled and order.ended on the real broker and database: holds given back, machines
 * stopped, wiped and destroyed wherever they were, their host share and address back in the pool.
 * One job at a time, so that a second order's machine provably waits in the queue.
 */
describe('the end of a rental', () => {
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({ PROVISIONING_JOB_CONCURRENCY: '1' });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  const stepsOf = async (machineId: string) =>
    (await app.db.query(`SELECT step, outcome FROM machine_job_steps WHERE machine_id = $1 ORDER BY seq`, [machineId])).rows;

  const machineRow = async (machineId: string) =>
    (await app.db.query(`SELECT status, deprovision_reason, delivered_at IS NOT NULL AS delivered FROM machines WHERE id = $1`, [machineId])).rows[0];

  it("gives an unpaid order's hold and its promised addresses back when it is cancelled, once however often it is told", async () => {
    // fra1 has 62 addresses: 40 promised to the first order leave too few for a second one of 40.
    const small = { vcpu: 1, memoryMb: 1_024, diskGb: 20 };
    const first = orderPlaced({ locationCode: 'fra1', quantity: 40, resources: small });
    const refused = orderPlaced({ locationCode: 'fra1', quantity: 40, resources: small });
    // One after the other: different orders land on different partitions, which are read in any order.
    await sendOrderEvents(app, [placedMessage(first)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, first.orderId);
    await sendOrderEvents(app, [placedMessage(refused)]);
    await awaitEvents(events, capacityUnavailableV1, refused.orderId);

    const cancelled = cancelledMessage(first.orderId, { reason: 'payment_window_closed' });
    const again = republished(cancelled);
    await sendOrderEvents(app, [cancelled, cancelled, again]);
    await handled(app, again);

    const released = eventsOf(events, capacityReleasedV1, first.orderId);
    expect(released.map((event) => event.payload)).toEqual([
      { orderId: first.orderId, holdId: reserved.payload.holdId, reason: 'order_cancelled', releasedAt: expect.any(String) },
    ]);
    const request = await app.db.query(`SELECT status FROM order_requests WHERE order_id = $1`, [first.orderId]);
    expect(request.rows).toEqual([{ status: 'cancelled' }]);
    expect(await capacityLeaks(app)).toEqual([]);

    // The addresses are free again: the same order now fits.
    const next = orderPlaced({ locationCode: 'fra1', quantity: 40, resources: small });
    await sendOrderEvents(app, [placedMessage(next)]);
    await awaitEvents(events, capacityReservedV1, next.orderId);
    await sendOrderEvents(app, [cancelledMessage(next.orderId)]);
    await awaitEvents(events, capacityReleasedV1, next.orderId);
  });

  it('lets an unpaid hold lapse when the payment window closes (hold_expired), and releases nothing more on cancellation', async () => {
    const order = orderPlaced({ locationCode: 'ams1', placedAt: almostAnHourAgo() });
    await sendOrderEvents(app, [placedMessage(order)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);

    const [released] = await awaitEvents(events, capacityReleasedV1, order.orderId);
    expect(released.payload).toEqual({
      orderId: order.orderId,
      holdId: reserved.payload.holdId,
      reason: 'hold_expired',
      releasedAt: expect.any(String),
    });
    expect(Date.parse(released.payload.releasedAt)).toBeGreaterThanOrEqual(Date.parse(reserved.payload.expiresAt));
    expect(released.correlationId).toBe(reserved.correlationId);

    const cancelled = cancelledMessage(order.orderId, { reason: 'payment_window_closed' });
    await sendOrderEvents(app, [cancelled]);
    await handled(app, cancelled);
    expect(eventsOf(events, capacityReleasedV1, order.orderId)).toHaveLength(1);
    expect(await capacityLeaks(app)).toEqual([]);
  });

  it('takes back running machines when the order is cancelled: stopped, wiped, destroyed, address and host share back, once', async () => {
    const order = orderPlaced({ locationCode: 'ams1', quantity: 2 });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);
    const running = await awaitEvents(events, machineRunningV2, order.orderId, 2);

    const cancelled = cancelledMessage(order.orderId, { settlement: 'unused_days', wasRunning: true });
    await sendOrderEvents(app, [cancelled]);
    const deprovisioned = await awaitEvents(events, machineDeprovisionedV1, order.orderId, 2);
    for (const { payload } of running) {
      expect(deprovisioned.map((event) => event.payload)).toContainEqual({
        orderId: order.orderId,
        machineId: payload.machineId,
        hostname: payload.hostname,
        ipAddress: payload.ipAddress,
        reason: 'order_cancelled',
        wasDelivered: true,
        deprovisionedAt: expect.any(String),
      });
      expect(await machineRow(payload.machineId)).toEqual({
        status: 'deprovisioned',
        deprovision_reason: 'order_cancelled',
        delivered: true,
      });
      expect((await stepsOf(payload.machineId)).slice(3)).toEqual(TAKE_BACK);
    }
    const addresses = await app.db.query(`SELECT 1 FROM ip_addresses WHERE machine_id = ANY($1::uuid[])`, [running.map((event) => event.payload.machineId)]);
    expect(addresses.rowCount).toBe(0);
    expect(await capacityLeaks(app)).toEqual([]);

    // Told again, or told the rental ended after all: nothing more happens.
    const again = republished(cancelled);
    const ended = endedMessage(order.orderId);
    await sendOrderEvents(app, [cancelled, again, ended]);
    await handled(app, ended);
    expect(eventsOf(events, machineDeprovisionedV1, order.orderId)).toHaveLength(2);
    expect(await stepsOf(running[0].payload.machineId)).toHaveLength(6);
  });

  it('takes back the machines of a rental that ended, once however often it is told', async () => {
    const order = orderPlaced({ locationCode: 'fra1' });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);
    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);

    const ended = endedMessage(order.orderId);
    const again = republished(ended);
    await sendOrderEvents(app, [ended, ended, again]);
    const [deprovisioned] = await awaitEvents(events, machineDeprovisionedV1, order.orderId);
    expect(deprovisioned.payload).toEqual({
      orderId: order.orderId,
      machineId: running.payload.machineId,
      hostname: running.payload.hostname,
      ipAddress: running.payload.ipAddress,
      reason: 'rental_ended',
      wasDelivered: true,
      deprovisionedAt: expect.any(String),
    });
    await handled(app, again);
    expect(eventsOf(events, machineDeprovisionedV1, order.orderId)).toHaveLength(1);
    expect(await machineRow(running.payload.machineId)).toEqual({
      status: 'deprovisioned',
      deprovision_reason: 'rental_ended',
      delivered: true,
    });
    expect(await capacityLeaks(app)).toEqual([]);
  });

  it('never hands over a machine that came up after the cancellation, and never starts one still queued', async () => {
    // Slow steps for the first order keep the one job slot busy, so the second order's machine waits in the queue.
    const slow = orderPlaced({ locationCode: 'ams1' });
    expect((await forceFaults(app, slow.orderId, { delayMs: 1_500 })).status).toBe(200);
    const queued = orderPlaced({ locationCode: 'ams1' });
    await sendOrderEvents(app, [placedMessage(slow), paidMessage(slow.orderId)]);
    const [started] = await awaitEvents(events, machineProvisioningStartedV1, slow.orderId);
    await sendOrderEvents(app, [placedMessage(queued), paidMessage(queued.orderId)]);
    const machineOf = async (orderId: string) =>
      (
        await eventually(
          () => app.db.query(`SELECT id FROM machines WHERE order_id = $1`, [orderId]),
          (result) => result.rowCount === 1,
          30_000,
          `the machine of order ${orderId}`,
        )
      ).rows[0].id as string;
    const waiting = await machineOf(queued.orderId);

    const slowMachine = started.payload.machineId;
    await eventually(
      () => machineRow(slowMachine),
      (row) => row.status === 'booting',
      30_000,
      'the slow machine booting',
    );
    await sendOrderEvents(app, [cancelledMessage(queued.orderId, { reason: 'payment_window_closed' }), cancelledMessage(slow.orderId)]);

    const [late] = await awaitEvents(events, machineDeprovisionedV1, slow.orderId);
    expect(late.payload).toMatchObject({ machineId: slowMachine, reason: 'order_cancelled', wasDelivered: false });
    expect(await stepsOf(slowMachine)).toEqual([
      { step: 'allocate', outcome: 'succeeded' },
      { step: 'install_image', outcome: 'succeeded' },
      { step: 'boot', outcome: 'succeeded' },
      ...TAKE_BACK,
    ]);
    const [never] = await awaitEvents(events, machineDeprovisionedV1, queued.orderId);
    expect(never.payload).toMatchObject({ machineId: waiting, reason: 'order_cancelled', wasDelivered: false });
    expect(never.payload.ipAddress).toMatch(/^203\.0\.113\./);
    expect(await stepsOf(waiting)).toEqual([]);

    for (const orderId of [slow.orderId, queued.orderId]) {
      expect(eventsOf(events, machineRunningV2, orderId)).toEqual([]);
    }
    expect(eventsOf(events, machineProvisioningStartedV1, queued.orderId)).toEqual([]);
    expect(await machineRow(slowMachine)).toEqual({ status: 'deprovisioned', deprovision_reason: 'order_cancelled', delivered: false });
    expect(await capacityLeaks(app)).toEqual([]);
  });
});
