import { numberColumn } from '@rental/persistence';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PaymentRecord, PaymentStatus } from '../../application/ports/payment-store';

/** A payment requested from the payment provider for an invoice; the customer pays it at the checkout URL. */
@Entity('payments')
export class PaymentEntity implements PaymentRecord {
  /** The provider's id of the payment: what its webhooks, and so payment.record, refer to. */
  @PrimaryColumn({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Index('payments_invoice_number')
  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** Which provider holds the payment (e.g. sandbox), for when more than one is in use. */
  @Column({ type: 'text' })
  provider!: string;

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'text' })
  currency!: string;

  @Column({ name: 'checkout_url', type: 'text' })
  checkoutUrl!: string;

  @Column({ type: 'text' })
  status!: PaymentStatus;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
