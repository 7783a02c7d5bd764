import { generateKeyPairSync } from 'node:crypto';
import { capacityReservedV1, machineProvisioningFailedV1, machineProvisioningStartedV1, machineRunningV2, rootPasswordContext } from '@rental/contracts';
import { openSealedSecret } from '@rental/secrets';
import type { EventCollector } from '../../../test/support/event-collector';
import type { ServiceApp } from '../../../test/support/service-app';
import { SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import {
  awaitEvents,
  eventsOf,
  orderPlaced,
  paidMessage,
  placedMessage,
  sendOrderEvents,
  sshPublicKey,
  startProvisioning,
  watchProvisioningEvents,
} from './provisioning-test-kit';

/** 203.0.113.0/26 without its network and broadcast addresses. */
const AMS1_ADDRESS = /^203\.0\.113\.([1-9]|[1-5][0-9]|6[0-2])$/;

/** order.paid on the real broker and database, through the job runner and the simulated datacentre. */
describe('machines for paid orders', () => {
  let app: ServiceApp;
  let events: EventCollector;
  // The gateway's key pair: provisioning is given the public half only.
  const gatewayKeys = generateKeyPairSync('x25519');

  beforeAll(async () => {
    app = await startProvisioning({
      PROVISIONING_SECRETS_PUBLIC_KEY: gatewayKeys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  it('runs a machine with the SSH key given at order time, on the held host, with an address from the pool', async () => {
    const key = sshPublicKey();
    const order = orderPlaced({ locationCode: 'ams1', imageCode: 'debian-12', sshPublicKey: key });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);

    const [reserved] = await awaitEvents(events, capacityReservedV1, order.orderId);
    const [running] = await awaitEvents(events, machineRunningV2, order.orderId);
    const { machineId } = running.payload;
    expect(running.payload).toEqual({
      orderId: order.orderId,
      machineId,
      hostname: `debian-${machineId.replace(/-/g, '').slice(0, 8)}.ams1.rental.example`,
      ipAddress: expect.stringMatching(AMS1_ADDRESS),
      access: { method: 'ssh-key' },
      runningSince: expect.any(String),
    });
    const started = eventsOf(events, machineProvisioningStartedV1, order.orderId);
    expect(started.map((e) => e.payload)).toEqual([
      { orderId: order.orderId, machineId, hostId: reserved.payload.hosts[0].hostId, attempt: 1, startedAt: expect.any(String) },
    ]);

    const machine = await app.db.query(
      `SELECT status, host(ip_address) AS ip, host_id, credentials, ssh_public_key, password_issued_at, attempts
         FROM machines WHERE id = $1`,
      [machineId],
    );
    expect(machine.rows).toEqual([
      {
        status: 'running',
        ip: running.payload.ipAddress,
        host_id: reserved.payload.hosts[0].hostId,
        credentials: 'ssh_key',
        ssh_public_key: key,
        password_issued_at: null,
        attempts: 1,
      },
    ]);
    const steps = await app.db.query(`SELECT step, outcome FROM machine_job_steps WHERE machine_id = $1 ORDER BY seq`, [machineId]);
    expect(steps.rows).toEqual([
      { step: 'allocate', outcome: 'succeeded' },
      { step: 'install_image', outcome: 'succeeded' },
      { step: 'boot', outcome: 'succeeded' },
    ]);
    // The hold became the machine's allocation and address.
    const allocation = await app.db.query(`SELECT host_id FROM allocations WHERE machine_id = $1`, [machineId]);
    expect(allocation.rows).toEqual([{ host_id: reserved.payload.hosts[0].hostId }]);
    const address = await app.db.query(`SELECT host(address) AS ip FROM ip_addresses WHERE machine_id = $1`, [machineId]);
    expect(address.rows).toEqual([{ ip: running.payload.ipAddress }]);
    const holds = await app.db.query(`SELECT 1 FROM capacity_holds WHERE order_id = $1`, [order.orderId]);
    expect(holds.rowCount).toBe(0);
  });

  it('gives each machine of an order without a key its own generated root password, sealed to the gateway and stored nowhere', async () => {
    const order = orderPlaced({ locationCode: 'ams1', quantity: 2, imageCode: 'ubuntu-24.04' });
    expect(order.sshPublicKey).toBeUndefined();
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);

    const running = await awaitEvents(events, machineRunningV2, order.orderId, 2);
    const passwords = running.map((event) => {
      const { access, machineId } = event.payload;
      if (access.method !== 'password') throw new Error(`expected password access, got ${access.method}`);
      expect(access).not.toHaveProperty('rootPassword');
      return openSealedSecret(access.rootPasswordSealed, gatewayKeys.privateKey, rootPasswordContext(order.orderId, machineId));
    });
    // Each is sealed for its own machine: one machine's sealed password does not open as the other's.
    const [first, second] = running.map((event) => event.payload);
    const firstAccess = first.access;
    if (firstAccess.method !== 'password') throw new Error('expected password access');
    expect(() => openSealedSecret(firstAccess.rootPasswordSealed, gatewayKeys.privateKey, rootPasswordContext(order.orderId, second.machineId))).toThrow(
      'sealed for another context',
    );
    for (const password of passwords) expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(2);
    expect(new Set(running.map((event) => event.payload.ipAddress)).size).toBe(2);
    for (const event of running) expect(event.payload.ipAddress).toMatch(AMS1_ADDRESS);

    // Only when it was handed out is kept: the password is in no row of the service's own tables.
    const machines = await app.db.query(`SELECT credentials, password_issued_at FROM machines WHERE order_id = $1`, [order.orderId]);
    expect(machines.rows).toEqual([
      { credentials: 'root_password', password_issued_at: expect.any(Date) },
      { credentials: 'root_password', password_issued_at: expect.any(Date) },
    ]);
    for (const password of passwords) {
      for (const table of ['machines', 'machine_job_steps', 'order_requests', 'allocations', 'ip_addresses']) {
        const found = await app.db.query(`SELECT 1 FROM ${table} t WHERE t::text LIKE '%' || $1 || '%'`, [password]);
        expect({ table, rows: found.rowCount }).toEqual({ table, rows: 0 });
      }
    }
  });
});

describe('machines the datacentre cannot build', () => {
  let app: ServiceApp;
  let events: EventCollector;

  beforeAll(async () => {
    app = await startProvisioning({ SIMULATED_DRIVER_FAILURE_RATE: '1' });
    events = await watchProvisioningEvents(app);
  });

  afterAll(async () => {
    await events?.stop();
    await app?.close();
  });

  it('are tried three times, then reported failed with their capacity and address released', async () => {
    const order = orderPlaced({ locationCode: 'fra1' });
    await sendOrderEvents(app, [placedMessage(order), paidMessage(order.orderId)]);

    const [failed] = await awaitEvents(events, machineProvisioningFailedV1, order.orderId);
    const { machineId } = failed.payload;
    expect(failed.payload).toEqual({
      orderId: order.orderId,
      machineId,
      attempts: 3,
      reason: 'allocate: simulated_failure',
      failedAt: expect.any(String),
    });
    expect(eventsOf(events, machineProvisioningStartedV1, order.orderId).map((e) => e.payload.attempt)).toEqual([1, 2, 3]);
    expect(eventsOf(events, machineRunningV2, order.orderId)).toEqual([]);

    const steps = await app.db.query(`SELECT step, outcome, error FROM machine_job_steps WHERE machine_id = $1 ORDER BY seq`, [machineId]);
    expect(steps.rows).toEqual(Array(3).fill({ step: 'allocate', outcome: 'failed', error: 'simulated_failure' }));
    const machine = await app.db.query(`SELECT status, attempts FROM machines WHERE id = $1`, [machineId]);
    expect(machine.rows).toEqual([{ status: 'failed', attempts: 3 }]);
    const allocation = await app.db.query(`SELECT 1 FROM allocations WHERE machine_id = $1`, [machineId]);
    expect(allocation.rowCount).toBe(0);
    const address = await app.db.query(`SELECT 1 FROM ip_addresses WHERE machine_id = $1`, [machineId]);
    expect(address.rowCount).toBe(0);
    const used = await app.db.query(`SELECT 1 FROM allocations WHERE host_id = ANY($1::uuid[])`, [SEEDED_HOSTS.fra1]);
    expect(used.rowCount).toBe(0);
  });
});
