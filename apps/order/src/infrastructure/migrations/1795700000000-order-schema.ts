import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The catalogue, quotes and orders with their timeline: everything the order service owns. */
export class OrderSchema1795700000000 implements MigrationInterface {
  name = 'OrderSchema1795700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans (
        code            text PRIMARY KEY,
        name            text NOT NULL,
        vcpu            int NOT NULL CHECK (vcpu > 0),
        memory_mb       int NOT NULL CHECK (memory_mb > 0),
        disk_gb         int NOT NULL CHECK (disk_gb > 0),
        per_day_cents   bigint NOT NULL CHECK (per_day_cents >= 0),
        per_week_cents  bigint NOT NULL CHECK (per_week_cents >= 0),
        per_month_cents bigint NOT NULL CHECK (per_month_cents >= 0),
        active          boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE locations (
        code    text PRIMARY KEY,
        name    text NOT NULL,
        country char(2) NOT NULL,
        active  boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE images (
        code   text PRIMARY KEY,
        name   text NOT NULL,
        active boolean NOT NULL DEFAULT true
      )`);
    await q.query(`
      CREATE TABLE location_images (
        location_code text NOT NULL REFERENCES locations (code),
        image_code    text NOT NULL REFERENCES images (code),
        PRIMARY KEY (location_code, image_code)
      )`);
    await q.query(`
      CREATE TABLE catalogue_publications (
        revision     text PRIMARY KEY,
        published_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE quotes (
        id            uuid PRIMARY KEY,
        customer_id   uuid NOT NULL,
        plan_code     text NOT NULL,
        location_code text NOT NULL,
        image_code    text NOT NULL,
        quantity      int NOT NULL,
        period_start  timestamptz NOT NULL,
        period_end    timestamptz NOT NULL,
        billable_days int NOT NULL,
        resources     jsonb NOT NULL,
        price         jsonb NOT NULL,
        valid_until   timestamptz NOT NULL,
        created_at    timestamptz NOT NULL,
        ordered_by    uuid UNIQUE
      )`);
    await q.query(`
      CREATE TABLE orders (
        id             uuid PRIMARY KEY,
        customer_id    uuid NOT NULL,
        quote_id       uuid NOT NULL UNIQUE REFERENCES quotes (id),
        plan_code      text NOT NULL,
        location_code  text NOT NULL,
        image_code     text NOT NULL,
        quantity       int NOT NULL,
        period_start   timestamptz NOT NULL,
        period_end     timestamptz NOT NULL,
        total_cents    bigint NOT NULL,
        currency       char(3) NOT NULL,
        status         text NOT NULL,
        customer       jsonb NOT NULL,
        placed_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX orders_customer ON orders (customer_id)`);
    await q.query(`
      CREATE TABLE order_timeline (
        order_id    uuid NOT NULL REFERENCES orders (id),
        seq         int NOT NULL,
        at          timestamptz NOT NULL,
        from_status text,
        to_status   text NOT NULL,
        trigger     text NOT NULL,
        detail      text,
        PRIMARY KEY (order_id, seq)
      )`);
    // Which of an order's machines run: the rental runs when all of them do.
    await q.query(`
      CREATE TABLE order_machines (
        order_id   uuid NOT NULL REFERENCES orders (id),
        machine_id uuid NOT NULL,
        running_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, machine_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['order_machines', 'order_timeline', 'orders', 'quotes', 'catalogue_publications', 'location_images', 'images', 'locations', 'plans']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
