import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The starting inventory, with fixed ids so that tests and operators can name a host or a range.
 * Exported from the migration itself (not a shared constant) because a migration must never change
 * once it has run somewhere.
 */
export const SEEDED_HOSTS = {
  ams1: ['a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-000000000002', 'a1000000-0000-4000-8000-000000000003'],
  fra1: ['f1000000-0000-4000-8000-000000000001', 'f1000000-0000-4000-8000-000000000002'],
} as const;

/** Every seeded host has the same size. */
export const SEEDED_HOST_CAPACITY = { vcpu: 64, memoryMb: 262_144, diskGb: 4_000 } as const;

export const SEEDED_IP_RANGES = {
  ams1: { id: 'a1000000-0000-4000-8000-0000000000e1', cidr: '203.0.113.0/26' },
  fra1: { id: 'f1000000-0000-4000-8000-0000000000e1', cidr: '198.51.100.0/26' },
} as const;

export class InventorySeed1795700000001 implements MigrationInterface {
  name = 'InventorySeed1795700000001';

  async up(q: QueryRunner): Promise<void> {
    const { vcpu, memoryMb, diskGb } = SEEDED_HOST_CAPACITY;
    for (const [location, ids] of Object.entries(SEEDED_HOSTS)) {
      for (const id of ids) {
        await q.query(`INSERT INTO hosts (id, location_code, vcpu, memory_mb, disk_gb, status) VALUES ($1, $2, $3, $4, $5, 'active')`, [
          id,
          location,
          vcpu,
          memoryMb,
          diskGb,
        ]);
      }
    }
    for (const [location, range] of Object.entries(SEEDED_IP_RANGES)) {
      await q.query(`INSERT INTO ip_ranges (id, location_code, cidr) VALUES ($1, $2, $3)`, [range.id, location, range.cidr]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ip_ranges WHERE id = ANY($1::uuid[])`, [Object.values(SEEDED_IP_RANGES).map((r) => r.id)]);
    await q.query(`DELETE FROM hosts WHERE id = ANY($1::uuid[])`, [Object.values(SEEDED_HOSTS).flat()]);
  }
}
