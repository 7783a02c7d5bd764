import type { PayloadOf, paymentRefundedV1 } from '@rental/contracts';
import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Refund } from '../../application/ports/invoice-read-model';

/** Money paid for an invoice that went back to the customer (payment.refunded). */
@Entity({ name: 'gateway_refunds' })
export class RefundEntity implements Refund {
  @PrimaryColumn({ name: 'refund_number', type: 'text' })
  refundNumber!: string;

  @Column({ name: 'invoice_number', type: 'text' })
  invoiceNumber!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'payment_id', type: 'uuid' })
  paymentId!: string;

  @Column({ type: 'text' })
  reason!: PayloadOf<typeof paymentRefundedV1>['reason'];

  @Column({ name: 'amount_cents', type: 'bigint', transformer: numberColumn })
  amountCents!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'refunded_at', type: 'timestamptz' })
  refundedAt!: Date;
}
