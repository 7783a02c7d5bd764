import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type AwaitingMail, AwaitingMailStore } from '../application/ports/awaiting-mail-store';
import { AwaitingCustomerEntity } from './awaiting-customer.entity';

/** The mails waiting for their order's customer (AwaitingMailStore), in notification_awaiting_customer. */
@Injectable()
export class AwaitingCustomerRepository implements AwaitingMailStore {
  async park(manager: EntityManager, mail: AwaitingMail, at: Date): Promise<void> {
    // Dates in the input become ISO strings in JSON, which the templates read back as the same instants.
    await manager.query(
      `INSERT INTO notification_awaiting_customer (causing_event_id, correlation_id, order_id, kind, input, received_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (causing_event_id) DO NOTHING`,
      [mail.causingEventId, mail.correlationId, mail.orderId, mail.kind, JSON.stringify(mail.input), at],
    );
  }

  /** Takes (reads and deletes) every mail waiting for this order's customer, oldest first. */
  async takeForOrder(manager: EntityManager, orderId: string): Promise<AwaitingMail[]> {
    const rows: AwaitingCustomerEntity[] = await manager
      .getRepository(AwaitingCustomerEntity)
      .createQueryBuilder('a')
      .where('a.order_id = :orderId', { orderId })
      .orderBy('a.received_at', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    if (rows.length === 0) return [];
    await manager.getRepository(AwaitingCustomerEntity).delete(rows.map((row) => row.causingEventId));
    return rows.map(({ causingEventId, correlationId, orderId: order, kind, input }) => ({
      causingEventId,
      correlationId,
      orderId: order,
      kind,
      input,
    }));
  }
}
