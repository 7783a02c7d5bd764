import type { orderCancellationRejectedV1, PayloadOf } from '@rental/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CancellationRejection } from '../../application/ports/order-read-model';

/** A cancel request the order service refused (order.cancellation-rejected), by the requestId the gateway chose. */
@Entity({ name: 'gateway_cancellation_rejections' })
export class CancellationRejectionEntity implements CancellationRejection {
  @PrimaryColumn({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ type: 'text' })
  reason!: PayloadOf<typeof orderCancellationRejectedV1>['reason'];

  @Column({ name: 'order_status', type: 'text', nullable: true })
  orderStatus!: string | null;

  @Column({ type: 'text' })
  detail!: string;
}
