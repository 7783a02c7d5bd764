import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, orderExtendedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { intervalOf } from '../../domain/calendar';
import { fitsWithin, formatCapacity } from '../../domain/capacity';
import { HostStore } from '../ports/host-store';
import { OrderRequestStore } from '../ports/order-request-store';

/**
 * order.extended: the rental ends later, so its machines occupy their hosts and addresses until
 * the new end; the calendars must say so, or another rental would be promised the same room. The
 * extension is paid, so it is applied even where it overbooks a host; that is logged for people.
 */
@Injectable()
export class OrderExtendedHandler {
  private readonly logger = new Logger(OrderExtendedHandler.name);

  constructor(
    private readonly hosts: HostStore,
    private readonly orders: OrderRequestStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(orderExtendedV1)
  async onOrderExtended(event: EventEnvelope<PayloadOf<typeof orderExtendedV1>>, ctx: EventContext): Promise<void> {
    const { orderId, previousEnd, newEnd } = event.payload;
    const { manager } = ctx;
    const request = await this.orders.lock(manager, orderId);
    // Events of one order share a partition, so order.placed was handled first: missing means it never came.
    if (request === null) throw new Error(`order ${orderId} was extended, but provisioning never received its order.placed`);
    const now = this.clock.now();
    const until = new Date(newEnd);
    const hosts = await this.hosts.lockLocation(manager, request.locationCode);
    const events = hosts.flatMap((host) => host.moveRentalEnd(orderId, until, now));
    await this.hosts.record(manager, events);
    await this.orders.update(manager, orderId, { periodEnd: until }, now);

    const extension = intervalOf(new Date(previousEnd), until);
    for (const host of hosts.filter((candidate) => events.some((moved) => moved.hostId === candidate.id))) {
      const { total } = host.snapshot();
      const used = host.usedOver(extension, now);
      if (!fitsWithin(used, total)) {
        this.logger.warn(
          `order ${orderId} extended to ${newEnd}: host ${host.id} is promised ${formatCapacity(used)} at once before then, ` +
            `more than its ${formatCapacity(total)}`,
        );
      }
    }
  }
}
