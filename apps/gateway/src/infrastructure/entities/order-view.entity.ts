import type { orderCancelledV1, orderPlacedV1, orderRejectedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderRecord } from '../../application/ports/order-read-model';

type Placed = PayloadOf<typeof orderPlacedV1>;
type Cancelled = PayloadOf<typeof orderCancelledV1>;

/**
 * A rental as the customer sees it. Filled by order.placed; an order refused before it was placed
 * (e.g. an expired quote) has only its ids, status and rejection.
 */
@Entity({ name: 'gateway_orders' })
export class OrderViewEntity implements OrderRecord {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'quote_id', type: 'uuid' })
  quoteId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'plan_code', type: 'text', nullable: true })
  planCode!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  resources!: Placed['resources'] | null;

  @Column({ name: 'location_code', type: 'text', nullable: true })
  locationCode!: string | null;

  @Column({ name: 'image_code', type: 'text', nullable: true })
  imageCode!: string | null;

  @Column({ type: 'int', nullable: true })
  quantity!: number | null;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart!: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  price!: Placed['price'] | null;

  @Column({ name: 'access_method', type: 'text', nullable: true })
  accessMethod!: 'password' | 'ssh-key' | null;

  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true })
  placedAt!: Date | null;

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason!: PayloadOf<typeof orderRejectedV1>['reason'] | null;

  @Column({ name: 'rejection_detail', type: 'text', nullable: true })
  rejectionDetail!: string | null;

  @Column({ name: 'cancellation_reason', type: 'text', nullable: true })
  cancellationReason!: Cancelled['reason'] | null;

  @Column({ name: 'cancellation_detail', type: 'text', nullable: true })
  cancellationDetail!: string | null;

  @Column({ name: 'cancellation_settlement', type: 'text', nullable: true })
  cancellationSettlement!: Cancelled['settlement'] | null;

  @Column({ name: 'cancelled_while_running', type: 'boolean', nullable: true })
  cancelledWhileRunning!: boolean | null;

  /** The customer's cancel request that cancelled it (order.cancel's requestId). */
  @Column({ name: 'cancellation_request_id', type: 'uuid', nullable: true })
  cancellationRequestId!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
