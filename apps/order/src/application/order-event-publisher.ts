import { Injectable } from '@nestjs/common';
import { orderStatusChangedV1 } from '@rental/contracts';
import type { OrderEvent } from '../domain/order';
import type { OrderTransaction } from './order-transaction';

/** Publishes the order's own domain events as the timeline facts the rest of the platform reads. */
@Injectable()
export class OrderEventPublisher {
  async publishTimeline(ctx: OrderTransaction, customerId: string, events: readonly OrderEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'order.status-changed') {
        await ctx.publish(orderStatusChangedV1, event.orderId, {
          orderId: event.orderId,
          customerId,
          from: event.from,
          to: event.to,
          trigger: event.trigger,
          at: event.at.toISOString(),
          ...(event.detail === undefined ? {} : { detail: event.detail }),
        });
      } else if (event.type === 'order.extended') {
        await ctx.publish(orderStatusChangedV1, event.orderId, {
          orderId: event.orderId,
          customerId,
          from: 'running',
          to: 'running',
          trigger: 'rental_extended',
          at: event.at.toISOString(),
          detail: `end moved from ${event.previousEnd.toISOString()} to ${event.newEnd.toISOString()}`,
        });
      } else if (event.type === 'order.placed') {
        await ctx.publish(orderStatusChangedV1, event.id, {
          orderId: event.id,
          customerId,
          from: null,
          to: 'placed',
          trigger: 'order_placed',
          at: event.at.toISOString(),
        });
      }
    }
  }
}
