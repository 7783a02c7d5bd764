import {
  machineDeprovisionedV1,
  machineProvisioningFailedV1,
  machineProvisioningRetriedV1,
  machineProvisioningStartedV1,
  machineRunningV2,
} from '@rental/contracts';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  cancelledMessage,
  capacityLeaks,
  eventsOf,
  forceFaults,
  orderPlaced,
  paidMessage,
  placedMessage,
  sendOrderEvents,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

const BACKOFF_BASE_MS = 100;

/**
 * Failed provisioning attempts, forced per order through the simulated datacentre's endpoint:
 * retried after a doubling pause, on another host where one fits, up to the configured attempts.
 */
describe('provisioning retries', () => {
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({ PROVISIONING_MAX_ATTEMPTS: '4', PROVISIONING_RETRY_BASE_MS: String(BACKOFF_BASE_MS) });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  it('moves a machine whose attempt failed to another host, where it runs', async () => {
    const order = orderPlaced({ locationCode: 'ams1' });
    const forced = await forceFaults(app, order.orderId, { failAttempts: 1 });
    expect(forced.status).toBe(200);
    expect(await forced.json()).toEqual({ orderId: order.orderId, failAttempts: 1, delayMs: null });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);

    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    const { machineId } = running.payload;
    const [retried] = eventsOf(events, machineProvisioningRetriedV1, order.orderId);
    expect(retried.payload).toEqual({
      orderId: order.orderId,
      machineId,
      failedAttempt: 1,
      reason: 'allocate: forced_failure',
      movedToAnotherHost: true,
      nextAttemptAt: expect.any(String),
    });
    const started = eventsOf(events, machineProvisioningStartedV1, order.orderId).map((event) => event.payload);
    expect(started.map((attempt) => attempt.attempt)).toEqual([1, 2]);
    const [first, second] = started.map((attempt) => attempt.hostId);
    expect(second).not.toBe(first);
    expect(SEEDED_HOSTS.ams1).toContain(second);
    expect(Date.parse(started[1].startedAt)).toBeGreaterThanOrEqual(Date.parse(retried.payload.nextAttemptAt));

    const allocation = await app.db.query(`SELECT host_id, hold_id FROM allocations WHERE machine_id = $1`, [machineId]);
    expect(allocation.rows).toEqual([{ host_id: second, hold_id: null }]);
    const machine = await app.db.query(`SELECT status, attempts, host_id, failed_host_ids FROM machines WHERE id = $1`, [machineId]);
    expect(machine.rows).toEqual([{ status: 'running', attempts: 2, host_id: second, failed_host_ids: [first] }]);
    expect(eventsOf(events, machineProvisioningFailedV1, order.orderId)).toEqual([]);
    expect(await capacityLeaks(app)).toEqual([]);

    await sendOrderEvents(app, [cancelledMessage(order.orderId, { settlement: 'unused_days', wasRunning: true })]);
    await awaitEvents(events, machineDeprovisionedV1, order.orderId);
    expect(await capacityLeaks(app)).toEqual([]);
  });

  it('gives up after the configured attempts when every one fails, pausing twice as long each time, with everything released', async () => {
    // fra1 has two hosts: the second attempt moves, the later ones stay, having nowhere new to go.
    const order = orderPlaced({ locationCode: 'fra1' });
    expect((await forceFaults(app, order.orderId, { failAttempts: 'all' })).status).toBe(200);
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);

    const [failed] = await awaitEvents(events, machineProvisioningFailedV1, order.orderId);
    const { machineId } = failed.payload;
    expect(failed.payload).toEqual({
      orderId: order.orderId,
      machineId,
      attempts: 4,
      reason: 'allocate: forced_failure',
      failedAt: expect.any(String),
    });
    const retried = eventsOf(events, machineProvisioningRetriedV1, order.orderId).map((event) => event.payload);
    expect(retried.map(({ failedAttempt, movedToAnotherHost }) => ({ failedAttempt, movedToAnotherHost }))).toEqual([
      { failedAttempt: 1, movedToAnotherHost: true },
      { failedAttempt: 2, movedToAnotherHost: false },
      { failedAttempt: 3, movedToAnotherHost: false },
    ]);
    const started = eventsOf(events, machineProvisioningStartedV1, order.orderId).map((event) => event.payload);
    const [one, two] = SEEDED_HOSTS.fra1;
    expect(started.map((attempt) => attempt.hostId)).toEqual([one, two, two, two]);
    expect(eventsOf(events, machineRunningV2, order.orderId)).toEqual([]);

    // The pause before attempt n + 1 is base × 2^(n - 1), counted from the failure.
    const steps = await app.db.query(`SELECT started_at, finished_at FROM machine_job_steps WHERE machine_id = $1 ORDER BY seq`, [machineId]);
    const pauses = steps.rows.slice(1).map((row, n) => row.started_at.getTime() - steps.rows[n].finished_at.getTime());
    pauses.forEach((pause, n) => expect(pause).toBeGreaterThanOrEqual(BACKOFF_BASE_MS * 2 ** n));

    const machine = await app.db.query(`SELECT status, attempts FROM machines WHERE id = $1`, [machineId]);
    expect(machine.rows).toEqual([{ status: 'failed', attempts: 4 }]);
    expect(await capacityLeaks(app)).toEqual([]);

    // The order service cancels the order; what the failed attempts left on the host is wiped, once.
    await sendOrderEvents(app, [cancelledMessage(order.orderId, { reason: 'provisioning_failed' })]);
    const [deprovisioned] = await awaitEvents(events, machineDeprovisionedV1, order.orderId);
    expect(deprovisioned.payload).toEqual({
      orderId: order.orderId,
      machineId,
      hostname: expect.any(String),
      reason: 'order_cancelled',
      wasDelivered: false,
      deprovisionedAt: expect.any(String),
    });
    const wiped = await app.db.query(`SELECT step FROM machine_job_steps WHERE machine_id = $1 AND seq >= 4 ORDER BY seq`, [machineId]);
    expect(wiped.rows.map((row) => row.step)).toEqual(['stop', 'wipe', 'destroy']);
    expect(await capacityLeaks(app)).toEqual([]);
  });

  it.each<[string, string, unknown]>([
    ['a count of 0', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { failAttempts: 0 }],
    ['a count that is not a whole number', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { failAttempts: 1.5 }],
    ['another word than "all"', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { failAttempts: 'some' }],
    ['a negative delay', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { delayMs: -1 }],
    ['a delay longer than a third of the job lease', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { delayMs: 10_001 }],
    ['an unknown field', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', { failAttempts: 1, fail: true }],
    ['nothing to force', 'f6a4c2ab-0c61-4f0e-9f55-8d3c0c0fd2a1', {}],
    ['an order id that is not a UUID', 'order-1', { failAttempts: 1 }],
  ])('refuses %s with 400 and forces nothing', async (_, orderId, body) => {
    const response = await forceFaults(app, orderId, body);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_request', message: expect.any(String) } });
    const stored = await app.db.query(`SELECT 1 FROM simulated_order_faults WHERE order_id::text = $1`, [orderId]);
    expect(stored.rowCount).toBe(0);
  });

  it.each<[string, string | null]>([
    ['no X-Operator-Token', null],
    ['a wrong X-Operator-Token', 'not-the-operator-token'],
    ['the development default while another token is set', 'dev-operator-token'],
  ])("refuses %s with 401 and forces nothing: no one else may fail a customer's rental", async (_, token) => {
    const orderId = 'c0ffee00-0000-4000-8000-0000000000a1';
    const response = await forceFaults(app, orderId, { failAttempts: 'all' }, token);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized', message: 'A valid X-Operator-Token header is required' } });
    const stored = await app.db.query(`SELECT 1 FROM simulated_order_faults WHERE order_id = $1`, [orderId]);
    expect(stored.rowCount).toBe(0);
  });

  it('replaces what was forced on an order, and keeps it in the database', async () => {
    const orderId = 'c0ffee00-0000-4000-8000-000000000001';
    await forceFaults(app, orderId, { failAttempts: 'all' });
    const response = await forceFaults(app, orderId, { failAttempts: 2, delayMs: 50 });
    expect(await response.json()).toEqual({ orderId, failAttempts: 2, delayMs: 50 });
    const stored = await app.db.query(`SELECT fail_attempts, fail_all, delay_ms FROM simulated_order_faults WHERE order_id = $1`, [orderId]);
    expect(stored.rows).toEqual([{ fail_attempts: 2, fail_all: false, delay_ms: 50 }]);
  });
});
