import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { HostStatus } from '../../domain/host';

/** A physical host of the datacentre inventory and its total capacity. */
@Entity('hosts')
export class HostEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'location_code', type: 'text' })
  locationCode!: string;

  @Column({ type: 'int' })
  vcpu!: number;

  @Column({ name: 'memory_mb', type: 'int' })
  memoryMb!: number;

  @Column({ name: 'disk_gb', type: 'int' })
  diskGb!: number;

  @Column({ type: 'text' })
  status!: HostStatus;

  @Column({ name: 'registered_at', type: 'timestamptz' })
  registeredAt!: Date;

  /** When the inventory's maintenance starts: no new holds or machines from then on. Null while active. */
  @Column({ name: 'maintenance_from', type: 'timestamptz', nullable: true })
  maintenanceFrom!: Date | null;
}
