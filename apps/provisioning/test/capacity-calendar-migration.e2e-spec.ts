import { randomUUID } from 'node:crypto';
import { timerMigrations } from '@rental/timers';
import { DataSource } from 'typeorm';
import { createTestDatabase, dropTestDatabase, uniqueId } from '../../../test/support/isolation';
import { HostRepository } from '../src/infrastructure/host.repository';
import { ProvisioningSchema1795700000000 } from '../src/infrastructure/migrations/1795700000000-provisioning-schema';
import { InventorySeed1795700000001, SEEDED_HOST_CAPACITY, SEEDED_HOSTS } from '../src/infrastructure/migrations/1795700000001-inventory-seed';
import { EndOfRental1795900000200 } from '../src/infrastructure/migrations/1795900000200-end-of-rental';
import { SimulatedDatacentre1795900000201 } from '../src/infrastructure/migrations/1795900000201-simulated-datacentre';
import { InventoryEvents1796000000300 } from '../src/infrastructure/migrations/1796000000300-inventory-events';
import { CapacityCalendar1796100000300 } from '../src/infrastructure/migrations/1796100000300-capacity-calendar';
import { PROVISIONING_ENTITIES } from '../src/infrastructure/persistence/provisioning-entities';

const BEFORE = [
  ...timerMigrations,
  ProvisioningSchema1795700000000,
  InventorySeed1795700000001,
  EndOfRental1795900000200,
  SimulatedDatacentre1795900000201,
  InventoryEvents1796000000300,
];

const placedAt = new Date('2031-01-06T09:00:00Z');
const allocatedAt = new Date('2031-01-06T09:20:00Z');
const expiresAt = new Date('2031-01-06T10:00:00Z');

/**
 * The capacity calendar's migration on a database that holds an unpaid hold and a running
 * machine from before it: both get an interval (from when they were made, with an open end, since
 * provisioning never kept rental periods), and the hosts load and count them afterwards.
 */
describe('the capacity calendar migration', () => {
  let url: string;
  const open = (migrations: typeof BEFORE) =>
    new DataSource({ type: 'postgres', url, entities: PROVISIONING_ENTITIES, migrations, migrationsTransactionMode: 'each' }).initialize();

  beforeAll(async () => {
    url = await createTestDatabase(`provisioning_migration_${uniqueId()}`);
  });

  afterAll(async () => {
    await dropTestDatabase(url);
  });

  it('gives existing holds, allocations and order requests their intervals, and can be undone', async () => {
    const [hostId] = SEEDED_HOSTS.ams1;
    const held = randomUUID();
    const paid = randomUUID();
    const holdId = randomUUID();
    const machineId = randomUUID();
    const before = await open(BEFORE);
    await before.runMigrations();
    const request = `INSERT INTO order_requests
      (order_id, location_code, vcpu, memory_mb, disk_gb, quantity, image_code, placed_at, status, hold_id, hold_expires_at, updated_at)
      VALUES ($1, 'ams1', 2, 4096, 40, 1, 'debian-12', $2, $3, $4, $5, $2)`;
    await before.query(request, [held, placedAt, 'reserved', holdId, expiresAt]);
    await before.query(request, [paid, placedAt, 'paid', randomUUID(), expiresAt]);
    await before.query(`INSERT INTO capacity_holds (hold_id, host_id, order_id, vcpu, memory_mb, disk_gb, expires_at) VALUES ($1, $2, $3, 2, 4096, 40, $4)`, [
      holdId,
      hostId,
      held,
      expiresAt,
    ]);
    await before.query(
      `INSERT INTO allocations (machine_id, host_id, order_id, hold_id, vcpu, memory_mb, disk_gb, allocated_at)
       VALUES ($1, $2, $3, NULL, 2, 4096, 40, $4)`,
      [machineId, hostId, paid, allocatedAt],
    );
    await before.destroy();

    const after = await open([...BEFORE, CapacityCalendar1796100000300]);
    await after.runMigrations();
    expect(await after.query(`SELECT order_id, provisioning_from, period_end, status FROM order_requests`)).toEqual(
      expect.arrayContaining([
        { order_id: held, provisioning_from: placedAt, period_end: null, status: 'reserved' },
        { order_id: paid, provisioning_from: placedAt, period_end: null, status: 'paid' },
      ]),
    );
    expect(await after.query(`SELECT occupied_from, occupied_until, expires_at FROM capacity_holds`)).toEqual([
      { occupied_from: placedAt, occupied_until: null, expires_at: expiresAt },
    ]);
    expect(await after.query(`SELECT occupied_from, occupied_until FROM allocations`)).toEqual([{ occupied_from: allocatedAt, occupied_until: null }]);

    // Neither rental has a known end: while the hold lives, both take their share of the host for any time to
    // come; once it lapses unpaid, the running machine alone does.
    const host = await after.transaction(async (manager) => (await new HostRepository().lockHosts(manager, [hostId]))[0]);
    const nextYear = { from: new Date('2032-01-01T00:00:00Z'), until: new Date('2032-02-01T00:00:00Z') };
    expect(host.usedOver(nextYear, placedAt)).toEqual({ vcpu: 4, memoryMb: 8_192, diskGb: 80 });
    expect(host.freeCapacity(nextYear, expiresAt)).toEqual({
      vcpu: SEEDED_HOST_CAPACITY.vcpu - 2,
      memoryMb: SEEDED_HOST_CAPACITY.memoryMb - 4_096,
      diskGb: SEEDED_HOST_CAPACITY.diskGb - 40,
    });

    await after.undoLastMigration();
    expect(
      (await after.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'allocations' AND column_name LIKE 'occupied%'`)).length,
    ).toBe(0);
    await after.runMigrations();
    expect(await after.query(`SELECT occupied_from FROM allocations`)).toEqual([{ occupied_from: allocatedAt }]);
    await after.destroy();
  });
});
