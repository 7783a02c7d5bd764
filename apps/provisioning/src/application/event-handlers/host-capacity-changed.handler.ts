import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, hostCapacityChangedV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { changeHostCapacity } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { HostStore } from '../ports/host-store';

/** host.capacity.changed: the host's total changes, never below what it holds or runs. */
@Injectable()
export class HostCapacityChangedHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(hostCapacityChangedV1)
  async onHostCapacityChanged(event: EventEnvelope<PayloadOf<typeof hostCapacityChangedV1>>, ctx: EventContext): Promise<void> {
    const { hostId, capacity } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answers.answerHost(ctx, hostId, changeHostCapacity(host ?? null, hostId, capacity, now), now);
  }
}
