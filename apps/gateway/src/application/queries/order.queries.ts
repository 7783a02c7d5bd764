import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { MachineViewEntity, OrderTimelineEntryEntity, OrderViewEntity } from '../../infrastructure/entities';
import { readSnapshot } from '../../infrastructure/read-snapshot';
import { type ExtensionDetails, ExtensionQueries } from './extension.queries';
import { type InvoiceDetails, InvoiceQueries } from './invoice.queries';

export interface OrderDetails {
  order: OrderViewEntity;
  timeline: OrderTimelineEntryEntity[];
  /** The rental's invoice and its extensions' invoices, oldest first. */
  invoices: InvoiceDetails[];
  extensions: ExtensionDetails[];
  machines: MachineViewEntity[];
}

export interface Page<T> {
  items: T[];
  /** The id to continue after, when there may be more. */
  next?: string;
}

/** The customer's orders, from the read model; another customer's order is as absent as an unknown one. */
@Injectable()
export class OrderQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invoices: InvoiceQueries,
    private readonly extensions: ExtensionQueries,
  ) {}

  find(customerId: string, orderId: string): Promise<OrderViewEntity | null> {
    return this.dataSource.getRepository(OrderViewEntity).findOneBy({ orderId, customerId });
  }

  /** Everything about one order, on one snapshot. Never a root password: those are revealed once, by RevealRootPasswordHandler. */
  async details(customerId: string, orderId: string): Promise<OrderDetails | null> {
    const order = await this.find(customerId, orderId);
    if (!order) return null;
    return readSnapshot(this.dataSource, async (manager) => {
      const current = (await manager.getRepository(OrderViewEntity).findOneBy({ orderId, customerId })) ?? order;
      const timeline = await this.timelineAfter(orderId, 0, manager);
      const invoices = await this.invoices.forOrder(manager, customerId, orderId);
      const extensions = await this.extensions.forOrder(manager, customerId, orderId);
      const machines = await manager.getRepository(MachineViewEntity).find({ where: { orderId }, order: { runningSince: 'ASC', machineId: 'ASC' } });
      return { order: current, timeline, invoices, extensions, machines };
    });
  }

  async list(customerId: string, limit: number, after?: string): Promise<Page<OrderViewEntity>> {
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

  /**
   * The order's status, and how long ago (by the database's clock) its latest timeline entry was
   * applied; null when it has no entry yet.
   */
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

  timelineAfter(orderId: string, afterSeq: number, manager: EntityManager = this.dataSource.manager): Promise<OrderTimelineEntryEntity[]> {
    return manager
      .getRepository(OrderTimelineEntryEntity)
      .createQueryBuilder('t')
      .where('t.order_id = :orderId AND t.seq > :afterSeq', { orderId, afterSeq })
      .orderBy('t.seq', 'ASC')
      .getMany();
  }
}
