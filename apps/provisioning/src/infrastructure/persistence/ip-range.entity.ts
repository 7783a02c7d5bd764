import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A block of public addresses that belongs to one location's pool. */
@Entity('ip_ranges')
export class IpRangeEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'location_code', type: 'text' })
  locationCode!: string;

  /** CIDR notation, e.g. 203.0.113.0/26. */
  @Column({ type: 'cidr' })
  cidr!: string;

  @Column({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
