import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '../domain/language';

/**
 * Who to mail about an order, as `order.placed` described the customer. Keyed by order id because
 * later events (invoice.paid, machine.running) name only the order. A snapshot on purpose: the mails
 * of one rental go where the order said, even if the customer's profile changes meanwhile; only for a
 * customer the CRM knows does the CRM's current record win (CrmCustomerEntity), since the CRM owns it.
 */
@Entity({ name: 'notification_customer' })
export class CustomerEntity {
  @PrimaryColumn('uuid', { name: 'order_id' })
  orderId!: string;

  @Column('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('text')
  language!: Language;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
