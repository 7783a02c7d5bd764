import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An address given to a machine. Free addresses have no row: they are what the ranges leave. */
@Entity('ip_addresses')
export class IpAddressEntity {
  @PrimaryColumn({ type: 'inet' })
  address!: string;

  @Column({ name: 'location_code', type: 'text' })
  locationCode!: string;

  @Column({ name: 'machine_id', type: 'uuid' })
  machineId!: string;

  @Column({ name: 'allocated_at', type: 'timestamptz' })
  allocatedAt!: Date;
}
