import type { orderExtensionAcceptedV1, orderExtensionRejectedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ExtensionRecord } from '../../application/ports/extension-read-model';

type Accepted = PayloadOf<typeof orderExtensionAcceptedV1>;

/**
 * An extension of a rental as the order service answered it: priced (accepted) or refused. Its
 * invoice is the gateway_invoices row with this extension_id.
 */
@Entity({ name: 'gateway_extensions' })
export class ExtensionViewEntity implements ExtensionRecord {
  @PrimaryColumn({ name: 'extension_id', type: 'uuid' })
  extensionId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart!: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  price!: Accepted['price'] | null;

  @Column({ name: 'payment_due_at', type: 'timestamptz', nullable: true })
  paymentDueAt!: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: PayloadOf<typeof orderExtensionRejectedV1>['reason'] | null;

  @Column({ name: 'rejection_detail', type: 'text', nullable: true })
  rejectionDetail!: string | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ name: 'lapsed_at', type: 'timestamptz', nullable: true })
  lapsedAt!: Date | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
