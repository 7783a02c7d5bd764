import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OrderRequestChanges, OrderRequestStore } from '../application/ports/order-request-store';
import type { Occupancy } from '../domain/calendar';
import type { OrderRequest } from '../domain/order-request';
import { OrderRequestEntity } from './persistence/order-request.entity';

/** The order requests in their own table (OrderRequestStore); the address calendar is read in one query. */
@Injectable()
export class OrderRequestRepository implements OrderRequestStore {
  find(manager: EntityManager, orderId: string): Promise<OrderRequest | null> {
    return manager.findOne(OrderRequestEntity, { where: { orderId } });
  }

  lock(manager: EntityManager, orderId: string): Promise<OrderRequest | null> {
    return manager.createQueryBuilder(OrderRequestEntity, 'request').where('request.order_id = :orderId', { orderId }).setLock('pessimistic_write').getOne();
  }

  async insert(manager: EntityManager, request: OrderRequest, at: Date): Promise<void> {
    await manager.insert(OrderRequestEntity, { ...request, updatedAt: at });
  }

  async update(manager: EntityManager, orderId: string, changes: OrderRequestChanges, at: Date): Promise<void> {
    await manager.update(OrderRequestEntity, { orderId }, { ...changes, updatedAt: at });
  }

  async addressNeeds(manager: EntityManager, locationCode: string, at: Date): Promise<Occupancy<number>[]> {
    const rows = (await manager.query(
      `SELECT quantity AS machines, provisioning_from AS "from", period_end AS until
         FROM order_requests
        WHERE location_code = $1 AND (status = 'scheduled' OR (status = 'reserved' AND hold_expires_at > $2))
       UNION ALL
       SELECT count(*)::int, min(i.allocated_at), r.period_end
         FROM ip_addresses i JOIN machines m ON m.id = i.machine_id JOIN order_requests r ON r.order_id = m.order_id
        WHERE i.location_code = $1
        GROUP BY r.order_id`,
      [locationCode, at],
    )) as { machines: number; from: Date; until: Date | null }[];
    return rows.map((row) => ({ amount: row.machines, occupies: { from: row.from, until: row.until } }));
  }
}
