import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OrderRequestEntity } from './persistence/order-request.entity';

export type NewOrderRequest = Omit<OrderRequestEntity, 'updatedAt'>;

/** The orders as provisioning saw them in order.placed, and what became of their holds. */
@Injectable()
export class OrderRequestRepository {
  find(manager: EntityManager, orderId: string): Promise<OrderRequestEntity | null> {
    return manager.findOne(OrderRequestEntity, { where: { orderId } });
  }

  /** Locked, so that a redelivered order.paid waits for the first and then sees it done. */
  lock(manager: EntityManager, orderId: string): Promise<OrderRequestEntity | null> {
    return manager
      .createQueryBuilder(OrderRequestEntity, 'request')
      .where('request.order_id = :orderId', { orderId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async insert(manager: EntityManager, request: NewOrderRequest, at: Date): Promise<void> {
    await manager.insert(OrderRequestEntity, { ...request, updatedAt: at });
  }

  async update(
    manager: EntityManager,
    orderId: string,
    changes: Partial<Pick<OrderRequestEntity, 'status' | 'holdExpiresAt' | 'detail'>>,
    at: Date,
  ): Promise<void> {
    await manager.update(OrderRequestEntity, { orderId }, { ...changes, updatedAt: at });
  }

  /**
   * Machines of unpaid orders still holding capacity in the location: each will need an address
   * once paid, so they count against the free addresses when a new order asks.
   */
  async heldMachines(manager: EntityManager, locationCode: string, at: Date): Promise<number> {
    const [{ machines }] = (await manager.query(
      `SELECT COALESCE(SUM(quantity), 0)::int AS machines FROM order_requests
        WHERE status = 'reserved' AND location_code = $1 AND hold_expires_at > $2`,
      [locationCode, at],
    )) as { machines: number }[];
    return machines;
  }
}
