import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What billing did with one report from the payment provider. Keyed by the provider's event id, so a
 * webhook the provider sends twice (and the gateway forwards twice) is applied once. Each report is
 * an attempt to pay its invoice, numbered per invoice.
 */
export type PaymentReportOutcome =
  /** The payment settled the invoice. */
  | 'applied'
  /** A failed attempt while the invoice was open: payment.failed tells the customer to try again. */
  | 'failure_recorded'
  /** A failed attempt reported after the invoice was settled: nothing to try again. */
  | 'failure_after_settlement'
  /**
   * Money for an invoice that was paid already, or cancelled, or (duplicate) the full amount of an
   * invoice paid in part by bank transfer: entered and refunded (refund_number).
   */
  | 'refunded_duplicate_payment'
  | 'refunded_late_payment'
  /** Another amount than the open balance: not applied, left for a person. */
  | 'rejected_amount_mismatch';
// Rows written before late and duplicate payments were refunded may also say already_applied,
// rejected_invoice_paid or rejected_invoice_cancelled.

@Entity('payment_reports')
export class PaymentReportEntity {
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
