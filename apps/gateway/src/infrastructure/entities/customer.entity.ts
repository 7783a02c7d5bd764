import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer of the platform: who pricing, invoices and email are for. */
@Entity({ name: 'gateway_customers' })
export class CustomerEntity {
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
}
