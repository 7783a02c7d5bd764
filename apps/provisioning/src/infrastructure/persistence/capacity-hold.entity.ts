import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The part of an order's hold that sits on one host: what is left of it, and until when. */
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

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
