import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@rental/clock';
import { type EventEnvelope, hostMaintenanceScheduledV1, type PayloadOf } from '@rental/contracts';
import { EventContext, HandleEvent } from '@rental/messaging';
import { scheduleHostMaintenance } from '../../domain/inventory-change';
import { InventoryAnswers } from '../common/inventory-answers';
import { HostStore } from '../ports/host-store';

/** host.maintenance.scheduled: no new placements on the host from then on; what runs there stays. */
@Injectable()
export class HostMaintenanceScheduledHandler {
  constructor(
    private readonly hosts: HostStore,
    private readonly answers: InventoryAnswers,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @HandleEvent(hostMaintenanceScheduledV1)
  async onHostMaintenanceScheduled(event: EventEnvelope<PayloadOf<typeof hostMaintenanceScheduledV1>>, ctx: EventContext): Promise<void> {
    const { hostId, from, reason } = event.payload;
    const now = this.clock.now();
    const [host] = await this.hosts.lockHosts(ctx.manager, [hostId]);
    await this.answers.answerHost(ctx, hostId, scheduleHostMaintenance(host ?? null, hostId, new Date(from), reason, now), now);
  }
}
