import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BankTransferOutcome, BankTransferRecord } from '../../application/ports/bank-transfer-store';

/**
 * A bank transfer as finance reported it, once per transfer id: the same transfer reported again
 * (under another event id) finds its row and changes nothing.
 */
@Entity('bank_transfers')
export class BankTransferEntity implements BankTransferRecord {
  @PrimaryColumn({ name: 'transfer_id', type: 'uuid' })
  transferId!: string;

  /** The event that brought it first. */
  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'payer_name', type: 'text' })
  payerName!: string;

  @Column({ name: 'payer_iban', type: 'text', nullable: true })
  payerIban!: string | null;

  /** As the payer wrote it. */
  @Column({ type: 'text' })
  reference!: string;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  /** The invoice its reference named, if billing has it. */
  @Column({ name: 'invoice_number', type: 'text', nullable: true })
  invoiceNumber!: string | null;

  @Column({ type: 'text' })
  outcome!: BankTransferOutcome;

  /** What the invoice took: its ledger's payment of this transfer; 0 when flagged. */
  @Column({ name: 'applied_cents', type: 'bigint', transformer: numberColumn })
  appliedCents!: number;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
