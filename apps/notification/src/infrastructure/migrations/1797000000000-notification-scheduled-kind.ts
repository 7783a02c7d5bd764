import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KINDS_WITH_BANK_TRANSFERS } from './1796800000000-notification-crm-customers';
import { allowDeliveryKinds } from './delivery-kinds';

/** The mail that says when the servers of a rental paid before its start will be ready. */
export class NotificationScheduledKind1797000000000 implements MigrationInterface {
  name = 'NotificationScheduledKind1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await allowDeliveryKinds(q, [...KINDS_WITH_BANK_TRANSFERS, 'order-scheduled']);
  }

  /** Fails while the log holds such a mail: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await allowDeliveryKinds(q, KINDS_WITH_BANK_TRANSFERS);
  }
}
