import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredRequest } from '../../application/ports/idempotency-key-store';

/**
 * A customer's Idempotency-Key for an order, a cancellation or an extension: the request it came
 * with, the order it placed or acted on, and the id the gateway chose for a cancel or extend request.
 */
@Entity({ name: 'gateway_idempotency_keys' })
export class IdempotencyKeyEntity implements StoredRequest {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** The requestId of an order.cancel or the extensionId of an order.extend; null for a placed order. */
  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
