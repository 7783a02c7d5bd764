import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KINDS_WITH_LIFECYCLE } from './1796500000000-notification-lifecycle-kinds';
import { allowDeliveryKinds } from './delivery-kinds';

const BANK_TRANSFER_KINDS = ['partial-payment-received', 'bank-transfer-refund-pending'];
/** The kinds once this migration ran: the next one adds to them. */
export const KINDS_WITH_BANK_TRANSFERS = [...KINDS_WITH_LIFECYCLE, ...BANK_TRANSFER_KINDS];

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
    await allowDeliveryKinds(q, KINDS_WITH_BANK_TRANSFERS);
  }

  /** Fails while the log holds a mail of a bank-transfer kind: the delivery log is a record, not ours to delete to make room. */
  async down(q: QueryRunner): Promise<void> {
    await allowDeliveryKinds(q, KINDS_WITH_LIFECYCLE);
    await q.query(`DROP TABLE notification_crm_customer`);
  }
}
