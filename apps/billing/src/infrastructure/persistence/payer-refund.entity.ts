import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { FlagReason, PayerRefundRecord } from '../../application/ports/bank-transfer-store';

/**
 * Money billing owes back to the payer of a bank transfer, for finance to pay back by bank: each
 * row is one bank-transfer.flagged. Flagged when the transfer arrived (the excess over the balance,
 * or all of a transfer billing could not book), or later, with a refund number, when money booked
 * on an invoice is refunded because the invoice was credited.
 */
@Entity('payer_refunds')
export class PayerRefundEntity implements PayerRefundRecord {
  /** A bigint, so it arrives as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'transfer_id', type: 'uuid' })
  transferId!: string;

  @Column({ type: 'text' })
  reason!: FlagReason;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'invoice_number', type: 'text', nullable: true })
  invoiceNumber!: string | null;

  /** The refund document, when the money was booked on the invoice before it went back. */
  @Column({ name: 'refund_number', type: 'text', nullable: true })
  refundNumber!: string | null;

  @Column({ type: 'text' })
  detail!: string;

  @Column({ name: 'flagged_at', type: 'timestamptz' })
  flaggedAt!: Date;
}
