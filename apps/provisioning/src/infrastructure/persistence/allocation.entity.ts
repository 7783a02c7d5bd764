import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The capacity one machine occupies on its host over its rental, taken from its order's hold. */
@Entity('allocations')
export class AllocationEntity {
  @PrimaryColumn({ name: 'machine_id', type: 'uuid' })
  machineId!: string;

  @Column({ name: 'host_id', type: 'uuid' })
  hostId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** Null for a machine moved here for a retry: it came from another host, not from a hold. */
  @Column({ name: 'hold_id', type: 'uuid', nullable: true })
  holdId!: string | null;

  @Column({ type: 'int' })
  vcpu!: number;

  @Column({ name: 'memory_mb', type: 'int' })
  memoryMb!: number;

  @Column({ name: 'disk_gb', type: 'int' })
  diskGb!: number;

  @Column({ name: 'allocated_at', type: 'timestamptz' })
  allocatedAt!: Date;

  @Column({ name: 'occupied_from', type: 'timestamptz' })
  occupiedFrom!: Date;

  /** The rental's end, moved by extensions; null: a rental whose end provisioning never knew (placed before it kept periods). */
  @Column({ name: 'occupied_until', type: 'timestamptz', nullable: true })
  occupiedUntil!: Date | null;
}
