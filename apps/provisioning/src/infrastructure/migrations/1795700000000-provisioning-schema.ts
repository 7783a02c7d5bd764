import { createNotifyOnInsert, dropNotifyOnInsert } from '@rental/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const JOBS_NOTIFY = { table: 'machines', channel: 'provisioning_jobs', trigger: 'machines_jobs_notify' };

/**
 * Hosts and what is promised on them (holds, allocations), the IP pools, the orders as this
 * service saw them, and machines with their job steps. A generated root password has no column
 * anywhere: it lives in memory from the attempt that installs it until machine.running carries it.
 */
export class ProvisioningSchema1795700000000 implements MigrationInterface {
  name = 'ProvisioningSchema1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hosts (
        id            uuid PRIMARY KEY,
        location_code text NOT NULL,
        vcpu          int NOT NULL CHECK (vcpu >= 0),
        memory_mb     int NOT NULL CHECK (memory_mb >= 0),
        disk_gb       int NOT NULL CHECK (disk_gb >= 0),
        status        text NOT NULL CHECK (status IN ('active', 'maintenance', 'retired')),
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Reservations lock a location's hosts in id order; this index serves exactly that read.
    await q.query(`CREATE INDEX hosts_location ON hosts (location_code, id)`);

    // One row per host a hold spans; free capacity is derived from these and allocations, never stored.
    await q.query(`
      CREATE TABLE capacity_holds (
        hold_id    uuid NOT NULL,
        host_id    uuid NOT NULL REFERENCES hosts (id),
        order_id   uuid NOT NULL,
        vcpu       int NOT NULL CHECK (vcpu >= 0),
        memory_mb  int NOT NULL CHECK (memory_mb >= 0),
        disk_gb    int NOT NULL CHECK (disk_gb >= 0),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (hold_id, host_id)
      )`);
    await q.query(`CREATE INDEX capacity_holds_host ON capacity_holds (host_id)`);

    await q.query(`
      CREATE TABLE allocations (
        machine_id   uuid PRIMARY KEY,
        host_id      uuid NOT NULL REFERENCES hosts (id),
        order_id     uuid NOT NULL,
        hold_id      uuid NOT NULL,
        vcpu         int NOT NULL CHECK (vcpu >= 0),
        memory_mb    int NOT NULL CHECK (memory_mb >= 0),
        disk_gb      int NOT NULL CHECK (disk_gb >= 0),
        allocated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX allocations_host ON allocations (host_id)`);

    // No two ranges may overlap anywhere, whatever the location: an address belongs to one pool.
    await q.query(`
      CREATE TABLE ip_ranges (
        id            uuid PRIMARY KEY,
        location_code text NOT NULL,
        cidr          cidr NOT NULL,
        added_at      timestamptz NOT NULL DEFAULT now(),
        EXCLUDE USING gist (cidr inet_ops WITH &&)
      )`);
    await q.query(`CREATE INDEX ip_ranges_location ON ip_ranges (location_code)`);

    // Only the addresses given to machines; the free ones are derived from the ranges.
    await q.query(`
      CREATE TABLE ip_addresses (
        address       inet PRIMARY KEY,
        location_code text NOT NULL,
        machine_id    uuid NOT NULL UNIQUE,
        allocated_at  timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ip_addresses_location ON ip_addresses (location_code)`);

    // What provisioning needs from order.placed, kept until the order is paid or its hold lapses.
    await q.query(`
      CREATE TABLE order_requests (
        order_id        uuid PRIMARY KEY,
        location_code   text NOT NULL,
        vcpu            int NOT NULL CHECK (vcpu > 0),
        memory_mb       int NOT NULL CHECK (memory_mb > 0),
        disk_gb         int NOT NULL CHECK (disk_gb > 0),
        quantity        int NOT NULL CHECK (quantity > 0),
        image_code      text NOT NULL,
        ssh_public_key  text,
        placed_at       timestamptz NOT NULL,
        status          text NOT NULL CHECK (status IN ('reserved', 'unavailable', 'paid', 'failed')),
        hold_id         uuid UNIQUE,
        hold_expires_at timestamptz,
        detail          text,
        updated_at      timestamptz NOT NULL,
        CHECK (status <> 'reserved' OR (hold_id IS NOT NULL AND hold_expires_at IS NOT NULL))
      )`);
    // Machines still held in a location (each will need an address): a range scan over live holds only.
    await q.query(`
      CREATE INDEX order_requests_live_holds ON order_requests (location_code, hold_expires_at)
      WHERE status = 'reserved'`);

    await q.query(`
      CREATE TABLE machines (
        id                 uuid PRIMARY KEY,
        order_id           uuid NOT NULL,
        location_code      text NOT NULL,
        vcpu               int NOT NULL CHECK (vcpu >= 0),
        memory_mb          int NOT NULL CHECK (memory_mb >= 0),
        disk_gb            int NOT NULL CHECK (disk_gb >= 0),
        image_code         text NOT NULL,
        hostname           text NOT NULL,
        requested_at       timestamptz NOT NULL,
        host_id            uuid,
        ip_address         inet,
        credentials        text NOT NULL CHECK (credentials IN ('ssh_key', 'root_password')),
        ssh_public_key     text,
        password_issued_at timestamptz,
        status             text NOT NULL CHECK (status IN
                             ('requested', 'allocating', 'installing', 'booting', 'running',
                              'failed', 'deprovisioning', 'deprovisioned')),
        attempts           int NOT NULL CHECK (attempts >= 0),
        correlation_id     text NOT NULL,
        causation_id       uuid,
        lease_owner        uuid,
        leased_until       timestamptz,
        updated_at         timestamptz NOT NULL,
        CHECK ((credentials = 'ssh_key') = (ssh_public_key IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX machines_order ON machines (order_id)`);
    // The job runner's claim reads only machines with work to do, oldest first.
    await q.query(`
      CREATE INDEX machines_pending_jobs ON machines (requested_at)
      WHERE status IN ('requested', 'allocating', 'installing', 'booting')`);

    await q.query(`
      CREATE TABLE machine_job_steps (
        machine_id  uuid NOT NULL REFERENCES machines (id),
        seq         int NOT NULL CHECK (seq >= 0),
        step        text NOT NULL CHECK (step IN ('allocate', 'install_image', 'boot', 'wipe', 'release')),
        started_at  timestamptz NOT NULL,
        finished_at timestamptz,
        outcome     text CHECK (outcome IN ('succeeded', 'failed')),
        error       text,
        PRIMARY KEY (machine_id, seq)
      )`);

    // NOTIFY is delivered at commit: the job runner starts on new machines the moment they are visible.
    await createNotifyOnInsert(q, JOBS_NOTIFY);
  }

  async down(q: QueryRunner): Promise<void> {
    await dropNotifyOnInsert(q, JOBS_NOTIFY);
    for (const table of ['machine_job_steps', 'machines', 'order_requests', 'ip_addresses', 'ip_ranges', 'allocations', 'capacity_holds', 'hosts']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
