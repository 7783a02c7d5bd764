import type { MigrationInterface, QueryRunner } from 'typeorm';
import { allowDeliveryKinds } from './delivery-kinds';

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

/** The kinds once this migration ran: the next one adds to them. */
export const KINDS_WITH_LIFECYCLE = [...FIRST_KINDS, ...LIFECYCLE_KINDS];

/** The mails of the unhappy paths and the end of a rental (cancellations, refunds, reminders, extensions) join the delivery log. */
export class NotificationLifecycleKinds1796500000000 implements MigrationInterface {
  name = 'NotificationLifecycleKinds1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await allowDeliveryKinds(q, KINDS_WITH_LIFECYCLE);
  }

  /** Fails while the log holds a mail of a newer kind: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await allowDeliveryKinds(q, FIRST_KINDS);
  }
}
