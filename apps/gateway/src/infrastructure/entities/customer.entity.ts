import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Customer } from '../../application/ports/customer-store';

/**
 * A customer of the platform: who pricing, invoices and email are for. Created here by an operator
 * (source gateway, with a first API key), or a copy of the CRM's record (source crm), kept current
 * by customer.updated.
 */
@Entity({ name: 'gateway_customers' })
export class CustomerEntity implements Customer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Column({ type: 'text' })
  language!: 'en' | 'nl';

  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text' })
  kind!: 'consumer' | 'business';

  @Column({ name: 'vat_number', type: 'text', nullable: true })
  vatNumber!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'text', default: 'gateway' })
  source!: 'gateway' | 'crm';

  /** registeredAt or updatedAt of the CRM record applied last; null for a customer the CRM never sent. */
  @Column({ name: 'crm_as_of', type: 'timestamptz', nullable: true })
  crmAsOf!: Date | null;
}
