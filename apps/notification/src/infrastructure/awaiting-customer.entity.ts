import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MessageKind } from '../domain/message-kind';

/**
 * A mail asked for by an event that names only the order (invoice.paid, machine.running) before
 * this service has seen the order's `order.placed`: the two travel on different topics, so a lagging
 * partition can deliver them the other way round. The request waits here and becomes a delivery
 * when the customer is known, instead of failing the event and losing the mail.
 *
 * `input` is the template input and may hold a one-time root password (machine-ready): the row is
 * deleted the moment it becomes a delivery, whose content is itself cleared once sent.
 */
@Entity({ name: 'notification_awaiting_customer' })
export class AwaitingCustomerEntity {
  @PrimaryColumn('uuid', { name: 'causing_event_id' })
  causingEventId!: string;

  @Column('text', { name: 'correlation_id' })
  correlationId!: string;

  @Column('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('text')
  kind!: MessageKind;

  @Column('jsonb')
  input!: unknown;

  @Column('timestamptz', { name: 'received_at' })
  receivedAt!: Date;
}
