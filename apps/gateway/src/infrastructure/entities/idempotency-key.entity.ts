import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A customer's Idempotency-Key for POST /v1/orders: the body it came with and the order it placed. */
@Entity({ name: 'gateway_idempotency_keys' })
export class IdempotencyKeyEntity {
  @PrimaryColumn({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
