import { createNotifyOnInsert, dropNotifyOnInsert } from '@rental/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

const DELIVERY_NOTIFY = { table: 'notification_delivery', channel: 'notification_delivery', trigger: 'notification_delivery_notify' };

/** The customers to mail per order, the delivery log, and mails waiting for their order's customer. */
export class NotificationSchema1795800000000 implements MigrationInterface {
  name = 'NotificationSchema1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_customer (
        order_id    uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        name        text NOT NULL,
        email       text NOT NULL,
        language    text NOT NULL CHECK (language IN ('en', 'nl')),
        recorded_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE notification_delivery (
        id               uuid PRIMARY KEY,
        causing_event_id uuid NOT NULL UNIQUE,
        correlation_id   text NOT NULL,
        order_id         uuid NOT NULL,
        kind             text NOT NULL CHECK (kind IN ('order-received', 'invoice-issued', 'payment-received', 'machine-ready')),
        recipient        text NOT NULL,
        language         text NOT NULL CHECK (language IN ('en', 'nl')),
        subject          text NOT NULL,
        status           text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
        attempts         integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        attempt_log      jsonb NOT NULL DEFAULT '[]',
        next_attempt_at  timestamptz,
        last_error       text,
        -- The rendered mail may hold a one-time root password: it exists only while the mail is still to be sent.
        content_text     text,
        content_html     text,
        created_at       timestamptz NOT NULL,
        settled_at       timestamptz,
        CONSTRAINT notification_delivery_content_only_while_pending
          CHECK (status = 'pending' OR (content_text IS NULL AND content_html IS NULL)),
        CONSTRAINT notification_delivery_pending_has_content
          CHECK (status <> 'pending' OR (content_text IS NOT NULL AND content_html IS NOT NULL AND next_attempt_at IS NOT NULL))
      )`);
    // The worker's only question: which pending mails are due, earliest first. Settled rows stay out of the index.
    await q.query(`CREATE INDEX notification_delivery_due ON notification_delivery (next_attempt_at) WHERE status = 'pending'`);
    // Support looks deliveries up by order.
    await q.query(`CREATE INDEX notification_delivery_order ON notification_delivery (order_id)`);
    // NOTIFY is delivered at commit: the worker wakes the moment a new delivery is visible, not at its next poll.
    await createNotifyOnInsert(q, DELIVERY_NOTIFY);

    await q.query(`
      CREATE TABLE notification_awaiting_customer (
        causing_event_id uuid PRIMARY KEY,
        correlation_id   text NOT NULL,
        order_id         uuid NOT NULL,
        kind             text NOT NULL,
        -- Template input; may hold a one-time root password until the row turns into a delivery and is deleted.
        input            jsonb NOT NULL,
        received_at      timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX notification_awaiting_customer_order ON notification_awaiting_customer (order_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_awaiting_customer`);
    await dropNotifyOnInsert(q, DELIVERY_NOTIFY);
    await q.query(`DROP TABLE notification_delivery`);
    await q.query(`DROP TABLE notification_customer`);
  }
}
