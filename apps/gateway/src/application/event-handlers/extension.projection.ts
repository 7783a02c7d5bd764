import { Injectable } from '@nestjs/common';
import {
  type EventEnvelope,
  orderCancelledV1,
  orderEndedV1,
  orderExtendedV1,
  orderExtensionAcceptedV1,
  orderExtensionRejectedV1,
  type PayloadOf,
} from '@rental/contracts';
import { type EventContext, HandleEvent } from '@rental/messaging';
import { ExtensionReadModel } from '../ports/extension-read-model';
import { ReadModelChanges } from '../ports/read-model-changes';

/**
 * Extensions of rentals, from the order service's answers to order.extend and what became of them.
 * All of these are the order's events, on one partition, so an extension's row exists before it is
 * applied or lapses; its invoice comes from billing and is joined at read time.
 */
@Injectable()
export class ExtensionProjection {
  constructor(
    private readonly extensions: ExtensionReadModel,
    private readonly changes: ReadModelChanges,
  ) {}

  @HandleEvent(orderExtensionAcceptedV1)
  async onExtensionAccepted(event: EventEnvelope<PayloadOf<typeof orderExtensionAcceptedV1>>, ctx: EventContext): Promise<void> {
    await this.extensions.recordAccepted(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderExtensionRejectedV1)
  async onExtensionRejected(event: EventEnvelope<PayloadOf<typeof orderExtensionRejectedV1>>, ctx: EventContext): Promise<void> {
    await this.extensions.recordRejected(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<PayloadOf<typeof orderExtendedV1>>, ctx: EventContext): Promise<void> {
    await this.extensions.recordApplied(ctx.manager, event.payload);
    await this.changes.announce(ctx.manager, event.payload.orderId);
  }

  /** The rental ran to its end: an extension the end did not take (unpaid, or paid too late) lapses. */
  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    const e = event.payload;
    await this.lapsePending(ctx, e.orderId, e.endedAt, e.appliedExtensionIds);
  }

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    const c = event.payload;
    await this.lapsePending(ctx, c.orderId, c.cancelledAt, []);
  }

  private async lapsePending(ctx: EventContext, orderId: string, at: string, applied: string[]): Promise<void> {
    await this.extensions.lapsePending(ctx.manager, orderId, at, applied);
    await this.changes.announce(ctx.manager, orderId);
  }
}
