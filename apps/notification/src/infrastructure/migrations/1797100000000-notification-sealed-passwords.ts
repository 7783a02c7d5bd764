import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * machine.running v2: a machine-ready mail no longer holds the root password, only where to reveal
 * it once. A request parked for its customer before then still holds the password in its input:
 * drop it there, and add the order id the mail now names (the machine id was never kept; the mail
 * then points to the order's machine list).
 */
export class NotificationSealedPasswords1797100000000 implements MigrationInterface {
  name = 'NotificationSealedPasswords1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE notification_awaiting_customer
         SET input = jsonb_set(input #- '{access,rootPassword}', '{orderId}', to_jsonb(order_id::text))
       WHERE kind = 'machine-ready'`);
  }

  /** The passwords are gone for good; the order id does no harm to the old template (its schema ignores it). */
  async down(): Promise<void> {}
}
