import { Injectable } from '@nestjs/common';
import type {
  machineDeprovisionedV1,
  orderCancellationRejectedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderPlacedV1,
  orderRejectedV1,
  orderStatusChangedV1,
  PayloadOf,
} from '@rental/contracts';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type {
  CancellationRejection,
  MachineRecord,
  OrderReadModel,
  OrderRecord,
  OrderTimelineEntry,
  RunningMachine,
} from '../../application/ports/order-read-model';
import type { Page } from '../../application/ports/read-snapshot';
import { CancellationRejectionEntity, MachineViewEntity, OrderTimelineEntryEntity, OrderViewEntity } from '../entities';

@Injectable()
export class OrderViewRepository implements OrderReadModel {
  constructor(private readonly dataSource: DataSource) {}

  find(customerId: string, orderId: string, tx: Transaction = this.dataSource.manager): Promise<OrderRecord | null> {
    return tx.findOneBy(OrderViewEntity, { orderId, customerId });
  }

  async page(customerId: string, limit: number, after?: string): Promise<Page<OrderRecord>> {
    const query = this.dataSource
      .getRepository(OrderViewEntity)
      .createQueryBuilder('o')
      .where('o.customer_id = :customerId', { customerId })
      .orderBy('o.recorded_at', 'DESC')
      .addOrderBy('o.order_id', 'DESC')
      .limit(limit + 1);
    if (after) {
      // Keyset pagination on the (customer, time) index: fast on any page, stable while new orders arrive.
      query.andWhere(
        '(o.recorded_at, o.order_id) < (SELECT c.recorded_at, c.order_id FROM gateway_orders c WHERE c.order_id = :after AND c.customer_id = :customerId)',
        { after },
      );
    }
    const rows = await query.getMany();
    const items = rows.slice(0, limit);
    return { items, next: rows.length > limit ? items[items.length - 1].orderId : undefined };
  }

  timelineAfter(orderId: string, afterSeq: number, tx: Transaction = this.dataSource.manager): Promise<OrderTimelineEntry[]> {
    return tx
      .getRepository(OrderTimelineEntryEntity)
      .createQueryBuilder('t')
      .where('t.order_id = :orderId AND t.seq > :afterSeq', { orderId, afterSeq })
      .orderBy('t.seq', 'ASC')
      .getMany();
  }

  async feedState(orderId: string): Promise<{ status: string; quietForMs: number | null } | null> {
    const rows: { status: string; quiet_for_ms: number | null }[] = await this.dataSource.query(
      `SELECT o.status,
              (SELECT EXTRACT(EPOCH FROM clock_timestamp() - t.recorded_at) * 1000
                 FROM gateway_order_timeline t WHERE t.order_id = o.order_id ORDER BY t.seq DESC LIMIT 1)::float8 AS quiet_for_ms
         FROM gateway_orders o WHERE o.order_id = $1`,
      [orderId],
    );
    return rows.length === 0 ? null : { status: rows[0].status, quietForMs: rows[0].quiet_for_ms };
  }

  machinesOf(tx: Transaction, orderId: string): Promise<MachineRecord[]> {
    return tx.find(MachineViewEntity, { where: { orderId }, order: { runningSince: 'ASC', machineId: 'ASC' } });
  }

  cancellationRejection(customerId: string, requestId: string): Promise<CancellationRejection | null> {
    return this.dataSource.getRepository(CancellationRejectionEntity).findOneBy({ requestId, customerId });
  }

  async recordPlaced(tx: Transaction, o: PayloadOf<typeof orderPlacedV1>): Promise<void> {
    // A redelivered order.placed must not undo an extension: an end only ever moves later.
    await tx.query(
      `INSERT INTO gateway_orders (order_id, customer_id, quote_id, status, plan_code, resources, location_code, image_code,
                                   quantity, period_start, period_end, price, access_method, placed_at)
       VALUES ($1, $2, $3,
               COALESCE((SELECT to_status FROM gateway_order_timeline WHERE order_id = $1 ORDER BY seq DESC LIMIT 1), 'placed'),
               $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (order_id) DO UPDATE SET
         plan_code = EXCLUDED.plan_code, resources = EXCLUDED.resources, location_code = EXCLUDED.location_code,
         image_code = EXCLUDED.image_code, quantity = EXCLUDED.quantity, period_start = EXCLUDED.period_start,
         period_end = GREATEST(gateway_orders.period_end, EXCLUDED.period_end), price = EXCLUDED.price, access_method = EXCLUDED.access_method,
         placed_at = EXCLUDED.placed_at`,
      [
        o.orderId,
        o.customer.customerId,
        o.quoteId,
        o.planCode,
        JSON.stringify(o.resources),
        o.locationCode,
        o.imageCode,
        o.quantity,
        o.period.start,
        o.period.end,
        JSON.stringify(o.price),
        o.sshPublicKey ? 'ssh-key' : 'password',
        o.placedAt,
      ],
    );
    // Machines reported before the order reached us get their owner now.
    await tx.query(`UPDATE gateway_machines SET customer_id = $2 WHERE order_id = $1 AND customer_id IS NULL`, [o.orderId, o.customer.customerId]);
  }

