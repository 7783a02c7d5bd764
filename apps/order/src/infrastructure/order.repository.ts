import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CustomerSnapshot, type LoadedOrder, OrderStore } from '../application/ports/order-store';
import { Order, type OrderState, type TimelineEntry } from '../domain/order';
import { type OrderStatus, UNPAID_STATUSES } from '../domain/order-status';

interface OrderRow {
  id: string;
  customer_id: string;
  quote_id: string;
  plan_code: string;
  location_code: string;
  image_code: string;
  quantity: number;
  period_start: Date;
  period_end: Date;
  total_cents: string;
  currency: 'EUR';
  status: OrderStatus;
  customer: CustomerSnapshot;
}

interface TimelineRow {
  at: Date;
  from_status: OrderStatus | null;
  to_status: OrderStatus;
  trigger: string;
  detail: string | null;
}

/**
 * Stores the Order aggregate: one row plus its timeline. Loading locks the row, so the events of one
 * rental are applied one after the other even when two consumers see them.
 */
@Injectable()
export class OrderRepository implements OrderStore {
  async exists(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM orders WHERE id = $1`, [orderId]);
    return rows.length > 0;
  }

  /**
   * How many of the customer's orders are placed and not yet paid, counted under a lock on the
   * customer held to the end of the transaction: two orders placed at once (on two partitions) are
   * counted one after the other, so neither slips past the limit.
   */
  async countUnpaidLocked(manager: EntityManager, customerId: string): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`order-customer-unpaid:${customerId}`]);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM orders WHERE customer_id = $1 AND status = ANY($2)`, [customerId, UNPAID_STATUSES]);
    return n as number;
  }

  async insert(manager: EntityManager, order: Order, customer: CustomerSnapshot, placedAt: Date): Promise<void> {
    const s = order.snapshot();
    await manager.query(
      `INSERT INTO orders (id, customer_id, quote_id, plan_code, location_code, image_code, quantity, period_start,
                           period_end, total_cents, currency, status, customer, placed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        s.id,
        s.customerId,
        s.quoteId,
        s.planCode,
        s.locationCode,
        s.imageCode,
        s.quantity,
        s.period.start,
        s.period.end,
        s.price.totalCents,
        s.price.currency,
        s.status,
        customer,
        placedAt,
      ],
    );
    await this.saveTimeline(manager, s);
  }

  async loadForUpdate(manager: EntityManager, orderId: string): Promise<LoadedOrder | undefined> {
    const rows: OrderRow[] = await manager.query(`SELECT * FROM orders WHERE id = $1 FOR UPDATE`, [orderId]);
    const row = rows[0];
    if (!row) return undefined;
    const timeline: TimelineRow[] = await manager.query(
      `SELECT at, from_status, to_status, trigger, detail FROM order_timeline WHERE order_id = $1 ORDER BY seq`,
      [orderId],
    );
    const state: OrderState = {
      id: row.id,
      customerId: row.customer_id,
      quoteId: row.quote_id,
      planCode: row.plan_code,
      locationCode: row.location_code,
      imageCode: row.image_code,
      quantity: row.quantity,
      period: { start: row.period_start, end: row.period_end },
      price: { totalCents: Number(row.total_cents), currency: row.currency },
      status: row.status,
      timeline: timeline.map(
        (t) =>
          ({
            at: t.at,
            from: t.from_status,
            to: t.to_status,
            trigger: t.trigger,
            ...(t.detail === null ? {} : { detail: t.detail }),
          }) as TimelineEntry,
      ),
    };
    return { order: Order.restore(state), customer: row.customer };
  }

  async save(manager: EntityManager, order: Order): Promise<void> {
    const s = order.snapshot();
    await manager.query(`UPDATE orders SET status = $2, period_end = $3 WHERE id = $1`, [s.id, s.status, s.period.end]);
    await this.saveTimeline(manager, s);
  }

  /** Records that one machine of the order runs; returns how many of its machines run now. */
  async recordMachineRunning(manager: EntityManager, orderId: string, machineId: string, at: Date): Promise<number> {
    await manager.query(`INSERT INTO order_machines (order_id, machine_id, running_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [orderId, machineId, at]);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM order_machines WHERE order_id = $1`, [orderId]);
    return n as number;
  }

  /** Records that a machine of the order is gone; returns how many of its delivered machines still exist. */
  async recordMachineDeprovisioned(manager: EntityManager, orderId: string, machineId: string, at: Date): Promise<number> {
    await manager.query(`UPDATE order_machines SET deprovisioned_at = $3 WHERE order_id = $1 AND machine_id = $2 AND deprovisioned_at IS NULL`, [
      orderId,
      machineId,
      at,
    ]);
    const [{ n }] = await manager.query(`SELECT count(*)::int AS n FROM order_machines WHERE order_id = $1 AND deprovisioned_at IS NULL`, [orderId]);
    return n as number;
  }

  /** The cancel request that cancelled the order, so that the same request sent again changes nothing. */
  async cancelRequestOf(manager: EntityManager, orderId: string): Promise<string | null> {
    const rows: { cancel_request_id: string | null }[] = await manager.query(`SELECT cancel_request_id FROM orders WHERE id = $1`, [orderId]);
    return rows[0]?.cancel_request_id ?? null;
  }

  async recordCancelRequest(manager: EntityManager, orderId: string, requestId: string): Promise<void> {
    await manager.query(`UPDATE orders SET cancel_request_id = $2 WHERE id = $1`, [orderId, requestId]);
  }

  // The timeline only grows; entries already stored keep their place.
  private async saveTimeline(manager: EntityManager, s: OrderState): Promise<void> {
    const stored: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM order_timeline WHERE order_id = $1`, [s.id]);
    for (const [seq, entry] of s.timeline.entries()) {
      if (seq < stored[0].n) continue;
      await manager.query(`INSERT INTO order_timeline (order_id, seq, at, from_status, to_status, trigger, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
        s.id,
        seq,
        entry.at,
        entry.from,
        entry.to,
        entry.trigger,
        entry.detail ?? null,
      ]);
    }
  }
}
