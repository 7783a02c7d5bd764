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

  /** Set when the inventory took the range out of the pool; the row stays so that its id keeps meaning this range. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt!: Date | null;
}
