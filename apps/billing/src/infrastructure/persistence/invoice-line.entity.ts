import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A line of an invoice, in the order printed; amounts in the invoice's currency. */
@Entity('invoice_lines')
export class InvoiceLineEntity {
  @PrimaryColumn({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'unit_price_cents', type: 'bigint', transformer: numberColumn })
  unitPriceCents!: number;

  @Column({ name: 'line_total_cents', type: 'bigint', transformer: numberColumn })
  lineTotalCents!: number;
}
