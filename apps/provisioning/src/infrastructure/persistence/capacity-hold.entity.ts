import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The part of an order's hold that sits on one host: what is left of it, over which time, and until when it lasts unpaid. */
@Entity('capacity_holds')
export class CapacityHoldEntity {
  @PrimaryColumn({ name: 'hold_id', type: 'uuid' })
  holdId!: string;

  @PrimaryColumn({ name: 'host_id', type: 'uuid' })
  hostId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ type: 'int' })
  vcpu!: number;

  @Column({ name: 'memory_mb', type: 'int' })
  memoryMb!: number;

  @Column({ name: 'disk_gb', type: 'int' })
  diskGb!: number;

  /** When the order's machines will exist: from the planned start of their provisioning to the rental's end. */
  @Column({ name: 'occupied_from', type: 'timestamptz' })
  occupiedFrom!: Date;

  /** Null: an order placed before provisioning kept rental periods, whose end it does not know. */
  @Column({ name: 'occupied_until', type: 'timestamptz', nullable: true })
  occupiedUntil!: Date | null;

  /** Null once the order is paid: the hold then lasts until provisioning uses it or a cancellation releases it. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
