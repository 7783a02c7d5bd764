import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { capacityReleasedV1 } from '@rental/contracts';
import { type ArmedTimer, OnTimer, TimerContext } from '@rental/timers';
import { releaseOrderHold } from '../../domain/order-hold';
import { HOLD_EXPIRY_TIMER, type HoldExpiryPayload } from '../common/provisioning-timers';
import { HostStore } from '../ports/host-store';
import { OrderRequestStore } from '../ports/order-request-store';

/**
 * The payment window closed: a hold still unpaid is given back (capacity.released, hold_expired).
 * The timer fires once even with several instances. order.paid disarms it (before it locks the
 * order, the order in which the timer fires); a cancellation leaves it: it finds nothing to release.
 */
@Injectable()
export class HoldExpiryHandler {
  constructor(
    private readonly orders: OrderRequestStore,
    private readonly hosts: HostStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @OnTimer(HOLD_EXPIRY_TIMER)
  async onHoldExpired(timer: ArmedTimer<HoldExpiryPayload>, ctx: TimerContext): Promise<void> {
    const { orderId } = timer.payload;
    const request = await this.orders.lock(ctx.manager, orderId);
    if (request === null || request.status !== 'reserved') return;
    const now = this.clock.now();
    const hosts = await this.hosts.lockLocation(ctx.manager, request.locationCode);
    await this.hosts.record(ctx.manager, releaseOrderHold(hosts, request.holdId as string, now));
    await this.orders.update(ctx.manager, orderId, { status: 'expired' }, now);
    await ctx.publish(capacityReleasedV1, orderId, {
      orderId,
      holdId: request.holdId as string,
      reason: 'hold_expired',
      releasedAt: now.toISOString(),
    });
  }
}
