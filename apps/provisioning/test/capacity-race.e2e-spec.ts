import { capacityReservedV1, capacityUnavailableV1, orderPlacedV1, topicOf } from '@rental/contracts';
import { Partitioners, type PartitionMetadata } from 'kafkajs';
import { Client } from 'pg';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOST_CAPACITY, SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  eventsOf,
  type OrderPlaced,
  orderPlaced,
  placedMessage,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

/** Two orders racing for the last room in a location: one gets it, the other is told there is none. */
describe('orders racing for the last capacity', () => {
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

  it('never gives the same capacity to both', async () => {
    const wholeHost = { ...SEEDED_HOST_CAPACITY };
    // Two of ams1's three hosts taken: exactly one host's worth is left.
    const first = orderPlaced({ locationCode: 'ams1', resources: wholeHost, quantity: 2 });
    await sendOrderEvents(app, [placedMessage(first)]);
    await awaitEvents(events, capacityReservedV1, first.orderId);

    // On different partitions, so the service works on both at the same time.
    const [a, b] = onDifferentPartitions(app, () => orderPlaced({ locationCode: 'ams1', resources: wholeHost }));

    // Hold ams1's host rows ourselves until both handlers are queued behind the same lock: then
    // they are provably in flight together when it opens.
    const blocker = new Client({ connectionString: app.config.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT id FROM hosts WHERE location_code = 'ams1' FOR UPDATE`);
      await sendOrderEvents(app, [placedMessage(a), placedMessage(b)]);
      await eventually(
        () =>
          app.db.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND application_name = 'rental-provisioning' AND wait_event_type = 'Lock'`,
          ),
        (result) => result.rows[0].n >= 2,
        30_000,
        'both order.placed handlers waiting for the ams1 hosts',
      );
      await blocker.query('ROLLBACK');
    } finally {
      await blocker.end();
    }

    const outcome = async (order: OrderPlaced) =>
      (
        await eventually(
          async () => ({
            reserved: eventsOf(events, capacityReservedV1, order.orderId).length,
            unavailable: eventsOf(events, capacityUnavailableV1, order.orderId).length,
          }),
          (seen) => seen.reserved + seen.unavailable > 0,
          30_000,
          `an answer to order ${order.orderId}`,
        )
      ).reserved > 0
        ? 'reserved'
        : 'unavailable';
    expect([await outcome(a), await outcome(b)].sort()).toEqual(['reserved', 'unavailable']);

    // And the database agrees: no host is promised more than it has, and ams1 is exactly full.
    const promised = await app.db.query(
      `SELECT h.id, h.vcpu AS total, COALESCE(SUM(c.vcpu), 0)::int AS held
         FROM hosts h LEFT JOIN capacity_holds c ON c.host_id = h.id
        WHERE h.location_code = 'ams1' GROUP BY h.id, h.vcpu ORDER BY h.id`,
    );
    expect(promised.rows).toEqual(SEEDED_HOSTS.ams1.map((id) => ({ id, total: 64, held: 64 })));
    const held = await app.db.query(`SELECT DISTINCT order_id FROM capacity_holds WHERE order_id = ANY($1::uuid[])`, [[a.orderId, b.orderId]]);
    expect(held.rowCount).toBe(1);
  });
});

/** Two orders whose keys the producer sends to different partitions of the order topic. */
function onDifferentPartitions(app: ServiceApp, make: () => OrderPlaced): [OrderPlaced, OrderPlaced] {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: app.config.kafka.partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
    partitionErrorCode: 0,
  }));
  const topic = topicOf(orderPlacedV1, app.topicPrefix);
  const partitionOf = (order: OrderPlaced) => partitioner({ topic, partitionMetadata, message: { key: order.orderId, value: null } });
  const first = make();
  for (;;) {
    const second = make();
    if (partitionOf(second) !== partitionOf(first)) return [first, second];
  }
}
