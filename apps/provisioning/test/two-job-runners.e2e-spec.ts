import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { capacityReservedV1, machineProvisioningRetriedV1, machineProvisioningStartedV1, machineRunningV2 } from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import { eventually } from '../../../test/support/isolation';
import type { ServiceApp } from '../../../test/support/service-app';
import { ProvisioningModule } from '../src/provisioning.module';
import {
  awaitEvents,
  eventsOf,
  forceFaults,
  orderPlaced,
  paidMessage,
  placedMessage,
  sendOrderEvents,
  startProvisioning,
  testSettings,
  watchProvisioningEvents,
} from './provisioning-test-kit';

/**
 * Two instances of the service on one database: both are woken by the same NOTIFY and claim at
 * the same moment, yet every machine's job runs once.
 */
describe('two instances provisioning together', () => {
  let first: ServiceApp;
  let second: INestApplication;
  let events: EventCollector;

  beforeAll(async () => {
    first = await startProvisioning({ SIMULATED_DRIVER_STEP_MS: '20' });
    const settings = testSettings({ SIMULATED_DRIVER_STEP_MS: '20' });
    second = await NestFactory.create(ProvisioningModule.register(first.config, settings), { logger: ['error', 'warn'] });
    await second.init();
    events = await watchProvisioningEvents(first);
  });

  afterAll(async () => {
    await events?.stop();
    await second?.close();
    await first?.close();
  });

  it('run each machine once: one attempt, three steps, one machine.running', async () => {
    const orders = Array.from({ length: 6 }, (_, i) => orderPlaced({ locationCode: i % 2 === 0 ? 'ams1' : 'fra1', quantity: 2 }));
    await sendOrderEvents(first, orders.map(placedMessage));
    for (const order of orders) await awaitEvents(events, capacityReservedV1, order.orderId);
    await sendOrderEvents(
      first,
      orders.map((order) => paidMessage(order.orderId)),
    );

    for (const order of orders) await awaitEvents(events, machineRunningV2, order.orderId, 2);
    // A job gives its lease back in a transaction of its own, after the one that announced the machine.
    const machines = await eventually(
      () => first.db.query(`SELECT id, status, attempts, lease_owner FROM machines`),
      (r) => r.rows.every((machine) => machine.lease_owner === null),
      30_000,
      'every lease given back',
    );
    expect(machines.rows).toHaveLength(12);
    for (const machine of machines.rows) expect(machine).toEqual({ id: machine.id, status: 'running', attempts: 1, lease_owner: null });
    const steps = await first.db.query(`SELECT machine_id, count(*)::int AS n FROM machine_job_steps GROUP BY machine_id`);
    expect(steps.rows.map((row) => row.n)).toEqual(Array(12).fill(3));
    const published = await first.db.query(
      `SELECT event_type, count(*)::int AS n FROM messaging_outbox
        WHERE event_type IN ('machine.provisioning-started', 'machine.running') GROUP BY event_type ORDER BY event_type`,
    );
    // machine.running carries the (sealed) root password, so its outbox rows are deleted once published:
    // count it on the topic instead.
    expect(published.rows).toEqual([{ event_type: 'machine.provisioning-started', n: 12 }]);
    for (const order of orders) {
      expect(eventsOf(events, machineProvisioningStartedV1, order.orderId)).toHaveLength(2);
      expect(eventsOf(events, machineRunningV2, order.orderId)).toHaveLength(2);
    }
  });

  it('share the failures forced on an order: exactly that many attempts fail, whichever instance runs them', async () => {
    // Forced through the first instance's endpoint; the jobs run on either instance.
    const order = orderPlaced({ locationCode: 'fra1', quantity: 4 });
    expect((await forceFaults(first, order.orderId, { failAttempts: 3 })).status).toBe(200);
    await sendOrderEvents(first, [placedMessage(order), paidMessage(order.orderId)]);

    await awaitEvents(events, machineRunningV2, order.orderId, 4);
    expect(eventsOf(events, machineProvisioningRetriedV1, order.orderId)).toHaveLength(3);
    const attempts = await first.db.query(`SELECT sum(attempts)::int AS n FROM machines WHERE order_id = $1`, [order.orderId]);
    expect(attempts.rows).toEqual([{ n: 7 }]);
    const left = await first.db.query(`SELECT fail_attempts FROM simulated_order_faults WHERE order_id = $1`, [order.orderId]);
    expect(left.rows).toEqual([{ fail_attempts: 0 }]);
  });
});
