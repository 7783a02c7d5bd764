import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, hostRetiredV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { retireHost } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { HostStore } from '../ports/host-store';

/** host.retired: the host leaves the inventory, if it is empty. */
@Injectable()
export class HostRetiredHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(hostRetiredV1)
  async onHostRetired(event: EventEnvelope<PayloadOf<typeof hostRetiredV1>>, ctx: EventContext): Promise<void> {
    const { hostId } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answers.answerHost(ctx, hostId, retireHost(host ?? null, hostId, now), now);
  }
}
