import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { capacityReleasedV1 } from '@rental/contracts';
import { type ArmedTimer, OnTimer, TimerContext } from '@rental/timers';
import { OrderRequestRepository } from '../infrastructure/order-request.repository';
import { HOLD_EXPIRY_TIMER, type HoldExpiryPayload, OrderHolds } from './order-holds';

/**
 * The payment window closed: a hold still unpaid is given back (capacity.released, hold_expired).
 * The timer fires once even with several instances; an order paid or cancelled meanwhile has
 * nothing left to release, so the timer is never disarmed (disarming would take its row lock
 * after the order's, the opposite of the order in which it fires).
 */
@Injectable()
export class HoldExpiryHandler {
  constructor(
    private readonly orders: OrderRequestRepository,
    private readonly holds: OrderHolds,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnTimer(HOLD_EXPIRY_TIMER)
  async onHoldExpired(timer: ArmedTimer<HoldExpiryPayload>, ctx: TimerContext): Promise<void> {
    const { orderId } = timer.payload;
    const request = await this.orders.lock(ctx.manager, orderId);
    if (request === null || request.status !== 'reserved') return;
    const now = this.clock.now();
    await this.holds.release(ctx.manager, request, now);
    await this.orders.update(ctx.manager, orderId, { status: 'expired' }, now);
    await ctx.publish(capacityReleasedV1, orderId, {
      orderId,
      holdId: request.holdId as string,
      reason: 'hold_expired',
      releasedAt: now.toISOString(),
    });
  }
}
