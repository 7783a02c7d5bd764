import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { capacityReservedV1, machineProvisioningStartedV1, machineRunningV1 } from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { ProvisioningModule } from '../src/provisioning.module';
import { loadProvisioningSettings } from '../src/provisioning-settings';
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
    const settings = loadProvisioningSettings({ SIMULATED_DRIVER_STEP_MS: '20' });
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
    await sendOrderEvents(first, orders.map((order) => paidMessage(order.orderId)));

    for (const order of orders) await awaitEvents(events, machineRunningV1, order.orderId, 2);
    const machines = await first.db.query(`SELECT id, status, attempts, lease_owner FROM machines`);
    expect(machines.rows).toHaveLength(12);
    for (const machine of machines.rows) expect(machine).toEqual({ id: machine.id, status: 'running', attempts: 1, lease_owner: null });
    const steps = await first.db.query(`SELECT machine_id, count(*)::int AS n FROM machine_job_steps GROUP BY machine_id`);
    expect(steps.rows.map((row) => row.n)).toEqual(Array(12).fill(3));
    const published = await first.db.query(
      `SELECT event_type, count(*)::int AS n FROM messaging_outbox
        WHERE event_type IN ('machine.provisioning-started', 'machine.running') GROUP BY event_type ORDER BY event_type`,
    );
    // machine.running carries the root password, so its outbox rows are deleted once published:
    // count it on the topic instead.
    expect(published.rows).toEqual([{ event_type: 'machine.provisioning-started', n: 12 }]);
    for (const order of orders) {
      expect(eventsOf(events, machineProvisioningStartedV1, order.orderId)).toHaveLength(2);
      expect(eventsOf(events, machineRunningV1, order.orderId)).toHaveLength(2);
    }
  });
});
