import { capacityReservedV1, machineProvisioningFailedV1, machineRunningV2 } from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOST_CAPACITY } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  eventsOf,
  orderPlaced,
  paidMessage,
  placedMessage,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

/** A placedAt that makes the 60-minute hold lapse in a moment. */
const almostAnHourAgo = () => new Date(Date.now() - 60 * 60_000 + 1_500).toISOString();

/** Payments that cross the end of the hold: the order service cancels such orders, but a payment can still arrive. */
describe('a payment after the hold lapsed', () => {
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning();
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  const lapsed = async (orderId: string) => {
    const [reserved] = await awaitEvents(events, capacityReservedV1, orderId);
    const expiresAt = Date.parse(reserved.payload.expiresAt);
    await eventually(
      async () => Date.now(),
      (now) => now > expiresAt,
      10_000,
      'the hold to lapse',
    );
  };

  it('still gets its machine when the room is still there', async () => {
    const order = orderPlaced({ locationCode: 'ams1', placedAt: almostAnHourAgo() });
    await sendOrderEvents(app, [placedMessage(order)]);
    await lapsed(order.orderId);
    await sendOrderEvents(app, [paidMessage(order.orderId)]);

    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    expect(running.payload.orderId).toBe(order.orderId);
  });

  it('is reported failed, for a refund, when another order took the room meanwhile', async () => {
    const late = orderPlaced({ locationCode: 'fra1', placedAt: almostAnHourAgo() });
    await sendOrderEvents(app, [placedMessage(late)]);
    await lapsed(late.orderId);
    const everything = orderPlaced({ locationCode: 'fra1', resources: { ...SEEDED_HOST_CAPACITY }, quantity: 2 });
    await sendOrderEvents(app, [placedMessage(everything)]);
    await awaitEvents(events, capacityReservedV1, everything.orderId);
    await sendOrderEvents(app, [paidMessage(late.orderId)]);

    const [failed] = await awaitEvents(events, machineProvisioningFailedV1, late.orderId);
    expect(failed.payload.reason).toMatch(/^no_capacity: the hold lapsed before payment/);
    expect(eventsOf(events, machineRunningV2, late.orderId)).toEqual([]);
    const request = await app.db.query(`SELECT status FROM order_requests WHERE order_id = $1`, [late.orderId]);
    expect(request.rows).toEqual([{ status: 'failed' }]);
    const machines = await app.db.query(`SELECT 1 FROM machines WHERE order_id = $1`, [late.orderId]);
    expect(machines.rowCount).toBe(0);
  });
});
