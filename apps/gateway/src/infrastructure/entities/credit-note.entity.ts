import type { creditNoteIssuedV1, PayloadOf } from '@rental/contracts';
import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CreditNote } from '../../application/ports/invoice-read-model';

/** A credit note against an invoice (credit-note.issued). */
@Entity({ name: 'gateway_credit_notes' })
export class CreditNoteEntity implements CreditNote {
  @PrimaryColumn({ name: 'credit_note_number', type: 'text' })
  creditNoteNumber!: string;

  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  reason!: PayloadOf<typeof creditNoteIssuedV1>['reason'];

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'net_cents', type: 'bigint', transformer: numberColumn })
  netCents!: number;

  @Column({ name: 'vat_cents', type: 'bigint', transformer: numberColumn })
  vatCents!: number;

  @Column({ name: 'gross_cents', type: 'bigint', transformer: numberColumn })
  grossCents!: number;

  @Column({ name: 'invoice_cancelled', type: 'boolean' })
  invoiceCancelled!: boolean;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;
}
