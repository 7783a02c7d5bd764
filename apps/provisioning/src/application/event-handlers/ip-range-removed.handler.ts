import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, ipRangeRemovedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { removeIpRange } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { IpPoolStore } from '../ports/ip-pool-store';
import { OrderRequestStore } from '../ports/order-request-store';

/** ip-range.removed: the range leaves its pool, while no machine has one of its addresses and the rentals to come can do without it. */
@Injectable()
export class IpRangeRemovedHandler {
  constructor(
    private readonly pools: IpPoolStore,
    private readonly orders: OrderRequestStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(ipRangeRemovedV1)
  async onIpRangeRemoved(event: EventEnvelope<PayloadOf<typeof ipRangeRemovedV1>>, ctx: EventContext): Promise<void> {
    const { rangeId } = event.payload;
    const { manager } = ctx;
    const now = this.clock.now();
    const range = await this.pools.findRange(manager, rangeId);
    // The pool is locked before the holds are counted: a reservation in the location waits for this
    // decision and then sees the smaller pool, or has committed its hold before the count.
    const removal =
      range === null
        ? null
        : {
            range,
            pool: await this.pools.lock(manager, range.locationCode),
            addressNeeds: await this.orders.addressNeeds(manager, range.locationCode, now),
          };
    await this.answers.answerRange(ctx, rangeId, removeIpRange(rangeId, removal, now), now);
  }
}
