import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { RefundReason } from '../../domain/invoice-types';

/** pending and confirmed: at the payment provider. owed_to_payer: a bank transfer's money, for finance to pay back (payer_refunds). */
export type RefundStatus = 'pending' | 'confirmed' | 'owed_to_payer';

/**
 * A refund as a document (its number, amount and reason, entered on the invoice's ledger when it was
 * decided) and as a job: the payment provider carries it out after the deciding transaction commits,
 * retried until it confirms, and payment.refunded is published then. A refund of money that came by
 * bank transfer is no job of the provider's: it is owed to the payer and flagged for finance.
 */
@Entity('refunds')
export class RefundEntity {
  /** RF-2026-000003: gapless per calendar year; also the idempotency key at the provider. */
  @PrimaryColumn({ type: 'text' })
  number!: string;

  @Index('refunds_invoice_number')
  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** The provider's payment the money goes back through; null for a bank transfer's money. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId!: string | null;

  /** The bank transfer whose payer gets the money back; null when it goes through the provider. */
  @Column({ name: 'transfer_id', type: 'uuid', nullable: true })
  transferId!: string | null;

  @Column({ type: 'text' })
  reason!: RefundReason;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ type: 'text' })
  status!: RefundStatus;

  /** Calls to the provider so far. */
  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'provider_refund_id', type: 'text', nullable: true })
  providerRefundId!: string | null;

  /** When the provider confirmed: the moment payment.refunded reports. */
  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  /** Of the event that decided the refund, so payment.refunded joins its trace. */
  @Column({ name: 'correlation_id', type: 'text' })
  correlationId!: string;

  @Column({ name: 'causation_id', type: 'text', nullable: true })
  causationId!: string | null;
}
