import { capacityReservedV1, capacityUnavailableV1, EnvelopeHeader } from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import { awaitEvents, eventsOf, orderPlaced, placedMessage, sendOrderEvents, startProvisioning, watchProvisioningEvents } from './provisioning-test-kit';

/** order.placed on the real broker and database: a hold, or the reason there is none. */
describe('capacity for placed orders', () => {
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

  it('holds capacity for every machine until the payment window closes, best fit on one host', async () => {
    const order = orderPlaced({ locationCode: 'fra1', quantity: 2, resources: { vcpu: 4, memoryMb: 8_192, diskGb: 160 } });
    const message = placedMessage(order);
    await sendOrderEvents(app, [message]);

    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    const expiresAt = new Date(Date.parse(order.placedAt) + 60 * 60_000).toISOString();
    // Both fra1 hosts are empty: best fit puts the first machine on the lower id, the second where less room is left.
    expect(reserved.payload).toEqual({
      orderId: order.orderId,
      holdId: expect.any(String),
      hosts: [{ hostId: SEEDED_HOSTS.fra1[0], machines: 2 }],
      expiresAt,
    });
    expect(reserved.causationId).toBe(message.headers[EnvelopeHeader.id]);

    const holds = await app.db.query(`SELECT host_id, order_id, vcpu, memory_mb, disk_gb, expires_at FROM capacity_holds WHERE hold_id = $1`, [
      reserved.payload.holdId,
    ]);
    expect(holds.rows).toEqual([
      {
        host_id: SEEDED_HOSTS.fra1[0],
        order_id: order.orderId,
        vcpu: 8,
        memory_mb: 16_384,
        disk_gb: 320,
        expires_at: new Date(expiresAt),
      },
    ]);
    const request = await app.db.query(`SELECT status, hold_id, image_code FROM order_requests WHERE order_id = $1`, [order.orderId]);
    expect(request.rows).toEqual([{ status: 'reserved', hold_id: reserved.payload.holdId, image_code: order.imageCode }]);
  });

  it('says no capacity for a machine larger than any host, and holds nothing', async () => {
    const order = orderPlaced({ locationCode: 'ams1', resources: { vcpu: 65, memoryMb: 8_192, diskGb: 160 } });
    await sendOrderEvents(app, [placedMessage(order)]);

    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, order.orderId);
    expect(unavailable.payload).toEqual({ orderId: order.orderId, locationCode: 'ams1', detail: expect.stringMatching(/only 0 of 1 .* ams1/) });
    expect(eventsOf(events, capacityReservedV1, order.orderId)).toEqual([]);
    const holds = await app.db.query(`SELECT 1 FROM capacity_holds WHERE order_id = $1`, [order.orderId]);
    expect(holds.rowCount).toBe(0);
    const request = await app.db.query(`SELECT status FROM order_requests WHERE order_id = $1`, [order.orderId]);
    expect(request.rows).toEqual([{ status: 'unavailable' }]);
  });

  it('counts addresses as capacity: more machines than free IP addresses are refused', async () => {
    // fra1's hosts have room for 128 one-vCPU machines, but its /26 has only 62 addresses.
    const order = orderPlaced({ locationCode: 'fra1', quantity: 63, resources: { vcpu: 1, memoryMb: 1_024, diskGb: 20 } });
    await sendOrderEvents(app, [placedMessage(order)]);

    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, order.orderId);
    expect(unavailable.payload.detail).toMatch(/IP addresses are free in fra1 for 63 machines/);
    const holds = await app.db.query(`SELECT 1 FROM capacity_holds WHERE order_id = $1`, [order.orderId]);
    expect(holds.rowCount).toBe(0);
  });

  it('refuses an SSH key that could not be installed before anyone pays', async () => {
    const order = orderPlaced({ locationCode: 'ams1', sshPublicKey: 'ssh-ed25519 AAAAnot-a-key' });
    await sendOrderEvents(app, [placedMessage(order)]);

    const [unavailable] = await awaitEvents(events, capacityUnavailableV1, order.orderId);
    expect(unavailable.payload.detail).toMatch(/SSH public key/);
  });

  it('holds once for an order.placed delivered twice, or published again under a new event id', async () => {
    const order = orderPlaced({ locationCode: 'ams1' });
    const original = placedMessage(order);
    const republished = placedMessage(order);
    await sendOrderEvents(app, [original, original, republished]);

    // One key, one partition: once the last copy is in the inbox, every copy has been handled.
    await eventually(
      () => app.db.query(`SELECT 1 FROM messaging_inbox WHERE event_id = $1`, [republished.headers[EnvelopeHeader.id]]),
      (result) => result.rowCount === 1,
      30_000,
      'the republished order.placed handled',
    );
    const holds = await app.db.query(`SELECT DISTINCT hold_id FROM capacity_holds WHERE order_id = $1`, [order.orderId]);
    expect(holds.rowCount).toBe(1);
    const recorded = await app.db.query(`SELECT count(*)::int AS n FROM messaging_outbox WHERE event_type = 'capacity.reserved' AND key = $1`, [order.orderId]);
    expect(recorded.rows[0].n).toBe(1);
    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    expect(reserved.payload.holdId).toBe(holds.rows[0].hold_id);
  });
});
