import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first catalogue. Later changes are rows (a new plan, price or location is an INSERT or an
 * UPDATE, no code); the service publishes catalogue.published when it sees a different catalogue.
 * Longer terms are cheaper: a week costs 6 days, a month (30 days) about 18.
 */
export class CatalogueSeed1795700000001 implements MigrationInterface {
  name = 'CatalogueSeed1795700000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      INSERT INTO plans (code, name, vcpu, memory_mb, disk_gb, per_day_cents, per_week_cents, per_month_cents) VALUES
        ('small-2',    'Small 2',     2,  4096,   80,   300,  1800,  5500),
        ('standard-4', 'Standard 4',  4,  8192,  160,   550,  3300,  9900),
        ('large-8',    'Large 8',     8, 16384,  320,  1000,  6000, 18000),
        ('xlarge-16',  'XLarge 16',  16, 65536,  640,  1900, 11400, 34000)`);
    await q.query(`INSERT INTO locations (code, name, country) VALUES ('ams1', 'Amsterdam 1', 'NL'), ('fra1', 'Frankfurt 1', 'DE')`);
    await q.query(`INSERT INTO images (code, name) VALUES ('debian-12', 'Debian 12'), ('ubuntu-24.04', 'Ubuntu 24.04 LTS')`);
    await q.query(`
      INSERT INTO location_images (location_code, image_code) VALUES
        ('ams1', 'debian-12'), ('ams1', 'ubuntu-24.04'), ('fra1', 'debian-12'), ('fra1', 'ubuntu-24.04')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM location_images`);
    await q.query(`DELETE FROM images`);
    await q.query(`DELETE FROM locations`);
    await q.query(`DELETE FROM plans`);
  }
}
