import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { capacityReleasedV1 } from '@rental/contracts';
import type { EventContext } from '@rental/messaging';
import { DurableTimers } from '@rental/timers';
import type { DeprovisionReason } from '../../domain/machine';
import { holdLapsed, releaseOrderHold } from '../../domain/order-hold';
import { HostStore } from '../ports/host-store';
import { MachineStore } from '../ports/machine-store';
import { OrderRequestStore } from '../ports/order-request-store';
import { PROVISIONING_START_TIMER } from './provisioning-timers';

/**
 * An order is over, cancelled (order.cancelled) or at its end (order.ended): the hold of an order
 * not yet provisioned (unpaid, or paid and waiting for its start) is given back at once; a
 * provisioned order's machines are all asked to be taken back, and the machine job worker does it
 * (stop, wipe, destroy, then release the allocation and address and publish
 * machine.deprovisioned), whatever state each machine is in, including one whose provisioning is
 * still running. Nothing slow happens here.
 */
@Injectable()
export class OrderTakeBack {
  private readonly logger = new Logger(OrderTakeBack.name);

  constructor(
    private readonly orders: OrderRequestStore,
    private readonly machines: MachineStore,
    private readonly hosts: HostStore,
    private readonly timers: DurableTimers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async takeBack(orderId: string, reason: DeprovisionReason, ctx: EventContext): Promise<void> {
    const { manager } = ctx;
    // Nothing is to be built once the rental is over. Disarmed before the order is locked, in the
    // order the timer runner takes the two locks: if it is firing now, this waits, then finds the machines.
    await this.timers.cancel(manager, PROVISIONING_START_TIMER, orderId);
    const request = await this.orders.lock(manager, orderId);
    // Events of one order share a partition, so order.placed was handled first: missing means it never came.
    if (request === null) throw new Error(`order ${orderId} is over (${reason}), but provisioning never received its order.placed`);
    const now = this.clock.now();
    const status = reason === 'order_cancelled' ? 'cancelled' : 'ended';
    switch (request.status) {
      case 'reserved':
      case 'scheduled': {
        if (reason === 'rental_ended' && request.status === 'reserved') {
          // An unpaid order cannot reach its end; its hold lapses with its timer.
          this.logger.warn(`order ${orderId} ended unpaid: its hold is left to lapse`);
          return;
        }
        const lapsed = holdLapsed(request, now);
        const hosts = await this.hosts.lockLocation(manager, request.locationCode);
        await this.hosts.record(manager, releaseOrderHold(hosts, request.holdId as string, now));
        await this.orders.update(manager, orderId, { status }, now);
        if (reason === 'rental_ended') {
          // Only after an outage as long as the rental: the start timer, long due, had not fired. capacity.released
          // tells of a cancellation or a lapse, neither of which this is.
          this.logger.warn(`order ${orderId} ended before its provisioning started: its paid hold is given back`);
          return;
        }
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
