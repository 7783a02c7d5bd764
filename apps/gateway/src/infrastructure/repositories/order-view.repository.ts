import { Injectable } from '@nestjs/common';
import type { Transaction } from '@rental/persistence';
import { DataSource } from 'typeorm';
import type {
  CancellationRejection,
  MachineRecord,
  OrderReadModel,
  OrderTimelineEntry,
  OrderRecord,
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
}
