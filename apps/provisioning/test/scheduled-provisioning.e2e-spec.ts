import { capacityReleasedV1, capacityReservedV1, capacityUnavailableV1, machineProvisioningStartedV1, machineRunningV2 } from '@rental/contracts';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOST_CAPACITY, SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  cancelledMessage,
  capacityLeaks,
  eventsOf,
  extendedMessage,
  handled,
  LEAD_MS,
  type OrderPlaced,
  paidMessage,
  placedMessage,
  rentalPlaced,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

const DAY = 86_400_000;
/** The order service's default lead: provisioning starts this long before the rental begins. */
const machine = { vcpu: 2, memoryMb: 4_096, diskGb: 40 };

/**
 * Rentals paid ahead of their start, on the real broker and database: the hold is kept (paid, no
 * longer lapsing) and the machines are built when provisioning is due, start minus the lead. The
 * clock starts at a fixed date and is moved over the days in between instead of waiting for them.
 */
describe('a rental paid ahead of its start', () => {
  const clock = new AdjustableClock(new Date('2031-03-03T09:00:00Z'));
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({}, { clock });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  /** An order.placed now for a rental of `days` from `start`, whose provisioning is planned to begin the lead before it. */
  const rental = (start: Date, days: number, overrides: Partial<OrderPlaced> = {}): OrderPlaced =>
    rentalPlaced(start, days, clock.now(), { locationCode: 'ams1', resources: machine, ...overrides });
  const inDays = (days: number) => new Date(clock.now().getTime() + days * DAY);
  const provisioningFrom = (order: OrderPlaced) => new Date(order.provisioningFrom as string);
  const requestStatus = async (orderId: string) => (await app.db.query(`SELECT status FROM order_requests WHERE order_id = $1`, [orderId])).rows[0]?.status;
  const timers = async (orderId: string) =>
    (await app.db.query(`SELECT kind, due_at, fired_at IS NOT NULL AS fired FROM durable_timer WHERE key = $1 ORDER BY kind`, [orderId])).rows;

  /** Places the order and pays it with provisioning due at its planned start; returns its hold's id. */
  const placeAndPayAhead = async (order: OrderPlaced) => {
    await sendOrderEvents(app, [placedMessage(order)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    const paid = paidMessage(order.orderId, provisioningFrom(order), clock.now());
    await sendOrderEvents(app, [paid]);
    await handled(app, paid);
    return reserved.payload.holdId;
  };

  it('is held, not provisioned, until its start minus the lead, and is provisioned once the clock gets there', async () => {
    const order = rental(inDays(10), 30);
    const holdId = await placeAndPayAhead(order);

    expect(await requestStatus(order.orderId)).toBe('scheduled');
    const holds = await app.db.query(`SELECT occupied_from, occupied_until, expires_at FROM capacity_holds WHERE hold_id = $1`, [holdId]);
    expect(holds.rows).toEqual([{ occupied_from: provisioningFrom(order), occupied_until: new Date(order.period.end), expires_at: null }]);
    // The payment window's timer is disarmed; the start's is armed.
    expect(await timers(order.orderId)).toEqual([{ kind: 'provisioning.start', due_at: provisioningFrom(order), fired: false }]);
    expect((await app.db.query(`SELECT 1 FROM machines WHERE order_id = $1`, [order.orderId])).rowCount).toBe(0);

    // Two days on, far past the payment window. Another order in the location goes, best fit, to the same host,
    // and placing it drops any hold there that has lapsed: the paid one stays.
    clock.advance(2 * DAY);
    const other = rental(inDays(1), 5);
    await sendOrderEvents(app, [placedMessage(other)]);
    const [otherReserved] = await awaitEvents(events, capacityReservedV1, other.orderId);
    const hostOf = await app.db.query(`SELECT host_id FROM capacity_holds WHERE hold_id = $1`, [holdId]);
    expect(otherReserved.payload.hosts).toEqual([{ hostId: hostOf.rows[0].host_id, machines: 1 }]);
    expect(eventsOf(events, machineProvisioningStartedV1, order.orderId)).toEqual([]);

    clock.advance(provisioningFrom(order).getTime() - clock.now().getTime() + 1_000);
    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    const [started] = eventsOf(events, machineProvisioningStartedV1, order.orderId);
    expect(Date.parse(started.payload.startedAt)).toBeGreaterThanOrEqual(provisioningFrom(order).getTime());
    const allocation = await app.db.query(`SELECT occupied_from, occupied_until FROM allocations WHERE machine_id = $1`, [running.payload.machineId]);
    expect(allocation.rows).toEqual([{ occupied_from: provisioningFrom(order), occupied_until: new Date(order.period.end) }]);
    expect(await requestStatus(order.orderId)).toBe('paid');
    expect(await timers(order.orderId)).toEqual([{ kind: 'provisioning.start', due_at: provisioningFrom(order), fired: true }]);
    expect((await capacityLeaks(app)).filter((leak) => leak.order_id === order.orderId)).toEqual([]);
  });

  it('gives the paid hold back when cancelled before the start, and no machine is ever made', async () => {
    const order = rental(inDays(10), 30);
    const holdId = await placeAndPayAhead(order);
    const cancelled = cancelledMessage(order.orderId, { cancelledAt: clock.now().toISOString() });
    await sendOrderEvents(app, [cancelled]);

    const [released] = await awaitEvents(events, capacityReleasedV1, order.orderId);
    expect(released.payload).toEqual({ orderId: order.orderId, holdId, reason: 'order_cancelled', releasedAt: expect.any(String) });
    expect((await app.db.query(`SELECT 1 FROM capacity_holds WHERE order_id = $1`, [order.orderId])).rowCount).toBe(0);
    expect(await timers(order.orderId)).toEqual([]);
    expect(await requestStatus(order.orderId)).toBe('cancelled');

    // Past the planned start, a rental paid with its provisioning due at once is built; the cancelled one is not.
    clock.advance(provisioningFrom(order).getTime() - clock.now().getTime() + 1_000);
    const dueAtOnce = rental(new Date(clock.now().getTime() + LEAD_MS / 2), 3);
    await sendOrderEvents(app, [placedMessage(dueAtOnce), paidMessage(dueAtOnce.orderId, clock.now(), clock.now())]);
    await awaitEvents(events, machineRunningV2, dueAtOnce.orderId);
    expect(eventsOf(events, machineProvisioningStartedV1, order.orderId)).toEqual([]);
    expect((await app.db.query(`SELECT 1 FROM machines WHERE order_id = $1`, [order.orderId])).rowCount).toBe(0);
  });

  it("moves a running machine's occupancy with order.extended: the host is taken until the new end", async () => {
    // fra1's two hosts, one machine running on one of them until the rental's end.
    const order = rental(new Date(clock.now().getTime() + LEAD_MS / 2), 10, { locationCode: 'fra1' });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId, undefined, clock.now())]);
    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    const end = new Date(order.period.end);
    const newEnd = new Date(end.getTime() + 7 * DAY);
    const extended = extendedMessage(order.orderId, end, newEnd, clock.now());
    await sendOrderEvents(app, [extended]);
    await handled(app, extended);

    const allocation = await app.db.query(`SELECT host_id, occupied_until FROM allocations WHERE machine_id = $1`, [running.payload.machineId]);
    expect(allocation.rows).toEqual([{ host_id: expect.any(String), occupied_until: newEnd }]);
    const request = await app.db.query(`SELECT period_end FROM order_requests WHERE order_id = $1`, [order.orderId]);
    expect(request.rows).toEqual([{ period_end: newEnd }]);

    // Both hosts whole, from between the old and the new end: one of them is still taken then. From the new end on: free.
    const whole = { resources: { ...SEEDED_HOST_CAPACITY }, quantity: 2, locationCode: 'fra1' };
    const overlapping = rental(new Date(end.getTime() + 2 * DAY), 5, whole);
    await sendOrderEvents(app, [placedMessage(overlapping)]);
    await awaitEvents(events, capacityUnavailableV1, overlapping.orderId);
    const after = rental(new Date(newEnd.getTime() + LEAD_MS), 5, whole);
    await sendOrderEvents(app, [placedMessage(after)]);
    const [reserved] = await awaitEvents(events, capacityReservedV1, after.orderId);
    expect(reserved.payload.hosts.map((entry) => entry.hostId).sort()).toEqual([...SEEDED_HOSTS.fra1].sort());
  });
});
