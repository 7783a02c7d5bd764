import type { invoiceIssuedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './column-transformers';

/** An order's invoice as billing issued it, and whether it is paid. */
@Entity({ name: 'gateway_invoices' })
export class InvoiceViewEntity {
  @PrimaryColumn({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'net_cents', type: 'bigint', transformer: bigintAsNumber })
  netCents!: number;

  @Column({ type: 'jsonb' })
  vat!: PayloadOf<typeof invoiceIssuedV1>['vat'];

  @Column({ name: 'vat_cents', type: 'bigint', transformer: bigintAsNumber })
  vatCents!: number;

  @Column({ name: 'gross_cents', type: 'bigint', transformer: bigintAsNumber })
  grossCents!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'checkout_url', type: 'text' })
  checkoutUrl!: string;

  @Column({ type: 'text' })
  status!: 'open' | 'paid';

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;
}
