import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderRequest, OrderRequestStatus } from '../../domain/order-request';

/** An order request as provisioning stores it: see OrderRequest. */
@Entity('order_requests')
export class OrderRequestEntity implements OrderRequest {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'location_code', type: 'text' })
  locationCode!: string;

  /** What one machine needs. */
  @Column({ type: 'int' })
  vcpu!: number;

  @Column({ name: 'memory_mb', type: 'int' })
  memoryMb!: number;

  @Column({ name: 'disk_gb', type: 'int' })
  diskGb!: number;

  @Column({ type: 'int' })
  quantity!: number;

  @Column({ name: 'image_code', type: 'text' })
  imageCode!: string;

  /** Null: each machine gets a generated root password instead. */
  @Column({ name: 'ssh_public_key', type: 'text', nullable: true })
  sshPublicKey!: string | null;

  @Column({ name: 'placed_at', type: 'timestamptz' })
  placedAt!: Date;

  /** When provisioning of the machines is planned to begin (order.placed's provisioningFrom, or the period's start). */
  @Column({ name: 'provisioning_from', type: 'timestamptz' })
  provisioningFrom!: Date;

  /** The rental's end, moved by extensions; null for an order placed before provisioning kept it. */
  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd!: Date | null;

  @Column({ type: 'text' })
  status!: OrderRequestStatus;

  @Column({ name: 'hold_id', type: 'uuid', nullable: true })
  holdId!: string | null;

  @Column({ name: 'hold_expires_at', type: 'timestamptz', nullable: true })
  holdExpiresAt!: Date | null;

  /** Why nothing was held or built, for operators. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
