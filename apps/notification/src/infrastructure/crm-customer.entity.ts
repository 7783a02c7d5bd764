import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from '../domain/language';

/**
 * Where the CRM says a customer's mail goes, from customer.registered and customer.updated. For a
 * customer the CRM knows, this wins over the snapshot an order or an invoice carries: the CRM owns
 * the customer's contact details, and a change there applies to every mail sent after it.
 */
@Entity({ name: 'notification_crm_customer' })
export class CrmCustomerEntity {
  @PrimaryColumn('uuid', { name: 'customer_id' })
  customerId!: string;

  @Column('text')
  name!: string;

  @Column('text')
  email!: string;

  @Column('text')
  language!: Language;

  /** registeredAt or updatedAt of the record applied last, so an older record sent again changes nothing. */
  @Column('timestamptz', { name: 'as_of' })
  asOf!: Date;

  @Column('timestamptz', { name: 'recorded_at' })
  recordedAt!: Date;
}
