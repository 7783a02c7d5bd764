import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { capacityReleasedV1, type EventEnvelope, orderCancelledV1, orderEndedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import type { DeprovisionReason } from '../domain/machine';
import { MachineRepository } from '../infrastructure/machine.repository';
import { OrderRequestRepository } from '../infrastructure/order-request.repository';
import { OrderHolds } from './order-holds';

/**
 * order.cancelled and order.ended: an unpaid order's hold is given back at once; a paid order's
 * machines are all asked to be taken back, and the job runners do it (stop, wipe, destroy, then
 * release the allocation and address and publish machine.deprovisioned), whatever state each
 * machine is in, including one whose provisioning is still running. Nothing slow happens here.
 */
@Injectable()
export class EndOfRentalHandler {
  private readonly logger = new Logger(EndOfRentalHandler.name);

  constructor(
    private readonly orders: OrderRequestRepository,
    private readonly machines: MachineRepository,
    private readonly holds: OrderHolds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderCancelledV1)
  async onOrderCancelled(event: EventEnvelope<PayloadOf<typeof orderCancelledV1>>, ctx: EventContext): Promise<void> {
    await this.takeBack(event.payload.orderId, 'order_cancelled', ctx);
  }

  @HandleEvent(orderEndedV1)
  async onOrderEnded(event: EventEnvelope<PayloadOf<typeof orderEndedV1>>, ctx: EventContext): Promise<void> {
    await this.takeBack(event.payload.orderId, 'rental_ended', ctx);
  }

  private async takeBack(orderId: string, reason: DeprovisionReason, ctx: EventContext): Promise<void> {
    const { manager } = ctx;
    const request = await this.orders.lock(manager, orderId);
    // Events of one order share a partition, so order.placed was handled first: missing means it never came.
    if (request === null) throw new Error(`order ${orderId} is over (${reason}), but provisioning never received its order.placed`);
    const now = this.clock.now();
    const status = reason === 'order_cancelled' ? 'cancelled' : 'ended';
    switch (request.status) {
      case 'reserved': {
        if (reason === 'rental_ended') {
          // An unpaid order cannot reach its end; its hold lapses with its timer.
          this.logger.warn(`order ${orderId} ended unpaid: its hold is left to lapse`);
          return;
        }
        // A hold whose time is up lapsed on its own, even if its timer has not fired yet.
        const lapsed = (request.holdExpiresAt as Date).getTime() <= now.getTime();
        await this.holds.release(manager, request, now);
        await this.orders.update(manager, orderId, { status }, now);
        await ctx.publish(capacityReleasedV1, orderId, {
          orderId,
          holdId: request.holdId as string,
          reason: lapsed ? 'hold_expired' : 'order_cancelled',
          releasedAt: now.toISOString(),
        });
        return;
      }
      case 'expired':
        await this.orders.update(manager, orderId, { status }, now);
        return;
      case 'paid':
        await this.machines.requestDeprovisioning(manager, orderId, reason);
        await this.orders.update(manager, orderId, { status }, now);
        return;
      case 'cancelled':
      case 'ended':
        // A copy under another event id, or the end of an order cancelled before: its machines are on their way out.
        return;
      case 'unavailable':
      case 'failed':
        this.logger.warn(`order ${orderId} is over (${reason}), but nothing was ever held or built for it (${request.status})`);
        return;
    }
  }
}
