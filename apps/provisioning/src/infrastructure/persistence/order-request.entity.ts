import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * reserved: capacity is held, unpaid, until holdExpiresAt; unavailable: nothing could be held;
 * scheduled: paid, the hold waits for provisioning to start; paid: the hold became machines;
 * failed: paid after the hold lapsed and nothing was left; expired: the hold lapsed unpaid and was
 * released; cancelled, ended: the hold was released or the machines are being taken back.
 */
export type OrderRequestStatus = 'reserved' | 'unavailable' | 'scheduled' | 'paid' | 'failed' | 'expired' | 'cancelled' | 'ended';

/**
 * What provisioning keeps from order.placed to build the machines once order.paid arrives:
 * services never read each other's tables, so the facts it needs travel in the event and stay here.
 */
@Entity('order_requests')
export class OrderRequestEntity {
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
