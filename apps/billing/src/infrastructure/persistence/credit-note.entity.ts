import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CreditNoteReason } from '../../domain/invoice-types';

/** A credit note for part or all of an invoice, in the invoice's currency. */
@Entity('credit_notes')
export class CreditNoteEntity {
  /** CN-2026-000007: gapless per calendar year, allocated in the transaction that issues it. */
  @PrimaryColumn({ type: 'text' })
  number!: string;

  @Index('credit_notes_invoice_number')
  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ type: 'text' })
  reason!: CreditNoteReason;

  @Column({ name: 'net_cents', type: 'bigint', transformer: numberColumn })
  netCents!: number;

  @Column({ name: 'vat_cents', type: 'bigint', transformer: numberColumn })
  vatCents!: number;

  @Column({ name: 'gross_cents', type: 'bigint', transformer: numberColumn })
  grossCents!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
