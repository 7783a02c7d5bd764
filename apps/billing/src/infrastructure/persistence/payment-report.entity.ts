import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PaymentReportOutcome, PaymentReportRecord } from '../../application/ports/payment-store';

/** What billing did with one report from the payment provider (see PaymentReportOutcome). */
@Entity('payment_reports')
export class PaymentReportEntity implements PaymentReportRecord {
  @PrimaryColumn({ name: 'provider_event_id', type: 'text' })
  providerEventId!: string;

  @Index('payment_reports_payment_id')
  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  /** 1, 2, ... per invoice, in the order billing recorded the reports. */
  @Column({ type: 'int' })
  attempt!: number;

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

  /** The refund that returned this payment, for the refunded outcomes. */
  @Column({ name: 'refund_number', type: 'text', nullable: true })
  refundNumber!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
