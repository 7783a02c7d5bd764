import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number taken in one calendar year's series. A row per year: the series restarts every
 * January, and the row's lock, held by the issuing transaction until it ends, is what makes the
 * numbers gapless (see DocumentNumberAllocator).
 */
@Entity('invoice_number_counters')
export class InvoiceNumberCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}

/** The same for credit notes, whose numbers (CN-2026-000007) form a series of their own. */
@Entity('credit_note_number_counters')
export class CreditNoteNumberCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}

/** The same for refunds (RF-2026-000003). */
@Entity('refund_number_counters')
export class RefundNumberCounterEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'int' })
  last!: number;
}
