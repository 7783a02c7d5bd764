import { capacityReservedV1, capacityUnavailableV1, hostMaintenanceScheduledV1, machineProvisioningStartedV1, machineRunningV2 } from '@rental/contracts';
import { AdjustableClock } from '../../../test/support/adjustable-clock';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  eventsOf,
  forceFaults,
  inventoryMessage,
  type OrderPlaced,
  orderPlaced,
  paidMessage,
  placedMessage,
  sendAndAnswer,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

const machine = { vcpu: 2, memoryMb: 4_096, diskGb: 40 };
const DAY = 86_400_000;

/**
 * host.maintenance.scheduled on the real broker and database: a host takes no new hold and no
 * machine retried elsewhere for a rental that lasts into its maintenance, while what it already
 * holds and runs stays. The clock starts at a fixed date and is moved past the start instead of waiting for it; a day's
 * payment window keeps the holds placed before the jump alive.
 */
describe('hosts in maintenance', () => {
  const clock = new AdjustableClock(new Date('2031-09-01T09:00:00Z'));
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({ PAYMENT_WINDOW_MINUTES: '1440' }, { clock });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  const scheduleMaintenance = async (hostId: string, from: Date) => {
    const answer = await sendAndAnswer(
      app,
      events,
      inventoryMessage(hostMaintenanceScheduledV1, hostId, { hostId, from: from.toISOString(), reason: 'firmware update' }),
    );
    expect(answer.type).toBe('inventory-change.applied');
    return answer.payload.detail;
  };

  /** An order.placed now for a rental from now until `end` (30 days unless told), its provisioning planned at its start. */
  const rental = (locationCode: string, end = new Date(clock.now().getTime() + 30 * DAY)): OrderPlaced => {
    const now = clock.now().toISOString();
    return orderPlaced({ locationCode, resources: machine, period: { start: now, end: end.toISOString() }, provisioningFrom: now, placedAt: now });
  };

  const reservedHosts = async (orderId: string) => {
    const [reserved] = await awaitEvents(events, capacityReservedV1, orderId);
    return reserved.payload.hosts.map((entry) => entry.hostId);
  };

  it('places rentals that last into the maintenance elsewhere, retries too, and keeps what the host held', async () => {
    const [first, second, third] = SEEDED_HOSTS.ams1;
    const from = new Date(clock.now().getTime() + 60 * 60_000);
    expect(await scheduleMaintenance(first, from)).toBe(
      `host ${first} takes no new machines from ${from.toISOString()} (firmware update); 0 machines on it keep running`,
    );

    // For a rental over before the start the host is as good as any: the empty location's first order goes to the lowest id.
    const before = rental('ams1', new Date(from.getTime() - 10 * 60_000));
    await sendOrderEvents(app, [placedMessage(before)]);
    expect(await reservedHosts(before.orderId)).toEqual([first]);

    clock.advance(61 * 60_000);
    // Best fit would pick the first host (its hold leaves it the least room); this rental lasts into its maintenance.
    const waiting = rental('ams1');
    await sendOrderEvents(app, [placedMessage(waiting)]);
    expect(await reservedHosts(waiting.orderId)).toEqual([second]);

    // The capacity promised before the start is still given: the machine runs on the host in maintenance.
    await sendOrderEvents(app, [paidMessage(before.orderId)]);
    const [running] = await awaitEvents(events, machineRunningV2, before.orderId);
    const allocation = await app.db.query(`SELECT host_id FROM allocations WHERE machine_id = $1`, [running.payload.machineId]);
    expect(allocation.rows).toEqual([{ host_id: first }]);

    // A failed attempt moves to another host, but not to the one in maintenance (the best fit otherwise).
    const retried = rental('ams1');
    expect((await forceFaults(app, retried.orderId, { failAttempts: 1 })).status).toBe(200);
    await sendOrderEvents(app, [placedMessage(retried), paidMessage(retried.orderId)]);
    await awaitEvents(events, machineRunningV2, retried.orderId);
    const attempts = eventsOf(events, machineProvisioningStartedV1, retried.orderId).map((started) => started.payload.hostId);
    expect(attempts).toEqual([second, third]);

    const status = await app.db.query(`SELECT status, maintenance_from FROM hosts WHERE id = $1`, [first]);
    expect(status.rows).toEqual([{ status: 'maintenance', maintenance_from: from }]);
  });

  it('refuses capacity once every host of the location is in maintenance', async () => {
    for (const hostId of SEEDED_HOSTS.fra1) await scheduleMaintenance(hostId, clock.now());
    const order = rental('fra1');
    await sendOrderEvents(app, [placedMessage(order)]);

    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, order.orderId);
    expect(unavailable.payload.detail).toBe('no eligible host (active, not excluded) in fra1 for 1 × (2 vCPU, 4096 MB memory, 40 GB disk)');
    expect(eventsOf(events, capacityReservedV1, order.orderId)).toEqual([]);
  });
});
