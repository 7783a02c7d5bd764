import { numberColumn } from '@rental/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderTimelineEntry } from '../../application/ports/order-read-model';

/** One step of a rental (order.status-changed); seq orders the entries and resumes a live feed. */
@Entity({ name: 'gateway_order_timeline' })
export class OrderTimelineEntryEntity implements OrderTimelineEntry {
  @PrimaryColumn({ type: 'bigint', transformer: numberColumn })
  seq!: number;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId!: string;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text' })
  toStatus!: string;

  @Column({ type: 'text' })
  trigger!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
