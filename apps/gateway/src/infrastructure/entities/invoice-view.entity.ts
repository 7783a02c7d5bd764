import type { invoiceIssuedV1, PayloadOf } from '@rental/contracts';
import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { BillingAddress, InvoicePayment, InvoiceRecord } from '../../application/ports/invoice-read-model';
import type { InvoiceStatus } from '../../domain/invoice-status';

@Entity({ name: 'gateway_invoices' })
export class InvoiceViewEntity implements InvoiceRecord {
  @PrimaryColumn({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  /** Set for an extension's invoice. */
  @Column({ name: 'extension_id', type: 'uuid', nullable: true })
  extensionId!: string | null;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'net_cents', type: 'bigint', transformer: numberColumn })
  netCents!: number;

  @Column({ type: 'jsonb' })
  vat!: PayloadOf<typeof invoiceIssuedV1>['vat'];

  @Column({ name: 'vat_cents', type: 'bigint', transformer: numberColumn })
  vatCents!: number;

  @Column({ name: 'gross_cents', type: 'bigint', transformer: numberColumn })
  grossCents!: number;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'checkout_url', type: 'text' })
  checkoutUrl!: string;

  /** What to quote when paying by bank transfer; null for an invoice issued before billing printed one. */
  @Column({ name: 'payment_reference', type: 'text', nullable: true })
  paymentReference!: string | null;

  @Column({ name: 'billing_address', type: 'jsonb', nullable: true })
  billingAddress!: BillingAddress | null;

  @Column({ type: 'text' })
  status!: InvoiceStatus;

  @Column({ name: 'paid_at', type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /** When a credit note covered it in full. */
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'paid_cents', type: 'bigint', transformer: numberColumn })
  paidCents!: number;

  @Column({ name: 'credited_cents', type: 'bigint', transformer: numberColumn })
  creditedCents!: number;

  @Column({ name: 'refunded_cents', type: 'bigint', transformer: numberColumn })
  refundedCents!: number;

  @Column({ name: 'balance_cents', type: 'bigint', transformer: numberColumn })
  balanceCents!: number;

  /** invoice.balance-changed's revision the figures are from; 0: as issued. */
  @Column({ name: 'balance_revision', type: 'int' })
  balanceRevision!: number;

  @Column({ type: 'jsonb' })
  payments!: InvoicePayment[];
}