  async recordRejected(tx: Transaction, o: PayloadOf<typeof orderRejectedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_orders (order_id, customer_id, quote_id, status, rejection_reason, rejection_detail)
       VALUES ($1, $2, $3, 'rejected', $4, $5)
       ON CONFLICT (order_id) DO UPDATE SET status = 'rejected', rejection_reason = EXCLUDED.rejection_reason,
                                            rejection_detail = EXCLUDED.rejection_detail`,
      [o.orderId, o.customerId, o.quoteId, o.reason, o.detail],
    );
  }

  async recordStatusChange(tx: Transaction, eventId: string, s: PayloadOf<typeof orderStatusChangedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_order_timeline (event_id, order_id, customer_id, from_status, to_status, trigger, at, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (event_id) DO NOTHING`,
      [eventId, s.orderId, s.customerId, s.from, s.to, s.trigger, s.at, s.detail ?? null],
    );
    await tx.query(`UPDATE gateway_orders SET status = $2 WHERE order_id = $1`, [s.orderId, s.to]);
  }

  async recordCancelled(tx: Transaction, c: PayloadOf<typeof orderCancelledV1>): Promise<void> {
    await tx.query(
      `UPDATE gateway_orders SET cancellation_reason = $2, cancellation_detail = $3, cancellation_settlement = $4,
                                 cancelled_while_running = $5, cancellation_request_id = $6, cancelled_at = $7
        WHERE order_id = $1`,
      [c.orderId, c.reason, c.detail, c.settlement, c.wasRunning, c.requestId ?? null, c.cancelledAt],
    );
  }

  async recordCancellationRejected(tx: Transaction, r: PayloadOf<typeof orderCancellationRejectedV1>): Promise<void> {
    await tx.query(
      `INSERT INTO gateway_cancellation_rejections (request_id, order_id, customer_id, reason, order_status, detail)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (request_id) DO NOTHING`,
      [r.requestId, r.orderId, r.customerId, r.reason, r.status ?? null, r.detail],
    );
  }

  async recordExtended(tx: Transaction, e: PayloadOf<typeof orderExtendedV1>): Promise<void> {
    await tx.query(`UPDATE gateway_orders SET period_end = GREATEST(period_end, $2) WHERE order_id = $1`, [e.orderId, e.newEnd]);
  }

  async recordEnded(tx: Transaction, e: PayloadOf<typeof orderEndedV1>): Promise<void> {
    await tx.query(`UPDATE gateway_orders SET ended_at = $2 WHERE order_id = $1`, [e.orderId, e.endedAt]);
  }

  async recordMachineRunning(tx: Transaction, m: RunningMachine): Promise<void> {
    // A machine reported before its order gets its owner when order.placed comes.
    await tx.query(
      `INSERT INTO gateway_machines (machine_id, order_id, customer_id, hostname, ip_address, access_method, root_password_sealed, running_since)
       VALUES ($1, $2, (SELECT customer_id FROM gateway_orders WHERE order_id = $2), $3, $4, $5, $6, $7)
       ON CONFLICT (machine_id) DO NOTHING`,
      [
        m.machineId,
        m.orderId,
        m.hostname,
        m.ipAddress,
        m.accessMethod,
        m.rootPasswordSealed === null ? null : JSON.stringify(m.rootPasswordSealed),
        m.runningSince,
      ],
    );
  }

  async recordMachineDeprovisioned(tx: Transaction, m: PayloadOf<typeof machineDeprovisionedV1>): Promise<void> {
    await tx.query(`UPDATE gateway_machines SET deprovisioned_at = $2, deprovision_reason = $3, root_password_sealed = NULL WHERE machine_id = $1`, [
      m.machineId,
      m.deprovisionedAt,
      m.reason,
    ]);
  }
}
