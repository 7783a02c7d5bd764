import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, hostRegisteredV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { registerHost } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { HostStore } from '../ports/host-store';

/** host.registered: a new host joins its location, the same one again changes nothing, and a clash with what the id already is is refused. */
@Injectable()
export class HostRegisteredHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(hostRegisteredV1)
  async onHostRegistered(event: EventEnvelope<PayloadOf<typeof hostRegisteredV1>>, ctx: EventContext): Promise<void> {
    const { hostId, locationCode, capacity } = event.payload;
    const now = this.clock.now();
    const [existing] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    const decision = registerHost(existing ?? null, { id: hostId, locationCode, total: capacity }, now);
    await this.answers.answerHost(ctx, hostId, decision, now);
  }
}
