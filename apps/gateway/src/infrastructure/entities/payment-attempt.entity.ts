import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentAttempt } from '../../application/ports/invoice-read-model';

/** A failed attempt to pay an invoice (payment.failed), numbered per invoice. */
@Entity({ name: 'gateway_payment_attempts' })
export class PaymentAttemptEntity implements PaymentAttempt {
  @PrimaryColumn({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @PrimaryColumn({ type: 'int' })
  attempt!: number;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;

  @Column({ name: 'retry_until', type: 'timestamptz' })
  retryUntil!: Date;
}
