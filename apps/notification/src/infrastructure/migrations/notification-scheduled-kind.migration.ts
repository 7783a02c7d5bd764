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
  'partial-payment-received',
  'bank-transfer-refund-pending',
];

const kindCheck = (kinds: readonly string[]): string =>
  `ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_kind_check CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}))`;

/** The mail that says when the servers of a rental paid before its start will be ready. */
export class NotificationScheduledKind1797000000000 implements MigrationInterface {
  name = 'NotificationScheduledKind1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck([...KINDS_BEFORE, 'order-scheduled']));
  }

  /** Fails while the log holds such a mail: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck(KINDS_BEFORE));
  }
}
