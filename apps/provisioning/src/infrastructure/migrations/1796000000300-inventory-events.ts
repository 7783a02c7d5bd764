import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hosts and address ranges now follow the datacentre inventory's events. A host remembers when its
 * maintenance starts (it takes placements until then); a removed range keeps its row, so that its
 * id still names it and a re-sent removal is recognised, and only live ranges may not overlap. The
 * seeded hosts and ranges stay as they are: the inventory's first events describe them again.
 */
export class InventoryEvents1796000000300 implements MigrationInterface {
  name = 'InventoryEvents1796000000300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hosts ADD COLUMN maintenance_from timestamptz`);
    // No host could be put into maintenance before this migration; this keeps the rule true if one was by hand.
    await q.query(`UPDATE hosts SET maintenance_from = registered_at WHERE status = 'maintenance'`);
    await q.query(`
      ALTER TABLE hosts ADD CONSTRAINT hosts_maintenance_from
        CHECK (status <> 'maintenance' OR maintenance_from IS NOT NULL)`);

    await q.query(`ALTER TABLE ip_ranges ADD COLUMN removed_at timestamptz`);
    await q.query(`ALTER TABLE ip_ranges DROP CONSTRAINT ip_ranges_cidr_excl`);
    await q.query(`
      ALTER TABLE ip_ranges ADD CONSTRAINT ip_ranges_live_cidr_excl
        EXCLUDE USING gist (cidr inet_ops WITH &&) WHERE (removed_at IS NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM ip_ranges WHERE removed_at IS NOT NULL`);
    await q.query(`ALTER TABLE ip_ranges DROP CONSTRAINT ip_ranges_live_cidr_excl`);
    await q.query(`ALTER TABLE ip_ranges ADD CONSTRAINT ip_ranges_cidr_excl EXCLUDE USING gist (cidr inet_ops WITH &&)`);
    await q.query(`ALTER TABLE ip_ranges DROP COLUMN removed_at`);
    await q.query(`ALTER TABLE hosts DROP CONSTRAINT hosts_maintenance_from`);
    await q.query(`ALTER TABLE hosts DROP COLUMN maintenance_from`);
  }
}
