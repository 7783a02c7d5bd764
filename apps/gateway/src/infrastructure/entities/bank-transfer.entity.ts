import type { bankTransferAppliedV1, bankTransferFlaggedV1, PayloadOf } from '@rental/contracts';
import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BankTransfer } from '../../application/ports/invoice-read-model';

/**
 * A bank transfer billing matched to an invoice: booked on it (bank-transfer.applied), flagged to be
 * paid back (bank-transfer.flagged), or both (an overpayment: the invoice's balance booked, the
 * excess flagged).
 */
@Entity({ name: 'gateway_bank_transfers' })
export class BankTransferEntity implements BankTransfer {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid' })
  transferId!: string;

  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid', nullable: true })
  customerId!: string | null;

  /** The transfer's currency, which for currency_mismatch is not the invoice's. */
  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'applied_cents', type: 'bigint', nullable: true, transformer: numberColumn })
  appliedCents!: number | null;

  @Column({ type: 'text', nullable: true })
  outcome!: PayloadOf<typeof bankTransferAppliedV1>['outcome'] | null;

  /** What the invoice still owed once this transfer was booked. */
  @Column({ name: 'balance_cents', type: 'bigint', nullable: true, transformer: numberColumn })
  balanceCents!: number | null;

  @Column({ name: 'applied_at', type: 'timestamptz', nullable: true })
  appliedAt!: Date | null;

  @Column({ name: 'refundable_cents', type: 'bigint', nullable: true, transformer: numberColumn })
  refundableCents!: number | null;

  @Column({ name: 'flag_reason', type: 'text', nullable: true })
  flagReason!: PayloadOf<typeof bankTransferFlaggedV1>['reason'] | null;

  @Column({ name: 'flag_detail', type: 'text', nullable: true })
  flagDetail!: string | null;

  @Column({ name: 'flagged_at', type: 'timestamptz', nullable: true })
  flaggedAt!: Date | null;
}
