import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One money movement of an invoice (invoiced, payment, credit note, refund), append-only. What the
 * customer still owes is derived from these rows, never stored.
 */
@Entity('invoice_ledger_entries')
export class InvoiceLedgerEntryEntity {
  @PrimaryColumn({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  /** 0 is the invoiced entry; later movements follow in the order they happened. */
  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  kind!: 'invoiced' | 'payment' | 'credit_note' | 'refund';

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'timestamptz' })
  at!: Date;

  /** The invoice number, payment id, credit note number or refund id the movement came from. */
  @Column({ type: 'text' })
  reference!: string;
}
