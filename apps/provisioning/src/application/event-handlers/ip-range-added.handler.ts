import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, ipRangeAddedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { addIpRange } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { HostStore } from '../ports/host-store';
import { IpPoolStore } from '../ports/ip-pool-store';

/** ip-range.added: a new range joins its location's address pool (see addIpRange for when it may not). */
@Injectable()
export class IpRangeAddedHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly pools: IpPoolStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(ipRangeAddedV1)
  async onIpRangeAdded(event: EventEnvelope<PayloadOf<typeof ipRangeAddedV1>>, ctx: EventContext): Promise<void> {
    const { rangeId, locationCode, cidr } = event.payload;
    const { manager } = ctx;
    const now = this.clock.now();
    const pool = await this.pools.lock(manager, locationCode);
    const context = {
      sameId: await this.pools.findRange(manager, rangeId),
      live: await this.pools.liveRanges(manager),
      hostsInService: await this.hosts.inService(manager, locationCode),
    };
    await this.answers.answerRange(ctx, rangeId, addIpRange({ rangeId, locationCode, cidr }, context, pool, now), now);
  }
}
