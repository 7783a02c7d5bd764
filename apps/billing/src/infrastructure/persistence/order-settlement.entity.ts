import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { SettlementCause } from '../../application/ports/order-settlement-store';

/**
 * That an order's invoices were settled because it was cancelled or ended. A partial credit leaves
 * an invoice paid, so its status cannot tell whether the settlement ran; this row can, and makes
 * the same fact, seen again under another event id, change nothing.
 */
@Entity('order_settlements')
export class OrderSettlementEntity {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  @PrimaryColumn({ type: 'text' })
  cause!: SettlementCause;

  @Column({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'settled_at', type: 'timestamptz' })
  settledAt!: Date;
}
