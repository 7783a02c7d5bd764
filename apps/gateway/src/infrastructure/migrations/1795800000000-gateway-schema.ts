import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gateway's tables: what it owns (customers, API keys, idempotency keys, provider webhook
 * receipts) and the read model it builds from other services' events. Every read-model row
 * carries the customer id, and every query a request makes is an index lookup by key or by
 * (customer, time), so it stays fast with millions of rentals.
 */
export class GatewaySchema1795800000000 implements MigrationInterface {
  name = 'GatewaySchema1795800000000';

  async up(q: QueryRunner): Promise<void> {
    // --- owned by the gateway ---
    await q.query(`
      CREATE TABLE gateway_customers (
        id          uuid PRIMARY KEY,
        name        text NOT NULL,
        email       text NOT NULL,
        language    text NOT NULL CHECK (language IN ('en', 'nl')),
        country     char(2) NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('consumer', 'business')),
        vat_number  text,
        created_at  timestamptz NOT NULL
      )`);
    // Only the SHA-256 of a key is kept: a leaked table does not leak working keys.
    await q.query(`
      CREATE TABLE gateway_api_keys (
        id           uuid PRIMARY KEY,
        customer_id  uuid NOT NULL REFERENCES gateway_customers (id),
        key_hash     char(64) NOT NULL UNIQUE,
        key_prefix   text NOT NULL,
        created_at   timestamptz NOT NULL,
        revoked_at   timestamptz
      )`);
    await q.query(`CREATE INDEX gateway_api_keys_customer ON gateway_api_keys (customer_id)`);
    await q.query(`
      CREATE TABLE gateway_idempotency_keys (
        customer_id   uuid NOT NULL REFERENCES gateway_customers (id),
        key           text NOT NULL,
        request_hash  char(64) NOT NULL,
        order_id      uuid NOT NULL,
        created_at    timestamptz NOT NULL,
        PRIMARY KEY (customer_id, key)
      )`);
    // The provider's event id is the idempotency key of its webhook deliveries.
    await q.query(`
      CREATE TABLE gateway_payment_provider_events (
        event_id     text PRIMARY KEY,
        type         text NOT NULL,
        payment_id   uuid NOT NULL,
        received_at  timestamptz NOT NULL
      )`);

    // --- read model, fed by events ---
    await q.query(`
      CREATE TABLE gateway_catalogue (
        id            text PRIMARY KEY,
        revision      text NOT NULL,
        published_at  timestamptz NOT NULL,
        document      jsonb NOT NULL
      )`);
    await q.query(`
      CREATE TABLE gateway_quotes (
        quote_id          uuid PRIMARY KEY,
        customer_id       uuid NOT NULL,
        status            text NOT NULL CHECK (status IN ('created', 'rejected')),
        plan_code         text,
        resources         jsonb,
        location_code     text,
        image_code        text,
        period_start      timestamptz,
        period_end        timestamptz,
        billable_days     int,
        price             jsonb,
        valid_until       timestamptz,
        rejection_reason  text,
        rejection_detail  text,
        recorded_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE gateway_orders (
        order_id          uuid PRIMARY KEY,
        customer_id       uuid NOT NULL,
        quote_id          uuid NOT NULL,
        status            text NOT NULL,
        plan_code         text,
        resources         jsonb,
        location_code     text,
        image_code        text,
        quantity          int,
        period_start      timestamptz,
        period_end        timestamptz,
        price             jsonb,
        access_method     text,
        placed_at         timestamptz,
        rejection_reason  text,
        rejection_detail  text,
        recorded_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX gateway_orders_by_customer ON gateway_orders (customer_id, recorded_at DESC, order_id DESC)`);
    await q.query(`
      CREATE TABLE gateway_order_timeline (
        seq          bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        order_id     uuid NOT NULL,
        customer_id  uuid NOT NULL,
        from_status  text,
        to_status    text NOT NULL,
        trigger      text NOT NULL,
        at           timestamptz NOT NULL,
        detail       text
      )`);
    await q.query(`CREATE INDEX gateway_order_timeline_by_order ON gateway_order_timeline (order_id, seq)`);
    await q.query(`
      CREATE TABLE gateway_invoices (
        invoice_number  text PRIMARY KEY,
        order_id        uuid NOT NULL,
        customer_id     uuid NOT NULL,
        currency        char(3) NOT NULL,
        net_cents       bigint NOT NULL,
        vat             jsonb NOT NULL,
        vat_cents       bigint NOT NULL,
        gross_cents     bigint NOT NULL,
        issued_at       timestamptz NOT NULL,
        due_at          timestamptz NOT NULL,
        checkout_url    text NOT NULL,
        status          text NOT NULL CHECK (status IN ('open', 'paid')),
        paid_at         timestamptz
      )`);
    await q.query(`CREATE INDEX gateway_invoices_by_customer ON gateway_invoices (customer_id, issued_at DESC, invoice_number DESC)`);
    await q.query(`CREATE INDEX gateway_invoices_by_order ON gateway_invoices (order_id)`);
    await q.query(`
      CREATE TABLE gateway_invoice_payments (
        payment_id      uuid PRIMARY KEY,
        invoice_number  text NOT NULL,
        order_id        uuid NOT NULL,
        customer_id     uuid,
        amount_cents    bigint NOT NULL,
        currency        char(3) NOT NULL,
        paid_at         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_invoice_payments_by_invoice ON gateway_invoice_payments (invoice_number)`);
    // customer_id comes from the order row; null only while the order's own events lag behind.
    await q.query(`
      CREATE TABLE gateway_machines (
        machine_id            uuid PRIMARY KEY,
        order_id              uuid NOT NULL,
        customer_id           uuid,
        hostname              text NOT NULL,
        ip_address            inet NOT NULL,
        access_method         text NOT NULL CHECK (access_method IN ('password', 'ssh-key')),
        root_password         text,
        password_revealed_at  timestamptz,
        running_since         timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX gateway_machines_by_order ON gateway_machines (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'gateway_machines',
      'gateway_invoice_payments',
      'gateway_invoices',
      'gateway_order_timeline',
      'gateway_orders',
      'gateway_quotes',
      'gateway_catalogue',
      'gateway_payment_provider_events',
      'gateway_idempotency_keys',
      'gateway_api_keys',
      'gateway_customers',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
