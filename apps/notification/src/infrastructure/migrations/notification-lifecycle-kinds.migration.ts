import type { MigrationInterface, QueryRunner } from 'typeorm';

// Spelled out rather than taken from MESSAGE_KINDS: a migration states the schema of its day, whatever the code says later.
const FIRST_KINDS = ['order-received', 'invoice-issued', 'payment-received', 'machine-ready'];
const LIFECYCLE_KINDS = [
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

const kindCheck = (kinds: readonly string[]): string =>
  `ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_kind_check CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}))`;

/** The mails of the unhappy paths and the end of a rental (cancellations, refunds, reminders, extensions) join the delivery log. */
export class NotificationLifecycleKinds1796500000000 implements MigrationInterface {
  name = 'NotificationLifecycleKinds1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck([...FIRST_KINDS, ...LIFECYCLE_KINDS]));
  }

  /** Fails while the log holds a mail of a newer kind: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
    await q.query(kindCheck(FIRST_KINDS));
  }
}
