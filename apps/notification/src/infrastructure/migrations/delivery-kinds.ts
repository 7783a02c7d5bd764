import type { QueryRunner } from 'typeorm';

/**
 * Sets the mail kinds the delivery log accepts. Each migration passes the kinds of its own day,
 * spelled out rather than taken from MESSAGE_KINDS, which follows the code of today.
 */
export async function allowDeliveryKinds(q: QueryRunner, kinds: readonly string[]): Promise<void> {
  await q.query(`ALTER TABLE notification_delivery DROP CONSTRAINT notification_delivery_kind_check`);
  await q.query(
    `ALTER TABLE notification_delivery ADD CONSTRAINT notification_delivery_kind_check CHECK (kind IN (${kinds.map((kind) => `'${kind}'`).join(', ')}))`,
  );
}
