import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { numberColumn } from './column-transformers';

/**
 * What billing did with one report from the payment provider. Keyed by the provider's event id, so a
 * webhook the provider sends twice (and the gateway forwards twice) is applied once.
 */
export type PaymentReportOutcome =
  | 'applied'
  | 'failure_recorded'
  /** The same payment was recorded before, through another of the provider's events. */
  | 'already_applied'
  | 'rejected_amount_mismatch'
  | 'rejected_invoice_paid'
  | 'rejected_invoice_cancelled';

@Entity('payment_reports')
export class PaymentReportEntity {
  @PrimaryColumn({ name: 'provider_event_id', type: 'text' })
  providerEventId!: string;

  @Index('payment_reports_payment_id')
  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'text' })
  status!: 'paid' | 'failed';

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'reported_at', type: 'timestamptz' })
  reportedAt!: Date;

  @Column({ name: 'failure_reason', type: 'text', nullable: true })
  failureReason!: string | null;

  @Column({ type: 'text' })
  outcome!: PaymentReportOutcome;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
