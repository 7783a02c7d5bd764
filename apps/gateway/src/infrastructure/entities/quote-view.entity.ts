import type { PayloadOf, quoteCreatedV1, quoteRejectedV1 } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { QuoteRecord } from '../../application/ports/quote-read-model';

type Created = PayloadOf<typeof quoteCreatedV1>;

/** A quote as the order service answered it: priced (created) or refused (rejected). */
@Entity({ name: 'gateway_quotes' })
export class QuoteViewEntity implements QuoteRecord {
  @PrimaryColumn({ name: 'quote_id', type: 'uuid' })
  quoteId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  status!: 'created' | 'rejected';

  @Column({ name: 'plan_code', type: 'text', nullable: true })
  planCode!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  resources!: Created['resources'] | null;

  @Column({ name: 'location_code', type: 'text', nullable: true })
  locationCode!: string | null;

  @Column({ name: 'image_code', type: 'text', nullable: true })
  imageCode!: string | null;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart!: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @Column({ name: 'billable_days', type: 'int', nullable: true })
  billableDays!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  price!: Created['price'] | null;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil!: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: PayloadOf<typeof quoteRejectedV1>['reason'] | null;

  @Column({ name: 'rejection_detail', type: 'text', nullable: true })
  rejectionDetail!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
