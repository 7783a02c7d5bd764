import { Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  orderCancellationRejectedV1,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderPlacedV1,
  orderRejectedV1,
  orderStatusChangedV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { OrderReadModel } from '../ports/order-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';

/**
 * Orders and their timelines, from the order service's events. One order's events share a key,
 * hence a partition, so they arrive in order; the upserts still tolerate any order, so a replay
 * or a redelivery cannot corrupt the view.
 */
@Injectable()
export class OrderProjection {
  constructor(
    private readonly orders: OrderReadModel,
    private readonly changes: ReadModelChanges,
  ) {}

  @HandleEvent(orderPlacedV1)
  async onOrderPlaced(event: EventEnvelope<PayloadOf<typeof orderPlacedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordPlaced(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderRejectedV1)
  async onOrderRejected(event: EventEnvelope<PayloadOf<typeof orderRejectedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordRejected(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderStatusChangedV1)
  async onOrderStatusChanged(event: EventEnvelope<PayloadOf<typeof orderStatusChangedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordStatusChange(ctx.manager, event.id, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordCancelled(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderCancellationRejectedV1)
  async onCancellationRejected(event: EventEnvelope<PayloadOf<typeof orderCancellationRejectedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordCancellationRejected(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<PayloadOf<typeof orderExtendedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordExtended(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    await this.orders.recordEnded(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }
}
