import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderSettlementStore, type SettlementCause } from '../../application/ports/order-settlement-store';

@Injectable()
export class OrderSettlementRepository implements OrderSettlementStore {
  /** The row's key makes a second, concurrent settlement wait for the first and then find its row. */
  async claim(manager: EntityManager, orderId: string, cause: SettlementCause, eventId: string, at: Date): Promise<boolean> {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO order_settlements (order_id, cause, event_id, settled_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (order_id, cause) DO NOTHING RETURNING order_id`,
      [orderId, cause, eventId, at],
    );
    return inserted.length === 1;
  }

  async isSettled(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM order_settlements WHERE order_id = $1`, [orderId]);
    return rows.length > 0;
  }
}
