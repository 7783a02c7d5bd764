import type { MigrationInterface, QueryRunner } from 'typeorm';

// Spelled out rather than taken from MESSAGE_KINDS: a migration states the schema of its day, whatever the code says later.
const KINDS_BEFORE = [
  'order-received',
  'invoice-issued',
  'payment-received',
  'machine-ready',
  'order-rejected',
  'payment-failed',
  'order-cancelled',
  'credit-note-issued',
  'payment-refunded',
  'extension-invoice-issued',
  'rental-extended',
  'rental-ending-soon',
  'rental-ended',
];
const BANK_TRANSFER_KINDS = ['partial-payment-received', 'bank-transfer-refund-pending'];

const kindCheck = (kinds: readonly string[]): string =>
  `ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_kind_check CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}))`;

/**
 * The CRM's customers (where their mail goes, kept current by customer.updated), and the mails about
 * bank transfers: a part payment, and money of a transfer that will be paid back.
 */
export class NotificationCrmCustomers1796800000000 implements MigrationInterface {
  name = 'NotificationCrmCustomers1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_crm_customer (
        customer_id uuid PRIMARY KEY,
        name        text NOT NULL,
        email       text NOT NULL,
        language    text NOT NULL CHECK (language IN ('en', 'nl')),
        as_of       timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck([...KINDS_BEFORE, ...BANK_TRANSFER_KINDS]));
  }

  /** Fails while the log holds a mail of a bank-transfer kind: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck(KINDS_BEFORE));
    await q.query(`DROP TABLE notification_crm_customer`);
  }
}
