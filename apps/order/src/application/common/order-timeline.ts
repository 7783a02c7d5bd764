import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { orderStatusChangedV1 } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import type { OrderEvent, TimelineNote } from '../../domain/order';
import { type LoadedOrder, OrderStore } from '../ports/order-store';
import type { OrderTransaction } from './order-transaction';

/**
 * The order's timeline, which the customer follows: the order's own domain events published as
 * order.status-changed, and the notes of steps that leave its status as it is.
 */
@Injectable()
export class OrderTimeline {
  constructor(
    private readonly orders: OrderStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(ctx: OrderTransaction<typeof orderStatusChangedV1>, customerId: string, events: readonly OrderEvent[]): Promise<void> {
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

  /** Records a step another service took (or a reminder sent) on the order's timeline; its status stays. */
  async note(tx: OrderTransaction, loaded: LoadedOrder, note: TimelineNote, detail: string): Promise<void> {
    const events = loaded.order.note(note, this.clock.now(), detail);
    await this.orders.save(tx.manager, loaded.order);
    await this.publish(tx, loaded.order.snapshot().customerId, events);
  }

  /** The same for a fact that names the order: one about an order never placed is a fault upstream, dead-lettered. */
  async noteOn(tx: EventContext, orderId: string, note: TimelineNote, detail: string): Promise<void> {
    const loaded = await this.orders.loadForUpdate(tx.manager, orderId);
    if (!loaded) throw new Error(`${tx.event.type} for unknown order ${orderId}`);
    await this.note(tx, loaded, note, detail);
  }
}
