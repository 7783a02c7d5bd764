import { Injectable } from '@nestjs/common';
import { orderStatusChangedV1 } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { OrderEvent } from '../domain/order';

/** Publishes the order's own domain events as the timeline facts the rest of the platform reads. */
@Injectable()
export class OrderEventPublisher {
  async publishTimeline(ctx: EventContext, customerId: string, events: readonly OrderEvent[]): Promise<void> {
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
