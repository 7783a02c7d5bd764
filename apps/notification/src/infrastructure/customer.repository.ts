import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type OrderCustomer, OrderCustomerStore } from '../application/ports/order-customer-store';
import { CustomerEntity } from './customer.entity';

/** The customer of each order (OrderCustomerStore), in notification_customer. */
@Injectable()
export class CustomerRepository implements OrderCustomerStore {
  /** Records (or, for an order placed again with a new event, refreshes) the customer of an order. */
  async save(manager: EntityManager, customer: OrderCustomer, at: Date): Promise<void> {
    await manager.getRepository(CustomerEntity).upsert({ ...customer, recordedAt: at }, ['orderId']);
  }

  async findByOrder(manager: EntityManager, orderId: string): Promise<OrderCustomer | null> {
    const row = await manager.getRepository(CustomerEntity).findOneBy({ orderId });
    return row ? { orderId: row.orderId, customerId: row.customerId, name: row.name, email: row.email, language: row.language } : null;
  }

  /**
   * Serialises the customer's arrival and the parking of mails for one order: without it, a mail
   * parked while order.placed commits could miss its release and wait forever. Transaction-scoped.
   */
  async lockOrder(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`notification-order:${orderId}`]);
  }
}
